"""Benchmark: what the concept expansion costs a search, on both backends, side by side.

The images of bench/search_bench.py (``--images``, the heaviest user holding half) are
indexed into both backends; then every text query of search_bench runs as the API runs it
(the backend's ``search`` in an RLS transaction, 50 a page), each time twice in a row: with
the query plan as it is (gallery.search.expansion) and with the same plan stripped of its
alternatives and stems (the user's words, tags and models only), in alternating order. Same
data, same process, interleaved: the difference is the expansion's alone.

    .venv/bin/python bench/search_expansion.py [--images 20000 --rounds 6]

Issue 17's budget: the expansion costs at most 20 % of p95.
"""

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

    from bench import search_bench
    from bench.search_stack import search_stack

    with search_stack("bench_expansion") as (owner, _):
        measure(search_bench, owner, args)


def measure(search_bench, owner_url: str, args) -> None:
    from gallery import db
    from gallery.repositories import search_outbox
    from gallery.search import expansion, postgres_text
    from gallery.search.opensearch import OpenSearchBackend
    from gallery.search.postgres import PostgresBackend
    from gallery.services.indexer import drain

    print(f"generating and indexing {args.images:,} images…", flush=True)
    heavy = search_bench.generate(owner_url, args.images, 0.5)
    backends = {"opensearch": OpenSearchBackend(), "postgres": PostgresBackend()}
    backends["opensearch"].ensure_index()
    with db.worker_transaction() as conn:
        search_outbox.enqueue_all(conn)
    drain(list(backends.values()), batch=1000)
    backends["opensearch"].client.indices.refresh(index=backends["opensearch"].alias)
    with db.worker_transaction() as conn:
        conn.execute("analyze search_documents")

    planned = expansion.plan

    def unexpanded(q: str) -> expansion.QueryPlan:
        plan = planned(q)
        words = tuple(dataclasses.replace(w, alternatives=(), stems=()) for w in plan.words)
        return dataclasses.replace(plan, words=words)

    plans = {"expanded": planned, "unexpanded": unexpanded}
    queries = [search_bench.search_query(p) for _, p in search_bench.QUERIES if p.get("q")]

    def once(backend, query) -> float:
        with db.transaction(heavy) as conn:
            started = time.perf_counter()
            backend.search(conn, heavy, query, None)
            return (time.perf_counter() - started) * 1000

    for name, backend in backends.items():
        for query in queries * 2:  # warm-up, not counted
            once(backend, query)
        samples: dict[str, list[float]] = {mode: [] for mode in plans}
        for round_ in range(args.rounds):
            for query in queries:
                for mode in sorted(plans, reverse=round_ % 2 == 1):  # alternating order
                    expansion.plan = plans[mode]
                    postgres_text.TextQuery.of.cache_clear()
                    samples[mode].append(once(backend, query))
        expansion.plan = planned
        p95 = {}
        for mode, timings in samples.items():
            cuts = statistics.quantiles(timings, n=100, method="inclusive")
            p95[mode] = cuts[94]
            print(f"{name:10} {mode:10} {len(queries)} queries × {args.rounds}: "
                  f"p50 {cuts[49]:5.1f} ms  p95 {cuts[94]:5.1f} ms", flush=True)  # fmt: skip
        print(f"{name:10} the expansion costs {p95['expanded'] / p95['unexpanded'] - 1:+.0%} "
              "of p95", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
