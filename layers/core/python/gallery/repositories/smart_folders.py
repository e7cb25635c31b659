from uuid import UUID

from psycopg import Connection
from psycopg.types.json import Jsonb

_COLUMNS = "smart_folder_id, name, query, sort_order, created_at, updated_at"

SELECT = f"""
select {_COLUMNS} from smart_folders
 where user_id = %(user_id)s
   and (%(smart_folder_id)s::uuid is null or smart_folder_id = %(smart_folder_id)s)
 order by sort_order, lower(name), smart_folder_id
"""  # noqa: S608 (no user input in the text)

INSERT = """
insert into smart_folders (user_id, name, query, sort_order)
values (%(user_id)s, %(name)s, %(query)s,
        coalesce(%(sort_order)s,
                 (select coalesce(max(sort_order), -1) + 1 from smart_folders
                   where user_id = %(user_id)s)))
returning smart_folder_id
"""

UPDATE = """
update smart_folders set
    name = coalesce(%(name)s, name),
    query = coalesce(%(query)s, query),
    sort_order = coalesce(%(sort_order)s, sort_order)
 where user_id = %(user_id)s and smart_folder_id = %(smart_folder_id)s
returning smart_folder_id
"""

DELETE = """
delete from smart_folders where user_id = %(user_id)s and smart_folder_id = %(smart_folder_id)s
"""

DELETE_ALL = "delete from smart_folders where user_id = %(user_id)s"


def list_for_user(conn: Connection, user_id: UUID) -> list[dict]:
    return conn.execute(SELECT, {"user_id": user_id, "smart_folder_id": None}).fetchall()


def get(conn: Connection, user_id: UUID, smart_folder_id: UUID) -> dict | None:
    params = {"user_id": user_id, "smart_folder_id": smart_folder_id}
    return conn.execute(SELECT, params).fetchone()


def insert(conn: Connection, user_id: UUID, name: str, query: dict, sort_order: int | None):
    params = {"user_id": user_id, "name": name, "query": Jsonb(query), "sort_order": sort_order}
    return conn.execute(INSERT, params).fetchone()["smart_folder_id"]


def update(
    conn: Connection, user_id: UUID, smart_folder_id: UUID, *, name: str | None,
    query: dict | None, sort_order: int | None,
) -> bool:  # fmt: skip
    saved = Jsonb(query) if query is not None else None
    params = {"user_id": user_id, "smart_folder_id": smart_folder_id, "name": name,
              "query": saved, "sort_order": sort_order}  # fmt: skip
    return conn.execute(UPDATE, params).fetchone() is not None


def delete(conn: Connection, user_id: UUID, smart_folder_id: UUID) -> bool:
    params = {"user_id": user_id, "smart_folder_id": smart_folder_id}
    return conn.execute(DELETE, params).rowcount > 0


def delete_all(conn: Connection, user_id: UUID) -> int:
    return conn.execute(DELETE_ALL, {"user_id": user_id}).rowcount
