"""IAM as synthesized: every function of the local stack calls S3 with keys bound to exactly
the policy CDK gives its role, moto enforcing it, and S3's own rules (presigned URLs and
forms, 403 for a missing key without s3:ListBucket) checked by the stack's S3 gate.

Not enforced here (the note in tools/devstack/s3_gate.py says why): bucket policies,
KMS, IAM condition keys beyond moto's basic evaluation.
"""

import json
import time
import uuid
from pathlib import Path

import httpx
import pytest
from botocore.exceptions import ClientError

from devstack.identities import acting_as
from gallery.config import get_settings
from gallery.storage import s3
from tests.support import object_exists, png_bytes

EVENTS = Path(__file__).resolve().parents[2] / "events"


def error_code(call) -> str | None:
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"]
    return None


def test_every_function_has_its_synthesized_policy_and_nothing_else(stack, function_policies):
    from gallery.routes import EVENT_FUNCTIONS, FUNCTIONS

    assert set(function_policies) == {*FUNCTIONS, *EVENT_FUNCTIONS}
    key = f"users/{uuid.uuid4()}/images/{uuid.uuid4()}.png"
    s3.put_object(key, png_bytes(), "image/png")  # as the administrator
    with acting_as("search"):  # no S3 grant at all
        assert error_code(lambda: s3.get_bytes(key, 10_000)) == "AccessDenied"
    with acting_as("uploads"):  # signs the upload form: may write originals, not read them
        assert error_code(lambda: s3.get_bytes(key, 10_000)) == "AccessDenied"
    with acting_as("ingest"):
        assert s3.get_bytes(key, 10_000) == png_bytes()
        assert error_code(lambda: s3.put_object(key.replace("/images/", "/derived/"), b"x",
                                                "image/png")) == "AccessDenied"  # fmt: skip


def test_ingest_may_write_and_remove_every_rendition_it_makes(stack):
    user_id, image_id = uuid.uuid4(), uuid.uuid4()
    renditions = [f"users/{user_id}/thumbs/{image_id}_256.webp",
                  f"users/{user_id}/previews/{image_id}.avif"]  # fmt: skip
    with acting_as("ingest"):
        for key in renditions:
            s3.put_object(key, b"rendition", "image/webp")
        assert sorted(s3.delete_objects(renditions)) == sorted(renditions)
    assert not any(object_exists(key) for key in renditions)


def test_a_missing_key_is_403_without_list_bucket_and_404_with_it(stack):
    key = f"users/{uuid.uuid4()}/images/{uuid.uuid4()}.png"
    bucket = get_settings().bucket_name

    def head():
        s3.client().head_object(Bucket=bucket, Key=key)

    with acting_as("uploads"):
        assert error_code(head) == "403"
    for function in ("ingest", "shares", "recompress"):  # they read objects that may be gone
        with acting_as(function):
            assert error_code(head) == "404", function
            assert s3.get_bytes(key, 100) is None


def test_an_upload_deleted_before_its_ingest_is_not_a_failure(stack):
    """The sample event names an object that is not there: as S3 answers the ingest role."""
    event = json.loads((EVENTS / "ingest" / "sqs_s3_object_created.json").read_text())
    assert stack.functions.invoke("ingest", event) == {"batchItemFailures": []}


def test_visitors_urls_are_signed_by_the_shares_role_and_refused_beyond_it(stack):
    owner = uuid.uuid4()
    thumb, metadata_key = f"users/{owner}/thumbs/x_256.webp", f"users/{owner}/other/x.json"
    s3.put_object(thumb, b"pixels", "image/webp")
    s3.put_object(metadata_key, b"{}", "application/json")
    with acting_as("shares"):
        thumb_url = s3.presigned_get(thumb, 60)
        other_url = s3.presigned_get(metadata_key, 60)
    assert httpx.get(thumb_url).content == b"pixels"
    assert httpx.get(other_url).status_code == 403  # signed, but beyond the role's grants


def test_presigned_urls_are_checked_as_s3_checks_them(stack):
    key = f"users/{uuid.uuid4()}/images/{uuid.uuid4()}.png"
    s3.put_object(key, b"bytes", "image/png")
    with acting_as("shares"):
        url, expiring = s3.presigned_get(key, 60), s3.presigned_get(key, 1)
    assert httpx.get(url).status_code == 200
    tampered = url.replace(key, key.replace(".png", ".jpg"))
    assert "SignatureDoesNotMatch" in httpx.get(tampered).text
    assert httpx.get(url.split("?")[0]).status_code == 403  # unsigned: the bucket is private
    time.sleep(2.1)
    answer = httpx.get(expiring)
    assert (answer.status_code, "Request has expired" in answer.text) == (403, True)


@pytest.mark.parametrize("function", ["files", "workspaces", "search"])
def test_owner_urls_stand_in_for_cloudfront_and_read_with_its_origin_access(stack, function):
    """In AWS these functions sign with CloudFront's key and need no S3 grant; locally the
    S3 presigned URLs standing for them are signed as the distribution's origin access."""
    from gallery.storage.urls import signed_url

    key = f"users/{uuid.uuid4()}/thumbs/{uuid.uuid4()}_256.webp"
    s3.put_object(key, b"thumb", "image/webp")
    with acting_as(function):
        url = signed_url(key)
    assert httpx.get(url).content == b"thumb"
