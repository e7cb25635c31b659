"""Image listings: my images, my trash and a workspace's, keyset-paged, with the tag plan
chosen by how common the tag is."""

from dataclasses import dataclass, replace
from typing import Any, Literal, NamedTuple
from uuid import UUID

from psycopg import Connection, sql

_SELECT = sql.SQL("""
select i.image_id, i.user_id, {rating} as rating, i.prompt, i.negative_prompt, i.model,
       i.width, i.height, i.seed,
       i.params, i.s3_key, i.thumbnail_256_key, i.thumbnail_512_key, {favorite} as is_favorite,
       i.is_public, i.public_show_metadata, i.folder_id, i.view_count, i.download_count,
       i.file_size_bytes, i.mime_type, i.placeholder, i.preview_avif_key, i.preview_webp_key,
       i.created_at, i.updated_at, i.deleted_at, i.generator, i.steps, i.cfg_scale,
       i.sampler, i.scheduler, i.model_hash, i.vae, i.loras, i.clip_skip,
       i.denoising_strength, i.hires_upscaler, i.hires_scale, i.stack_id,
       {tags} as tags, {stack_size} as stack_size
  from ({page}) i
 order by {order}
""")

# The owner's own tags and star...
_OWN_TAGS = sql.SQL("""coalesce((select array_agg(t.name order by t.name_key)
                   from image_tags it join tags t on t.tag_id = it.tag_id
                  where it.image_id = i.image_id), '{}')""")
_OWN_FAVORITE = sql.SQL("i.is_favorite")
_OWN_RATING = sql.SQL("i.rating")
# ... and what a workspace member sees: the owner's tags (through the membership function),
# and their own star (an owner's star stays theirs).
_MEMBER_TAGS = sql.SQL("app_workspace_image_tags(i.image_id)")
_MEMBER_FAVORITE = sql.SQL("""case when i.user_id = %(viewer_id)s then i.is_favorite
        else exists (select from image_stars s
                      where s.user_id = %(viewer_id)s and s.image_id = i.image_id) end""")
_MEMBER_RATING = sql.SQL("""case when {t}.user_id = %(viewer_id)s then {t}.rating
        else coalesce((select r.rating from image_ratings r
                        where r.user_id = %(viewer_id)s and r.image_id = {t}.image_id), 0) end""")


def select_images(f: "ListFilter | None" = None, **parts: sql.Composable) -> sql.Composed:
    member = f is not None and f.workspace_id is not None
    stack_size = sql.SQL("null::integer")
    if f is not None and f.stacks_collapsed:
        stack_size = _STACK_SIZE.format(listed=_conditions(f, None, table="newer")[0])
    return _SELECT.format(
        favorite=_MEMBER_FAVORITE if member else _OWN_FAVORITE,
        rating=_MEMBER_RATING.format(t=sql.Identifier("i")) if member else _OWN_RATING,
        tags=_MEMBER_TAGS if member else _OWN_TAGS,
        stack_size=stack_size,
        **parts,
    )


_PAGE = sql.SQL("""
select * from images
 where {conditions}
 order by {order}
 limit %(limit)s offset %(offset)s
""")

# A listing of several folders (a subtree): each folder's first rows by its own index
# (user_id, folder_id, sort order), merged, then the page's rows read. Bounded by the page
# whatever the folders hold, where one scan of the owner's images in order would filter its
# way through them; the merge reads index entries (id and sort key), the page alone rows.
_PAGE_PER_FOLDER = sql.SQL("""
select * from images
 where image_id = any(array(
       select first.image_id from unnest(%(folder_ids)s::uuid[]) as sub(folder_id)
        cross join lateral (
              select image_id, {sort} from images
               where {conditions} and images.folder_id = sub.folder_id
               order by {order}
               limit %(limit)s + %(offset)s) first
        order by {first_order}
        limit %(limit)s offset %(offset)s))
""")

# Counting a narrowed listing stops past this many ("10,000+"), as a search engine's total
# does: an exact count reads every row the filter keeps (a heavy user's 142,857
# favourites: 20 ms, where the page takes 3).
COUNT_CAP = 10_000
_COUNT = sql.SQL("""select count(*) as total
  from (select from images where {conditions} limit %(cap)s + 1) listed""")
# What nothing narrows: my images, from the usage counter (ready ones, trash included) less
# my trash (its own index); a workspace's, counted by the membership function.
_LISTED_TOTAL = """
select s.image_count - (select count(*) from images
                         where user_id = %(user_id)s and status = 'ready'
                           and deleted_at is not null) as total
  from storage_usage s where s.user_id = %(user_id)s
"""
_WORKSPACE_TOTAL = "select app_workspace_image_count(%(workspace_id)s) as total"

_LISTED = sql.SQL("user_id = %(user_id)s and status = 'ready' and deleted_at is null")
_TRASHED = sql.SQL("user_id = %(user_id)s and status = 'ready' and deleted_at is not null")
# A workspace's images: shared one by one, or through a folder above them. As a condition
# on rows found otherwise (by id: an image opened, search hits, a stack's members), both
# sets computed once per statement (hashed sub-plans). Never alone: nothing in it is an
# index's, so a listing by it alone reads the whole table (4.9 s at 100k images).
_IN_WORKSPACE = sql.SQL("""{t}.status = 'ready' and {t}.deleted_at is null
   and ({t}.image_id in (select wi.image_id from workspace_items wi
                          where wi.workspace_id = %(workspace_id)s and wi.image_id is not null)
        or ({t}.user_id, {t}.folder_id) in (
            select wf.user_id, wf.folder_id from app_workspace_folders(%(workspace_id)s) wf))""")
_WORKSPACE_LISTED = sql.SQL("status = 'ready' and deleted_at is null")
# A workspace's listing, read from where its images are: each shared folder's by its
# index (user_id, folder_id, sort key), and the images shared one by one outside those
# folders. {conditions}: the listing's, about the images row; {tail}: each source's order
# and limit (a page: bounded by the page whatever the folders hold) or "offset 0" (a
# count; it keeps the folders' subquery a nested loop: flattened, the planner hashes the
# whole table against the function's guessed thousand folders).
_WORKSPACE_SOURCES = sql.SQL("""
select shared.* from app_workspace_folders(%(workspace_id)s) wf
 cross join lateral (
       select image_id, {sort} from images
        where {conditions} and images.user_id = wf.user_id and images.folder_id = wf.folder_id
        {tail}) shared
union all
select * from (
       select image_id, {sort} from images
        where {conditions}
          and image_id in (select wi.image_id from workspace_items wi
                            where wi.workspace_id = %(workspace_id)s and wi.image_id is not null)
          and not exists (select from app_workspace_folders(%(workspace_id)s) wf
                           where wf.user_id = images.user_id and wf.folder_id = images.folder_id)
        {tail}) one_by_one
""")
_WORKSPACE_PAGE = sql.SQL("""
select * from images
 where image_id = any(array(
       select first.image_id from ({sources}) first
        order by {first_order}
        limit %(limit)s offset %(offset)s))
""")
_WORKSPACE_COUNT = sql.SQL("""select count(*) as total
  from (select from ({sources}) listed limit %(cap)s + 1) capped""")
# {t}: the images row the condition is about (the listed one, or a stack's newer member)
_MEMBER_FILTERS = {
    "is_favorite": sql.SQL("""(case when user_id = %(viewer_id)s then is_favorite
        else exists (select from image_stars s where s.user_id = %(viewer_id)s
                                                 and s.image_id = {t}.image_id) end)
        = %(is_favorite)s"""),
    # tags by name: they belong to each image's owner
    "tag_key": sql.SQL("%(tag_key)s = any(app_workspace_image_tag_keys({t}.image_id))"),
    "rating_min": sql.SQL("{rating} >= %(rating_min)s"),
}

_FILTERS = {
    "folder_id": sql.SQL("folder_id = %(folder_id)s"),
    "folder_ids": sql.SQL("folder_id = any(%(folder_ids)s)"),
    "stack_id": sql.SQL("stack_id = %(stack_id)s"),
    "image_id": sql.SQL("image_id = %(image_id)s"),
    "is_favorite": sql.SQL("is_favorite = %(is_favorite)s"),
    "is_public": sql.SQL("is_public = %(is_public)s"),
    "rating_min": sql.SQL("rating >= %(rating_min)s"),
}

# Three plans for a tag filter. The tag alone, newest or oldest first: its own entries in
# that order (image_tags keeps each image's created_at), each image probed by its key until
# the page is full (_TAG_WALK), bounded by the page whatever the tag and the user hold.
# Otherwise, chosen by how common the tag is (the planner misjudges tag frequency): a
# common tag walks the user's images in sort order and probes image_tags by primary key per
# row (a scalar subquery, which the planner cannot turn into a semi-join); a rare tag
# starts from its few images and sorts them.
_TAG_PROBE = sql.SQL(
    "(select true from image_tags it where it.image_id = {t}.image_id and it.tag_id = %(tag_id)s)"
)

# Collapsed stacks: an image is listed when no newer image of its stack is (the newest the
# listing lists stands for the stack), and says how many of its stack are listed. The
# members' conditions are the listing's own, about the member ("newer"); the index on
# (user_id, stack_id, created_at, image_id) answers both per row.
_STACK_HEAD = sql.SQL("""(stack_id is null or not exists (
    select from images newer
     where newer.user_id = images.user_id and newer.stack_id = images.stack_id
       and (newer.created_at, newer.image_id) > (images.created_at, images.image_id)
       and {listed}))""")
_STACK_SIZE = sql.SQL("""case when i.stack_id is null then 1 else (
    select count(*) from images newer
     where newer.user_id = i.user_id and newer.stack_id = i.stack_id and {listed}) end""")
_TAG_SET = sql.SQL(
    "image_id in (select it.image_id from image_tags it where it.tag_id = %(tag_id)s)"
)
_TAG_WALK = sql.SQL("""
select * from images
 where image_id = any(array(
       select it.image_id from image_tags it
        where it.tag_id = %(tag_id)s {after}
          and (select true from images where images.image_id = it.image_id and {conditions})
        order by it.image_created_at {d}, it.image_id {d}
        limit %(limit)s offset %(offset)s))
""")

SORT_COLUMNS = ("created_at", "view_count", "download_count", "deleted_at", "rating")


@dataclass(frozen=True)
class ListFilter:
    user_id: UUID
    folder_id: UUID | None = None
    folder_ids: tuple[UUID, ...] | None = None  # a subtree's folders
    is_favorite: bool | None = None
    is_public: bool | None = None
    rating_min: int | None = None
    tag_key: str | None = None  # gallery.tag_keys
    sort_by: str = "created_at"
    descending: bool = True
    in_trash: bool = False
    # A workspace's images, as member ``user_id`` sees them (favourites are theirs)
    workspace_id: UUID | None = None
    # An owner's tag, as page() resolves tag_key, and the plan it takes (tests set both)
    tag_id: UUID | None = None
    tag_plan: Literal["walk", "probe", "set"] = "probe"
    # One image per variation stack (its newest listed); or one stack's images, or one image
    stacks_collapsed: bool = False
    stack_id: UUID | None = None
    image_id: UUID | None = None

    @property
    def narrowed_beyond_tag(self) -> bool:
        narrowing = (self.folder_id, self.folder_ids, self.is_favorite, self.is_public,
                     self.stack_id, self.image_id, self.rating_min)  # fmt: skip
        return self.in_trash or self.stacks_collapsed or any(v is not None for v in narrowing)


# The owner's tag by its key, how many listed images carry it, and how many they list.
_TAG = """
select t.tag_id, t.usage_count, s.image_count from tags t join storage_usage s using (user_id)
 where t.user_id = %(user_id)s and t.name_key = %(key)s
"""


def _probe_is_cheaper(tag_usage: int, user_images: int, page_size: int) -> bool:
    # the probe plan scans about page_size * user_images / tag_usage rows, the set plan
    # tag_usage rows: probe when that is the smaller
    return tag_usage * tag_usage >= page_size * user_images


class Total(NamedTuple):
    """How many images a listing lists: ``count``, or (not ``exact``) more than it."""

    count: int
    exact: bool = True


def page(
    conn: Connection, f: ListFilter, *, limit: int, offset: int = 0, after=None
) -> tuple[list[dict], Total]:
    """Up to ``limit`` images of the listing from ``offset`` or after ``after`` (keyset),
    and how many it lists in all. An owner's tag is read first (an unknown one lists
    nothing), and its plan chosen by how common it is; its usage count is the total when
    nothing else narrows the listing."""
    tag_total = None
    if f.tag_key is not None and f.workspace_id is None and f.tag_id is None:
        tag = conn.execute(_TAG, {"user_id": f.user_id, "key": f.tag_key}).fetchone()
        if tag is None:
            return [], Total(0)
        if f.sort_by == "created_at" and not f.narrowed_beyond_tag:
            plan = "walk"
        else:
            cheaper = _probe_is_cheaper(tag["usage_count"], tag["image_count"], limit)
            plan = "probe" if cheaper else "set"
        f = replace(f, tag_id=tag["tag_id"], tag_plan=plan)
        if not f.narrowed_beyond_tag:
            tag_total = Total(tag["usage_count"])  # the listed images carrying it
    rows = list_page(conn, f, limit=limit, offset=offset, after=after)
    return rows, count(conn, f) if tag_total is None else tag_total


def _conditions(
    f: ListFilter,
    after: tuple[Any, UUID] | None,
    for_count: bool = False,
    table: str = "images",
    membership: bool = True,
) -> tuple[sql.Composable, dict]:
    """The listing's conditions on the images row named ``table`` (unqualified columns are
    that row's: it is the innermost ``images`` where the conditions are written); a
    workspace's without its membership when the rows come from _WORKSPACE_SOURCES."""
    t = sql.Identifier(table)
    if f.workspace_id is not None:
        parts = [_IN_WORKSPACE.format(t=t) if membership else _WORKSPACE_LISTED]
        filters = {**_FILTERS, **_MEMBER_FILTERS}
    else:
        parts = [_TRASHED if f.in_trash else _LISTED]
        filters = _FILTERS
    params: dict[str, Any] = {
        "user_id": f.user_id, "viewer_id": f.user_id, "tag_id": f.tag_id,
        "workspace_id": f.workspace_id,
    }  # fmt: skip
    for name, clause in filters.items():
        value = getattr(f, name)
        if value is not None:
            parts.append(clause.format(t=t, rating=_MEMBER_RATING.format(t=t)))
            params[name] = list(value) if isinstance(value, tuple) else value
    if f.tag_id is not None:
        probe = f.tag_plan == "probe" and not for_count
        parts.append(_TAG_PROBE.format(t=t) if probe else _TAG_SET)
    if f.stacks_collapsed and table == "images":
        parts.append(_STACK_HEAD.format(listed=_conditions(f, None, table="newer")[0]))
    if after is not None:
        op = sql.SQL("<" if f.descending else ">")
        parts.append(
            sql.SQL("({col}, image_id) {op} (%(after_value)s, %(after_id)s)").format(
                col=sql.Identifier(f.sort_by), op=op
            )
        )
        params["after_value"], params["after_id"] = after
    return sql.SQL(" and ").join(parts), params


def _order(f: ListFilter, alias: str | None = None) -> sql.Composable:
    direction = sql.SQL("desc" if f.descending else "asc")
    col = sql.Identifier(alias, f.sort_by) if alias else sql.Identifier(f.sort_by)
    image_id = sql.Identifier(alias, "image_id") if alias else sql.Identifier("image_id")
    return sql.SQL("{} {d}, {} {d}").format(col, image_id, d=direction)


def list_page(
    conn: Connection,
    f: ListFilter,
    *,
    limit: int,
    offset: int = 0,
    after=None,
) -> list[dict]:
    """One page in sort order, tags included (one statement, no per-image queries)."""
    assert f.sort_by in SORT_COLUMNS
    if f.workspace_id is not None and f.image_id is None:
        return _list_workspace_page(conn, f, limit=limit, offset=offset, after=after)
    if f.tag_id is not None and f.tag_plan == "walk":
        return _list_tag_walk(conn, f, limit=limit, offset=offset, after=after)
    conditions, params = _conditions(f, after)
    if f.folder_ids is not None:
        inner = _PAGE_PER_FOLDER.format(conditions=conditions, order=_order(f),
                                        sort=sql.Identifier(f.sort_by),
                                        first_order=_order(f, "first"))  # fmt: skip
    else:
        inner = _PAGE.format(conditions=conditions, order=_order(f))
    query = select_images(f, page=inner, order=_order(f, "i"))
    return conn.execute(query, {**params, "limit": limit, "offset": offset}).fetchall()


def _list_tag_walk(conn: Connection, f: ListFilter, *, limit: int, offset: int, after):
    assert f.sort_by == "created_at" and f.workspace_id is None and not f.narrowed_beyond_tag
    conditions, params = _conditions(replace(f, tag_id=None), None)
    keyset = sql.SQL("")
    if after is not None:
        keyset = sql.SQL(
            "and (it.image_created_at, it.image_id) {op} (%(after_value)s, %(after_id)s)"
        )
        keyset = keyset.format(op=sql.SQL("<" if f.descending else ">"))
        params["after_value"], params["after_id"] = after
    inner = _TAG_WALK.format(after=keyset, conditions=conditions,
                             d=sql.SQL("desc" if f.descending else "asc"))  # fmt: skip
    query = select_images(f, page=inner, order=_order(f, "i"))
    params = {**params, "tag_id": f.tag_id, "limit": limit, "offset": offset}
    return conn.execute(query, params).fetchall()


def _workspace_sources(f: ListFilter, after, tail: sql.Composable) -> tuple[sql.Composed, dict]:
    conditions, params = _conditions(f, after, membership=False)
    sources = _WORKSPACE_SOURCES.format(
        conditions=conditions, sort=sql.Identifier(f.sort_by), tail=tail
    )
    return sources, params


def _list_workspace_page(conn: Connection, f: ListFilter, *, limit: int, offset: int, after):
    per_source = sql.SQL("order by {order} limit %(limit)s + %(offset)s").format(order=_order(f))
    sources, params = _workspace_sources(f, after, per_source)
    inner = _WORKSPACE_PAGE.format(sources=sources, first_order=_order(f, "first"))
    query = select_images(f, page=inner, order=_order(f, "i"))
    return conn.execute(query, {**params, "limit": limit, "offset": offset}).fetchall()


def count(conn: Connection, f: ListFilter) -> Total:
    if not f.narrowed_beyond_tag and f.tag_key is None and f.tag_id is None:
        if f.workspace_id is None:
            return Total(conn.execute(_LISTED_TOTAL, {"user_id": f.user_id}).fetchone()["total"])
        found = conn.execute(_WORKSPACE_TOTAL, {"workspace_id": f.workspace_id}).fetchone()
        return Total(found["total"])
    if f.workspace_id is not None:
        sources, params = _workspace_sources(f, None, sql.SQL("offset 0"))
        query = _WORKSPACE_COUNT.format(sources=sources)
    else:
        conditions, params = _conditions(f, None, for_count=True)
        query = _COUNT.format(conditions=conditions)
    found = conn.execute(query, {**params, "cap": COUNT_CAP})
    total = found.fetchone()["total"]
    return Total(COUNT_CAP, exact=False) if total > COUNT_CAP else Total(total)


def get_many_listed(conn: Connection, f: ListFilter, image_ids: list[UUID]) -> dict[UUID, dict]:
    """Search hits, hydrated: those of ``image_ids`` that ``f`` lists (a workspace's)."""
    conditions, params = _conditions(f, None)
    page = sql.SQL("select * from images where {} and image_id = any(%(image_ids)s)").format(
        conditions
    )
    query = select_images(f, page=page, order=sql.SQL("i.image_id"))
    rows = conn.execute(query, {**params, "image_ids": image_ids})
    return {row["image_id"]: row for row in rows}
