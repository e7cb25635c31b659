"""Uploads end to end: reservation over HTTP, the file POSTed to S3 (moto over HTTP), the S3
event through SQS into the ingest handler, the result read back over HTTP."""

import base64
import io
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from PIL import Image

from gallery.rendition_limits import DERIVED_MAX_BYTES
from gallery.storage import s3
from tests.support import drain_ingest, object_exists, png_bytes

UPLOADS = "/api/v1/uploads"


class Ticket:
    """The answer of POST /uploads, shaped like the service's."""

    def __init__(self, body: dict):
        self.image_id = uuid.UUID(body["image_id"])
        self.upload = type("Upload", (), body["upload"])


def reserve(user, data: bytes, content_type="image/png", **fields) -> httpx.Response:
    body = {"content_type": content_type, "size_bytes": len(data) or 1, **fields}
    return user.post(UPLOADS, json=body)


def upload(stack, user, data: bytes, content_type="image/png", stored=False, **fields):
    """Reserves and posts ``data`` with the presigned form; with ``stored``, writes it to the
    key directly instead (bytes S3's form checks would refuse: ingest checks them again)."""
    answer = reserve(user, data, content_type, **fields)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    if stored:
        s3.put_object(body["upload"]["fields"]["key"], data, content_type)
    else:
        form = body["upload"]["fields"]
        posted = httpx.post(body["upload"]["url"], data=form, files={"file": ("f", data)})
        assert posted.status_code == 204, posted.text
    image_id = uuid.UUID(body["image_id"])
    drain_ingest(stack, image_id, user.user_id)
    return image_id, user.get(f"{UPLOADS}/{image_id}").json()


def key_of(owner_db, image_id) -> dict:
    return owner_db.execute(
        "select s3_key, thumbnail_256_key, thumbnail_512_key, file_size_bytes,"
        " thumbnails_size_bytes, status from images where image_id = %s",
        [image_id],
    ).fetchone()


def webp_size(url: str) -> tuple[int, int]:
    answer = httpx.get(url)
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    image = Image.open(io.BytesIO(answer.content))
    assert image.format == "WEBP"
    assert "exif" not in image.info  # metadata stripped
    assert "icc_profile" not in image.info
    return image.size


def test_a_png_becomes_a_ready_image_with_both_thumbnails(stack, user):
    image_id, status = upload(
        stack, user, png_bytes(1200, 600), prompt="노을 진 바다", tags=["바다"]
    )
    assert status == {"image_id": str(image_id), "status": "ready", "reason": None}
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert (image["width"], image["height"]) == (1200, 600)
    assert image["prompt"] == "노을 진 바다" and image["tags"] == ["바다"]
    assert webp_size(image["thumbnail_512_url"]) == (512, 256)
    assert webp_size(image["thumbnail_256_url"]) == (256, 128)
    assert httpx.get(image["image_url"]).content[:8] == b"\x89PNG\r\n\x1a\n"
    usage = user.get("/api/v1/files/storage-usage").json()
    assert usage["reserved_bytes"] == 0
    assert usage["image_count"] == 1
    assert usage["used_bytes"] > len(png_bytes(1200, 600))  # original and thumbnails


def test_a_jpeg_with_exif_rotation_comes_out_upright(stack, user):
    wide = Image.new("RGB", (400, 200), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated a quarter turn clockwise
    out = io.BytesIO()
    wide.save(out, "JPEG", exif=exif)
    image_id, status = upload(stack, user, out.getvalue(), content_type="image/jpeg")
    assert status["status"] == "ready"
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert (image["width"], image["height"]) == (200, 400)
    assert webp_size(image["thumbnail_512_url"]) == (200, 400)  # never enlarged
    assert webp_size(image["thumbnail_256_url"]) == (128, 256)


def test_png_text_chunks_fill_the_prompt_and_model(stack, user):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text(
        "parameters",
        "우주복을 입은 고양이, 8k\nNegative prompt: blurry\n"
        "Steps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 4242, Model: sdxl_base",
    )
    data = png_bytes(80, 80, pnginfo=info)
    answer = user.post(UPLOADS, json={"content_type": "image/png", "size_bytes": len(data)})
    body = answer.json()
    httpx.post(body["upload"]["url"], data=body["upload"]["fields"], files={"file": ("f", data)})
    drain_ingest(stack, uuid.UUID(body["image_id"]), user.user_id)
    image = user.get(f"/api/v1/files/images/{body['image_id']}").json()
    assert image["prompt"] == "우주복을 입은 고양이, 8k"
    assert image["negative_prompt"] == "blurry"
    assert image["model"] == "sdxl_base"
    assert image["seed"] == 4242
    assert image["params"]["Steps"] == "30"


TRUNCATED = png_bytes(300, 300)[:-200]


def huge_header() -> bytes:
    """A 70-byte PNG claiming 50,000 x 50,000 pixels: 2.5 billion, 7.5 GB decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"just some text, not an image", "unsupported_type"),
        (TRUNCATED, "corrupt"),
        pytest.param(b"", "empty", marks=pytest.mark.stored),
        (huge_header(), "too_many_pixels"),
    ],
    ids=["text-as-png", "truncated", "zero-bytes", "50000x50000"],
)
def test_bad_files_are_rejected_with_a_reason_and_leave_nothing(
    stack, user, owner_db, data, reason, request
):
    stored = request.node.get_closest_marker("stored") is not None
    image_id, status = upload(stack, user, data, stored=stored)
    assert status["status"] == "rejected"
    assert status["reason"].startswith(reason), status
    row = key_of(owner_db, image_id)
    assert not object_exists(row["s3_key"])
    usage = user.get("/api/v1/files/storage-usage").json()
    assert (usage["used_bytes"], usage["reserved_bytes"], usage["image_count"]) == (0, 0, 0)
    assert user.get(f"/api/v1/files/images/{image_id}").status_code == 404


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"file": b"x" * 1001}, 400, "EntityTooLarge"),
        ({"file": b""}, 400, "EntityTooSmall"),
        ({"Content-Type": "text/html"}, 403, "AccessDenied"),
        ({"key": "users/someone-else/images/x.png"}, 403, "AccessDenied"),
        ({"success_action_redirect": "https://evil.example/"}, 403, "AccessDenied"),
        ({"x-amz-signature": "0" * 64}, 403, "SignatureDoesNotMatch"),
    ],
    ids=["too-large", "empty", "other-type", "other-key", "extra-field", "forged"],
)
def test_s3_refuses_a_form_outside_its_policy_and_stores_nothing(stack, user, change, status,
                                                                  code):  # fmt: skip
    body = reserve(user, b"x" * 1000).json()
    form = {**body["upload"]["fields"], **{k: v for k, v in change.items() if k != "file"}}
    data = change.get("file", b"x" * 1000)
    posted = httpx.post(body["upload"]["url"], data=form, files={"file": ("f", data)})
    assert (posted.status_code, f"<Code>{code}</Code>" in posted.text) == (status, True)
    assert not object_exists(body["upload"]["fields"]["key"])


def test_an_object_larger_than_its_reservation_is_rejected(stack, user, owner_db):
    small, large = png_bytes(10, 10), png_bytes(600, 600, colour=(1, 2, 3))
    answer = reserve(user, small)
    body = answer.json()
    # S3 refuses the form (above); should the bytes differ anyway, ingest refuses them
    s3.put_object(body["upload"]["fields"]["key"], large, "image/png")
    drain_ingest(stack, uuid.UUID(body["image_id"]), user.user_id)
    status = user.get(f"{UPLOADS}/{body['image_id']}").json()
    assert status["status"] == "rejected"
    assert status["reason"].startswith("larger_than_declared")
    assert not object_exists(key_of(owner_db, body["image_id"])["s3_key"])
    assert user.get("/api/v1/files/storage-usage").json()["used_bytes"] == 0


def test_the_presigned_post_pins_key_type_and_size(stack, user):
    body = reserve(user, b"x" * 1000).json()
    fields = body["upload"]["fields"]
    policy = json.loads(base64.b64decode(fields["policy"]))
    conditions = policy["conditions"]
    assert {"Content-Type": "image/png"} in conditions
    assert ["content-length-range", 1, 1000] in conditions
    assert {"key": f"users/{user.user_id}/images/{body['image_id']}.png"} in conditions
    assert fields["key"] == f"users/{user.user_id}/images/{body['image_id']}.png"
    assert {"bucket": stack.environment()["GALLERY_BUCKET_NAME"]} in conditions


def test_a_reservation_counts_against_the_quota_until_it_lands(stack, user):
    reserve(user, b"x" * 5000)
    # the file and the bounded renditions made from it
    assert user.get("/api/v1/files/storage-usage").json()["reserved_bytes"] == (
        5000 + DERIVED_MAX_BYTES
    )


def test_an_upload_that_cannot_fit_gets_413_and_reserves_nothing(stack, user):
    quota = user.get("/api/v1/files/storage-usage").json()["quota_bytes"]
    answer = user.post(UPLOADS, json={"content_type": "image/png", "size_bytes": quota + 1})
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] in ("quota_exceeded", "file_too_large")
    assert user.get("/api/v1/files/storage-usage").json()["reserved_bytes"] == 0


def test_concurrent_reservations_at_the_quota_edge_never_exceed_it(stack, new_user, monkeypatch):
    from gallery.config import Plan, get_settings

    # A small plan, in the gateway's own settings (it runs in this process).
    piece = 1001 + DERIVED_MAX_BYTES  # each file's reservation: nine fit, ten do not
    monkeypatch.setitem(get_settings().plans, "tiny", Plan(quota_bytes=9 * piece + 1000))
    user = new_user("tiny")

    def reserve_piece(_):
        return user.post(UPLOADS, json={"content_type": "image/png", "size_bytes": 1001})

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(reserve_piece, range(20)))
    codes = [a.status_code for a in answers]
    assert codes.count(200) == 9
    assert codes.count(413) == 11
    assert {a.json()["error"]["code"] for a in answers if a.status_code == 413} == {
        "quota_exceeded"
    }
    usage = user.get("/api/v1/files/storage-usage").json()
    assert usage["reserved_bytes"] == 9 * piece
    assert usage["reserved_bytes"] <= usage["quota_bytes"]


def test_a_known_sha256_answers_duplicate_of_and_reserves_nothing(stack, user):
    import hashlib

    data = png_bytes(33, 33)
    image_id, _ = upload(stack, user, data)
    again = reserve(user, data, sha256=hashlib.sha256(data).hexdigest())
    assert again.status_code == 200
    assert again.json() == {"duplicate_of": str(image_id)}
    assert user.get("/api/v1/files/storage-usage").json()["reserved_bytes"] == 0


@pytest.mark.parametrize(
    "body",
    [
        {"content_type": "image/gif", "size_bytes": 10},
        {"content_type": "image/png", "size_bytes": 0},
        {"content_type": "image/png", "size_bytes": "big"},
        {"content_type": "image/png", "size_bytes": 10, "sha256": "abc"},
        {"content_type": "image/png", "size_bytes": 10, "params": [1, 2]},
        {"content_type": "image/png", "size_bytes": 10, "prompt": "a\x00b"},
        {"size_bytes": 10},
    ],
)
def test_bad_upload_requests_answer_422(user, body):
    assert user.post(UPLOADS, json=body).status_code == 422


def test_uploading_into_another_users_folder_is_404(user, other_user):
    theirs = other_user.post("/api/v1/files/folders", json={"name": "x"}).json()["folder_id"]
    answer = user.post(
        UPLOADS, json={"content_type": "image/png", "size_bytes": 10, "folder_id": theirs}
    )
    assert answer.status_code == 404


def test_another_users_upload_status_is_404(stack, user, other_user):
    body = reserve(user, b"x" * 10).json()
    assert other_user.get(f"{UPLOADS}/{body['image_id']}").status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"a\x00": 1}, {"a": "b\x00"}, {"deep": [{"x": "\x00"}]}, {"big": "x" * 20_000}],
)
def test_parameters_that_cannot_be_stored_answer_422(user, params):
    body = {"content_type": "image/png", "size_bytes": 10, "params": params}
    assert user.post(UPLOADS, json=body).status_code == 422


def test_a_lone_surrogate_in_the_body_is_malformed_json(user):
    body = b'{"content_type": "image/png", "size_bytes": 10, "prompt": "\\ud835"}'
    answer = user.post(UPLOADS, content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "malformed_json"


def test_a_png_whose_metadata_loops_or_nests_too_deep_becomes_ready_without_it(stack, user):
    """Such chunks used to raise RecursionError in ingest: three failures, the dead-letter
    queue, and an upload pending for good."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("prompt", json.dumps({
        "1": {"class_type": "KSampler", "inputs": {"positive": ["2", 0], "seed": 3}},
        "2": {"class_type": "ConditioningCombine", "inputs": {"conditioning": ["2", 0]}},
    }))  # fmt: skip
    info.add_text("invokeai_metadata", '{"steps": ' + "[" * 50_000 + "]" * 50_000 + "}")
    image_id, status = upload(stack, user, png_bytes(40, 40, pnginfo=info))
    assert status["status"] == "ready", status
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert image["prompt"] == "" and image["seed"] == 3
