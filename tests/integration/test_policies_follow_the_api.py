"""Row-level security says what the API does (issue 15, finding 12): with a link's token
hash, a visitor reads its images and folder only while the link is live; a workspace's
founder joins it as owner only as it is created; a visitor reads a prompt only where the
owner shows it, and no client address of failed passwords (nor does the link's owner)."""

import hashlib

import psycopg
import pytest

from gallery import db
from gallery.auth import Caller
from gallery.db import acting_as

IMAGE = "select image_id from images where image_id = %s"
FOLDER = "select name from folders where folder_id = %s"


def visible(token: str, statement: str, key) -> bool:
    with db.visitor_transaction(hashlib.sha256(token.encode()).digest()) as conn:
        return conn.execute(statement, [key]).fetchone() is not None


def test_a_revoked_links_token_reads_nothing(user, add_image):
    folder = user.post("/api/v1/files/folders", json={"name": "private work"}).json()
    image_id = add_image(user.user_id, folder_id=folder["folder_id"])
    by_image = user.post("/api/v1/shares", json={"image_id": str(image_id)}).json()
    by_folder = user.post("/api/v1/shares", json={"folder_id": folder["folder_id"]}).json()
    assert visible(by_image["share_token"], IMAGE, image_id)
    assert visible(by_folder["share_token"], FOLDER, folder["folder_id"])
    for share in (by_image, by_folder):
        assert user.delete(f"/api/v1/shares/{share['share_id']}").status_code in (200, 204)
    assert not visible(by_image["share_token"], IMAGE, image_id)
    assert not visible(by_folder["share_token"], IMAGE, image_id)
    assert not visible(by_folder["share_token"], FOLDER, folder["folder_id"])


def test_an_expired_links_token_reads_nothing(user, add_image, owner_db):
    image_id = add_image(user.user_id)
    share = user.post("/api/v1/shares", json={"image_id": str(image_id)}).json()
    assert visible(share["share_token"], IMAGE, image_id)
    # only its expiry is moved into the past, behind the service's back
    owner_db.execute("update shares set expires_at = now() - interval '1 second'"
                     " where share_id = %s", [share["share_id"]])  # fmt: skip
    assert not visible(share["share_token"], IMAGE, image_id)


def test_a_workspaces_founder_can_join_it_as_owner_only_as_it_is_created(user, owner_db):
    workspace = user.post("/api/v1/workspaces", json={"name": "mine"}).json()["workspace_id"]
    # the founder's membership goes, behind the service's back (as if removed)
    owner_db.execute("delete from workspace_members where workspace_id = %s", [workspace])
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # noqa: SIM117
        with acting_as(Caller(user_id=user.user_id)) as conn:
            conn.execute("insert into workspace_members (workspace_id, user_id, role)"
                         " values (%s, %s, 'owner')", [workspace, user.user_id])  # fmt: skip


# --- what a visitor's transaction reads beyond its link (issue 15, finding 12, the rest) -------

PROMPT = "select prompt from visitor_visible_images where image_id = %s"
TABLE_PROMPT = "select prompt from images where image_id = %s"
ADDRESSES = "select client_ip from share_access_failures where share_id = %s"


def read(token: str | None, statement: str, key):
    digest = hashlib.sha256(token.encode()).digest() if token else None
    with db.visitor_transaction(digest) as conn:
        return conn.execute(statement, [key]).fetchone()


def test_a_visitor_reads_a_prompt_only_where_its_owner_shows_it(user, add_image):
    image_id = add_image(user.user_id, prompt="a prompt kept to myself")
    user.patch(f"/api/v1/files/images/{image_id}", json={"is_public": True})
    hidden = user.post("/api/v1/shares", json={"image_id": str(image_id)}).json()["share_token"]
    shown = user.post(
        "/api/v1/shares", json={"image_id": str(image_id), "show_metadata": True}
    ).json()["share_token"]
    for token in (None, hidden, shown):  # the table's metadata is never the visitor's own
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            read(token, TABLE_PROMPT, image_id)
    assert read(None, PROMPT, image_id) == {"prompt": None}  # public, prompt not shown
    assert read(hidden, PROMPT, image_id) == {"prompt": None}  # a link without metadata
    assert read(shown, PROMPT, image_id) == {"prompt": "a prompt kept to myself"}
    user.patch(f"/api/v1/files/images/{image_id}", json={"public_show_metadata": True})
    assert read(None, PROMPT, image_id) == {"prompt": "a prompt kept to myself"}


def test_a_visitor_reads_no_client_address_of_failed_passwords(client, user, add_image, owner_db):
    image_id = add_image(user.user_id)
    attacked = user.post(
        "/api/v1/shares", json={"image_id": str(image_id), "password": "right password"}
    ).json()
    other = user.post("/api/v1/shares", json={"image_id": str(image_id)}).json()
    try:
        wrong = client.post(f"/api/v1/shares/{attacked['share_token']}/access",
                            json={"password": "wrong guess"})  # fmt: skip
        assert wrong.status_code == 401
        for token in (attacked["share_token"], other["share_token"]):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                read(token, ADDRESSES, attacked["share_id"])
        # nor does the link's owner: visitors' addresses are the password guard's alone
        owner = Caller(user_id=user.user_id, email=user.email)
        with pytest.raises(psycopg.errors.InsufficientPrivilege), acting_as(owner) as conn:
            conn.execute(ADDRESSES, [attacked["share_id"]])
    finally:
        owner_db.execute("delete from share_access_failures where share_id = %s",
                         [attacked["share_id"]])  # fmt: skip


def test_a_visitor_records_a_failed_password_only_for_its_own_link(user, add_image, owner_db):
    image_id = add_image(user.user_id)
    mine, theirs = (user.post("/api/v1/shares", json={"image_id": str(image_id),
                                                      "password": "right password"}).json()
                    for _ in range(2))  # fmt: skip
    digest = hashlib.sha256(mine["share_token"].encode()).digest()
    count = "select count(*) as n from share_access_failures where share_id = %s"
    try:
        with db.visitor_transaction(digest) as conn:
            conn.execute("select share_password_failed('192.0.2.7', now())")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # noqa: SIM117
            with db.visitor_transaction(digest) as conn:
                conn.execute("insert into share_access_failures (share_id, client_ip, failed_at)"
                             " values (%s, '192.0.2.7', now())", [theirs["share_id"]])  # fmt: skip
        assert owner_db.execute(count, [mine["share_id"]]).fetchone()["n"] == 1
        assert owner_db.execute(count, [theirs["share_id"]]).fetchone()["n"] == 0
    finally:
        owner_db.execute("delete from share_access_failures where share_id = any(%s)",
                         [[mine["share_id"], theirs["share_id"]]])  # fmt: skip
