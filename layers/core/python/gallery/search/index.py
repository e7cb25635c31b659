"""The OpenSearch index of images: an alias (``images``) over versioned indices
(``images_v{n}``), so a reindex builds the next version and swaps the alias at once
(gallery.search.opensearch).

Analysis: prompts in Korean through nori (compounds kept and split, particles dropped,
hanja read as hangul), with an English sub-field for Latin words, model names and numbers
that nori splits unpredictably; tags as normalised keywords plus edge n-grams, so a Korean
or English prefix completes them. The negative prompt has its own field: a search for
"cat" must not find images generated to avoid cats.
"""

from typing import Any
from uuid import UUID

ALIAS = "images"

ANALYSIS: dict[str, Any] = {
    "tokenizer": {
        "korean": {"type": "nori_tokenizer", "decompound_mode": "mixed"},
        "prefixes": {
            "type": "edge_ngram",
            "min_gram": 1,
            "max_gram": 20,
            "token_chars": ["letter", "digit"],
        },
    },
    "analyzer": {
        "korean": {
            "type": "custom",
            "tokenizer": "korean",
            "filter": ["nori_readingform", "lowercase", "nori_part_of_speech"],
        },
        "latin": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "porter_stem"],
        },
        "prefixes": {"type": "custom", "tokenizer": "prefixes", "filter": ["lowercase"]},
        "prefix_query": {"type": "custom", "tokenizer": "keyword", "filter": ["lowercase"]},
    },
    "normalizer": {"tag": {"type": "custom", "filter": ["lowercase"]}},
}

# Offsets in the postings: the highlighter reads match positions instead of analysing
# every hit's prompt again with nori.
_PROMPT = {
    "type": "text",
    "analyzer": "korean",
    "index_options": "offsets",
    "fields": {"latin": {"type": "text", "analyzer": "latin", "index_options": "offsets"}},
}

MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    # routed by owner: a user's documents live on one shard, and their own searches ask that
    # shard only (a workspace's, of many owners, ask every shard). Required, so that no write
    # can put a document where its owner's searches would not look. An index made before
    # routing with more than one shard must be rebuilt (`gallery reindex`).
    "_routing": {"required": True},
    "properties": {
        "image_id": {"type": "keyword"},
        # the sorts' tiebreaker: a keyword tiebreaker made ascending sorts ~10x slower (its
        # comparator copies the term of every competitive hit; bench/README.md)
        "image_key": {"type": "long"},
        "owner_id": {"type": "keyword"},  # visibility: the owner ...
        "workspace_ids": {"type": "keyword"},  # ... and members of these workspaces
        "prompt": _PROMPT,
        "negative_prompt": _PROMPT,
        "tags": {
            "type": "keyword",
            "normalizer": "tag",
            "fields": {
                "suggest": {
                    "type": "text",
                    "analyzer": "prefixes",
                    "search_analyzer": "prefix_query",
                }
            },
        },
        "model": {"type": "keyword", "fields": {"latin": {"type": "text", "analyzer": "latin"}}},
        "model_names": {"type": "keyword"},  # its own and its family's, lower case
        "sampler": {"type": "keyword"},  # canonical ids (gallery.generation.samplers)
        "generator": {"type": "keyword"},
        "steps": {"type": "integer"},
        "cfg_scale": {"type": "double"},
        "scheduler": {"type": "keyword"},
        "seed": {"type": "long"},
        "model_hash": {"type": "keyword"},  # lower-case hex: matched by its start
        "loras": {
            "type": "nested",
            "properties": {
                "name": {"type": "keyword"},  # lower case
                "weight": {"type": "double"},
                "hash": {"type": "keyword"},  # as model hashes are
            },
        },
        "stack_id": {"type": "keyword"},
        "stack_head": {"type": "boolean"},  # the newest of its stack: collapsed searches
        "rating": {"type": "byte"},  # the owner's, 0 unrated
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "created_at": {"type": "date"},
        "is_public": {"type": "boolean"},
        "is_favorite": {"type": "boolean"},
        "folder_id": {"type": "keyword"},
    },
}


def image_key(image_id: UUID) -> int:
    """The image id's first 64 bits, signed: unique in practice (a tie would also need the
    same millisecond), and numeric, so sorts break ties cheaply."""
    return int.from_bytes(image_id.bytes[:8], "big", signed=True)


def add_missing_fields(client, alias: str = ALIAS) -> list[str]:
    """Adds the fields this code maps and the live index lacks (adding is all a mapping
    allows in place); returns their names. Documents written before lack them until
    ``gallery reindex`` rewrites them."""
    mappings = client.indices.get_mapping(index=alias)
    (live,) = mappings.values()
    have = live["mappings"].get("properties", {})
    missing = {name: field for name, field in MAPPINGS["properties"].items() if name not in have}
    if missing:
        client.indices.put_mapping(index=alias, body={"properties": missing})
    return sorted(missing)


def index_name(version: int, alias: str = ALIAS) -> str:
    return f"{alias}_v{version}"


def index_body(shards: int, replicas: int) -> dict[str, Any]:
    """Settings come from the environment: one shard and no replica on a laptop, more in
    production (a single local node would stay yellow with a replica it cannot place)."""
    return {
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            "analysis": ANALYSIS,
        },
        "mappings": MAPPINGS,
    }


def create_version(client, version: int, shards: int, replicas: int, alias: str = ALIAS) -> str:
    """Creates ``{alias}_v{version}`` and points the alias at it, unless the alias exists
    (then it names what the alias points at). Rebuilds move the alias later."""
    if client.indices.exists_alias(name=alias):
        return next(iter(client.indices.get_alias(name=alias)))
    name = index_name(version, alias)
    if not client.indices.exists(index=name):
        client.indices.create(index=name, body=index_body(shards, replicas))
    client.indices.put_alias(index=name, name=alias)
    return name
