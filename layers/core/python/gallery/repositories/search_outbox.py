"""The search outbox, as the indexer sees it (the worker role), and whether a caller's own
changes are still in it."""

from uuid import UUID

from psycopg import Connection

# Rows due now, oldest first; rows another indexer holds are skipped, not waited for.
CLAIM = """
select outbox_id, image_id, user_id, attempts from search_outbox
 where parked_at is null and available_at <= now()
 order by outbox_id
 limit %(limit)s
   for update skip locked
"""

DONE = "delete from search_outbox where outbox_id = any(%(ids)s)"

# Exponential backoff from 2 s up to 10 minutes; parked (kept, with the error) after
# max_attempts, for someone to look at.
FAILED = """
update search_outbox set
    attempts = attempts + 1,
    last_error = %(error)s,
    available_at = now() + least(interval '10 minutes', interval '2 seconds' * power(2, attempts)),
    parked_at = case when attempts + 1 >= %(max_attempts)s then now() end
 where outbox_id = any(%(ids)s)
"""

# The current state of the named images: the ones gone, trashed or not ready are absent.
DOCUMENTS = """
select i.image_id, i.user_id, i.prompt, i.negative_prompt, i.model, i.width, i.height,
       i.created_at, i.is_public, i.is_favorite, i.folder_id,
       i.generator, i.steps, i.cfg_scale, i.sampler, i.scheduler, i.seed, i.model_hash,
       i.loras, i.stack_id, i.rating,
       -- the newest of the owner's listed images of its stack (or of no stack)
       i.stack_id is null or not exists (
           select from images j
            where j.user_id = i.user_id and j.stack_id = i.stack_id and j.status = 'ready'
              and j.deleted_at is null
              and (j.created_at, j.image_id) > (i.created_at, i.image_id)) as stack_head,
       -- tags by key (gallery.tag_keys): documents only filter by them, never show them
       coalesce((select array_agg(t.name_key order by t.name_key)
                   from image_tags it join tags t on t.tag_id = it.tag_id
                  where it.image_id = i.image_id), '{}') as tags,
       -- the workspaces it is shared into, itself or by a folder above it
       array(select wi.workspace_id from workspace_items wi where wi.image_id = i.image_id
             union
             select wi.workspace_id from folders f
               join workspace_items wi on wi.user_id = f.user_id and wi.folder_id = any(f.lineage)
              where f.folder_id = i.folder_id
       ) as workspace_ids
  from images i
 where i.image_id = any(%(ids)s) and i.status = 'ready' and i.deleted_at is null
"""


def claim(conn: Connection, limit: int) -> list[dict]:
    return conn.execute(CLAIM, {"limit": limit}).fetchall()


def done(conn: Connection, outbox_ids: list[int]) -> None:
    if outbox_ids:
        conn.execute(DONE, {"ids": outbox_ids})


def failed(conn: Connection, outbox_ids: list[int], error: str, max_attempts: int) -> None:
    params = {"ids": outbox_ids, "error": error[:2000], "max_attempts": max_attempts}
    conn.execute(FAILED, params)


def documents(conn: Connection, image_ids: list[UUID]) -> dict[UUID, dict]:
    return {row["image_id"]: row for row in conn.execute(DOCUMENTS, {"ids": image_ids})}


# Every listed image, queued again (a reindex): first and last outbox id, and how many.
ENQUEUE_ALL = """
with queued as (
    insert into search_outbox (image_id, user_id)
    select image_id, user_id from images where status = 'ready' and deleted_at is null
    returning outbox_id
)
select min(outbox_id) as first, max(outbox_id) as last, count(*) as queued from queued
"""

PENDING_BETWEEN = """
select count(*) filter (where parked_at is null) as waiting,
       count(*) filter (where parked_at is not null) as parked
  from search_outbox where outbox_id between %(first)s and %(last)s
"""


def enqueue_all(conn: Connection) -> dict:
    return conn.execute(ENQUEUE_ALL).fetchone()


def pending_between(conn: Connection, first: int, last: int) -> dict:
    return conn.execute(PENDING_BETWEEN, {"first": first, "last": last}).fetchone()


# What waits: the age of the oldest row in line (parked ones are out of it) and how many
# rows are parked; alarms watch both.
BACKLOG = """
select coalesce(extract(epoch from now() - min(enqueued_at) filter (where parked_at is null)),
                0)::float as oldest_age_seconds,
       count(*) filter (where parked_at is not null) as parked
  from search_outbox
"""


def backlog(conn: Connection) -> dict:
    return conn.execute(BACKLOG).fetchone()


def catching_up(conn: Connection) -> bool:
    """Whether the caller has changes not yet in the index (a security definer function: the
    app role cannot read the outbox itself)."""
    return conn.execute("select app_search_catching_up() as pending").fetchone()["pending"]
