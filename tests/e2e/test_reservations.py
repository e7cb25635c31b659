"""A reservation as an attacker sees it: it holds the file and everything made from it, so
usage never passes the quota; and it is used once, so a presigned form POSTed again (S3
accepts it until it expires) changes nothing and brings nothing back."""

import hashlib
import io
import os
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from PIL import Image

from gallery.config import Plan, get_settings
from gallery.rendition_limits import DERIVED_MAX_BYTES, PREVIEW_MAX_BYTES, THUMBNAIL_MAX_BYTES
from gallery.storage import s3
from tests.support import drain_ingest, object_exists, png_bytes

UPLOADS = "/api/v1/uploads"
USAGE = "/api/v1/files/storage-usage"
ROW = """
select status, file_size_bytes, thumbnails_size_bytes, content_sha256, s3_key,
       thumbnail_256_key, thumbnail_512_key, preview_avif_key, preview_webp_key
  from images where image_id = %s
"""


def tiled_png(side: int = 1536, tile: int = 16) -> bytes:
    """A random tile repeated: ~100 KB of PNG whose renditions, unbounded, were ~3.7 MB."""
    piece = Image.frombytes("RGB", (tile, tile), os.urandom(tile * tile * 3))
    image = Image.new("RGB", (side, side))
    for x in range(0, side, tile):
        for y in range(0, side, tile):
            image.paste(piece, (x, y))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def reserve(user, size: int) -> httpx.Response:
    return user.post(UPLOADS, json={"content_type": "image/png", "size_bytes": size})


def post(ticket: dict, data: bytes) -> None:
    form = ticket["upload"]
    answer = httpx.post(form["url"], data=form["fields"], files={"file": ("f", data)})
    assert answer.status_code == 204, answer.text


def uploaded(stack, user, data: bytes) -> dict:
    ticket = reserve(user, 10_000).json()  # room for a second file in the form
    post(ticket, data)
    drain_ingest(stack, ticket["image_id"], user.user_id)
    return ticket


def object_size(key: str) -> int:
    return s3.client().head_object(Bucket=get_settings().bucket_name, Key=key)["ContentLength"]


def versions(key: str) -> list[dict]:
    answer = s3.client().list_object_versions(Bucket=get_settings().bucket_name, Prefix=key)
    return answer.get("Versions", [])


def test_derived_files_are_reserved_with_the_original_and_usage_never_passes_the_quota(
    stack, new_user, owner_db, monkeypatch
):
    data = tiled_png()
    quota = 2 * (len(data) + DERIVED_MAX_BYTES) + 1000  # two uploads and what they make
    monkeypatch.setitem(get_settings().plans, "tight", Plan(quota_bytes=quota))
    user = new_user("tight")
    answers = [reserve(user, len(data)) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 413]
    assert answers[2].json()["error"]["details"]["requested_bytes"] == (
        len(data) + DERIVED_MAX_BYTES
    )
    for answer in answers[:2]:
        post(answer.json(), data)
        drain_ingest(stack, answer.json()["image_id"], user.user_id)
    total = 0
    for answer in answers[:2]:
        row = owner_db.execute(ROW, [answer.json()["image_id"]]).fetchone()
        assert row["status"] == "ready"
        assert row["thumbnails_size_bytes"] <= DERIVED_MAX_BYTES
        caps = {"thumbnail_256_key": THUMBNAIL_MAX_BYTES[256],
                "thumbnail_512_key": THUMBNAIL_MAX_BYTES[512],
                "preview_avif_key": PREVIEW_MAX_BYTES["avif"],
                "preview_webp_key": PREVIEW_MAX_BYTES["webp"]}  # fmt: skip
        sizes = {column: object_size(row[column]) for column in caps}
        assert all(sizes[column] <= cap for column, cap in caps.items()), sizes
        assert sum(sizes.values()) == row["thumbnails_size_bytes"]
        total += row["file_size_bytes"] + row["thumbnails_size_bytes"]
    usage = user.get(USAGE).json()
    assert usage["used_bytes"] == total <= quota
    assert usage["reserved_bytes"] == 0


@pytest.mark.parametrize("again", ["another image", "not an image"])
def test_a_form_used_again_after_its_upload_changes_nothing(stack, user, owner_db, again):
    first = png_bytes(64, 48, colour=(10, 20, 30))
    ticket = uploaded(stack, user, first)
    image_id = ticket["image_id"]
    before = owner_db.execute(ROW, [image_id]).fetchone()
    usage = user.get(USAGE).json()
    assert before["status"] == "ready"

    post(ticket, png_bytes(80, 60, colour=(200, 0, 0)) if again == "another image" else b"junk")
    drain_ingest(stack)
    assert owner_db.execute(ROW, [image_id]).fetchone() == before
    assert s3.get_bytes(before["s3_key"], 10**6) == first  # the first bytes are current again
    assert len(versions(before["s3_key"])) == 1  # exactly the reused form's version went
    assert all(object_exists(before[k]) for k in ("thumbnail_256_key", "preview_avif_key"))
    assert user.get(USAGE).json() == usage


@pytest.mark.parametrize("gone_by", ["purge", "delete everything"])
def test_a_form_used_again_after_its_image_is_gone_brings_nothing_back(stack, new_user, gone_by):
    user = new_user()
    ticket = uploaded(stack, user, png_bytes(64, 48))
    image_id = ticket["image_id"]
    if gone_by == "purge":
        assert user.delete(f"/api/v1/files/images/{image_id}").status_code == 200
        assert user.delete("/api/v1/files/trash").status_code == 200
    else:
        everything = user.delete("/api/v1/files/me/data", params={"confirm": "delete-everything"})
        assert everything.status_code == 200
    key = ticket["upload"]["fields"]["key"]
    assert not object_exists(key)

    post(ticket, png_bytes(64, 48, colour=(0, 255, 0)))
    drain_ingest(stack)
    assert not object_exists(key)
    assert user.get(f"/api/v1/uploads/{image_id}").status_code == 404
    usage = user.get(USAGE).json()
    assert (usage["used_bytes"], usage["image_count"]) == (0, 0)


def test_two_posts_of_one_form_before_ingest_make_one_image_of_one_version(stack, user, owner_db):
    drain_ingest(stack)
    ticket = reserve(user, 10_000).json()
    first, second = png_bytes(64, 48, colour=(1, 1, 1)), png_bytes(90, 70, colour=(2, 2, 2))
    post(ticket, first)
    post(ticket, second)
    drain_ingest(stack)
    row = owner_db.execute(ROW, [ticket["image_id"]]).fetchone()
    assert row["status"] == "ready"
    current = s3.get_bytes(row["s3_key"], 10**6)
    assert hashlib.sha256(current).hexdigest() == row["content_sha256"]
    assert current in (first, second)
    assert len(versions(row["s3_key"])) == 1


def test_a_form_lives_five_minutes(user):
    ticket = reserve(user, 1000).json()
    lifetime = datetime.fromisoformat(ticket["expires_at"]) - datetime.now(UTC)
    assert timedelta(minutes=4) < lifetime <= timedelta(minutes=5)


def test_open_reservations_are_capped_and_a_landed_upload_frees_its_place(stack, user, monkeypatch):
    monkeypatch.setattr(get_settings(), "upload_open_reservations_max", 3)
    held = [reserve(user, 10_000) for _ in range(3)]
    assert [a.status_code for a in held] == [200, 200, 200]
    refused = reserve(user, 10_000)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 15
    post(held[0].json(), png_bytes(64, 48))
    drain_ingest(stack, held[0].json()["image_id"], user.user_id)
    assert reserve(user, 10_000).status_code == 200


def test_reservations_are_made_no_faster_than_the_token_bucket_allows(stack, new_user, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from gallery import clock

    monkeypatch.setattr(get_settings(), "upload_burst", 5)
    monkeypatch.setattr(get_settings(), "upload_rate_per_minute", 30)  # one per 2 s
    user = new_user()
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: reserve(user, 1000), range(12)))
    codes = sorted(a.status_code for a in answers)
    assert codes == [200] * 5 + [429] * 7  # the burst, exactly, under concurrency
    waits = {int(a.headers["Retry-After"]) for a in answers if a.status_code == 429}
    assert waits <= {1, 2}
    later = datetime.now(UTC) + timedelta(seconds=2.5)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert reserve(user, 1000).status_code == 200  # one token back
    assert reserve(user, 1000).status_code == 429


def test_the_maintenance_forgets_refused_uploads_after_a_day(stack, user, owner_db):
    from gallery.services.maintenance import run_maintenance

    image_id = reserve(user, 1000).json()["image_id"]
    owner_db.execute(
        "update images set reservation_expires_at = now() - interval '1 second'"
        " where image_id = %s", [image_id],
    )  # fmt: skip
    run_maintenance()
    assert user.get(f"{UPLOADS}/{image_id}").json()["status"] == "rejected"
    run_maintenance()
    assert user.get(f"{UPLOADS}/{image_id}").status_code == 200  # kept for its status
    owner_db.execute(
        "update images set ingested_at = now() - interval '25 hours' where image_id = %s",
        [image_id],
    )
    assert run_maintenance()["rejected_uploads_forgotten"] >= 1
    assert user.get(f"{UPLOADS}/{image_id}").status_code == 404
    assert (
        owner_db.execute("select 1 from images where image_id = %s", [image_id]).fetchone() is None
    )
