"""Benchmark: share links and workspaces over HTTP through the local gateway (the real
handlers, PostgreSQL with the visitor and membership policies, moto for S3).

- opening a link (a view counted), paging it with the grant, the three kinds of 404
  (unknown, revoked, expired: the timings should not tell them apart), the password check
  (argon2id), the full image without metadata (made on first need, then reused);
- a workspace's first page as a member next to the owner's own first page.

    .venv/bin/python bench/shares_bench.py [--images 200 --runs 300]
"""

import argparse
import statistics
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


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed(call, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(name: str, samples: list[float]) -> None:
    print(f"{name:52s} {statistics.median(samples):7.1f} {percentile(samples, 95):7.1f}")


def sign_in(http: httpx.Client, email: str) -> dict:
    body = http.post("/api/v1/dev/token", json={"email": email, "plan": "pro"}).json()
    return {"Authorization": f"Bearer {body['access_token']}", "user_id": body["user_id"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()

    from devstack.demo import seed_demo
    from devstack.stack import LocalStack

    work = Path(tempfile.mkdtemp(prefix="gallery-bench-shares-"))
    work.chmod(0o755)
    with (
        LocalStack(work, persist_objects=False) as stack,
        httpx.Client(base_url=stack.url, timeout=60) as http,
    ):
        owner = sign_in(http, "owner@bench.local")
        member = sign_in(http, "member@bench.local")
        owner_url = stack.environment()["GALLERY_MIGRATE_DATABASE_URL"]
        seed_demo(uuid.UUID(owner["user_id"]), owner_url, count=args.images)
        mine = {"Authorization": owner["Authorization"]}
        images = http.get("/api/v1/files/images", params={"page_size": 100}, headers=mine)
        image_ids = [i["image_id"] for i in images.json()["images"]]

        print(f"{'(ms, ' + str(args.runs) + ' runs; password: 30)':52s} {'p50':>7s} {'p95':>7s}")
        link = http.post("/api/v1/shares", json={"image_id": image_ids[0]}, headers=mine).json()
        path = f"/api/v1/shares/{link['share_token']}"
        report("open a link (counts a view, gives a grant)",
               timed(lambda: http.get(path).raise_for_status(), args.runs))  # fmt: skip
        grant = http.get(path).json()["access_grant"]
        report("the same with the grant (no view counted)",
               timed(lambda: http.get(path, params={"grant": grant}), args.runs))  # fmt: skip

        revoked = http.post("/api/v1/shares", json={"image_id": image_ids[1]}, headers=mine)
        http.delete(f"/api/v1/shares/{revoked.json()['share_id']}", headers=mine)
        expired = http.post("/api/v1/shares", json={"image_id": image_ids[2]}, headers=mine)
        with psycopg.connect(owner_url, autocommit=True) as conn:
            conn.execute("update shares set expires_at = now() - interval '1 second'"
                         " where share_id = %s", [expired.json()["share_id"]])  # fmt: skip
        gone = {
            "unknown": "/api/v1/shares/" + "A" * 43,
            "revoked": f"/api/v1/shares/{revoked.json()['share_token']}",
            "expired": f"/api/v1/shares/{expired.json()['share_token']}",
        }
        rounds = {name: [] for name in gone}
        for _ in range(args.runs):  # interleaved, so drift hits all three alike
            for name, url in gone.items():
                rounds[name] += timed(lambda url=url: http.get(url), 1)
        for name, samples in rounds.items():
            report(f"404, {name} link", samples)

        protected = http.post(
            "/api/v1/shares", json={"image_id": image_ids[3], "password": "bench password"},
            headers=mine,
        ).json()  # fmt: skip
        access = f"/api/v1/shares/{protected['share_token']}/access"
        right = {"password": "bench password"}
        report("password check (argon2id), right password",
               timed(lambda: http.post(access, json=right), 30))  # fmt: skip

        first = http.get(path, params={"grant": grant}).json()["images"][0]
        made = timed(lambda: http.get(first["view_url"]), 1)
        print(f"{'full image without metadata, made on first need':52s} {made[0]:7.1f}"
              f"   ({first['width']}x{first['height']} PNG)")  # fmt: skip
        report("full image without metadata, made already",
               timed(lambda: http.get(first["view_url"]), args.runs // 3))  # fmt: skip

        workspace = http.post("/api/v1/workspaces", json={"name": "bench"}, headers=mine).json()
        ws = f"/api/v1/workspaces/{workspace['workspace_id']}"
        invited = http.post(
            f"{ws}/invitations",
            headers=mine,
            json={"email": "member@bench.local", "role": "downloader"},
        ).json()
        http.post(f"{ws}/images", json={"image_ids": image_ids}, headers=mine)
        theirs = {"Authorization": member["Authorization"]}
        http.post(f"/api/v1/workspaces/invitations/{invited['invitation_id']}/accept",
                  headers=theirs)  # fmt: skip
        page = {"page_size": 50}
        report("my images, first page of 50 (owner)",
               timed(lambda: http.get("/api/v1/files/images", params=page, headers=mine),
                     args.runs // 3))  # fmt: skip
        report(f"workspace of {len(image_ids)}, first page of 50 (member)",
               timed(lambda: http.get(f"{ws}/images", params=page, headers=theirs),
                     args.runs // 3))  # fmt: skip


if __name__ == "__main__":
    main()
