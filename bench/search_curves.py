"""Benchmark: search cost curves (issue 21), 100k -> 1M documents, both backends, one run.

search_bench.py's data, indexing and queries at each scale, back to back on one OpenSearch
node and one PostgreSQL: one heavy user with a fixed number of images at every scale
(50,000) and typical users of 1,000 each filling the rest (written per user, on the same
clock at every scale), so that the curve shows what the index's size costs, not one
user's. At each scale and for each backend:

- indexing from empty with the real indexer (docs/s);
- the 75 queries of search_bench as the heavy user and as a typical user (p50/p95 per
  group, per user and overall), in an RLS transaction as the API runs them;
- OpenSearch: an index of ``--shards`` primaries (0 replicas), documents routed by owner;
  every own search is checked to have asked one shard (``_shards.total`` of its answer);
- storage per document: OpenSearch primaries' store (after the final refresh, then after
  ``_forcemerge?max_num_segments=1``) over top-level documents; PostgreSQL's
  ``pg_total_relation_size('search_documents')`` (heap, TOAST, indexes) over its rows.

Writes .local/bench/search_curves.json (after every step) and prints a markdown table.

    .venv/bin/python bench/search_curves.py [--scales 100k 1m --shards 4 --rounds 5 --hold]
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
from datetime import UTC, datetime

import search_bench as bench

ROOT = bench.ROOT
SCALES = {"100k": 100_000, "1m": 1_000_000, "300k": 300_000, "20k": 20_000}
OUT = ROOT / ".local" / "bench" / "search_curves.json"
HOLD = OUT.with_suffix(".hold")  # --hold: the URLs, while both are kept running


class LoadSampler(threading.Thread):
    """The 1-minute load average every 5 s, summarised per phase."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, float]] = []

    def run(self):
        while True:
            self.samples.append((time.time(), os.getloadavg()[0]))
            time.sleep(5)

    def since(self, started: float) -> dict:
        values = [load for at, load in self.samples if at >= started] or [os.getloadavg()[0]]
        return {"min": min(values), "mean": round(statistics.fmean(values), 2), "max": max(values)}


def summary(samples: list[float]) -> dict:
    return {
        "n": len(samples),
        "p50": round(statistics.median(samples), 1),
        "p95": round(bench.percentile(samples, 95), 1),
    }


def routed(backend, shards_seen: list[int]):
    """Wraps the backend's search request: records each answer's ``_shards.total``."""
    search = backend._search

    def recording(body, owner):
        answer = search(body, owner)
        shards_seen.append(answer["_shards"]["total"])
        return answer

    backend._search = recording


def opensearch_storage(admin, alias: str) -> dict:
    stats = admin.indices.stats(index=alias, metric="store,docs,segments")["_all"]["primaries"]
    documents = admin.count(index=alias)["count"]  # top-level: Lucene's count has the nested
    shards = admin.cat.shards(index=alias, format="json", bytes="b")
    return {
        "documents": documents,
        "lucene_docs": stats["docs"]["count"],
        "store_bytes": stats["store"]["size_in_bytes"],
        "bytes_per_doc": round(stats["store"]["size_in_bytes"] / documents),
        "segments": stats["segments"]["count"],
        "shards": sorted(
            ({"shard": int(s["shard"]), "docs": int(s["docs"]), "bytes": int(s["store"])}
             for s in shards if s["prirep"] == "p"),
            key=lambda s: s["shard"],
        ),
    }  # fmt: skip


def settled(admin, alias: str) -> None:
    """Waits for the merged-away segments' files to go: right after a forcemerge the store
    still counts them (1M documents: 610 B/doc, then 498 once they were deleted)."""
    admin.indices.refresh(index=alias)
    admin.indices.flush(index=alias)
    size = None
    for _ in range(60):
        store = admin.indices.stats(index=alias, metric="store")["_all"]["primaries"]["store"]
        if store["size_in_bytes"] == size:
            return
        size = store["size_in_bytes"]
        time.sleep(2)


POSTGRES_STORAGE = """
select count(*) as documents,
       pg_relation_size('search_documents') as heap_bytes,
       pg_indexes_size('search_documents') as index_bytes,
       pg_total_relation_size('search_documents') as total_bytes
  from search_documents
"""


def postgres_storage(owner: str) -> dict:
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(owner, autocommit=True, row_factory=dict_row) as conn:
        found = conn.execute(POSTGRES_STORAGE).fetchone()
        found["indexes"] = {
            row["name"]: row["bytes"]
            for row in conn.execute(
                "select indexrelid::regclass::text as name,"
                " pg_relation_size(indexrelid) as bytes"
                " from pg_index where indrelid = 'search_documents'::regclass order by 2 desc"
            )
        }
    found["bytes_per_doc"] = round(found["total_bytes"] / found["documents"])
    return found


def measure(backend, users: dict, rounds: int, sampler: LoadSampler) -> dict:
    figures = {}
    for who, user_id in users.items():
        started = time.time()
        timings, slowest = bench.measure_queries(backend, user_id, rounds)
        figures[who] = {
            "groups": {group: summary(samples) for group, samples in timings.items()},
            "slowest": slowest,
            "load": sampler.since(started),
        }
        overall = figures[who]["groups"]["all"]
        print(f"  {who:8} all p50 {overall['p50']:6.1f}  p95 {overall['p95']:6.1f} ms   "
              f"load {figures[who]['load']}", flush=True)  # fmt: skip
    return figures


def run_scale(args, scale: str, owner: str, url: str, sampler: LoadSampler, out: dict) -> None:
    from opensearchpy import OpenSearch

    from gallery.search.opensearch import OpenSearchBackend
    from gallery.search.postgres import PostgresBackend

    images = SCALES[scale]
    light = (images - args.heavy) // args.per_user
    print(f"{scale}: generating {images:,} images (1 x {args.heavy:,} + {light} x "
          f"{args.per_user:,})…", flush=True)  # fmt: skip
    started = time.perf_counter()
    users = bench.generate(owner, images, 0, heavy=args.heavy, light_users=light, blocks=True)
    people = {"heavy": users[0], "typical": users[1 + light // 2]}
    result = out.setdefault("scales", {})[scale] = {
        "images": images,
        "users": len(users),
        "generated_seconds": round(time.perf_counter() - started),
    }
    print(f"  {result['generated_seconds']} s", flush=True)
    admin = OpenSearch(hosts=[url], timeout=3600)
    for backend in (OpenSearchBackend(), PostgresBackend()):
        started = time.time()
        queued, seconds = bench.load(backend, args.batch)
        figures = result[backend.name] = {
            "indexed": queued,
            "index_seconds": round(seconds, 1),
            "docs_per_second": round(queued / seconds),
            "index_load": sampler.since(started),
        }
        print(f"{scale} {backend.name}: indexed {queued:,} in {seconds:.1f} s = "
              f"{queued / seconds:,.0f} docs/s", flush=True)  # fmt: skip
        shards_seen: list[int] = []
        if backend.name == "opensearch":
            routed(backend, shards_seen)
        figures["queries"] = measure(backend, people, args.rounds, sampler)
        if backend.name == "opensearch":
            unrouted = admin.search(index=backend.alias, body={"size": 0})["_shards"]["total"]
            figures["routing"] = {
                "shards": args.shards,
                "searches": len(shards_seen),
                "shards_per_own_search": sorted(set(shards_seen)),
                "unrouted_search_shards": unrouted,
            }
            verdict = "OK" if set(shards_seen) == {1} else "FAILED"
            print(f"  check: {len(shards_seen)} own searches asked "
                  f"{sorted(set(shards_seen))} shard(s) each of {args.shards} "
                  f"(an unrouted search asks {unrouted}): {verdict}", flush=True)  # fmt: skip
            figures["storage"] = opensearch_storage(admin, backend.alias)
            if not args.no_forcemerge:
                started = time.perf_counter()
                admin.indices.forcemerge(index=backend.alias, params={"max_num_segments": 1})
                figures["forcemerge_seconds"] = round(time.perf_counter() - started, 1)
                settled(admin, backend.alias)
                figures["storage_merged"] = opensearch_storage(admin, backend.alias)
            store = figures["storage"]
            merged = figures.get("storage_merged", {}).get("bytes_per_doc")
            print(f"  storage: {store['bytes_per_doc']} B/doc ({merged} after forcemerge), "
                  f"{store['segments']} segments; per shard "
                  f"{[s['docs'] for s in store['shards']]} docs", flush=True)  # fmt: skip
        else:
            figures["storage"] = postgres_storage(owner)
            print(f"  storage: {figures['storage']['bytes_per_doc']} B/doc", flush=True)
        OUT.write_text(json.dumps(out, indent=2, default=str))


def table(out: dict) -> str:
    scales = [s for s in SCALES if s in out.get("scales", {})]
    first, last = scales[0], scales[-1]
    lines = [
        f"| backend | user | group | {' | '.join(f'{s} p50 / p95 ms' for s in scales)} "
        f"| p95 {last} / {first} |",
        "|---|---|---|" + "---:|" * (len(scales) + 1),
    ]
    for backend in ("opensearch", "postgres"):
        for who in ("heavy", "typical"):
            groups = out["scales"][first][backend]["queries"][who]["groups"]
            for group in ["all", *[g for g in groups if g != "all"]]:
                cells, p95 = [], []
                for scale in scales:
                    found = out["scales"][scale][backend]["queries"][who]["groups"][group]
                    cells.append(f"{found['p50']} / {found['p95']}")
                    p95.append(found["p95"])
                ratio = p95[-1] / p95[0]
                mark = "met" if ratio <= 1.5 else "**not met**"
                name = f"**{group}**" if group == "all" else group
                lines.append(f"| {backend} | {who} | {name} | {' | '.join(cells)} "
                             f"| {ratio:.2f}x {mark} |")  # fmt: skip
    lines += [
        "",
        f"| backend | {' | '.join(f'{s} docs/s' for s in scales)} "
        f"| {' | '.join(f'{s} bytes/doc' for s in scales)} |",
        "|---|" + "---:|" * (2 * len(scales)),
    ]
    for backend in ("opensearch", "postgres"):
        rates = [f"{out['scales'][s][backend]['docs_per_second']:,}" for s in scales]
        sizes = []
        for s in scales:
            found = out["scales"][s][backend]
            size = f"{found['storage']['bytes_per_doc']:,}"
            if "storage_merged" in found:
                size += f" ({found['storage_merged']['bytes_per_doc']:,} merged)"
            sizes.append(size)
        lines.append(f"| {backend} | {' | '.join(rates)} | {' | '.join(sizes)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", nargs="+", choices=list(SCALES), default=["100k", "1m"])
    parser.add_argument("--heavy", type=int, default=50_000)
    parser.add_argument("--per-user", type=int, default=1_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--no-forcemerge", action="store_true")
    parser.add_argument("--hold", action="store_true",
                        help="keep both running at the end until .local/bench/search_curves.hold "
                             "is removed (for EXPLAIN and the profile API)")  # fmt: skip
    parser.add_argument("--table", action="store_true", help="print the table of the JSON")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(OUT.read_text())))
        return
    sys.path.insert(0, str(ROOT))
    os.environ.update({"GALLERY_SEARCH_SHARDS": str(args.shards), "GALLERY_SEARCH_REPLICAS": "0"})

    from bench.search_stack import database, opensearch_node

    OUT.parent.mkdir(parents=True, exist_ok=True)
    sampler = LoadSampler()
    sampler.start()
    out = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "args": vars(args),
        "cpus": os.cpu_count(),
    }
    node = opensearch_node("search-curves", args.heap)
    with node as (url, work), database(work, "search_curves", url) as owner:
        for scale in sorted(args.scales, key=SCALES.get):
            run_scale(args, scale, owner, url, sampler, out)
        out["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        OUT.write_text(json.dumps(out, indent=2, default=str))
        print(table(out), flush=True)
        if args.hold:
            HOLD.write_text(json.dumps({"owner": owner, "search_url": url,
                                        "env": {k: v for k, v in os.environ.items()
                                                if k.startswith("GALLERY_")}}))  # fmt: skip
            print(f"holding: {HOLD} (remove it to stop)", flush=True)
            while HOLD.exists():
                time.sleep(5)


if __name__ == "__main__":
    main()
