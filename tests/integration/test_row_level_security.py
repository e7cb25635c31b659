"""Row-level security on the real PostgreSQL, as the application's own login role."""

import uuid

import psycopg
import pytest
from psycopg.rows import dict_row

from gallery.auth import Caller
from gallery.models.folders import FolderCreate
from gallery.services import folders

USER_TABLES = [
    "users", "folders", "images", "tags", "image_tags", "shares", "storage_usage",
    "object_deletions", "workspaces", "workspace_members", "workspace_invitations",
    "smart_folders", "exports",
]  # fmt: skip


@pytest.fixture
def app_db(app_url):
    with psycopg.connect(app_url, row_factory=dict_row) as conn:
        yield conn


def act_as(conn, user_id) -> None:
    conn.execute("select set_config('app.current_user_id', %s, true)", [str(user_id)])


def run_as(conn, user_id, statement: str, params=()) -> None:
    """One transaction acting as ``user_id``, as every request does."""
    with conn.transaction():
        act_as(conn, user_id)
        conn.execute(statement, params)


def test_every_user_owned_table_has_row_level_security_enabled_and_forced(owner_db):
    rows = owner_db.execute(
        "select relname, relrowsecurity, relforcerowsecurity from pg_class"
        " where relname = any(%s) and relkind = 'r'",
        [USER_TABLES],
    ).fetchall()
    assert {r["relname"] for r in rows} == set(USER_TABLES)
    assert all(r["relrowsecurity"] and r["relforcerowsecurity"] for r in rows)


def test_the_application_role_owns_nothing_and_is_no_superuser(app_db):
    me = app_db.execute(
        "select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles"
        " where rolname = current_user"
    ).fetchone()
    assert not any(me.values())
    owned = app_db.execute(
        "select count(*) as n from pg_class c join pg_roles r on r.oid = c.relowner"
        " where c.relnamespace = 'public'::regnamespace"
        "   and r.rolname in (current_user, 'gallery_app')"
    ).fetchone()
    assert owned["n"] == 0


def test_without_a_caller_the_application_sees_no_rows(app_db, user, add_image):
    add_image(user.user_id)
    for table in USER_TABLES:
        count = app_db.execute(f"select count(*) as n from {table}").fetchone()["n"]  # noqa: S608
        assert count == 0, table


def test_a_query_without_any_user_filter_returns_only_the_callers_rows(
    app_db, user, other_user, add_image
):
    mine = add_image(user.user_id, tags=["shared-name"])
    add_image(other_user.user_id, tags=["shared-name"])
    with app_db.transaction():
        act_as(app_db, user.user_id)
        assert [r["image_id"] for r in app_db.execute("select image_id from images")] == [mine]
        tags = app_db.execute("select user_id from tags").fetchall()
        assert {r["user_id"] for r in tags} == {user.user_id}
        usage = app_db.execute("select user_id from storage_usage").fetchall()
        assert [r["user_id"] for r in usage] == [user.user_id]


def test_the_caller_setting_ends_with_the_transaction(app_db, user, add_image):
    add_image(user.user_id)
    with app_db.transaction():
        act_as(app_db, user.user_id)
        assert app_db.execute("select count(*) as n from images").fetchone()["n"] == 1
    assert app_db.execute("select count(*) as n from images").fetchone()["n"] == 0


def test_rows_cannot_be_written_for_another_user(app_db, user, other_user, add_image):
    theirs = add_image(other_user.user_id)
    with app_db.transaction():
        act_as(app_db, user.user_id)
        changed = app_db.execute(
            "update images set is_favorite = true where image_id = %s", [theirs]
        )
        assert changed.rowcount == 0
        assert app_db.execute("delete from images where image_id = %s", [theirs]).rowcount == 0
    planted = "insert into folders (user_id, name) values (%s, 'planted')"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        run_as(app_db, user.user_id, planted, [other_user.user_id])


def test_an_image_cannot_be_put_in_another_users_folder_even_by_sql(
    app_db, user, other_user, add_image
):
    mine = add_image(user.user_id)
    theirs = folders.create_folder(
        Caller(user_id=other_user.user_id), FolderCreate(name="theirs")
    ).folder_id
    move = "update images set folder_id = %s where image_id = %s"
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        run_as(app_db, user.user_id, move, [theirs, mine])


def test_the_folder_tree_holds_against_sql_too(app_db, user, other_user):
    """The tree's rules are the database's: no folder under another owner's, no lineage
    written by the application, no cycle whatever the statement."""
    mine = folders.create_folder(Caller(user_id=user.user_id), FolderCreate(name="a"))
    below = folders.create_folder(
        Caller(user_id=user.user_id), FolderCreate(name="b", parent_id=mine.folder_id)
    )
    theirs = folders.create_folder(Caller(user_id=other_user.user_id), FolderCreate(name="t"))
    move = "update folders set parent_id = %s where folder_id = %s"
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        run_as(app_db, user.user_id, move, [theirs.folder_id, mine.folder_id])
    with pytest.raises(psycopg.errors.CheckViolation, match="subfolders"):
        run_as(app_db, user.user_id, move, [below.folder_id, mine.folder_id])
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        run_as(app_db, user.user_id, "update folders set lineage = array[folder_id]"
               " where folder_id = %s", [below.folder_id])  # fmt: skip
    planted = "insert into folders (user_id, name, lineage) values (%s, 'x', %s) returning lineage"
    with app_db.transaction():
        act_as(app_db, user.user_id)
        forged = app_db.execute(planted, [user.user_id, [theirs.folder_id]]).fetchone()
        assert forged["lineage"] != [theirs.folder_id]  # the trigger writes it, not the caller


def test_the_application_cannot_touch_the_search_outbox_directly(app_db, user):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        run_as(app_db, user.user_id, "select * from search_outbox")


def test_a_caller_id_that_is_not_a_uuid_is_refused(app_db):
    with pytest.raises(psycopg.errors.InvalidTextRepresentation):
        run_as(app_db, "1 or 1=1", "select count(*) from images")


def test_unknown_users_get_nothing(app_db, user, add_image):
    add_image(user.user_id)
    with app_db.transaction():
        act_as(app_db, uuid.uuid4())
        assert app_db.execute("select count(*) as n from images").fetchone()["n"] == 0


def test_a_member_sees_what_their_workspaces_share_and_nothing_else(
    app_db, owner_db, user, other_user, new_user, add_image
):
    """The member's policy (migration 0072): images shared one by one, and those in a shared
    folder's subtree (a subfolder made after the share included), listed ones only."""
    owner, member, outsider = user, other_user, new_user()
    as_owner = Caller(user_id=owner.user_id)
    top = folders.create_folder(as_owner, FolderCreate(name="top")).folder_id
    elsewhere = folders.create_folder(as_owner, FolderCreate(name="elsewhere")).folder_id
    in_top, alone, unshared, trashed = (add_image(owner.user_id) for _ in range(4))
    workspace = uuid.uuid4()
    shares = {"w": workspace, "o": owner.user_id, "m": member.user_id, "top": top, "one": alone}
    for statement in (
        "insert into workspaces (workspace_id, owner_id, name) values (%(w)s, %(o)s, 'team')",
        """insert into workspace_members (workspace_id, user_id, role)
           values (%(w)s, %(o)s, 'owner'), (%(w)s, %(m)s, 'viewer')""",
        """insert into workspace_items (workspace_id, user_id, folder_id)
           values (%(w)s, %(o)s, %(top)s)""",
        """insert into workspace_items (workspace_id, user_id, image_id)
           values (%(w)s, %(o)s, %(one)s)""",
    ):
        owner_db.execute(statement, shares)
    sub = folders.create_folder(as_owner, FolderCreate(name="sub", parent_id=top)).folder_id
    in_sub = add_image(owner.user_id)
    moves = [(top, in_top), (sub, in_sub), (sub, trashed), (elsewhere, unshared)]
    for folder_id, image_id in moves:
        owner_db.execute("update images set folder_id = %s where image_id = %s",
                         [folder_id, image_id])  # fmt: skip
    owner_db.execute("update images set deleted_at = now() where image_id = %s", [trashed])

    def seen_by(who) -> set:
        with app_db.transaction():
            act_as(app_db, who.user_id)
            return {r["image_id"] for r in app_db.execute("select image_id from images")}

    assert seen_by(member) == {in_top, in_sub, alone}
    assert seen_by(outsider) == set()
    owner_db.execute("delete from workspace_members where user_id = %s and workspace_id = %s",
                     [member.user_id, workspace])  # fmt: skip
    assert seen_by(member) == set()
