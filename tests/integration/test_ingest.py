"""The ingest handler under duplicate, repeated, reordered and unannounced deliveries."""

import json
import uuid

import httpx

from devstack.gateway import LambdaContext
from gallery import db
from gallery.auth import Caller
from gallery.models.uploads import UploadRequest
from gallery.repositories import storage_usage
from gallery.services import uploads
from gallery.storage import s3
from ingest.handler import lambda_handler
from tests.support import drain_ingest, object_exists, png_bytes

USAGE = "select used_bytes, image_count from storage_usage where user_id = %s"
SIZES = "select file_size_bytes + thumbnails_size_bytes as total from images where image_id = %s"


def receive_events(stack) -> list[dict]:
    """Takes every queued S3 event off the real queue without processing it."""
    sqs = stack.objects.client("sqs")
    taken = []
    while True:
        answer = sqs.receive_message(QueueUrl=stack.objects.queue_url, MaxNumberOfMessages=10)
        messages = answer.get("Messages", [])
        if not messages:
            return taken
        for m in messages:
            sqs.delete_message(QueueUrl=stack.objects.queue_url, ReceiptHandle=m["ReceiptHandle"])
        taken += messages


def sqs_event(bodies: list[str]) -> dict:
    queue = "arn:aws:sqs:ap-northeast-2:000000000000:q"
    records = [
        {"messageId": str(uuid.uuid4()), "receiptHandle": "r", "body": body, "attributes": {},
         "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
         "eventSourceARN": queue, "awsRegion": "ap-northeast-2"}
        for body in bodies
    ]  # fmt: skip
    return {"Records": records}


def ingest(bodies: list[str]) -> dict:
    return lambda_handler(sqs_event(bodies), LambdaContext("ingest", "t"))


def with_sequencer(body: str, sequencer: str) -> str:
    event = json.loads(body)
    event["Records"][0]["s3"]["object"]["sequencer"] = sequencer
    return json.dumps(event)


def reserve_and_post(stack, user_id, data: bytes):
    drain_ingest(stack)  # nothing of other tests left in the queue
    ticket = uploads.create_upload(
        Caller(user_id=user_id), UploadRequest(content_type="image/png", size_bytes=len(data))
    )
    form = ticket.upload.fields
    assert httpx.post(ticket.upload.url, data=form, files={"file": ("f", data)}).status_code == 204
    bodies = [m["Body"] for m in receive_events(stack)]
    originals = [b for b in bodies if f"{ticket.image_id}.png" in b]
    assert len(originals) == 1
    return ticket.image_id, originals[0]


def test_the_same_event_three_times_yields_one_image_and_exact_usage(stack, user, owner_db):
    image_id, body = reserve_and_post(stack, user.user_id, png_bytes(120, 90))
    assert ingest([body, body, body]) == {"batchItemFailures": []}
    assert ingest([body]) == {"batchItemFailures": []}
    assert uploads.upload_status(Caller(user_id=user.user_id), image_id).status == "ready"
    usage = owner_db.execute(USAGE, [user.user_id]).fetchone()
    assert usage["image_count"] == 1
    assert usage["used_bytes"] == owner_db.execute(SIZES, [image_id]).fetchone()["total"]


def test_an_older_event_after_a_newer_one_changes_nothing(stack, user, owner_db):
    image_id, body = reserve_and_post(stack, user.user_id, png_bytes(50, 50))
    newer, older = (
        with_sequencer(body, "0062E5A1B2C3D4E5F6"),
        with_sequencer(body, "0062E5A1B2C3D4E5F5"),
    )
    ingest([newer])
    before = owner_db.execute("select * from images where image_id = %s", [image_id]).fetchone()
    ingest([older])
    after = owner_db.execute("select * from images where image_id = %s", [image_id]).fetchone()
    assert after == before
    assert owner_db.execute(USAGE, [user.user_id]).fetchone()["image_count"] == 1


def test_an_object_written_without_a_reservation_is_removed_and_counts_nothing(stack, user):
    image_id = uuid.uuid4()
    key = f"users/{user.user_id}/images/{image_id}.png"
    drain_ingest(stack)
    s3.put_object(key, png_bytes(40, 30), "image/png")
    drain_ingest(stack)
    assert not object_exists(key)
    with db.transaction(user.user_id) as conn:
        usage = storage_usage.get(conn, user.user_id)
        assert (
            conn.execute("select 1 from images where image_id = %s", [image_id]).fetchone() is None
        )
    assert (usage["image_count"], usage["used_bytes"]) == (0, 0)


def test_keys_that_are_not_originals_are_ignored(stack):
    from gallery.services.ingest import ObjectCreated, ingest_object

    for key in ("users/x/images/y.png", "users/../images/a.png", "other/key.png",
                f"users/{uuid.uuid4()}/thumbs/{uuid.uuid4()}_256.webp",
                f"users/{uuid.uuid4()}/images/{uuid.uuid4()}.gif"):  # fmt: skip
        assert ingest_object(ObjectCreated(key=key, size=10)) == "ignored"
