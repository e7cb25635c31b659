from uuid import UUID

from psycopg import Connection

ENSURE = """
insert into users (user_id, email, plan) values (%(user_id)s, %(email)s, %(plan)s)
on conflict (user_id) do nothing
"""

SET_PLAN = """
update users set plan = %(plan)s, email = coalesce(%(email)s, email)
 where user_id = %(user_id)s
"""


def ensure(conn: Connection, user_id: UUID, email: str | None, plan: str) -> None:
    conn.execute(ENSURE, {"user_id": user_id, "email": email, "plan": plan})


def set_plan(conn: Connection, user_id: UUID, email: str | None, plan: str) -> None:
    conn.execute(SET_PLAN, {"user_id": user_id, "email": email, "plan": plan})
