"""Images' typed generation data (columns of images) and the chunks it was read from."""

from dataclasses import asdict
from uuid import UUID

from psycopg import Connection, sql
from psycopg.types.json import Jsonb

from gallery.generation import Generation, Lora

# What ingest's and the back-fill's updates set (the image's own prompt, model and seed are
# set with the rest of the image).
SET_TYPED = sql.SQL("""
    generator = %(generator)s, steps = %(steps)s, cfg_scale = %(cfg_scale)s,
    sampler = %(sampler)s, scheduler = %(scheduler)s, model_hash = %(model_hash)s,
    vae = %(vae)s, loras = %(loras)s, clip_skip = %(clip_skip)s,
    denoising_strength = %(denoising_strength)s, hires_upscaler = %(hires_upscaler)s,
    hires_scale = %(hires_scale)s, stack_id = %(stack_id)s, generation_read_at = now()
""")

COLUMNS = ("generator", "steps", "cfg_scale", "sampler", "scheduler", "model_hash", "vae",
           "loras", "clip_skip", "denoising_strength", "hires_upscaler", "hires_scale",
           "stack_id")  # fmt: skip

_SAVE_SOURCES = """
insert into image_generation_sources (image_id, user_id, chunks)
values (%(image_id)s, %(user_id)s, %(chunks)s)
on conflict (image_id) do update set chunks = excluded.chunks
"""

_SOURCES = """
select chunks from image_generation_sources
 where user_id = %(user_id)s and image_id = %(image_id)s
"""

_UPDATE = sql.SQL("""
update images set {typed}, params = %(params)s
 where user_id = %(user_id)s and image_id = %(image_id)s
""").format(typed=SET_TYPED)


# Ready images (trash included) whose generation data was never read, after a position.
_UNREAD = """
select user_id, image_id from images
 where status = 'ready' and generation_read_at is null and image_id > %(after)s
 order by image_id
 limit %(limit)s
"""

_DECLARED = """
select s3_key, prompt, negative_prompt, model, seed, params, width, height, generation_read_at
  from images
 where user_id = %(user_id)s and image_id = %(image_id)s and status = 'ready'
"""


# An image the caller may see (their own, or one shared into their workspace: RLS decides).
_VISIBLE = """
select image_id, user_id, prompt, negative_prompt, model, seed, width, height, params,
       generator, steps, cfg_scale, sampler, scheduler, model_hash, vae, loras, clip_skip,
       denoising_strength, hires_upscaler, hires_scale, stack_id
  from images
 where image_id = any(%(image_ids)s) and status = 'ready' and deleted_at is null
"""


def visible(conn: Connection, image_ids: list[UUID]) -> dict[UUID, dict]:
    rows = conn.execute(_VISIBLE, {"image_ids": image_ids}).fetchall()
    return {row["image_id"]: row for row in rows}


def unread(conn: Connection, after: UUID, limit: int) -> list[dict]:
    return conn.execute(_UNREAD, {"after": after, "limit": limit}).fetchall()


def declared(conn: Connection, user_id: UUID, image_id: UUID) -> dict | None:
    """What an image's upload said of it, and where its original is."""
    return conn.execute(_DECLARED, {"user_id": user_id, "image_id": image_id}).fetchone()


def typed_params(generation: Generation, stack_id: UUID | None) -> dict:
    """The values of SET_TYPED."""
    loras = [asdict(lora) for lora in generation.loras]
    return {
        **{
            name: getattr(generation, name) for name in COLUMNS if name not in ("loras", "stack_id")
        },
        "loras": Jsonb(loras),
        "stack_id": stack_id,
    }


def record(row: dict) -> Generation:
    """An image row's generation data as the domain holds it (typed_params' inverse); the
    generator is "unknown" until ingest or the back-fill has read the file."""
    typed = {name: row[name] for name in COLUMNS if name not in ("loras", "stack_id")}
    return Generation(
        **typed | {"generator": row["generator"] or "unknown"},
        prompt=row["prompt"], negative_prompt=row["negative_prompt"], model=row["model"],
        seed=row["seed"], loras=[Lora(**lora) for lora in row["loras"] or []],
    )  # fmt: skip


def save_sources(conn: Connection, user_id: UUID, image_id: UUID, chunks: dict[str, str]) -> None:
    if chunks:
        conn.execute(_SAVE_SOURCES, {"user_id": user_id, "image_id": image_id,
                                     "chunks": Jsonb(chunks)})  # fmt: skip


def sources(conn: Connection, user_id: UUID, image_id: UUID) -> dict[str, str]:
    row = conn.execute(_SOURCES, {"user_id": user_id, "image_id": image_id}).fetchone()
    return row["chunks"] if row else {}


def update(conn: Connection, user_id: UUID, image_id: UUID, generation: Generation,
           stack_id: UUID | None) -> None:  # fmt: skip
    """The back-fill's write: the typed columns and the settings as written."""
    conn.execute(_UPDATE, {**typed_params(generation, stack_id), "params": Jsonb(generation.params),
                           "user_id": user_id, "image_id": image_id})  # fmt: skip
