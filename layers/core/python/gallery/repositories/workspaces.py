"""Workspaces, their members, the images and folders shared into them, and members' stars.
Row-level security decides who sees and changes what (migration 0008); these statements
only say what."""

from uuid import UUID

from psycopg import Connection

_WORKSPACE = """
select w.workspace_id, w.name, w.owner_id, w.created_at, w.updated_at, m.role,
       (select count(*) from workspace_members c where c.workspace_id = w.workspace_id)
           as member_count
  from workspaces w
  join workspace_members m on m.workspace_id = w.workspace_id and m.user_id = %(user_id)s
"""

LIST_MINE = _WORKSPACE + " order by lower(w.name), w.workspace_id"
GET = _WORKSPACE + " where w.workspace_id = %(workspace_id)s"

CREATE = """
insert into workspaces (owner_id, name) values (%(user_id)s, %(name)s) returning workspace_id
"""
FOUND = """
insert into workspace_members (workspace_id, user_id, role)
values (%(workspace_id)s, %(user_id)s, 'owner')
"""
RENAME = """
update workspaces set name = %(name)s where workspace_id = %(workspace_id)s
returning workspace_id
"""
DELETE = "delete from workspaces where workspace_id = %(workspace_id)s returning workspace_id"
ROLE = "select app_workspace_role(%(workspace_id)s) as role"
# Membership changes of one workspace take turns (the last owner cannot be lost in a race).
LOCK = "select 1 from workspaces where workspace_id = %(workspace_id)s for update"

MEMBERS = """
select m.user_id, u.email, m.role, m.added_at
  from workspace_members m
  left join app_member_addresses(%(workspace_id)s) u on u.user_id = m.user_id
 where m.workspace_id = %(workspace_id)s
 order by array_position(array['owner', 'editor', 'downloader', 'viewer'], m.role),
          lower(u.email), m.user_id
"""
INVITATIONS = """
select invitation_id, email, role, invited_at from workspace_invitations
 where workspace_id = %(workspace_id)s
 order by invited_at, email
"""
# Inviting again keeps the invitation (and its id): only the role changes.
INVITE = """
insert into workspace_invitations (workspace_id, email, role, invited_by)
values (%(workspace_id)s, lower(%(email)s), %(role)s, app_current_user_id())
on conflict (workspace_id, email) do update
   set role = excluded.role, invited_by = excluded.invited_by
returning invitation_id, email, role, invited_at
"""
WITHDRAW = """
delete from workspace_invitations
 where workspace_id = %(workspace_id)s and email = lower(%(email)s)
returning email
"""
IS_MEMBER_ADDRESS = """
select exists (select from app_member_addresses(%(workspace_id)s)
                where lower(email) = lower(%(email)s)) as member
"""
MY_INVITATIONS = "select * from app_my_invitations()"
ACCEPT = "select app_accept_invitation(%(invitation_id)s) as workspace_id"
DECLINE = "select app_decline_invitation(%(invitation_id)s) as declined"

# The invitation rate limit: one user's invitations take turns on this lock.
LOCK_SENDS = "select pg_advisory_xact_lock(hashtextextended('invitations:' || %(user_id)s, 0))"
FORGET_SENDS = """
delete from invitation_sends
 where user_id = %(user_id)s and sent_at <= now() - make_interval(secs => %(window)s)
"""
SENT = """
select count(*) as sent, min(sent_at) as oldest,
       extract(epoch from min(sent_at) + make_interval(secs => %(window)s) - now()) as wait
  from invitation_sends where user_id = %(user_id)s
"""
RECORD_SEND = "insert into invitation_sends (user_id) values (%(user_id)s)"

SET_ROLE = """
update workspace_members set role = %(role)s
 where workspace_id = %(workspace_id)s and user_id = %(user_id)s
returning user_id
"""
REMOVE_MEMBER = """
delete from workspace_members where workspace_id = %(workspace_id)s and user_id = %(user_id)s
returning user_id
"""
OTHER_OWNERS = """
select count(*) as owners from workspace_members
 where workspace_id = %(workspace_id)s and role = 'owner' and user_id <> %(user_id)s
"""

# "Delete everything I own": the workspaces the user owns, each with its longest-standing
# other owner (who takes it over) if it has one; and the others the user belongs to.
OWNED = """
select m.workspace_id,
       (select o.user_id from workspace_members o
         where o.workspace_id = m.workspace_id and o.role = 'owner' and o.user_id <> m.user_id
         order by o.added_at, o.user_id
         limit 1) as heir
  from workspace_members m
 where m.user_id = %(user_id)s and m.role = 'owner'
 order by m.workspace_id
"""
JOINED = """
select workspace_id from workspace_members
 where user_id = %(user_id)s and role <> 'owner'
 order by workspace_id
"""
HAND_OVER = """
update workspaces set owner_id = %(heir)s
 where workspace_id = %(workspace_id)s and owner_id = %(user_id)s
"""
# the invitations the user sent, and every invitation of the workspaces about to be deleted
FORGET_INVITATIONS = """
delete from workspace_invitations
 where invited_by = %(user_id)s or workspace_id = any(%(deleted)s::uuid[])
"""
FORGET_STARS = "delete from image_stars where user_id = %(user_id)s"

ADD_IMAGES = """
insert into workspace_items (workspace_id, user_id, image_id)
select %(workspace_id)s, %(user_id)s, image_id from unnest(%(image_ids)s::uuid[]) as image_id
on conflict (workspace_id, image_id) where image_id is not null do nothing
"""
ADD_FOLDER = """
insert into workspace_items (workspace_id, user_id, folder_id)
values (%(workspace_id)s, %(user_id)s, %(folder_id)s)
on conflict (workspace_id, folder_id) where folder_id is not null do nothing
"""
REMOVE_IMAGE = """
delete from workspace_items where workspace_id = %(workspace_id)s and image_id = %(image_id)s
"""
REMOVE_FOLDER = """
delete from workspace_items where workspace_id = %(workspace_id)s and folder_id = %(folder_id)s
"""
# A folder the workspace holds and its subtree, as a member sees them.
FOLDER_SUBTREE = """
select folder_id from app_workspace_folders(%(workspace_id)s) where %(folder_id)s = any(lineage)
 order by cardinality(lineage), folder_id
"""
STAR = """
insert into image_stars (user_id, image_id) values (%(user_id)s, %(image_id)s)
on conflict do nothing
"""
UNSTAR = "delete from image_stars where user_id = %(user_id)s and image_id = %(image_id)s"


def list_mine(conn: Connection, user_id: UUID) -> list[dict]:
    return conn.execute(LIST_MINE, {"user_id": user_id}).fetchall()


def get(conn: Connection, user_id: UUID, workspace_id: UUID) -> dict | None:
    return conn.execute(GET, {"user_id": user_id, "workspace_id": workspace_id}).fetchone()


def create(conn: Connection, user_id: UUID, name: str) -> UUID:
    row = conn.execute(CREATE, {"user_id": user_id, "name": name}).fetchone()
    workspace_id = row["workspace_id"]
    conn.execute(FOUND, {"workspace_id": workspace_id, "user_id": user_id})
    return workspace_id


def rename(conn: Connection, workspace_id: UUID, name: str) -> None:
    conn.execute(RENAME, {"workspace_id": workspace_id, "name": name})


def delete(conn: Connection, workspace_id: UUID) -> None:
    conn.execute(DELETE, {"workspace_id": workspace_id})


def role(conn: Connection, workspace_id: UUID) -> str | None:
    return conn.execute(ROLE, {"workspace_id": workspace_id}).fetchone()["role"]


def lock(conn: Connection, workspace_id: UUID) -> None:
    conn.execute(LOCK, {"workspace_id": workspace_id})


def members(conn: Connection, workspace_id: UUID) -> list[dict]:
    return conn.execute(MEMBERS, {"workspace_id": workspace_id}).fetchall()


def set_role(conn: Connection, workspace_id: UUID, user_id: UUID, role: str) -> bool:
    params = {"workspace_id": workspace_id, "user_id": user_id, "role": role}
    return conn.execute(SET_ROLE, params).fetchone() is not None


def remove_member(conn: Connection, workspace_id: UUID, user_id: UUID) -> bool:
    params = {"workspace_id": workspace_id, "user_id": user_id}
    return conn.execute(REMOVE_MEMBER, params).fetchone() is not None


def other_owners(conn: Connection, workspace_id: UUID, user_id: UUID) -> int:
    params = {"workspace_id": workspace_id, "user_id": user_id}
    return conn.execute(OTHER_OWNERS, params).fetchone()["owners"]


def add_images(conn: Connection, workspace_id: UUID, user_id: UUID, image_ids: list) -> int:
    params = {"workspace_id": workspace_id, "user_id": user_id, "image_ids": image_ids}
    return conn.execute(ADD_IMAGES, params).rowcount


def add_folder(conn: Connection, workspace_id: UUID, user_id: UUID, folder_id: UUID) -> int:
    params = {"workspace_id": workspace_id, "user_id": user_id, "folder_id": folder_id}
    return conn.execute(ADD_FOLDER, params).rowcount


def folder_subtree(conn: Connection, workspace_id: UUID, folder_id: UUID) -> list[UUID]:
    params = {"workspace_id": workspace_id, "folder_id": folder_id}
    return [row["folder_id"] for row in conn.execute(FOLDER_SUBTREE, params)]


def remove_image(conn: Connection, workspace_id: UUID, image_id: UUID) -> bool:
    params = {"workspace_id": workspace_id, "image_id": image_id}
    return conn.execute(REMOVE_IMAGE, params).rowcount > 0


def remove_folder(conn: Connection, workspace_id: UUID, folder_id: UUID) -> bool:
    params = {"workspace_id": workspace_id, "folder_id": folder_id}
    return conn.execute(REMOVE_FOLDER, params).rowcount > 0


def star(conn: Connection, user_id: UUID, image_id: UUID, starred: bool) -> None:
    conn.execute(STAR if starred else UNSTAR, {"user_id": user_id, "image_id": image_id})


def invitations(conn: Connection, workspace_id: UUID) -> list[dict]:
    return conn.execute(INVITATIONS, {"workspace_id": workspace_id}).fetchall()


def invite(conn: Connection, workspace_id: UUID, email: str, role: str) -> dict:
    params = {"workspace_id": workspace_id, "email": email, "role": role}
    return conn.execute(INVITE, params).fetchone()


def withdraw(conn: Connection, workspace_id: UUID, email: str) -> bool:
    params = {"workspace_id": workspace_id, "email": email}
    return conn.execute(WITHDRAW, params).fetchone() is not None


def is_member_address(conn: Connection, workspace_id: UUID, email: str) -> bool:
    """Whether a member uses that address (the member list shows it to members anyway)."""
    params = {"workspace_id": workspace_id, "email": email}
    return conn.execute(IS_MEMBER_ADDRESS, params).fetchone()["member"]


def my_invitations(conn: Connection) -> list[dict]:
    return conn.execute(MY_INVITATIONS).fetchall()


def accept(conn: Connection, invitation_id: UUID) -> UUID | None:
    return conn.execute(ACCEPT, {"invitation_id": invitation_id}).fetchone()["workspace_id"]


def decline(conn: Connection, invitation_id: UUID) -> bool:
    return conn.execute(DECLINE, {"invitation_id": invitation_id}).fetchone()["declined"]


def take_invitation_slot(conn: Connection, user_id: UUID, limit: int, window: int) -> int | None:
    """Counts one invitation of ``user_id`` against ``limit`` per ``window`` seconds; returns
    None if it fits, else the seconds until one fits again. The lock is held to the end of
    the transaction, so parallel invitations are counted one after another."""
    params = {"user_id": str(user_id), "window": window}
    conn.execute(LOCK_SENDS, params)
    conn.execute(FORGET_SENDS, params)
    sent = conn.execute(SENT, params).fetchone()
    if sent["sent"] >= limit:
        return max(1, int(sent["wait"]) + 1)
    conn.execute(RECORD_SEND, params)
    return None


def owned(conn: Connection, user_id: UUID) -> list[dict]:
    return conn.execute(OWNED, {"user_id": user_id}).fetchall()


def joined(conn: Connection, user_id: UUID) -> list[UUID]:
    return [row["workspace_id"] for row in conn.execute(JOINED, {"user_id": user_id})]


def hand_over(conn: Connection, workspace_id: UUID, user_id: UUID, heir: UUID) -> None:
    """``heir`` (an owner already) becomes the workspace's named owner; ``user_id`` leaves."""
    params = {"workspace_id": workspace_id, "user_id": user_id, "heir": heir}
    conn.execute(HAND_OVER, params)
    conn.execute(REMOVE_MEMBER, params)


def forget_invitations(conn: Connection, user_id: UUID, deleted: list[UUID]) -> int:
    return conn.execute(FORGET_INVITATIONS, {"user_id": user_id, "deleted": deleted}).rowcount


def forget_stars(conn: Connection, user_id: UUID) -> int:
    return conn.execute(FORGET_STARS, {"user_id": user_id}).rowcount
