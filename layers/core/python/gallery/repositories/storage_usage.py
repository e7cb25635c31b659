from uuid import UUID

from psycopg import Connection

GET = """
select u.plan, s.used_bytes, s.image_count, s.recompression_saved_bytes,
       (select coalesce(sum(i.reserved_bytes), 0) from images i
         where i.user_id = u.user_id and i.status = 'pending'
           and i.reservation_expires_at > now())::bigint as reserved_bytes
  from users u join storage_usage s using (user_id)
 where u.user_id = %(user_id)s
"""


def get(conn: Connection, user_id: UUID) -> dict | None:
    return conn.execute(GET, {"user_id": user_id}).fetchone()


# Taken before reserving: concurrent reservations of one user queue here, so their sum
# never passes the quota.
LOCK = "select 1 from storage_usage where user_id = %(user_id)s for update"


def lock(conn: Connection, user_id: UUID) -> None:
    conn.execute(LOCK, {"user_id": user_id})
