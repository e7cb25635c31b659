"""Benchmark: the dashboard's first grid paint and a scroll through 5,000 images, in Debian's
Chromium against the whole local stack (the built web/dist, the real handlers, PostgreSQL
search, moto behind the S3 gate).

A user gets ``--uploads`` images through the real pipeline (reservation, presigned POST,
ingest: thumbnails, previews, placeholders), then copies of those rows up to ``--images``
(new ids and dates, the same objects: thumbnails are shared), written with SQL as ingest
writes them. The browser part is ``web/bench/grid.bench.ts`` (Playwright); it prints the
figures and writes them to ``.local/bench/web.json``.

    make bench-web
    .venv/bin/python bench/web_grid.py [--images 5000 --uploads 40 --runs 7 --scroll-speed 3000]
                                       [--dist web/dist --grep "first grid paint"]

With ``--screens DIR`` it takes the same screens of the build it serves (grid, viewer, search;
desktop and phone, English and Korean: ``web/bench/screens.bench.ts``) into DIR, for a
before/after comparison:
``--grep screens --images 200 --uploads 24 --dist <build> --screens <dir>``.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "layers" / "core" / "python"))


def seed(owner_url: str, user_id: uuid.UUID, uploads: int, total: int) -> None:
    from devstack.demo import copy_images, seed_demo

    started = time.perf_counter()
    seed_demo(user_id, owner_url, count=uploads)
    copy_images(owner_url, user_id, user_id, total - uploads)
    with psycopg.connect(owner_url, autocommit=True) as conn:
        # the indexer catches up before anything is measured (it shares the 2 cores)
        deadline = time.monotonic() + 120
        while conn.execute("select count(*) from search_outbox").fetchone()[0]:
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        count = conn.execute("select count(*) from images where user_id = %s and status = 'ready'",
                             [user_id]).fetchone()[0]  # fmt: skip
    print(f"seeded {count} images ({uploads} uploaded) in {time.perf_counter() - started:.0f} s",
          flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--uploads", type=int, default=40)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scroll-speed", type=int, default=3000, help="px per second")
    parser.add_argument("--grep", default="", help="only the browser tests whose name matches")
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "web" / "dist", help="the built dashboard to serve"
    )
    parser.add_argument("--screens", type=Path, help="where the screens test puts its screenshots")
    args = parser.parse_args()

    from devstack.stack import LocalStack

    dist = args.dist.resolve()
    if not (dist / "index.html").exists():
        sys.exit("web/dist is missing: run `make web` (make bench-web does)")
    work = Path(tempfile.mkdtemp(prefix="gallery-bench-web-"))
    work.chmod(0o755)  # PostgreSQL runs as nobody when we are root
    with (
        LocalStack(work, persist_objects=False, web_dist=dist) as stack,
        httpx.Client(base_url=stack.url, timeout=60) as http,
    ):
        email = "bench@bench.local"
        token = http.post("/api/v1/dev/token", json={"email": email, "plan": "pro"}).json()
        user_id = uuid.UUID(token["user_id"])
        seed(stack.environment()["GALLERY_MIGRATE_DATABASE_URL"], user_id, args.uploads,
             args.images)  # fmt: skip
        session = {"token": token["access_token"], "userId": token["user_id"], "email": email}
        env = {
            **os.environ,
            "BENCH_URL": stack.url,
            "BENCH_SESSION": json.dumps(session),
            "BENCH_IMAGES": str(args.images),
            "BENCH_RUNS": str(args.runs),
            "BENCH_SCROLL_SPEED": str(args.scroll_speed),
            "BENCH_OUT": str(ROOT / ".local" / "bench" / "web.json"),
            "BENCH_SCREENS": str(args.screens.resolve()) if args.screens else "",
        }
        result = subprocess.run(
            ["npx", "playwright", "test", "-c", "bench/playwright.config.ts",
             *(["--grep", args.grep] if args.grep else [])],
            cwd=ROOT / "web", env=env, check=False,
        )  # fmt: skip
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
