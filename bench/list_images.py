"""Benchmark: the warm files handler listing images, 1,000,000 images across 100 users,
and one more user's 20,000: a flat folder of 10,000 and a tree of 31 folders (three deep)
holding 10,000, listed with include_subfolders (issue 20: within 1.5x of the flat folder).

Data is generated with SQL as the table owner (triggers off, counters filled in bulk
afterwards): a million rows through the service would take an hour. Requests go through
the real handler, in-process, as API Gateway v2 events, with the same pool and RLS as in
Lambda; URLs are signed as locally (S3 presigned). Prints p50/p95 per scenario.

    .venv/bin/python bench/list_images.py [--users 100 --per-user 10000 --runs 200]
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "functions"))  # the Lambda task root, as the gateway does

# Users first to last (range by range at scale: see generate_users), triggers off (replica
# role): the counters are filled in at the end, for the range's users only.
GENERATE = """
set session_replication_role = replica;
insert into users (user_id, email, plan)
select ('00000000-0000-4000-8000-' || lpad(to_hex(u), 12, '0'))::uuid, 'bench' || u || '@x', 'pro'
  from generate_series(%(first)s::int, %(last)s::int) u;
insert into storage_usage (user_id)
select user_id from users where user_id between %(first_id)s and %(last_id)s;
insert into folders (folder_id, user_id, name, sort_order, lineage)
select id, user_id, 'folder ' || f, f, array[id]
  from (select gen_random_uuid() as id, user_id, f from users, generate_series(1, 20) f
         where user_id between %(first_id)s and %(last_id)s) s;
insert into tags (user_id, name, name_key)
select user_id, 'tag' || t, 'tag' || t from users, generate_series(1, 50) t
 where user_id between %(first_id)s and %(last_id)s;
insert into images (user_id, status, prompt, model, width, height, seed, s3_key,
                    thumbnail_256_key, thumbnail_512_key, mime_type, file_size_bytes,
                    thumbnails_size_bytes, folder_id, is_favorite, view_count, created_at)
select u.user_id, 'ready',
       (array['고양이가 우주복을 입고 달 위를 걷는다', 'a cyberpunk city at night, neon',
              '벚꽃이 핀 서울의 골목길', 'portrait of a girl in hanbok, 8k'])[1 + n %% 4],
       'sdxl-base-1.0', 1024, 1024, n,
       'users/' || u.user_id || '/images/' || n || '.png',
       'users/' || u.user_id || '/thumbs/' || n || '_256.webp',
       'users/' || u.user_id || '/thumbs/' || n || '_512.webp',
       'image/png', 1500000 + n %% 1000, 60000,
       case when n %% 3 = 0 then null else
            (select folder_id from folders f where f.user_id = u.user_id
              order by sort_order offset (n %% 20) limit 1) end,
       n %% 7 = 0, (n::bigint * 7919) %% 1000,
       now() - make_interval(secs => n * 60 + (random() * 30)::int)
  from users u, generate_series(1, %(per_user)s) n
 where u.user_id between %(first_id)s and %(last_id)s;
-- tags: tag1 on ~1 image in 2 (common), tag50 on ~1 in 500 (rare); 0-3 tags per image
insert into image_tags (image_id, tag_id, user_id, image_created_at)
select i.image_id, t.tag_id, i.user_id, i.created_at
  from images i join tags t on t.user_id = i.user_id
 where i.user_id between %(first_id)s and %(last_id)s
   and ((t.name = 'tag1' and i.seed %% 2 = 0)
        or (t.name = 'tag2' and i.seed %% 5 = 1)
        or (t.name = 'tag3' and i.seed %% 11 = 2)
        or (t.name = 'tag50' and i.seed %% 500 = 3));
update tags t set usage_count = (select count(*) from image_tags it where it.tag_id = t.tag_id)
 where t.user_id between %(first_id)s and %(last_id)s;
update storage_usage s set
    used_bytes = (select sum(file_size_bytes + thumbnails_size_bytes) from images i
                   where i.user_id = s.user_id),
    image_count = (select count(*) from images i where i.user_id = s.user_id)
 where s.user_id between %(first_id)s and %(last_id)s;
set session_replication_role = origin;
"""


def bench_user(n: int) -> uuid.UUID:
    """The id GENERATE gives its ``n``-th user."""
    return uuid.UUID(f"00000000-0000-4000-8000-{n:012x}")


def generate_users(conn, first: int, last: int, per_user: int) -> None:
    """Users ``first`` to ``last`` (numbered from 1) with ``per_user`` images each, their
    folders, tags and counters, in the caller's transaction."""
    params = {"first": first, "last": last, "per_user": per_user,
              "first_id": bench_user(first), "last_id": bench_user(last)}  # fmt: skip
    for statement in statements(GENERATE):
        conn.execute(statement, params)


def statements(script: str) -> list[str]:
    return [s for s in script.split(";\n") if s.strip()]


# The tree user (made after the others, with the triggers on: folders_place keeps the
# lineage): "flat" holds 10,000 images; "project" > 5 > 5 each (31 folders) holds 10,000
# spread over all its folders. (Regenerate after changing this: rm -r .local/bench.)
TREE_USER = uuid.UUID("00000000-0000-4000-9000-000000000001")
GENERATE_TREE = """
insert into users (user_id, email, plan) values (%(user)s, 'bench-tree@x', 'pro');
insert into folders (user_id, name) values (%(user)s, 'flat'), (%(user)s, 'project');
insert into folders (user_id, name, parent_id)
select %(user)s, 'part ' || p, folder_id from folders cross join generate_series(1, 5) p
 where user_id = %(user)s and name = 'project';
insert into folders (user_id, name, parent_id)
select %(user)s, 'variant ' || v, folder_id from folders cross join generate_series(1, 5) v
 where user_id = %(user)s and name like 'part %%';
set session_replication_role = replica;
insert into images (user_id, status, prompt, model, width, height, seed, s3_key,
                    thumbnail_256_key, thumbnail_512_key, mime_type, file_size_bytes,
                    thumbnails_size_bytes, folder_id, created_at)
select %(user)s, 'ready', 'a lighthouse at dusk', 'sdxl-base-1.0', 1024, 1024, n,
       'users/' || %(user)s || '/images/' || n || '.png',
       'users/' || %(user)s || '/thumbs/' || n || '_256.webp',
       'users/' || %(user)s || '/thumbs/' || n || '_512.webp',
       'image/png', 1500000, 60000,
       -- alternately, as uploads into several folders interleave (neither lies contiguous)
       case when n %% 2 = 0 then (select folder_id from folders
                                   where user_id = %(user)s and name = 'flat')
            else (select folder_id from folders where user_id = %(user)s and name <> 'flat'
                   order by folder_id offset (n / 2 %% 31) limit 1) end,
       now() - make_interval(secs => n * 60)
  from generate_series(1, 20000) n;
update storage_usage s set image_count = image_count + 20000 where user_id = %(user)s;
set session_replication_role = origin;
"""
TREE_IMAGES = 20_000


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--per-user", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".local" / "bench")
    parser.add_argument(
        "--signer", choices=["cloudfront", "s3"], default="cloudfront",
        help="cloudfront: as in AWS (a throwaway RSA key); s3: presigned, as locally",
    )  # fmt: skip
    args = parser.parse_args()

    import psycopg

    from devstack.postgres import LocalPostgres

    args.data_dir.mkdir(parents=True, exist_ok=True)
    pg = LocalPostgres(args.data_dir / "postgres", 55499)
    pg.start()
    try:
        owner, _ = open_database(pg, "bench")
        with psycopg.connect(owner, autocommit=True) as conn:
            have = conn.execute("select count(*) from images").fetchone()[0]
            if have != args.users * args.per_user + TREE_IMAGES:
                print(f"generating {args.users} x {args.per_user} images…", flush=True)
                started = time.perf_counter()
                conn.execute("truncate users cascade")
                with conn.transaction():
                    generate_users(conn, 1, args.users, args.per_user)
                    for statement in statements(GENERATE_TREE):
                        conn.execute(statement, {"user": TREE_USER})
                conn.execute("vacuum analyze")
                print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
            user_id = conn.execute(
                "select user_id from users order by user_id offset %s limit 1", [args.users // 2]
            ).fetchone()[0]
        handler_environment(pg, "bench", args.signer)
        with psycopg.connect(owner, autocommit=True) as conn:
            folders = dict(conn.execute(
                "select name, folder_id from folders where user_id = %s", [TREE_USER]
            ).fetchall())  # fmt: skip
        run(user_id, args.runs, owner, args.signer, folders)
    finally:
        pg.stop()


def open_database(pg, name: str) -> tuple[str, list[str]]:
    """``name`` on ``pg``, migrated, with the application's login: its owner URL, and the
    migrations (and repeatable scripts) applied just now."""
    from devstack.stack import APP_PASSWORD, APP_USER
    from gallery.migrate import ensure_login, migrate

    owner = pg.create_database(name)
    applied = migrate(owner)
    ensure_login(owner, APP_USER, APP_PASSWORD)
    return owner, applied


def handler_environment(pg, database: str, signer: str) -> None:
    """The settings the handlers read, as in Lambda: the application's login on
    ``database``, and URLs signed by ``signer`` (cloudfront or s3)."""
    from devstack.stack import APP_USER

    os.environ.update({
        "GALLERY_DATABASE_URL": pg.url(APP_USER, database),
        "GALLERY_AWS_ENDPOINT_URL": "http://127.0.0.1:1",  # signing never calls it
        "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
        "POWERTOOLS_TRACE_DISABLED": "true", "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING", "POWERTOOLS_SERVICE_NAME": "bench",
    })  # fmt: skip
    if signer == "cloudfront":
        os.environ.update({
            "GALLERY_CDN_BASE_URL": "https://cdn.example.com",
            "GALLERY_CDN_KEY_PAIR_ID": "KBENCH", "GALLERY_CDN_PRIVATE_KEY_PEM": throwaway_key(),
        })  # fmt: skip


def throwaway_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()  # fmt: skip


FILES_ROUTE = "GET /api/v1/files/images"


def event(user_id, params: dict, route: str = FILES_ROUTE, path_params: dict | None = None):
    """An API Gateway v2 event for ``route`` (its ``{name}``s filled from ``path_params``)
    as ``user_id``, with ``params`` as its query string."""
    from urllib.parse import urlencode

    method, template = route.split(" ", 1)
    path = template.format(**(path_params or {}))
    return {
        "version": "2.0", "routeKey": route,
        "rawPath": path, "rawQueryString": urlencode(params),
        "queryStringParameters": {k: str(v) for k, v in params.items()},
        "pathParameters": {k: str(v) for k, v in (path_params or {}).items()},
        "headers": {"host": "bench"},
        "requestContext": {
            "http": {"method": method, "path": path, "sourceIp": "127.0.0.1",
                     "protocol": "HTTP/1.1", "userAgent": "bench"},
            "authorizer": {"jwt": {"claims": {"sub": str(user_id)}, "scopes": None}},
            "requestId": "bench", "routeKey": route, "stage": "$default",
        },
        "isBase64Encoded": False,
    }  # fmt: skip


def measure(
    handler, ev: dict, runs: int, forget=lambda: None, budget_s: float | None = None
) -> tuple[float, float, dict, int]:
    """p50 and p95 (ms) of ``runs`` calls of a warm ``handler`` on ``ev`` (fewer, but one at
    least, once ``budget_s`` seconds are spent), its answer, and how many calls were timed."""
    from devstack.gateway import LambdaContext

    context = LambdaContext(function_name="bench", aws_request_id="bench")
    answer = handler(ev, context)  # warm the container
    if answer["statusCode"] != 200:
        raise RuntimeError(f"{ev['routeKey']} answered {answer['statusCode']}: {answer['body']}")
    samples, began = [], time.perf_counter()
    while len(samples) < runs and not (budget_s and time.perf_counter() - began > budget_s):
        forget()
        started = time.perf_counter()
        handler(ev, context)
        samples.append((time.perf_counter() - started) * 1000)
    if len(samples) == 1:
        return samples[0], samples[0], json.loads(answer["body"]), 1
    p50, p95 = percentile(samples, 50), percentile(samples, 95)
    return p50, p95, json.loads(answer["body"]), len(samples)


DEEP_ROW = """
select image_id, created_at from images i where user_id = %(user_id)s
 order by created_at desc, image_id desc offset %(offset)s limit 1
"""
DEEP_ROW_WITH_TAG = """
select image_id, created_at from images i where user_id = %(user_id)s
   and exists (select from image_tags it join tags t using (tag_id)
                where it.image_id = i.image_id and t.name = %(tag)s)
 order by created_at desc, image_id desc offset %(offset)s limit 1
"""


DEEP_ROW_IN_FOLDERS = """
select image_id, created_at from images i where user_id = %(user_id)s
   and folder_id in (select folder_id from folders where lineage @> array[%(folder_id)s::uuid])
 order by created_at desc, image_id desc offset %(offset)s limit 1
"""


def deep_cursor(owner: str, user_id, depth: int, params: dict) -> str:
    """The cursor a client holds after scrolling ``depth`` images (as the service encodes it)."""
    import psycopg
    from psycopg.rows import dict_row

    from gallery.paging import image_cursor

    query = DEEP_ROW_WITH_TAG if "tag" in params else DEEP_ROW
    if "folder_id" in params:
        query = DEEP_ROW_IN_FOLDERS
    with psycopg.connect(owner, row_factory=dict_row) as conn:
        row = conn.execute(query, {"user_id": user_id, "offset": depth - 1, **params}).fetchone()
    if row is None:
        return ""
    return image_cursor("created_at", "desc", row)


def run(user_id, runs: int, owner: str, signer_kind: str, folders: dict) -> None:
    from files.handler import lambda_handler
    from gallery.storage import urls

    signer = urls.signer()
    # Scrolling shows new images every page: S3 URLs are never in the signer's cache then.
    # CloudFront's per-user policy is: one RSA signature per user and window.
    forget = signer._signed.cache_clear if signer_kind == "s3" else lambda: None
    print(f"signer: {type(signer).__name__}", flush=True)
    scenarios = {
        "first page, newest first": {"page_size": 50},
        "page 9,950 deep (cursor)": {
            "page_size": 50, "cursor": deep_cursor(owner, user_id, 9950, {}),
        },
        "first page, common tag (1 in 2)": {"page_size": 50, "tag": "tag1"},
        "deep page, common tag (cursor, 4,950 deep)": {
            "page_size": 50, "tag": "tag1",
            "cursor": deep_cursor(owner, user_id, 4950, {"tag": "tag1"}),
        },
        "first page, rarer tag (1 in 11)": {"page_size": 50, "tag": "tag3"},
        "first page, rare tag (1 in 500)": {"page_size": 50, "tag": "tag50"},
        "first page, favourites": {"page_size": 50, "is_favorite": "true"},
        "first page, by view count": {"page_size": 50, "sort_by": "view_count"},
    }  # fmt: skip
    flat, tree = {"folder_id": folders["flat"]}, {"folder_id": folders["project"]}
    subtree = {**tree, "include_subfolders": "true"}
    tree_user = {  # the tree user's: a flat folder against a subtree of the same size
        "flat folder of 10,000: first page": {"page_size": 50, **flat},
        "flat folder of 10,000: 5,000 deep (cursor)": {
            "page_size": 50, **flat, "cursor": deep_cursor(owner, TREE_USER, 5000, flat),
        },
        "subtree of 31 folders, 10,000: first page": {"page_size": 50, **subtree},
        "subtree of 31 folders, 10,000: 5,000 deep (cursor)": {
            "page_size": 50, **subtree, "cursor": deep_cursor(owner, TREE_USER, 5000, tree),
        },
    }  # fmt: skip
    scenarios = {name: (user_id, params) for name, params in scenarios.items()}
    scenarios |= {name: (TREE_USER, params) for name, params in tree_user.items()}
    for name, (user, params) in scenarios.items():
        p50, p95, body, _ = measure(lambda_handler, event(user, params), runs, forget)
        print(f"{name:45s} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms"
              f"  ({len(body['images'])} images, total {body['total']})", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
