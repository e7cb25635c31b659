"""Counts kept by the database stay exact under concurrent writers."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from gallery.auth import Caller
from gallery.errors import NotFound
from gallery.models.folders import FolderCreate
from gallery.models.images import BulkTag, ImageUpdate
from gallery.services import folders, images, trash


def test_tag_usage_stays_exact_under_concurrent_tag_changes(user, add_image, owner_db):
    caller = Caller(user_id=user.user_id)
    ids = [add_image(user.user_id, tags=["start"]) for _ in range(8)]
    choices = [["a", "b"], ["b", "c"], ["a"], [], ["c", "start"], ["a", "b", "c"]]

    def retag(n: int) -> None:
        images.update_image(caller, ids[n % len(ids)], ImageUpdate(tags=choices[n % len(choices)]))

    def bulk(n: int) -> None:
        images.bulk(caller, BulkTag(action="add_tags", image_ids=ids[n % 3 :: 3], tags=["b"]))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(retag, range(60)))
        list(pool.map(bulk, range(12)))
    drift = owner_db.execute(
        """
        select t.name, t.usage_count,
               (select count(*) from image_tags it where it.tag_id = t.tag_id) as actual
          from tags t where t.user_id = %s
        """,
        [user.user_id],
    ).fetchall()
    assert drift
    assert all(row["usage_count"] == row["actual"] for row in drift), drift


def test_storage_usage_equals_the_sum_of_what_is_stored(user, add_image, owner_db):
    caller = Caller(user_id=user.user_id)
    ids = [add_image(user.user_id, width=32 + n, height=32) for n in range(10)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda i: trash.trash_images(caller, [i]), ids[:7]))
        list(pool.map(lambda i: trash.purge_images(caller, [i]), ids[:5]))
    row = owner_db.execute(
        """
        select s.used_bytes, s.image_count,
               (select coalesce(sum(file_size_bytes + thumbnails_size_bytes), 0) from images i
                 where i.user_id = s.user_id and i.status = 'ready') as actual_bytes,
               (select count(*) from images i
                 where i.user_id = s.user_id and i.status = 'ready') as actual_count
          from storage_usage s where s.user_id = %s
        """,
        [user.user_id],
    ).fetchone()
    assert row["image_count"] == row["actual_count"] == 5
    assert row["used_bytes"] == row["actual_bytes"] > 0


def test_folder_counts_follow_moves_and_deletes(user, add_image):
    caller = Caller(user_id=user.user_id)
    a = folders.create_folder(caller, FolderCreate(name="a")).folder_id
    b = folders.create_folder(caller, FolderCreate(name="b")).folder_id
    ids = [add_image(user.user_id, folder_id=a) for _ in range(4)]
    images.update_image(caller, ids[0], ImageUpdate(folder_id=b))
    trash.trash_images(caller, [ids[1]])
    counts = {f.name: f.image_count for f in folders.list_folders(caller)}
    assert counts == {"a": 2, "b": 1}


def test_a_users_first_request_failing_does_not_lose_their_user_row():
    caller = Caller(user_id=uuid.uuid4(), email="first@example.com")
    with pytest.raises(NotFound):
        images.get_image(caller, uuid.uuid4())
    assert folders.create_folder(caller, FolderCreate(name="after a 404")).image_count == 0
