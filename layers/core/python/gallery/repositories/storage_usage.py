from uuid import UUID

from psycopg import Connection

GET = """
select u.plan, s.used_bytes, s.image_count, s.recompression_saved_bytes,
       s.upload_tokens, s.upload_tokens_at, r.reserved_bytes, r.open_reservations,
       r.first_expiry
  from users u join storage_usage s using (user_id)
  cross join lateral (
      select coalesce(sum(i.reserved_bytes), 0)::bigint as reserved_bytes,
             count(*) as open_reservations, min(i.reservation_expires_at) as first_expiry
        from images i
       where i.user_id = u.user_id and i.status = 'pending'
         and i.reservation_expires_at > now()) r
 where u.user_id = %(user_id)s
"""


def get(conn: Connection, user_id: UUID) -> dict | None:
    return conn.execute(GET, {"user_id": user_id}).fetchone()


# Taken before reserving: concurrent reservations of one user queue here, so their sum
# never passes the quota.
LOCK = "select 1 from storage_usage where user_id = %(user_id)s for update"


def lock(conn: Connection, user_id: UUID) -> None:
    conn.execute(LOCK, {"user_id": user_id})


SET_UPLOAD_TOKENS = """
update storage_usage set upload_tokens = %(tokens)s, upload_tokens_at = %(at)s
 where user_id = %(user_id)s
"""


def set_upload_tokens(conn: Connection, user_id: UUID, tokens: float, at) -> None:
    conn.execute(SET_UPLOAD_TOKENS, {"user_id": user_id, "tokens": tokens, "at": at})
