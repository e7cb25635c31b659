"""Objects whose deletion failed during the request are purged later by the worker."""

import boto3
import psycopg
import pytest
from botocore.config import Config

from gallery import db
from gallery.auth import Caller
from gallery.services import cleanup, trash
from gallery.storage import s3
from tests.support import object_exists

KEYS = "select s3_key, thumbnail_256_key, thumbnail_512_key from images where image_id = %s"
QUEUED = "select count(*) as n from object_deletions where s3_key = any(%s)"


def unreachable_s3():
    """A real client whose HTTP calls go to a loopback port nothing listens on."""
    return boto3.client(
        "s3",
        endpoint_url="http://127.0.0.1:9",
        region_name="ap-northeast-2",
        config=Config(retries={"max_attempts": 1}, connect_timeout=1),
    )


def test_objects_left_behind_by_a_failed_s3_call_are_purged_by_the_worker(
    user, add_image, owner_db, monkeypatch
):
    image_id = add_image(user.user_id)
    keys = list(owner_db.execute(KEYS, [image_id]).fetchone().values())

    monkeypatch.setattr(s3, "client", unreachable_s3)
    caller = Caller(user_id=user.user_id)
    trash.trash_images(caller, [image_id])
    trash.purge_images(caller, [image_id])  # succeeds for the user
    monkeypatch.undo()  # S3 is back

    assert all(object_exists(key) for key in keys)
    assert owner_db.execute(QUEUED, [keys]).fetchone()["n"] == 3
    assert cleanup.purge_deleted_objects() >= 3
    assert not any(object_exists(key) for key in keys)
    assert owner_db.execute(QUEUED, [keys]).fetchone()["n"] == 0
    assert cleanup.purge_deleted_objects() == 0


def test_the_worker_role_cannot_read_images(user, add_image):
    add_image(user.user_id)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.worker_transaction() as conn:
        conn.execute("select * from images")
