"""Share links: the owner's side (create, list, change, revoke) and the visitor's (open by
token hash, count a view or a download atomically, record failed passwords)."""

from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg import Connection, sql

_COLUMNS = sql.SQL("""share_id, user_id, image_id, folder_id, smart_folder_id, permission,
    token_hash, password_hash,
    show_metadata, expires_at, max_views, current_views, download_count, is_active, created_at,
    last_accessed_at""")

# --- the owner ----------------------------------------------------------------------------

CREATE = sql.SQL("""
insert into shares (share_id, user_id, image_id, folder_id, smart_folder_id, token_hash,
                    permission, password_hash, show_metadata, expires_at, max_views, grant_key)
values (%(share_id)s, %(user_id)s, %(image_id)s, %(folder_id)s, %(smart_folder_id)s, %(token_hash)s,
        %(permission)s,
        %(password_hash)s, %(show_metadata)s, %(expires_at)s, %(max_views)s, %(grant_key)s)
returning {columns}
""").format(columns=_COLUMNS)

LIST = sql.SQL("""
select {columns} from shares
 where user_id = %(user_id)s and {conditions}
 order by created_at desc, share_id desc
 limit %(limit)s
""")

GET = sql.SQL(
    "select {columns} from shares where user_id = %(user_id)s and share_id = %(share_id)s"
).format(columns=_COLUMNS)

REVOKE = sql.SQL("""
update shares set is_active = false, revoked_at = coalesce(revoked_at, now())
 where user_id = %(user_id)s and share_id = %(share_id)s
returning {columns}
""").format(columns=_COLUMNS)

# Fields a PATCH may change; a new password (or none) also replaces the grant key, which
# ends every access granted under the old one.
_UPDATABLE = ("permission", "expires_at", "max_views", "show_metadata", "password_hash")


def create(conn: Connection, **values: Any) -> dict:
    return conn.execute(CREATE, values).fetchone()


def list_mine(
    conn: Connection,
    user_id: UUID,
    *,
    image_id: UUID | None,
    folder_id: UUID | None,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[dict]:
    parts: list[sql.Composable] = [sql.SQL("true")]
    params: dict[str, Any] = {"user_id": user_id, "limit": limit}
    if image_id is not None:
        parts.append(sql.SQL("image_id = %(image_id)s"))
        params["image_id"] = image_id
    if folder_id is not None:
        parts.append(sql.SQL("folder_id = %(folder_id)s"))
        params["folder_id"] = folder_id
    if after is not None:
        parts.append(sql.SQL("(created_at, share_id) < (%(after_at)s, %(after_id)s)"))
        params["after_at"], params["after_id"] = after
    query = LIST.format(columns=_COLUMNS, conditions=sql.SQL(" and ").join(parts))
    return conn.execute(query, params).fetchall()


def get(conn: Connection, user_id: UUID, share_id: UUID) -> dict | None:
    return conn.execute(GET, {"user_id": user_id, "share_id": share_id}).fetchone()


def update(
    conn: Connection, user_id: UUID, share_id: UUID, changes: dict, grant_key: bytes | None
) -> dict | None:
    """Applies ``changes`` (columns of _UPDATABLE) to an active link; None if there is none."""
    sets = [sql.SQL("{} = %({})s").format(sql.Identifier(k), sql.SQL(k)) for k in changes]
    assert all(k in _UPDATABLE for k in changes)
    if grant_key is not None:
        sets.append(sql.SQL("grant_key = %(grant_key)s"))
    if not sets:
        sets.append(sql.SQL("share_id = share_id"))  # nothing to change: read it, if active
    query = sql.SQL(
        "update shares set {sets} where user_id = %(user_id)s and share_id = %(share_id)s"
        " and is_active returning {columns}"
    ).format(sets=sql.SQL(", ").join(sets), columns=_COLUMNS)
    params = {**changes, "grant_key": grant_key, "user_id": user_id, "share_id": share_id}
    return conn.execute(query, params).fetchone()


def revoke(conn: Connection, user_id: UUID, share_id: UUID) -> dict | None:
    return conn.execute(REVOKE, {"user_id": user_id, "share_id": share_id}).fetchone()


# --- the visitor (row-level security shows only the link whose token hash is set) ----------

# A link a visitor may open: live, and with views left unless the visitor holds a grant of
# it (whoever spent the last view keeps paging for the grant's hour). Any other link is no
# row, in this one query, exactly as an unknown token: no answer and no timing tells a
# revoked, expired or used-up link from one that never existed.
BY_TOKEN = sql.SQL("""
select {columns}, grant_key,
       max_views is not null and current_views >= max_views as used_up,
       coalesce((select f.name from folders f
                  where f.folder_id = shares.folder_id and f.user_id = shares.user_id),
                (select m.name from smart_folders m
                  where m.smart_folder_id = shares.smart_folder_id
                    and m.user_id = shares.user_id)) as folder_name
  from shares
 where token_hash = %(token_hash)s and is_active
   and (expires_at is null or expires_at > %(now)s)
   and (max_views is null or current_views < max_views or %(with_grant)s)
""").format(columns=_COLUMNS)

# One statement decides and counts: concurrent opens queue on the row lock and each sees the
# count the previous one left, so max_views is exact.
COUNT_VIEW = """
update shares set current_views = current_views + 1, last_accessed_at = %(now)s
 where token_hash = %(token_hash)s and is_active
   and (expires_at is null or expires_at > %(now)s)
   and (max_views is null or current_views < max_views)
returning current_views
"""

COUNT_DOWNLOAD = """
update shares set download_count = download_count + 1, last_accessed_at = %(now)s
 where share_id = %(share_id)s
"""

REHASH = "update shares set password_hash = %(password_hash)s where share_id = %(share_id)s"


def by_token(
    conn: Connection, token_hash: bytes, now: datetime, *, with_grant: bool
) -> dict | None:
    params = {"token_hash": token_hash, "now": now, "with_grant": with_grant}
    return conn.execute(BY_TOKEN, params).fetchone()


def count_view(conn: Connection, token_hash: bytes, now: datetime) -> bool:
    params = {"token_hash": token_hash, "now": now}
    return conn.execute(COUNT_VIEW, params).fetchone() is not None


def count_download(conn: Connection, share_id: UUID, now: datetime) -> None:
    conn.execute(COUNT_DOWNLOAD, {"share_id": share_id, "now": now})


def rehash_password(conn: Connection, share_id: UUID, password_hash: str) -> None:
    conn.execute(REHASH, {"share_id": share_id, "password_hash": password_hash})


# --- failed passwords -----------------------------------------------------------------------
# The visitor reaches share_access_failures only through two functions (migration 0030) that
# act on the transaction's link: it never reads another link's rows nor any address.

STANDING = "select * from share_password_standing(%(client_ip)s, %(since)s)"
RECORD_FAILURE = "select share_password_failed(%(client_ip)s, %(now)s)"
FORGET_FAILURES_BEFORE = "delete from share_access_failures where failed_at < %(before)s"


def password_standing(conn: Connection, client_ip: str, since: datetime) -> dict:
    """Failures since ``since`` of this link from this address, of this address across links
    and of this link from everyone (counts, and the latest of the first two). Attempts on one
    link and from one address take turns until the transaction ends."""
    return conn.execute(STANDING, {"client_ip": client_ip, "since": since}).fetchone()


def record_failure(conn: Connection, client_ip: str, now: datetime) -> None:
    conn.execute(RECORD_FAILURE, {"client_ip": client_ip, "now": now})


def forget_failures_before(conn: Connection, before: datetime) -> int:
    """Worker: failures older than the window are no longer needed."""
    return conn.execute(FORGET_FAILURES_BEFORE, {"before": before}).rowcount
