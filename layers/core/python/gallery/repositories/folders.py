from uuid import UUID

from psycopg import Connection

# Live counts from the (user_id, folder_id) index: derived, so they never drift.
SELECT = """
select f.folder_id, f.name, f.description, f.color, f.icon, f.sort_order, f.created_at,
       f.updated_at,
       (select count(*) from images i
         where i.user_id = f.user_id and i.folder_id = f.folder_id
           and i.status = 'ready' and i.deleted_at is null) as image_count
  from folders f
 where f.user_id = %(user_id)s
   and (%(folder_id)s::uuid is null or f.folder_id = %(folder_id)s)
 order by f.sort_order, lower(f.name), f.folder_id
"""

EXISTS = "select 1 from folders where user_id = %(user_id)s and folder_id = %(folder_id)s"

INSERT = """
insert into folders (user_id, name, description, color, icon, sort_order)
values (%(user_id)s, %(name)s, %(description)s, %(color)s, %(icon)s,
        coalesce(%(sort_order)s,
                 (select coalesce(max(sort_order), -1) + 1 from folders
                   where user_id = %(user_id)s)))
returning folder_id
"""

UPDATE = """
update folders set
    name = case when %(set_name)s then %(name)s else name end,
    description = case when %(set_description)s then %(description)s else description end,
    color = case when %(set_color)s then %(color)s else color end,
    icon = case when %(set_icon)s then %(icon)s else icon end,
    sort_order = case when %(set_sort_order)s then %(sort_order)s else sort_order end
 where user_id = %(user_id)s and folder_id = %(folder_id)s
returning folder_id
"""

MOVE_IMAGES = """
update images set folder_id = %(target)s
 where user_id = %(user_id)s and folder_id = %(folder_id)s
"""

DELETE = """
delete from folders where user_id = %(user_id)s and folder_id = %(folder_id)s
returning folder_id
"""

EDITABLE = ("name", "description", "color", "icon", "sort_order")


def list_for_user(conn: Connection, user_id: UUID) -> list[dict]:
    return conn.execute(SELECT, {"user_id": user_id, "folder_id": None}).fetchall()


def get(conn: Connection, user_id: UUID, folder_id: UUID) -> dict | None:
    return conn.execute(SELECT, {"user_id": user_id, "folder_id": folder_id}).fetchone()


def exists(conn: Connection, user_id: UUID, folder_id: UUID) -> bool:
    return conn.execute(EXISTS, {"user_id": user_id, "folder_id": folder_id}).fetchone() is not None


def insert(conn: Connection, user_id: UUID, fields: dict) -> UUID:
    row = conn.execute(INSERT, {"user_id": user_id, **fields}).fetchone()
    return row["folder_id"]


def update(conn: Connection, user_id: UUID, folder_id: UUID, changes: dict) -> bool:
    params = {"user_id": user_id, "folder_id": folder_id}
    for name in EDITABLE:
        params[f"set_{name}"] = name in changes
        params[name] = changes.get(name)
    return conn.execute(UPDATE, params).fetchone() is not None


def move_images(conn: Connection, user_id: UUID, folder_id: UUID, target: UUID | None) -> None:
    conn.execute(MOVE_IMAGES, {"user_id": user_id, "folder_id": folder_id, "target": target})


def delete(conn: Connection, user_id: UUID, folder_id: UUID) -> bool:
    return conn.execute(DELETE, {"user_id": user_id, "folder_id": folder_id}).fetchone() is not None


DELETE_ALL = "delete from folders where user_id = %(user_id)s"


def delete_all(conn: Connection, user_id: UUID) -> int:
    return conn.execute(DELETE_ALL, {"user_id": user_id}).rowcount
