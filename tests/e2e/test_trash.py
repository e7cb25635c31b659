"""Trash, purge and delete-everything over HTTP: nothing left in S3, usage exact."""

import uuid
from datetime import UTC, datetime, timedelta

from devstack import identities
from gallery.rendition_limits import DERIVED_MAX_BYTES
from gallery.services import exports
from gallery.services.maintenance import run_maintenance
from tests.support import join_workspace, object_exists

IMAGES = "/api/v1/files/images"
USAGE = "/api/v1/files/storage-usage"
KEYS = "select s3_key, thumbnail_256_key, thumbnail_512_key from images where image_id = %s"


def counts(owner_db, table: str, image_id) -> int:
    query = f"select count(*) as n from {table} where image_id = %s"  # noqa: S608
    return owner_db.execute(query, [image_id]).fetchone()["n"]


def test_delete_moves_to_the_trash_which_still_counts_and_can_be_restored(user, add_image):
    image_id = add_image(user.user_id, tags=["sea"])
    used = user.get(USAGE).json()["used_bytes"]
    answer = user.delete(f"{IMAGES}/{image_id}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["in_trash"] is True
    purge_after = datetime.fromisoformat(body["purge_after"])
    assert timedelta(days=29) < purge_after - datetime.now(UTC) <= timedelta(days=30)
    assert user.get(IMAGES).json()["total"] == 0
    trash = user.get("/api/v1/files/trash").json()
    assert [i["image_id"] for i in trash["images"]] == [str(image_id)]
    assert trash["images"][0]["deleted_at"] is not None
    assert user.get(USAGE).json()["used_bytes"] == used  # the trash occupies storage
    assert user.get("/api/v1/files/tags").json()[0]["usage_count"] == 0
    assert user.patch(f"{IMAGES}/{image_id}", json={"is_favorite": True}).status_code == 404

    restored = user.post(f"{IMAGES}/{image_id}/restore")
    assert restored.status_code == 200
    assert restored.json()["deleted_at"] is None
    assert user.get(IMAGES).json()["total"] == 1
    assert user.get("/api/v1/files/tags").json()[0]["usage_count"] == 1
    assert user.post(f"{IMAGES}/{image_id}/restore").status_code == 404  # not in the trash


def test_emptying_the_trash_removes_objects_shares_and_usage_to_the_byte(user, add_image, owner_db):
    keep = add_image(user.user_id)
    before = user.get(USAGE).json()
    image_id = add_image(user.user_id, tags=["gone"])
    keys = list(owner_db.execute(KEYS, [image_id]).fetchone().values())
    assert all(object_exists(key) for key in keys)
    owner_db.execute(
        "insert into shares (user_id, image_id, token_hash) values (%s, %s, %s)",
        [user.user_id, image_id, uuid.uuid4().bytes * 2],
    )
    user.delete(f"{IMAGES}/{image_id}")
    assert user.delete("/api/v1/files/trash").json() == {"purged": 1}
    assert user.get(f"{IMAGES}/{image_id}").status_code == 404
    assert not any(object_exists(key) for key in keys)
    assert counts(owner_db, "shares", image_id) == 0
    assert counts(owner_db, "search_outbox", image_id) >= 2  # queued: added, then removed
    assert user.get(USAGE).json() == before
    assert user.get(f"{IMAGES}/{keep}").status_code == 200


def test_purge_takes_only_images_in_the_trash(user, add_image):
    image_id = str(add_image(user.user_id))
    bulk = f"{IMAGES}/bulk"
    assert user.post(bulk, json={"action": "purge", "image_ids": [image_id]}).status_code == 404
    user.post(bulk, json={"action": "delete", "image_ids": [image_id]})
    assert user.post(bulk, json={"action": "restore", "image_ids": [image_id]}).status_code == 200
    user.post(bulk, json={"action": "delete", "image_ids": [image_id]})
    assert user.post(bulk, json={"action": "purge", "image_ids": [image_id]}).status_code == 200
    assert user.get("/api/v1/files/trash").json()["total"] == 0


def test_the_scheduled_purge_removes_trash_older_than_the_retention(user, add_image, owner_db):
    old, recent = add_image(user.user_id), add_image(user.user_id)
    user.post(f"{IMAGES}/bulk", json={"action": "delete", "image_ids": [str(old), str(recent)]})
    owner_db.execute(  # only the clock is moved: the image went into the trash 31 days ago
        "update images set deleted_at = now() - interval '31 days' where image_id = %s", [old]
    )
    old_keys = list(owner_db.execute(KEYS, [old]).fetchone().values())
    assert run_maintenance()["trash_purged"] >= 1
    assert not any(object_exists(key) for key in old_keys)
    assert [i["image_id"] for i in user.get("/api/v1/files/trash").json()["images"]] == [
        str(recent)
    ]


def test_an_expired_reservation_is_released_by_maintenance(user, owner_db):
    body = user.post("/api/v1/uploads", json={"content_type": "image/png", "size_bytes": 777})
    image_id = body.json()["image_id"]
    assert user.get(USAGE).json()["reserved_bytes"] == 777 + DERIVED_MAX_BYTES
    owner_db.execute(
        "update images set reservation_expires_at = now() - interval '1 second'"
        " where image_id = %s",
        [image_id],
    )
    assert user.get(USAGE).json()["reserved_bytes"] == 0  # expired: no longer held
    assert run_maintenance()["reservations_expired"] >= 1
    status = user.get(f"/api/v1/uploads/{image_id}").json()
    assert status["status"] == "rejected"
    assert status["reason"].startswith("reservation_expired")


def test_delete_everything_leaves_no_object_under_the_users_prefix(
    stack, user, other_user, add_image
):
    folder = user.post("/api/v1/files/folders", json={"name": "f"}).json()["folder_id"]
    for n in range(3):
        add_image(user.user_id, tags=[f"t{n}"], folder_id=uuid.UUID(folder))
    trashed = add_image(user.user_id)
    user.delete(f"{IMAGES}/{trashed}")
    theirs = add_image(other_user.user_id)
    user.post("/api/v1/files/smart-folders", json={"name": "all", "query": {}})
    export = user.post("/api/v1/files/exports", json={"folder_id": folder}).json()["export_id"]
    with identities.acting_as("exporter"):  # its archive, under the user's prefix
        assert exports.run_export(user.user_id, uuid.UUID(export)) == "ready"
    assert user.delete("/api/v1/files/me/data").status_code == 422  # must be confirmed
    answer = user.delete("/api/v1/files/me/data", params={"confirm": "delete-everything"})
    assert answer.status_code == 200
    # each image: the original, two thumbnails, two previews; and the export's archive
    assert answer.json() == {
        "images": 4, "folders": 1, "smart_folders": 1, "tags": 3, "objects": 21,
        "workspaces_deleted": [], "workspaces_handed_over": [], "memberships_left": [],
        "invitations_deleted": 0, "invitations_declined": 0, "stars": 0,
    }  # fmt: skip
    s3 = stack.objects.client("s3")
    listed = s3.list_objects_v2(
        Bucket=stack.environment()["GALLERY_BUCKET_NAME"], Prefix=f"users/{user.user_id}/"
    )
    assert listed.get("KeyCount", 0) == 0
    usage = user.get(USAGE).json()
    assert (usage["used_bytes"], usage["image_count"]) == (0, 0)
    assert other_user.get(f"{IMAGES}/{theirs}").status_code == 200


def test_delete_everything_hands_over_deletes_or_leaves_every_workspace_and_forgets_invitations(
    new_user, add_image, owner_db
):
    """Issue 15, finding 9: nothing of the user's stays in workspaces, and no address of a
    third party stays in invitations they sent."""
    user, editor, heir, later_owner, host = (new_user() for _ in range(5))

    def workspace(owner, name):
        return owner.post("/api/v1/workspaces", json={"name": name}).json()["workspace_id"]

    # mine alone: a member shared an image into it, an address is invited
    alone = workspace(user, "mine alone")
    join_workspace(user, editor, alone, "editor")
    editors_image = add_image(editor.user_id)
    editor.post(f"/api/v1/workspaces/{alone}/images", json={"image_ids": [str(editors_image)]})
    user.post(f"/api/v1/workspaces/{alone}/invitations", json={"email": "third@example.com"})
    # mine with two other owners: the longest-standing one takes it over
    shared = workspace(user, "mine and theirs")
    join_workspace(user, heir, shared, "owner")
    join_workspace(user, later_owner, shared, "owner")
    user.post(f"/api/v1/workspaces/{shared}/invitations", json={"email": "fourth@example.com"})
    # somebody else's, where I am a viewer with a star on their image; and one I am invited to
    theirs = workspace(host, "theirs")
    join_workspace(host, user, theirs, "viewer")
    hosts_image = add_image(host.user_id)
    host.post(f"/api/v1/workspaces/{theirs}/images", json={"image_ids": [str(hosts_image)]})
    starred = user.patch(f"/api/v1/workspaces/{theirs}/images/{hosts_image}",
                         json={"is_favorite": True})  # fmt: skip
    assert starred.status_code == 200, starred.text
    pending = workspace(host, "pending")
    host.post(f"/api/v1/workspaces/{pending}/invitations", json={"email": user.email})

    answer = user.delete("/api/v1/files/me/data", params={"confirm": "delete-everything"})
    assert answer.status_code == 200, answer.text
    done = answer.json()
    assert done["workspaces_deleted"] == [alone]
    assert done["workspaces_handed_over"] == [
        {"workspace_id": shared, "new_owner_id": str(heir.user_id)}
    ]
    assert done["memberships_left"] == [theirs]
    assert (done["invitations_deleted"], done["invitations_declined"], done["stars"]) == (2, 1, 1)

    assert user.get("/api/v1/workspaces").json() == []
    assert editor.get(f"/api/v1/workspaces/{alone}").status_code == 404
    assert editor.get(f"/api/v1/files/images/{editors_image}").status_code == 200  # still theirs
    taken_over = heir.get(f"/api/v1/workspaces/{shared}").json()
    assert (taken_over["owner_id"], taken_over["role"]) == (str(heir.user_id), "owner")
    members = {m["user_id"] for m in heir.get(f"/api/v1/workspaces/{shared}/members").json()}
    assert members == {str(heir.user_id), str(later_owner.user_id)}
    assert heir.get(f"/api/v1/workspaces/{shared}/invitations").json() == []
    assert str(user.user_id) not in {
        m["user_id"] for m in host.get(f"/api/v1/workspaces/{theirs}/members").json()
    }
    assert host.get(f"/api/v1/workspaces/{pending}/invitations").json() == []
    # behind the application's back: no row names the user or an address they invited
    for query in (
        "select count(*) as n from workspaces where owner_id = %(u)s",
        "select count(*) as n from workspace_members where user_id = %(u)s",
        "select count(*) as n from image_stars where user_id = %(u)s",
        "select count(*) as n from workspace_invitations"
        " where invited_by = %(u)s or email = lower(%(e)s)"
        " or email in ('third@example.com', 'fourth@example.com')",
    ):
        assert owner_db.execute(query, {"u": user.user_id, "e": user.email}).fetchone()["n"] == 0
