"""The PostgreSQL backend: the OpenSearch documents in ``search_documents``, the prompt's
terms (gallery.search.analysis, the same morphemes as nori) in a tsvector, matched with
any-of-the-terms tsqueries ranked by ``ts_rank``. Same filters, sorts and cursors.

Writes happen in the indexer's transaction. A document is only written while its image is
still listed and only over an older version, so a late write never resurrects or
regresses one.
"""

from dataclasses import replace
from typing import Any
from uuid import UUID

import psycopg
from psycopg import Connection, sql
from psycopg.types.json import Jsonb

from gallery import db
from gallery.search import analysis
from gallery.search.backend import (
    After,
    BackendUnavailable,
    Change,
    FacetRequest,
    Facets,
    Filters,
    Hit,
    Hits,
    SearchRequest,
    from_micros,
    to_micros,
)
from gallery.search.postgres_text import MODEL_IN, TextQuery
from gallery.tag_keys import tag_key

_UPSERT = """
insert into search_documents (image_id, owner_id, workspace_ids, version, prompt, terms, tags,
                              model, model_names, sampler, width, height, created_at,
                              is_public, is_favorite, folder_id, generator, steps, cfg_scale,
                              scheduler, seed, model_hash, loras, lora_names, stack_id,
                              stack_head, rating)
select %(image_id)s, %(owner_id)s, %(workspace_ids)s, %(version)s, %(prompt)s,
       %(terms)s::tsvector, %(tags)s, %(model)s, %(model_names)s, %(sampler)s, %(width)s,
       %(height)s, %(created_at)s, %(is_public)s, %(is_favorite)s, %(folder_id)s,
       %(generator)s, %(steps)s, %(cfg_scale)s, %(scheduler)s, %(seed)s, %(model_hash)s,
       %(loras)s, %(lora_names)s, %(stack_id)s, %(stack_head)s, %(rating)s
 where exists (select from images i where i.image_id = %(image_id)s
                                      and i.status = 'ready' and i.deleted_at is null)
on conflict (image_id) do update set
    owner_id = excluded.owner_id, workspace_ids = excluded.workspace_ids,
    version = excluded.version, prompt = excluded.prompt, terms = excluded.terms,
    tags = excluded.tags, model = excluded.model, model_names = excluded.model_names,
    sampler = excluded.sampler, width = excluded.width, height = excluded.height,
    created_at = excluded.created_at,
    is_public = excluded.is_public, is_favorite = excluded.is_favorite,
    folder_id = excluded.folder_id, generator = excluded.generator, steps = excluded.steps,
    cfg_scale = excluded.cfg_scale, scheduler = excluded.scheduler, seed = excluded.seed,
    model_hash = excluded.model_hash, loras = excluded.loras, lora_names = excluded.lora_names,
    stack_id = excluded.stack_id, stack_head = excluded.stack_head, rating = excluded.rating
 where search_documents.version < excluded.version
"""

_DELETE = """
delete from search_documents d
 using unnest(%(ids)s::uuid[], %(versions)s::bigint[]) as gone(image_id, version)
 where d.image_id = gone.image_id and d.version < gone.version
"""

_SEARCH = sql.SQL("""
select image_id, created_at, prompt, score, rating, total from (
    select d.image_id, d.created_at, d.prompt, {score} as score, d.rating,
           count(*) over () as total
      from search_documents d
     where {conditions}
) hit
 where {after}
 order by {order}
 limit %(limit)s offset %(offset)s
""")

# The images per value of one column (model, sampler), the most first; "C": values in byte
# order, as OpenSearch orders its terms
_BY_VALUE = sql.SQL("""
select d.{column} as value, count(*) as count
  from search_documents d
 where {conditions} and d.{column} is not null
 group by d.{column}
 order by count desc, d.{column} collate "C"
 limit %(limit)s
""")

# (value, its most frequent hash): a checkpoint by model, a LoRA by name
_CHECKPOINTS = sql.SQL("""
select d.model as value, mode() within group (order by d.model_hash) as hash,
       count(*) as count
  from search_documents d
 where {conditions} and d.model is not null
 group by d.model
 order by count desc, d.model collate "C"
 limit %(limit)s
""")

_LORAS = sql.SQL("""
select l.name as value, mode() within group (order by l.hash) as hash,
       count(distinct d.image_id) as count
  from search_documents d, jsonb_to_recordset(d.loras) as l(name text, hash text)
 where {conditions}
 group by l.name
 order by count desc, l.name collate "C"
 limit %(limit)s
""")

_SIZES = sql.SQL("""
select d.width, d.height, count(*) as count
  from search_documents d
 where {conditions}
 group by d.width, d.height
 order by count desc, d.width, d.height
 limit %(limit)s
""")

_WORKSPACES = sql.SQL("""
select w.workspace_id::text as value, count(*) as count
  from search_documents d, unnest(d.workspace_ids) as w(workspace_id)
 where {conditions}
 group by w.workspace_id
 order by count desc, w.workspace_id::text collate "C"
 limit %(limit)s
""")

_COUNT = sql.SQL("select count(*) as total from search_documents d where {conditions}")

_ORDER = {
    "relevance": "score desc, created_at desc, image_id asc",
    "newest": "created_at desc, image_id desc",
    "oldest": "created_at asc, image_id asc",
    "rating": "rating desc, created_at desc, image_id asc",
}
_AFTER = {
    "relevance": "(score < %(after_score)s::real or (score = %(after_score)s::real and"
    " (created_at < %(after_created)s or (created_at = %(after_created)s"
    " and image_id > %(after_id)s))))",
    "newest": "(created_at, image_id) < (%(after_created)s, %(after_id)s)",
    "oldest": "(created_at, image_id) > (%(after_created)s, %(after_id)s)",
    "rating": "(rating < %(after_rating)s or (rating = %(after_rating)s and"
    " (created_at < %(after_created)s or (created_at = %(after_created)s"
    " and image_id > %(after_id)s))))",
}
_EQUALS = ("folder_id", "is_favorite", "is_public", "width", "height", "sampler", "scheduler",
           "seed", "generator")  # fmt: skip
# A model matches by its name or its family, in any case ("Flux": flux-dev, flux-schnell):
# the document lists both (expansion.model_names).
_BOUNDS = {
    "min_width": "d.width >= %(min_width)s",
    "max_width": "d.width <= %(max_width)s",
    "min_height": "d.height >= %(min_height)s",
    "max_height": "d.height <= %(max_height)s",
    "created_from": "d.created_at >= %(created_from)s",
    "created_to": "d.created_at <= %(created_to)s",
    "rating_min": "d.rating >= %(rating_min)s",
    "steps_min": "d.steps >= %(steps_min)s",
    "steps_max": "d.steps <= %(steps_max)s",
    "cfg_min": "d.cfg_scale >= %(cfg_min)s",
    "cfg_max": "d.cfg_scale <= %(cfg_max)s",
}
# One LoRA filter: named (the names' index finds the documents) and within its weights.
_LORA = """(d.lora_names @> array[%(lora_{n})s]::text[] and exists (
    select from jsonb_array_elements(d.loras) l
     where l->>'name' = %(lora_{n})s
       and (%(lora_{n}_min)s::float8 is null or (l->>'weight')::float8 >= %(lora_{n}_min)s)
       and (%(lora_{n}_max)s::float8 is null or (l->>'weight')::float8 <= %(lora_{n}_max)s)))"""


def _filters(user_id: UUID, query: Filters) -> tuple[list[str], dict[str, Any]]:
    if query.workspace_id:
        conditions = ["d.workspace_ids @> array[%(workspace_id)s]::uuid[]"]
        params: dict[str, Any] = {"workspace_id": query.workspace_id}
    else:
        conditions = ["d.owner_id = %(user_id)s"]
        params = {"user_id": user_id}
    if query.model is not None:
        conditions.append("%(model)s = any(d.model_names)")
        params["model"] = query.model.lower()
    for name in _EQUALS:
        value = getattr(query, name)
        if value is not None:
            conditions.append(f"d.{name} = %({name})s")
            params[name] = value
    if query.folder_ids is not None:
        conditions.append("d.folder_id = any(%(folder_ids)s::uuid[])")
        params["folder_ids"] = list(query.folder_ids)
    if query.image_ids is not None:
        conditions.append("d.image_id = any(%(image_ids)s::uuid[])")
        params["image_ids"] = list(query.image_ids)
    for name, condition in _BOUNDS.items():
        value = getattr(query, name)
        if value is not None:
            conditions.append(condition)
            params[name] = value
    if query.stacks_collapsed:
        conditions.append("d.stack_head")
    if query.model_hash is not None:
        conditions.append("d.model_hash like %(model_hash)s")  # hex: nothing to escape
        params["model_hash"] = query.model_hash + "%"
    for n, lora in enumerate(query.loras):  # all of them
        conditions.append(_LORA.format(n=n))
        params.update({f"lora_{n}": lora.name, f"lora_{n}_min": lora.weight_min,
                       f"lora_{n}_max": lora.weight_max})  # fmt: skip
    if query.tags:
        conditions.append("d.tags @> %(tags)s::text[]")  # all of them
        params["tags"] = [tag_key(tag) for tag in query.tags]
    if query.exclude_tags:
        conditions.append("not d.tags && %(exclude_tags)s::text[]")
        params["exclude_tags"] = [tag_key(tag) for tag in query.exclude_tags]
    if query.q:
        text = TextQuery.of(query.q)
        matches = ["d.tags && %(q_tags)s::text[]", MODEL_IN]
        if text.any:
            matches.insert(0, "d.terms @@ %(q_any)s::tsquery")
        conditions.append("(" + " or ".join(matches) + ")")
        params.update(q_any=text.any, q_tags=list(text.plan.tag_keys),
                      q_models=list(text.plan.models))  # fmt: skip
    return conditions, params


def _where(conditions: list[str]) -> sql.Composable:
    return sql.SQL(" and ").join(sql.SQL(c) for c in conditions)  # type: ignore[arg-type]


ORPHANS = """
delete from search_documents d
 where d.version < %(since)s
    or not exists (select from images i where i.image_id = d.image_id
                                         and i.status = 'ready' and i.deleted_at is null)
"""


class PostgresBackend:
    name = "postgres"

    def ensure_index(self) -> list[str]:
        """Nothing to do: the migrations made the table."""
        return []

    def write(self, conn: Connection, changes: list[Change]) -> dict[str, str]:
        upserts = [
            {
                **change.document,
                "version": change.version,
                "terms": analysis.tsvector(change.document["prompt"]),
                "loras": Jsonb(change.document["loras"]),
                "lora_names": [lora["name"] for lora in change.document["loras"]],
            }
            for change in changes
            if change.document is not None
        ]
        gone = [change for change in changes if change.document is None]
        try:
            with conn.cursor() as cursor:
                cursor.executemany(_UPSERT, upserts)
                if gone:
                    cursor.execute(_DELETE, {
                        "ids": [change.image_id for change in gone],
                        "versions": [change.version for change in gone],
                    })  # fmt: skip
        except psycopg.errors.QueryCanceled as error:  # the statement timeout: try again later
            raise BackendUnavailable(repr(error)) from error
        return {}

    def search(
        self, conn: Connection, user_id: UUID, query: SearchRequest, after: After | None
    ) -> Hits:
        conditions, params = _filters(user_id, query)
        score: sql.Composable = sql.SQL("null::real")
        query_terms: frozenset[str] = frozenset()
        if query.q:
            text = TextQuery.of(query.q)
            score, score_params = text.score()
            params.update(score_params)
            query_terms = text.terms
        sort = query.sort
        where = _where(conditions)
        if after is not None:
            params.update(after_score=after.score, after_id=after.image_id,
                          after_rating=after.rating,
                          after_created=from_micros(after.created_us))  # fmt: skip
        statement = _SEARCH.format(
            score=score,
            conditions=where,
            after=sql.SQL(_AFTER[sort] if after is not None else "true"),  # type: ignore[arg-type]
            order=sql.SQL(_ORDER[sort]),  # type: ignore[arg-type]
        )
        offset = 0 if after is not None else (query.page - 1) * query.page_size
        rows = conn.execute(
            statement, {**params, "limit": query.page_size + 1, "offset": offset}
        ).fetchall()
        if rows:
            total = rows[0]["total"]
        else:  # past the end: the count still says how many there are
            total = conn.execute(_COUNT.format(conditions=where), params).fetchone()["total"]
        hits = [
            Hit(
                image_id=row["image_id"],
                score=row["score"],
                created_us=to_micros(row["created_at"]),
                rating=row["rating"] if query.sort == "rating" else None,
                highlights=analysis.highlight(row["prompt"], query_terms),
            )
            for row in rows
        ]
        return Hits(hits=hits, total=total)

    def facets(self, conn: Connection, user_id: UUID, query: FacetRequest) -> Facets:
        def grouped(statement: sql.SQL, ignoring: dict, **parts: sql.Composable) -> list[dict]:
            conditions, params = _filters(user_id, replace(query, **ignoring))
            where = _where(conditions)
            return conn.execute(
                statement.format(conditions=where, **parts), {**params, "limit": query.limit}
            ).fetchall()

        models = grouped(_BY_VALUE, {"model": None}, column=sql.Identifier("model"))
        samplers = grouped(_BY_VALUE, {"sampler": None}, column=sql.Identifier("sampler"))
        sizes = grouped(_SIZES, {"width": None, "height": None})
        workspaces = grouped(_WORKSPACES, {"workspace_id": None})
        checkpoints = grouped(_CHECKPOINTS, {"model": None, "model_hash": None})
        loras = grouped(_LORAS, {"loras": ()})
        generators = grouped(_BY_VALUE, {"generator": None}, column=sql.Identifier("generator"))

        def counts(rows: list[dict]) -> list[tuple[str, int]]:
            return [(row["value"], row["count"]) for row in rows]

        return Facets(
            models=counts(models), samplers=counts(samplers), workspaces=counts(workspaces),
            sizes=[(row["width"], row["height"], row["count"]) for row in sizes],
            checkpoints=[(r["value"], r["hash"], r["count"]) for r in checkpoints],
            loras=[(r["value"], r["hash"], r["count"]) for r in loras],
            generators=counts(generators),
        )  # fmt: skip

    # A rebuild rewrites every row in place through the outbox: nothing to set up or swap,
    # only what no listed image rewrote to remove.
    def begin_rebuild(self) -> None:
        pass

    def finish_rebuild(self, since_version: int) -> None:
        # Written before the rebuild, or of an image no longer listed (with nothing to
        # queue, since_version is 0 and only the second test finds the orphans).
        with db.worker_transaction() as conn:
            conn.execute(ORPHANS, {"since": since_version})

    def abandon_rebuild(self) -> None:
        pass
