"""Lossless recompression of PNG originals, end to end: ingest queues the PNGs of the plans
that opt in, the job replaces each original by a smaller file with the same pixels and text
chunks (a conditional write to the real S3 API), usage moves by the bytes saved, ingest
leaves the job's own write alone, and the back-fill queues older images once."""

import hashlib
import io
import uuid

import httpx
import pytest
from PIL import Image

from gallery.config import GIB, Plan, get_settings
from gallery.services import recompression
from gallery.storage import s3
from tests.support import PROMPT, drain_ingest, generated_png


@pytest.fixture
def plan_named():
    """Plans added to the running settings for one test (the stack runs in this process)."""
    plans = get_settings().plans
    added: list[str] = []

    def add(name: str, recompress: bool) -> str:
        plans[name] = Plan(quota_bytes=GIB, recompress_originals=recompress)
        added.append(name)
        return name

    yield add
    for name in added:
        plans.pop(name, None)


def _row(owner_db, image_id: uuid.UUID) -> dict:
    return owner_db.execute(
        """select s3_key, file_size_bytes, uploaded_size_bytes, recompression, content_sha256,
                  ingested_at, thumbnail_256_key from images where image_id = %s""",
        [image_id],
    ).fetchone()


def test_a_png_original_is_replaced_by_a_smaller_identical_one(
    new_user, plan_named, add_image, owner_db, stack
):
    user = new_user(plan_named("squeezed", recompress=True))
    data = generated_png()
    image_id = add_image(user.user_id, data=data, width=384, height=256)
    assert _row(owner_db, image_id)["recompression"] == "pending"
    usage_before = user.get("/api/v1/files/storage-usage").json()
    queued = "select count(*) as n from search_outbox where image_id = %s"
    queued_before = owner_db.execute(queued, [image_id]).fetchone()["n"]

    assert recompression.run() == {"recompressed": 1}
    # nothing the search document holds has changed: not queued for the index again
    assert owner_db.execute(queued, [image_id]).fetchone()["n"] == queued_before

    row = _row(owner_db, image_id)
    stored = s3.get_bytes(row["s3_key"], 10**8)
    assert row["recompression"] == "recompressed"
    assert (row["uploaded_size_bytes"], row["file_size_bytes"]) == (len(data), len(stored))
    assert len(stored) < 0.9 * len(data)
    before, after = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(stored))
    assert after.convert("RGBA").tobytes() == before.convert("RGBA").tobytes()
    assert after.text == before.text and PROMPT in after.text["parameters"]
    # The file as uploaded keeps its hash (duplicate detection asks for it).
    assert row["content_sha256"] == hashlib.sha256(data).hexdigest()
    saved = len(data) - len(stored)
    usage = user.get("/api/v1/files/storage-usage").json()
    assert usage["used_bytes"] == usage_before["used_bytes"] - saved
    assert usage["recompression_saved_bytes"] == saved
    # The owner downloads the smaller file.
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert httpx.get(image["image_url"]).content == stored

    # The job's write comes back as an S3 event: ingest knows it and ingests nothing again.
    drain_ingest(stack)
    assert _row(owner_db, image_id) == row  # same ingested_at: not processed again
    assert recompression.run() == {}  # nothing left: each image is taken once

    # Purged: nothing left behind, usage and savings back to zero.
    user.delete(f"/api/v1/files/images/{image_id}")
    user.delete("/api/v1/files/trash")
    usage = user.get("/api/v1/files/storage-usage").json()
    assert (usage["used_bytes"], usage["recompression_saved_bytes"]) == (0, 0)
    assert s3.get_bytes(row["s3_key"], 10**8) is None


def test_only_the_plans_that_opt_in_and_only_what_is_worth_it(
    new_user, plan_named, add_image, owner_db
):
    keeper = new_user(plan_named("exact", recompress=False))
    kept = add_image(keeper.user_id, data=generated_png(1), width=384, height=256)
    squeezed = new_user(plan_named("squeezed", recompress=True))
    tight_png = recompression.recompress_png(
        generated_png(2), level=2, min_saving=0, max_pixels=10**7, timeout_seconds=30
    ).data
    tight = add_image(squeezed.user_id, data=tight_png, width=384, height=256)
    jpeg = io.BytesIO()
    Image.new("RGB", (64, 48), (1, 2, 3)).save(jpeg, "JPEG")
    photo = add_image(squeezed.user_id, data=jpeg.getvalue(), content_type="image/jpeg")

    assert _row(owner_db, kept)["recompression"] is None
    assert _row(owner_db, photo)["recompression"] is None
    assert recompression.run() == {"not_worth_it": 1}
    row = _row(owner_db, tight)
    assert (row["recompression"], row["uploaded_size_bytes"]) == ("not_worth_it", None)
    assert s3.get_bytes(row["s3_key"], 10**8) == tight_png


def test_the_write_is_conditional_on_the_version_read(user, add_image, owner_db):
    """A newer upload between the read and the write is never overwritten."""
    key = _row(owner_db, add_image(user.user_id))["s3_key"]
    data, etag = s3.get_object(key, 10**8)
    newer = generated_png(3)
    s3.put_object(key, newer, "image/png")  # the user uploads again meanwhile
    assert s3.replace_object(key, b"smaller", "image/png", etag) is None
    assert s3.get_bytes(key, 10**8) == newer
    _newer_data, newer_etag = s3.get_object(key, 10**8)
    assert s3.replace_object(key, data, "image/png", newer_etag) not in (None, newer_etag)


def test_the_back_fill_queues_older_pngs_once_their_plan_opts_in(
    new_user, plan_named, add_image, owner_db
):
    user = new_user(plan_named("later", recompress=False))
    image_id = add_image(user.user_id, data=generated_png(4), width=384, height=256)
    assert _row(owner_db, image_id)["recompression"] is None
    assert recompression.queue_older() == 0

    plan_named("later", recompress=True)  # the operator opts the plan in
    assert recompression.queue_older() == 1
    assert recompression.queue_older() == 0  # idempotent
    assert recompression.run() == {"recompressed": 1}
    assert _row(owner_db, image_id)["uploaded_size_bytes"] is not None


def test_one_failing_image_does_not_stop_the_queue(new_user, plan_named, add_image, owner_db,
                                                   monkeypatch):  # fmt: skip
    user = new_user(plan_named("squeezed", recompress=True))
    broken = add_image(user.user_id, data=generated_png(5), width=384, height=256)
    fine = add_image(user.user_id, data=generated_png(6), width=384, height=256)
    broken_key = _row(owner_db, broken)["s3_key"]
    real_get = s3.get_object

    def flaky(key, max_bytes):
        if key == broken_key:
            raise ConnectionError("S3 went away")
        return real_get(key, max_bytes)

    monkeypatch.setattr(s3, "get_object", flaky)
    assert recompression.run() == {"error": 1, "recompressed": 1}
    assert _row(owner_db, broken)["recompression"] == "error"
    assert _row(owner_db, fine)["recompression"] == "recompressed"
