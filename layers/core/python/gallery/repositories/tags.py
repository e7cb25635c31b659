from uuid import UUID

from psycopg import Connection

from gallery.tag_keys import tag_key

# Creates the missing names; existing tags keep their spelling.
UPSERT = """
insert into tags (user_id, name, name_key)
select %(user_id)s, name, name_key
  from unnest(%(names)s::text[], %(keys)s::text[]) as t(name, name_key)
on conflict (user_id, name_key) do nothing
"""

IDS_BY_NAME = """
select tag_id from tags
 where user_id = %(user_id)s and name_key = any(%(keys)s::text[])
"""

ID_BY_NAME = """
select tag_id, usage_count from tags
 where user_id = %(user_id)s and name_key = %(key)s
"""

# Prefix matches first, then names containing the query; the query is a LIKE literal.
SUGGEST = r"""
select tag_id, name, color, usage_count from tags
 where user_id = %(user_id)s
   and (%(pattern)s::text is null or name_key like '%%' || %(pattern)s || '%%' escape '\')
 order by (%(pattern)s::text is not null and name_key like %(pattern)s || '%%' escape '\') desc,
          usage_count desc, name_key
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
 where user_id = %(user_id)s and name_key like %(pattern)s || '%%' escape '\'
 order by usage_count desc, name_key
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
    keys = [tag_key(name) for name in names]
    conn.execute(UPSERT, {"user_id": user_id, "names": names, "keys": keys})
    return find_ids(conn, user_id, names)


def find(conn: Connection, user_id: UUID, name: str) -> dict | None:
    return conn.execute(ID_BY_NAME, {"user_id": user_id, "key": tag_key(name)}).fetchone()


def find_ids(conn: Connection, user_id: UUID, names: list[str]) -> list[UUID]:
    keys = [tag_key(name) for name in names]
    rows = conn.execute(IDS_BY_NAME, {"user_id": user_id, "keys": keys})
    return [row["tag_id"] for row in rows]


def suggest(conn: Connection, user_id: UUID, query: str | None, limit: int) -> list[dict]:
    pattern = like_literal(tag_key(query)) if query else None
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
    params = {"user_id": user_id, "pattern": like_literal(tag_key(prefix)), "limit": limit}
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


# Tags whose key the code may fold differently from the ASCII-only lower() that keyed
# them before migration 0020: only names with a non-ASCII character can.
UNFOLDED = r"""
select tag_id, user_id, name, name_key from tags
 where name ~ '[^\x01-\x7f]' and tag_id > %(after)s
 order by tag_id
 limit %(limit)s
"""

ID_BY_KEY = "select tag_id from tags where user_id = %(user_id)s and name_key = %(key)s"

SET_KEY = "update tags set name_key = %(key)s where tag_id = %(tag_id)s and user_id = %(user_id)s"

MOVE_IMAGES = """
insert into image_tags (image_id, tag_id, user_id)
select image_id, %(into)s, user_id from image_tags
 where tag_id = %(tag_id)s and user_id = %(user_id)s
on conflict do nothing
"""

DELETE = "delete from tags where tag_id = %(tag_id)s and user_id = %(user_id)s"


def unfolded(conn: Connection, after: UUID, limit: int) -> list[dict]:
    return conn.execute(UNFOLDED, {"after": after, "limit": limit}).fetchall()


def rekey(conn: Connection, user_id: UUID, tag_id: UUID, key: str) -> bool:
    """Gives the tag ``key``; where another of the user's tags has it already, that tag
    takes over this one's images and this one goes. True when they were merged."""
    params = {"user_id": user_id, "tag_id": tag_id, "key": key}
    same = conn.execute(ID_BY_KEY, params).fetchone()
    if same is None:
        conn.execute(SET_KEY, params)
        return False
    lock(conn, user_id, [tag_id, same["tag_id"]])
    conn.execute(MOVE_IMAGES, {**params, "into": same["tag_id"]})
    conn.execute(DELETE, params)
    return True
