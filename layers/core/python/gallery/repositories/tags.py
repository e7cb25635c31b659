from uuid import UUID

from psycopg import Connection

# Creates the missing names; existing tags keep their spelling.
UPSERT = """
insert into tags (user_id, name)
select %(user_id)s, name from unnest(%(names)s::text[]) as name
on conflict (user_id, lower(name)) do nothing
"""

IDS_BY_NAME = """
select tag_id from tags
 where user_id = %(user_id)s and lower(name) = any(%(lower_names)s::text[])
"""

ID_BY_NAME = """
select tag_id, usage_count from tags
 where user_id = %(user_id)s and lower(name) = lower(%(name)s)
"""

# Prefix matches first, then names containing the query; the query is a LIKE literal.
SUGGEST = r"""
select tag_id, name, color, usage_count from tags
 where user_id = %(user_id)s
   and (%(pattern)s::text is null or lower(name) like '%%' || %(pattern)s || '%%' escape '\')
 order by (%(pattern)s::text is not null and lower(name) like %(pattern)s || '%%' escape '\') desc,
          usage_count desc, lower(name)
 limit %(limit)s
"""

# Every writer of image_tags locks the tag rows whose counts it will change first, in id
# order, so concurrent writers queue instead of deadlocking in the counting trigger.
LOCK = """
select tag_id from tags
 where user_id = %(user_id)s
   and (tag_id = any(%(tag_ids)s::uuid[])
        or tag_id in (select tag_id from image_tags where image_id = any(%(image_ids)s::uuid[])))
 order by tag_id
   for update
"""

WITH_PREFIX = r"""
select name from tags
 where user_id = %(user_id)s and lower(name) like %(pattern)s || '%%' escape '\'
 order by usage_count desc, lower(name)
 limit %(limit)s
"""

REPLACE_FOR_IMAGE_DELETE = """
delete from image_tags
 where user_id = %(user_id)s and image_id = %(image_id)s and tag_id <> all(%(tag_ids)s::uuid[])
"""

ATTACH = """
insert into image_tags (image_id, tag_id, user_id)
select image_id, tag_id, %(user_id)s
  from unnest(%(image_ids)s::uuid[]) as image_id cross join unnest(%(tag_ids)s::uuid[]) as tag_id
on conflict do nothing
"""

DETACH = """
delete from image_tags
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[])
   and tag_id = any(%(tag_ids)s::uuid[])
"""


def like_literal(text: str) -> str:
    """``text`` matched literally by LIKE ... ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def resolve(conn: Connection, user_id: UUID, names: list[str]) -> list[UUID]:
    """The ids of ``names``, creating the tags that do not exist yet."""
    if not names:
        return []
    conn.execute(UPSERT, {"user_id": user_id, "names": names})
    lower_names = [name.lower() for name in names]
    rows = conn.execute(IDS_BY_NAME, {"user_id": user_id, "lower_names": lower_names})
    return [row["tag_id"] for row in rows]


def find(conn: Connection, user_id: UUID, name: str) -> dict | None:
    return conn.execute(ID_BY_NAME, {"user_id": user_id, "name": name}).fetchone()


def find_ids(conn: Connection, user_id: UUID, names: list[str]) -> list[UUID]:
    lower_names = [name.lower() for name in names]
    rows = conn.execute(IDS_BY_NAME, {"user_id": user_id, "lower_names": lower_names})
    return [row["tag_id"] for row in rows]


def suggest(conn: Connection, user_id: UUID, query: str | None, limit: int) -> list[dict]:
    pattern = like_literal(query.lower()) if query else None
    params = {"user_id": user_id, "pattern": pattern, "limit": limit}
    return conn.execute(SUGGEST, params).fetchall()


def lock(
    conn: Connection,
    user_id: UUID,
    tag_ids: list[UUID] = (),
    of_images: list[UUID] = (),
) -> None:
    """Locks ``tag_ids`` and the tags of ``of_images`` before their counts change."""
    params = {"user_id": user_id, "tag_ids": list(tag_ids), "image_ids": list(of_images)}
    conn.execute(LOCK, params)


def with_prefix(conn: Connection, user_id: UUID, prefix: str, limit: int) -> list[dict]:
    params = {"user_id": user_id, "pattern": like_literal(prefix.lower()), "limit": limit}
    return conn.execute(WITH_PREFIX, params).fetchall()


def replace_for_image(conn: Connection, user_id: UUID, image_id: UUID, tag_ids: list[UUID]) -> None:
    params = {"user_id": user_id, "image_id": image_id, "tag_ids": tag_ids}
    conn.execute(REPLACE_FOR_IMAGE_DELETE, params)
    attach(conn, user_id, [image_id], tag_ids)


def attach(conn: Connection, user_id: UUID, image_ids: list[UUID], tag_ids: list[UUID]) -> None:
    if image_ids and tag_ids:
        conn.execute(ATTACH, {"user_id": user_id, "image_ids": image_ids, "tag_ids": tag_ids})


def detach(conn: Connection, user_id: UUID, image_ids: list[UUID], tag_ids: list[UUID]) -> None:
    if image_ids and tag_ids:
        conn.execute(DETACH, {"user_id": user_id, "image_ids": image_ids, "tag_ids": tag_ids})


DELETE_ALL = "delete from tags where user_id = %(user_id)s"


def delete_all(conn: Connection, user_id: UUID) -> int:
    return conn.execute(DELETE_ALL, {"user_id": user_id}).rowcount
