from uuid import UUID

from psycopg import Connection

# A folder's breadcrumbs (``f``: the folder), from the root down.
_PATH = """(select jsonb_agg(jsonb_build_object('folder_id', a.folder_id, 'name', a.name)
                         order by l.depth)
          from unnest(f.lineage) with ordinality l(folder_id, depth)
          join folders a on a.folder_id = l.folder_id) as path"""

# Live counts from the (user_id, folder_id) index: derived, so they never drift. The total
# counts the folder's subtree (its lineage's GIN index names it); path is the breadcrumbs.
SELECT = f"""
select f.folder_id, f.parent_id, f.name, f.description, f.color, f.icon, f.sort_order,
       f.created_at, f.updated_at,
       (select count(*) from images i
         where i.user_id = f.user_id and i.folder_id = f.folder_id
           and i.status = 'ready' and i.deleted_at is null) as image_count,
       (select count(*) from images i
         where i.user_id = f.user_id and i.status = 'ready' and i.deleted_at is null
           and i.folder_id = any(array(select d.folder_id from folders d
                                        where d.user_id = f.user_id
                                          and d.lineage @> array[f.folder_id]))
       ) as total_image_count,
       {_PATH}
  from folders f
 where f.user_id = %(user_id)s
   and (%(folder_id)s::uuid is null or f.folder_id = %(folder_id)s)
 order by cardinality(f.lineage), f.sort_order, lower(f.name), f.folder_id
"""  # noqa: S608 (no user input in the text)

# The breadcrumbs of some of the owner's folders, by folder.
PATHS = f"""
select f.folder_id,
       {_PATH}
  from folders f
 where f.user_id = %(user_id)s and f.folder_id = any(%(folder_ids)s)
"""  # noqa: S608

# Where a folder sits (its parent), without its counts.
PARENT = "select parent_id from folders where user_id = %(user_id)s and folder_id = %(folder_id)s"

# A folder and every folder under it, the folder first.
SUBTREE = """
select folder_id from folders
 where user_id = %(user_id)s and lineage @> array[%(folder_id)s::uuid]
 order by cardinality(lineage), folder_id
"""

# Moves of one owner's folders take turns (folders_place takes the same lock): taken before
# the row locks of the update, so two moves cannot deadlock on each other's subtrees.
LOCK_TREE = "select pg_advisory_xact_lock(7340032, hashtext(%(user_id)s::text))"

EXISTS = "select 1 from folders where user_id = %(user_id)s and folder_id = %(folder_id)s"

INSERT = """
insert into folders (user_id, parent_id, name, description, color, icon, sort_order)
values (%(user_id)s, %(parent_id)s, %(name)s, %(description)s, %(color)s, %(icon)s,
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
    sort_order = case when %(set_sort_order)s then %(sort_order)s else sort_order end,
    parent_id = case when %(set_parent_id)s then %(parent_id)s else parent_id end
 where user_id = %(user_id)s and folder_id = %(folder_id)s
returning folder_id
"""

MOVE_IMAGES = """
update images set folder_id = %(target)s
 where user_id = %(user_id)s and folder_id = any(%(folder_ids)s)
"""

# A folder's subfolders move up to its parent (or to the root).
MOVE_CHILDREN_UP = """
update folders set parent_id = %(parent_id)s
 where user_id = %(user_id)s and parent_id = %(folder_id)s
"""

DELETE = """
delete from folders where user_id = %(user_id)s and folder_id = any(%(folder_ids)s)
"""

EDITABLE = ("name", "description", "color", "icon", "sort_order", "parent_id")


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


def placement(conn: Connection, user_id: UUID, folder_id: UUID) -> dict | None:
    """The owner's folder's parent (``{"parent_id"}``), or None when it is not theirs."""
    return conn.execute(PARENT, {"user_id": user_id, "folder_id": folder_id}).fetchone()


def paths(conn: Connection, user_id: UUID, folder_ids: list[UUID]) -> dict[UUID, list[dict]]:
    rows = conn.execute(PATHS, {"user_id": user_id, "folder_ids": folder_ids})
    return {row["folder_id"]: row["path"] for row in rows}


def subtree(conn: Connection, user_id: UUID, folder_id: UUID) -> list[UUID]:
    """The folder and its subfolders at every depth (none when it is not the owner's)."""
    rows = conn.execute(SUBTREE, {"user_id": user_id, "folder_id": folder_id})
    return [row["folder_id"] for row in rows]


def lock_tree(conn: Connection, user_id: UUID) -> None:
    conn.execute(LOCK_TREE, {"user_id": user_id})


def move_images(
    conn: Connection, user_id: UUID, folder_ids: list[UUID], target: UUID | None
) -> None:
    conn.execute(MOVE_IMAGES, {"user_id": user_id, "folder_ids": folder_ids, "target": target})


def move_children_up(
    conn: Connection, user_id: UUID, folder_id: UUID, parent_id: UUID | None
) -> None:
    params = {"user_id": user_id, "folder_id": folder_id, "parent_id": parent_id}
    conn.execute(MOVE_CHILDREN_UP, params)


def delete(conn: Connection, user_id: UUID, folder_ids: list[UUID]) -> int:
    return conn.execute(DELETE, {"user_id": user_id, "folder_ids": folder_ids}).rowcount


DELETE_ALL = "delete from folders where user_id = %(user_id)s"


def delete_all(conn: Connection, user_id: UUID) -> int:
    return conn.execute(DELETE_ALL, {"user_id": user_id}).rowcount
