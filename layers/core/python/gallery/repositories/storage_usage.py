from uuid import UUID

from psycopg import Connection

GET = """
select u.plan, s.used_bytes, s.reserved_bytes, s.image_count
  from users u join storage_usage s using (user_id)
 where u.user_id = %(user_id)s
"""


def get(conn: Connection, user_id: UUID) -> dict | None:
    return conn.execute(GET, {"user_id": user_id}).fetchone()
