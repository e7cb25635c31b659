"""Load test: the dashboard's mix (list, scroll, open, search, tag, favourite, share link,
upload) from 1, 8 and 32 concurrent clients against the whole local stack, with the gateway's
containers (devstack.containers: up to --containers processes per function, as Lambda's
execution environments) so that the handlers are measured, not one-at-a-time invocation.
Loopback only, bounded in time (--seconds per level) and in accounts (one per client).

Accounts: one is seeded through the real pipeline (reservation, presigned POST, ingest), and
its ready rows are copied to the others up to --images each (new ids, the same objects), with
a share link each. The clients are locust (bench/load/locustfile.py) in a process of its own;
the figures per operation (p50/p95 ms, requests, failures) are printed and written to
.local/bench/load.json. Exits non-zero when any request failed.

    .venv/bin/python bench/load_test.py [--clients 1,8,32 --seconds 60 --warmup 30 --images 200
                                         --containers 8]
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "layers" / "core" / "python"))
LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"
OUT = ROOT / ".local" / "bench" / "load.json"


def sign_in(http: httpx.Client, email: str) -> tuple[str, uuid.UUID]:
    body = http.post("/api/v1/dev/token", json={"email": email, "plan": "pro"}).json()
    return body["access_token"], uuid.UUID(body["user_id"])


def seed(http: httpx.Client, owner_url: str, accounts: int, images: int) -> list[dict]:
    from devstack.demo import copy_images, seed_demo

    made = [sign_in(http, f"load-{n}@bench.local") for n in range(accounts)]
    first = made[0][1]
    seed_demo(first, owner_url, count=40)
    for _token, user_id in made:
        copy_images(owner_url, first, user_id, images - (40 if user_id == first else 0))
    found = []
    for token, _user_id in made:
        headers = {"Authorization": f"Bearer {token}"}
        page = http.get("/api/v1/files/images", params={"page_size": 100}, headers=headers)
        image_ids = [image["image_id"] for image in page.raise_for_status().json()["images"]]
        never_expires = {"image_id": image_ids[0], "expires_in_hours": None}
        link = http.post("/api/v1/shares", json=never_expires, headers=headers)
        link = link.raise_for_status().json()
        found.append({"token": token, "image_ids": image_ids, "share_token": link["share_token"]})
    return found


def run_level(url: str, accounts: list[dict], clients: int, seconds: int, work: Path,
              name: str = "") -> dict:  # fmt: skip
    prefix = work / f"level-{clients}{name}"
    accounts_file = work / "accounts.json"
    accounts_file.write_text(json.dumps(accounts))
    subprocess.run(
        [str(Path(sys.executable).with_name("locust")), "-f", str(LOCUSTFILE), "--headless",
         "--host", url, "-u", str(clients), "-r", str(clients), "--run-time", f"{seconds}s",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
         "--exit-code-on-error", "0"],
        env={**os.environ, "LOAD_ACCOUNTS": str(accounts_file)}, check=True,
    )  # fmt: skip
    operations = {}
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            operations[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "per_second": float(row["Requests/s"]),
            }
    failures = []
    failures_csv = Path(f"{prefix}_failures.csv")
    if failures_csv.exists():
        failures = list(csv.DictReader(failures_csv.open(newline="")))
    return {"operations": operations, "failures": failures}


def print_level(clients: int, level: dict) -> None:
    print(f"\n{clients} client(s)")
    print(f"  {'operation':24s} {'requests':>8s} {'failed':>6s} {'p50 ms':>7s} {'p95 ms':>7s}")
    for name, op in level["operations"].items():
        print(f"  {name:24s} {op['requests']:8d} {op['failures']:6d} {op['p50_ms']:7.0f} "
              f"{op['p95_ms']:7.0f}")  # fmt: skip
    for failure in level["failures"][:10]:
        print(f"  FAILED {failure['Name']}: {failure['Error']} x{failure['Occurrences']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="1,8,32", help="the levels, one after the other")
    parser.add_argument("--seconds", type=int, default=60, help="measured, per level")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured, before each level")
    parser.add_argument("--images", type=int, default=200, help="per account")
    parser.add_argument("--containers", type=int, default=8, help="per function")
    args = parser.parse_args()
    levels = [int(n) for n in args.clients.split(",")]

    from devstack.stack import LocalStack

    work = Path(tempfile.mkdtemp(prefix="gallery-bench-load-"))
    work.chmod(0o755)
    results: dict = {"containers_per_function": args.containers, "seconds": args.seconds,
                     "warmup_seconds": args.warmup,
                     "images_per_account": args.images, "levels": {}}  # fmt: skip
    with (
        LocalStack(work, persist_objects=False, containers=args.containers) as stack,
        httpx.Client(base_url=stack.url, timeout=60) as http,
    ):
        owner_url = stack.environment()["GALLERY_MIGRATE_DATABASE_URL"]
        accounts = seed(http, owner_url, max(levels), args.images)
        time.sleep(5)  # the indexer takes the copies in (search finds them)
        for clients in levels:
            # first the containers' cold starts (many at once on this machine's 2 cores),
            # unmeasured: the level is the steady state, as with Lambda warmed up
            run_level(stack.url, accounts, clients, args.warmup, work, "-warmup")
            level = run_level(stack.url, accounts, clients, args.seconds, work)
            results["levels"][clients] = level
            print_level(clients, level)
        results["cold_starts_ms"] = stack.functions.containers.cold_starts
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    failed = sum(op["failures"] for level in results["levels"].values()
                 for op in level["operations"].values())  # fmt: skip
    print(f"\nwritten to {OUT}; {failed} failed request(s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
