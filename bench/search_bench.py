"""Benchmark: search on both backends, in one run.

1. 100,000 generated images (Korean, English and mixed prompts, tags, models, sizes) are
   written with SQL as the table owner (triggers off), queued through the outbox as a
   reindex queues them, and indexed by the real indexer into each backend: docs/s.
2. 50 representative queries (text, text + filters, filters only, sorts and pages) as the
   heaviest user (50,000 images), through each backend's ``search`` in an RLS transaction,
   as the API runs them: p50/p95 per group.
3. Upload to searchable on the whole local stack (S3 POST -> SQS -> ingest -> outbox ->
   background indexer -> search), per backend.

    .venv/bin/python bench/search_bench.py [--images 100000 --rounds 5 --uploads 30]
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

SUBJECTS = ["고양이", "강아지", "여우", "용", "로봇", "소녀", "기사", "마법사", "고래",
            "우주비행사", "호랑이", "부엉이", "소년", "요정"]  # fmt: skip
PLACES = ["달", "숲", "바닷가", "도서관", "서울의 골목길", "사막", "설산", "우주 정거장",
          "카페", "벚꽃길", "미래 도시", "폐허가 된 성"]  # fmt: skip
ACTIONS = ["걷는", "잠든", "책을 읽는", "춤추는", "노래하는", "하늘을 나는", "웃고 있는",
           "비를 맞는"]  # fmt: skip
STYLES = ["수채화", "유화", "풍경화", "초상화", "일러스트레이션", "픽셀 아트", "사진",
          "애니메이션", "수묵화", "3D 렌더링"]  # fmt: skip
EN_SUBJECTS = ["cat", "dog", "fox", "dragon", "robot", "girl", "knight", "wizard", "whale",
               "astronaut", "tiger", "owl"]  # fmt: skip
EN_PLACES = ["on the moon", "in a forest", "at the beach", "in a library", "in a cyberpunk city",
             "in the desert", "on a snowy mountain", "in a cafe"]  # fmt: skip
EN_STYLES = ["watercolor", "oil painting", "portrait", "illustration", "pixel art", "photograph",
             "anime style", "3d render", "concept art"]  # fmt: skip
QUALITY = ["masterpiece", "best quality", "8k", "highly detailed", "cinematic lighting",
           "sharp focus", "neon lights", "soft light"]  # fmt: skip
MODELS = ["sdxl-base-1.0", "flux-dev", "pingvas-v3", "sd-1.5", "playground-v2.5", "kandinsky-3"]
TAGS = [
    "고양이", "강아지", "풍경", "인물", "판타지", "사이버펑크", "수채화", "동물", "야경", "자연",
    "cute", "portrait", "landscape", "anime", "scifi", "fantasy", "wallpaper", "draft",
    "favorite-set", "client-work",
]  # fmt: skip
SIZES = [(512, 512), (768, 512), (512, 768), (1024, 1024), (1024, 576), (576, 1024), (2048, 2048)]


def prompt(rng: random.Random) -> str:
    kind = rng.random()
    korean = (f"{rng.choice(PLACES)}에서 {rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}, "
              f"{rng.choice(STYLES)}")  # fmt: skip
    english = (f"a {rng.choice(EN_SUBJECTS)} {rng.choice(EN_PLACES)}, {rng.choice(EN_STYLES)}, "
               f"{', '.join(rng.sample(QUALITY, 2))}")  # fmt: skip
    if kind < 0.45:
        return korean
    if kind < 0.75:
        return english
    return f"{korean}, {', '.join(rng.sample(QUALITY, 3))}"  # mixed, as people write them


GENERATORS = ["comfyui"] * 4 + ["a1111"] * 3 + ["forge", "invokeai", "novelai", "unknown"]
SAMPLERS = [("euler_ancestral", None), ("dpmpp_2m", "karras"), ("dpmpp_2m_sde", "karras"),
            ("euler", "normal"), ("dpmpp_sde", "karras"), ("ddim", None),
            ("uni_pc", None)]  # fmt: skip
LORAS = ["add_detail", "detail_tweaker", "watercolor_v1", "pixel_style", "hanbok_style",
         "lcm_lora", "film_grain", "anime_lineart"]  # fmt: skip
RATINGS = [0] * 6 + [1, 2, 3, 3, 4, 4, 5]


def generation_settings(rng: random.Random) -> dict:
    """One image's generation data, as ingest types it (gallery.generation)."""
    sampler, scheduler = rng.choice(SAMPLERS)
    model = rng.choice(MODELS)
    return {
        "prompt": prompt(rng), "model": model, "size": rng.choice(SIZES),
        "generator": rng.choice(GENERATORS), "steps": rng.choice([8, 20, 25, 28, 30, 40, 50]),
        "cfg": rng.choice([1.0, 3.5, 5.0, 6.0, 6.5, 7.0, 7.5, 9.0]), "sampler": sampler,
        "scheduler": scheduler, "hash": f"{zlib.crc32(model.encode()):08x}00",
        "loras": [{"name": name, "weight": round(rng.uniform(0.2, 1.2), 2), "hash": None}
                  for name in rng.sample(LORAS, rng.choice([0, 0, 1, 1, 2, 3]))],
    }  # fmt: skip


def generate(
    owner_url: str,
    images: int,
    heavy_share: float,
    *,
    heavy: int | None = None,
    light_users: int = 50,
    blocks: bool = False,
) -> list[uuid.UUID]:
    """Writes the images (triggers off) and returns the users' ids, the heaviest first.

    ``heavy`` images (default: ``heavy_share`` of them) are the first user's, the rest the
    ``light_users``' own. By default those are interleaved, one image each in turn, on one
    clock (a minute apart). With ``blocks`` (search_curves.py) each light user's images are
    written together, on their own clock spread over the heavy user's span, so that a
    typical user's data is the same whatever the number of users around them."""
    import psycopg

    from gallery.tag_keys import tag_key

    rng = random.Random(20261126)
    heavy = int(images * heavy_share) if heavy is None else heavy
    per_light = max(1, (images - heavy) // light_users)
    users = [uuid.uuid4() for _ in range(light_users + 1)]
    now = datetime.now(UTC)
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute("truncate users cascade")
        conn.execute("truncate search_outbox, search_documents")
        with conn.transaction():
            conn.execute("set local session_replication_role = replica")
            with conn.cursor().copy("copy users (user_id, email, plan) from stdin") as copy:
                for n, user in enumerate(users):
                    copy.write_row((user, f"bench{n}@example.com", "pro"))
            tag_ids = {}
            tags_copy = "copy tags (tag_id, user_id, name, name_key) from stdin"
            with conn.cursor().copy(tags_copy) as copy:
                for user in users:
                    for name in TAGS:
                        tag_ids[user, name] = uuid.uuid4()
                        copy.write_row((tag_ids[user, name], user, name, tag_key(name)))
            columns = ("image_id, user_id, status, prompt, negative_prompt, model, width, height,"
                       " seed, s3_key, mime_type, is_favorite, is_public, created_at,"
                       " generator, steps, cfg_scale, sampler, scheduler, model_hash, loras,"
                       " stack_id, rating, generation_read_at")  # fmt: skip
            image_tags = []
            with conn.cursor().copy(f"copy images ({columns}) from stdin") as copy:
                variation = None
                for n in range(images):
                    if n < heavy:
                        user, minutes = users[0], n
                    elif blocks:
                        local = (n - heavy) % per_light
                        user = users[1 + min((n - heavy) // per_light, light_users - 1)]
                        minutes = local * max(heavy, per_light) / per_light
                    else:
                        user, minutes = users[1 + n % light_users], n
                    image_id = uuid.uuid4()
                    # a third of the images come in batches of 4 variations (one stack)
                    if variation is None or variation[0] == 0 or variation[1] != user:
                        setting = generation_settings(rng)
                        batch = 4 if rng.random() < 0.33 else 1
                        variation = [batch, user, setting, uuid.uuid4() if batch > 1 else None]
                    variation[0] -= 1
                    _, _, setting, stack_id = variation
                    width, height = setting["size"]
                    favourite, public = rng.random() < 0.1, rng.random() < 0.05
                    created = now - timedelta(minutes=minutes, seconds=rng.random())
                    copy.write_row((
                        image_id, user, "ready", setting["prompt"], "blurry, lowres",
                        setting["model"], width, height, n, f"users/{user}/images/{n}.png",
                        "image/png", favourite, public, created, setting["generator"],
                        setting["steps"], setting["cfg"], setting["sampler"], setting["scheduler"],
                        setting["hash"],
                        json.dumps(setting["loras"]), stack_id, rng.choice(RATINGS), now,
                    ))  # fmt: skip
                    for name in rng.sample(TAGS, rng.randint(0, 4)):
                        image_tags.append((image_id, tag_ids[user, name], user, created))
            # image_tags carries its image's created_at (its trigger is off here, as every
            # trigger is)
            columns = "image_id, tag_id, user_id, image_created_at"
            with conn.cursor().copy(f"copy image_tags ({columns}) from stdin") as c:
                for row in image_tags:
                    c.write_row(row)
        conn.execute("vacuum analyze")
    return users


QUERIES: list[tuple[str, dict]] = [
    *[
        ("text", {"q": q})
        for q in [
            "고양이",
            "고양이가",
            "우주비행사",
            "수채화",
            "풍경",
            "서울",
            "골목길",
            "벚꽃",
            "잠든 여우",
            "책을 읽는 로봇",
            "cat",
            "dragons",
            "cyberpunk city",
            "watercolor",
            "pixel art",
            "masterpiece",
            "사이버펑크 city",
            "8k 초상화",
            "용 fantasy",
            "하늘을 나는 고래",
        ]
    ],
    *[
        ("text + filters", params)
        for params in [
            {"q": "고양이", "model": "sdxl-base-1.0"},
            {"q": "고양이", "tags": ["동물"]},
            {"q": "수채화", "min_width": 1024},
            {"q": "cat", "is_favorite": True},
            {"q": "로봇", "tags": ["scifi"], "exclude_tags": ["draft"]},
            {"q": "dragon", "width": 1024, "height": 1024},
            {"q": "풍경화", "created_from": "-30d"},
            {"q": "소녀 portrait", "model": "pingvas-v3", "min_height": 768},
            {"q": "바닷가", "sort": "newest"},
            {"q": "owl", "sort": "oldest"},
            {"q": "기사", "page": 3},
            {"q": "masterpiece", "tags": ["wallpaper", "fantasy"]},
            {"q": "숲", "is_public": True},
            {"q": "유화", "max_width": 768, "max_height": 768},
            {"q": "애니메이션 anime", "exclude_tags": ["client-work"]},
        ]
    ],
    *[
        ("filters only", params)
        for params in [
            {},
            {"tags": ["고양이"]},
            {"tags": ["landscape", "wallpaper"]},
            {"model": "flux-dev"},
            {"is_favorite": True},
            {"exclude_tags": ["draft"]},
            {"min_width": 2048},
            {"created_from": "-7d", "created_to": "-1d"},
            {"sort": "oldest"},
            {"page": 5},
            {"model": "sd-1.5", "tags": ["anime"]},
            {"width": 512, "height": 768, "is_public": False},
            {"tags": ["client-work"], "sort": "oldest"},
            {"is_public": True, "model": "kandinsky-3"},
            {"exclude_tags": ["고양이", "강아지"], "min_height": 1024},
        ]
    ],
    # issue 19: generation data, as parameters and as inline tokens
    *[
        ("parameters + text" if "q" in params else "parameters", params)
        for params in [
            {"steps_min": 20, "steps_max": 30},
            {"cfg_max": 6.5, "sampler": "dpmpp_2m"},
            {"sampler": "DPM++ 2M SDE Karras", "generator": "comfyui"},
            {"lora": ["add_detail"]},
            {"lora": ["add_detail"], "lora_weight_min": 0.6},
            {"lora": ["detail_tweaker", "film_grain"]},
            {"model_hash": f"{zlib.crc32(b'flux-dev'):08x}"[:6]},
            {"seed": 4242},
            {"rating_min": 4},
            {"sort": "rating"},
            {"q": "고양이 steps:20-30 cfg:<7"},
            {"q": "cat sampler:euler_ancestral lora:add_detail@0.4-0.9"},
            {"q": "수채화", "generator": "a1111", "rating_min": 3},
            {"q": "generator:comfyui steps:>=28", "tags": ["동물"]},
            {"q": "dragon", "scheduler": "karras", "sort": "newest"},
        ]
    ],
    *[
        ("stacks + text" if "q" in params else "stacks", {**params, "stacks": "collapse"})
        for params in [
            {},
            {"q": "고양이"},
            {"q": "cyberpunk city"},
            {"tags": ["landscape"]},
            {"model": "flux-dev"},
            {"sort": "oldest"},
            {"page": 5},
            {"steps_min": 20, "steps_max": 30},
            {"q": "masterpiece", "lora": ["add_detail"]},
            {"is_favorite": True},
        ]
    ],
]


def search_query(params: dict):
    from gallery.models.search import SearchQuery
    from gallery.services.search import search_request

    now = datetime.now(UTC)
    resolved = {
        key: now - timedelta(days=int(value[1:-1])) if key.startswith("created_") else value
        for key, value in params.items()
    }
    return search_request(SearchQuery(page_size=50, **resolved))


def percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def measure_queries(backend, user_id, rounds: int) -> dict[str, list[float]]:
    from gallery import db

    queries = [(group, search_query(params)) for group, params in QUERIES]
    timings: dict[str, list[float]] = {}
    per_query: dict[int, list[float]] = {}
    hits = {}
    for round_ in range(rounds + 1):  # the first round warms caches and is not counted
        for n, (group, query) in enumerate(queries):
            with db.transaction(user_id) as conn:
                started = time.perf_counter()
                found = backend.search(conn, user_id, query, None)
                elapsed = (time.perf_counter() - started) * 1000
            hits[n] = found.total
            if round_:
                per_query.setdefault(n, []).append(elapsed)
                timings.setdefault(group, []).append(elapsed)
                timings.setdefault("all", []).append(elapsed)
    empty = [QUERIES[n][1] for n, total in hits.items() if total == 0]
    if empty:
        print(f"  note: {len(empty)} queries found nothing: {empty}")
    return timings, _slowest(per_query)


def _slowest(per_query: dict[int, list[float]]) -> list[str]:
    ranked = sorted(per_query.items(), key=lambda item: -max(item[1]))[:3]
    return [f"{QUERIES[n][1]} max {max(t):.0f} ms" for n, t in ranked]


def load(backend, batch: int) -> tuple[int, float]:
    """Indexes every image into ``backend`` from empty, as ``gallery reindex`` queues them,
    with the real indexer: (documents, seconds). OpenSearch loads with refresh off, and the
    final refresh is counted; PostgreSQL's ANALYZE after the load is counted too."""
    from gallery import db
    from gallery.repositories import search_outbox
    from gallery.search.opensearch import OpenSearchBackend
    from gallery.services.indexer import drain

    if isinstance(backend, OpenSearchBackend):
        backend.client.indices.delete(index=f"{backend.alias}_v*", ignore=404)
        backend.ensure_index()
        # Bulk loading: no refresh until the end (as a reindex could); counted in the time.
        backend.client.indices.put_settings(
            index=backend.alias, body={"index": {"refresh_interval": "-1"}}
        )
    with db.worker_transaction() as conn:  # search_documents: emptied by generate()
        queued = search_outbox.enqueue_all(conn)["queued"]
    started = time.perf_counter()
    done = drain([backend], batch=batch)
    if isinstance(backend, OpenSearchBackend):
        backend.client.indices.put_settings(
            index=backend.alias, body={"index": {"refresh_interval": "1s"}}
        )
        backend.client.indices.refresh(index=backend.alias)
    else:
        with db.worker_transaction() as conn:
            conn.execute("analyze search_documents")
    seconds = time.perf_counter() - started
    assert done.indexed == queued and done.failed == 0, done
    return queued, seconds


def index_and_query(args, owner: str) -> None:
    from gallery.search.opensearch import OpenSearchBackend
    from gallery.search.postgres import PostgresBackend

    print(f"generating {args.images:,} images…", flush=True)
    started = time.perf_counter()
    heavy = generate(owner, args.images, 0.5)[0]
    print(f"  {time.perf_counter() - started:.0f} s", flush=True)

    for backend in (OpenSearchBackend(), PostgresBackend()):
        queued, seconds = load(backend, args.batch)
        print(f"{backend.name}: indexed {queued:,} in {seconds:.1f} s = {queued / seconds:,.0f} "
              f"docs/s", flush=True)  # fmt: skip
        timings, slowest = measure_queries(backend, heavy, args.rounds)
        for group, samples in timings.items():
            print(f"  {group:17} p50 {statistics.median(samples):6.1f} ms   "
                  f"p95 {percentile(samples, 95):6.1f} ms", flush=True)  # fmt: skip
        print(f"  slowest: {'; '.join(slowest)}", flush=True)


def upload_to_searchable(args, node_url: str) -> None:
    import httpx

    from devstack.stack import LocalStack
    from devstack.tokens import issue
    from gallery.auth import Caller
    from gallery.config import get_settings
    from gallery.models.uploads import UploadRequest
    from gallery.services import uploads
    from tests.support import png_bytes, post_upload

    rng = random.Random(7)
    data_dir = Path(tempfile.mkdtemp(prefix="gallery-bench-"))
    data_dir.chmod(0o755)
    with LocalStack(data_dir, persist_objects=False, search_url=node_url) as stack:
        token, user_id = issue("bench@example.com", "pro")
        caller = Caller(user_id=uuid.UUID(str(user_id)))
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=stack.url, headers=headers, timeout=30) as api:
            for name in ("opensearch", "postgres"):
                get_settings().search_backend = name  # the API and the indexer thread follow
                latencies = []
                for n in range(args.uploads):
                    word = "qz" + "".join(rng.choice("abcdefghijklmnopqrstuvwxy") for _ in range(9))
                    data = png_bytes(512, 512, colour=(n * 7 % 256, 40, 90))
                    ticket = uploads.create_upload(caller, UploadRequest(
                        content_type="image/png", size_bytes=len(data),
                        prompt=f"업로드 측정 {word}", model="sdxl-base-1.0",
                    ))  # fmt: skip
                    started = time.perf_counter()
                    assert post_upload(ticket, data).status_code == 204
                    while not api.get("/api/v1/search/images", params={"q": word}).json()["total"]:
                        if time.perf_counter() - started > 30:
                            raise TimeoutError(word)
                        time.sleep(0.02)
                    latencies.append(time.perf_counter() - started)
                median, p95 = statistics.median(latencies), percentile(latencies, 95)
                print(f"upload -> searchable ({name}, {args.uploads} uploads): median "
                      f"{median:.2f} s, p95 {p95:.2f} s, max {max(latencies):.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--uploads", type=int, default=30)
    parser.add_argument("--skip", choices=["index", "uploads"], action="append", default=[])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from bench.search_stack import database, opensearch_node

    with opensearch_node("bench-search") as (url, work):
        if "index" not in args.skip:
            with database(work, "bench_search", url) as owner:
                index_and_query(args, owner)
        if "uploads" not in args.skip:
            upload_to_searchable(args, url)


if __name__ == "__main__":
    main()
