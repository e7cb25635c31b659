"""Benchmark: how well search ranks, on both backends (issue 17).

The labelled set of bench/relevance_set/ (2,400 prompts, 259 queries with graded
judgements; its README says how it was made) is written as one user's images, indexed by
the real indexer into OpenSearch (nori) and PostgreSQL, and every query is run through each
backend's ``search`` in an RLS transaction, as the search service runs it. Reported per
backend and per query class: nDCG@10, recall@50, MRR (bench/relevance_metrics.py), and the
p50/p95 latency of these queries.

    .venv/bin/python bench/relevance.py [--rounds 3] [--json bench/relevance.json]

tests/integration/test_relevance_floors.py runs the same functions on the test stack and
asserts the floors.
"""

import argparse
import json
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "bench" / "relevance_set"
BACKENDS = ("opensearch", "postgres")
BILINGUAL = ("bilingual_ko_en", "bilingual_en_ko")
CLASSES = ("ko_inflected", "compound", "short", "en_plural", *BILINGUAL, "mixed", "tag",
           "model")  # fmt: skip
PAGE = 50  # recall@50 needs the first 50


def load_set() -> tuple[list[dict], list[dict]]:
    def read(name: str) -> list[dict]:
        with open(SET / name, encoding="utf-8") as lines:
            return [json.loads(line) for line in lines]

    return read("prompts.jsonl"), read("queries.jsonl")


def write_images(owner_url: str, user_id: uuid.UUID, prompts: list[dict]) -> dict[str, str]:
    """The prompts as ``user_id``'s ready images (SQL as the table owner, triggers off, as
    search_bench writes them), queued for the indexer; returns image id -> prompt id."""
    import psycopg

    from gallery.tag_keys import tag_key

    image_ids = {p["id"]: uuid.uuid4() for p in prompts}
    tag_ids = {name: uuid.uuid4() for p in prompts for name in p["tags"]}
    with psycopg.connect(owner_url, autocommit=True) as conn, conn.transaction():
        conn.execute("set local session_replication_role = replica")
        conn.execute(
            "insert into users (user_id, email, plan) values (%s, %s, 'pro')",
            [user_id, f"relevance-{user_id.hex[:12]}@example.com"],
        )
        with conn.cursor().copy("copy tags (tag_id, user_id, name, name_key) from stdin") as c:
            for name, tag_id in tag_ids.items():
                c.write_row((tag_id, user_id, name, tag_key(name)))
        columns = ("image_id, user_id, status, prompt, negative_prompt, model, width, height,"
                   " seed, s3_key, mime_type, created_at")  # fmt: skip
        with conn.cursor().copy(f"copy images ({columns}) from stdin") as c:
            for p in prompts:
                image_id = image_ids[p["id"]]
                c.write_row((
                    image_id, user_id, "ready", p["prompt"], p["negative_prompt"], p["model"],
                    p["width"], p["height"], p["seed"], f"users/{user_id}/images/{image_id}.png",
                    "image/png", datetime.fromisoformat(p["created_at"]),
                ))  # fmt: skip
        columns = "image_id, tag_id, user_id, image_created_at"  # (its trigger is off too)
        with conn.cursor().copy(f"copy image_tags ({columns}) from stdin") as c:
            for p in prompts:
                for name in p["tags"]:
                    c.write_row((image_ids[p["id"]], tag_ids[name], user_id,
                                 datetime.fromisoformat(p["created_at"])))  # fmt: skip
        conn.execute(
            "insert into search_outbox (image_id, user_id)"
            " select image_id, user_id from images where user_id = %s",
            [user_id],
        )
    return {str(image_id): prompt_id for prompt_id, image_id in image_ids.items()}


def index_everything() -> float:
    """Drains the outbox into both backends; returns the seconds it took."""
    from gallery.search.opensearch import OpenSearchBackend
    from gallery.search.postgres import PostgresBackend
    from gallery.services.indexer import drain

    opensearch = OpenSearchBackend()
    opensearch.ensure_index()
    started = time.perf_counter()
    done = drain([opensearch, PostgresBackend()], batch=500)
    assert done.failed == 0, done
    opensearch.client.indices.refresh(index=opensearch.alias)
    return time.perf_counter() - started


@dataclass
class QueryResult:
    query: dict
    ranking: list[str]
    ndcg_10: float
    recall_50: float
    reciprocal_rank: float
    latencies_ms: list[float] = field(default_factory=list)


def run_queries(
    backend_name: str, user_id: uuid.UUID, prompt_of: dict[str, str], queries: list[dict],
    rounds: int = 1,
) -> list[QueryResult]:  # fmt: skip
    """Every query through the backend, ``rounds`` times (the first ranking is scored; a
    warm-up round before them is not timed when rounds > 1)."""
    from bench.relevance_metrics import ndcg_at, recall_at, reciprocal_rank
    from gallery import db
    from gallery.models.search import SearchQuery
    from gallery.search.backend import get_backend
    from gallery.services.search import search_request

    backend = get_backend(backend_name)
    results = []
    for query in queries:
        search = search_request(SearchQuery(q=query["q"], page_size=PAGE))
        latencies, ranking = [], None
        for round_ in range(rounds + (rounds > 1)):
            with db.transaction(user_id) as conn:
                started = time.perf_counter()
                hits = backend.search(conn, user_id, search, None).hits[:PAGE]
                elapsed = (time.perf_counter() - started) * 1000
            if rounds == 1 or round_:
                latencies.append(elapsed)
            if ranking is None:
                ranking = [prompt_of.get(str(hit.image_id), str(hit.image_id)) for hit in hits]
        judged = query["judgements"]
        results.append(QueryResult(
            query, ranking, ndcg_at(ranking, judged, 10), recall_at(ranking, judged, 50),
            reciprocal_rank(ranking, judged), latencies,
        ))  # fmt: skip
    return results


def summarise(results: list[QueryResult]) -> dict:
    """Mean metrics over all queries, per class and for the bilingual classes together."""
    groups: dict[str, list[QueryResult]] = {"all": [], "bilingual": []}
    groups.update({kind: [] for kind in CLASSES})
    for result in results:
        groups["all"].append(result)
        groups[result.query["class"]].append(result)
        if result.query["class"] in BILINGUAL:
            groups["bilingual"].append(result)

    def mean(rs: list[QueryResult]) -> dict:
        return {
            "queries": len(rs),
            "ndcg@10": statistics.fmean(r.ndcg_10 for r in rs),
            "recall@50": statistics.fmean(r.recall_50 for r in rs),
            "mrr": statistics.fmean(r.reciprocal_rank for r in rs),
        }

    latencies = [ms for r in results for ms in r.latencies_ms]
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        **{name: mean(rs) for name, rs in groups.items() if rs},
        "latency_ms": {"p50": statistics.median(latencies), "p95": quantiles[94]},
    }


def table(summaries: dict[str, dict]) -> str:
    """The figures as a Markdown table: one row per class, a column group per backend."""
    head = "| class | queries | " + " | ".join(
        f"{name} nDCG@10 | {name} R@50 | {name} MRR" for name in summaries
    )
    lines = [head + " |", "|" + "---|" * (2 + 3 * len(summaries))]
    first = next(iter(summaries.values()))
    for group in [g for g in first if g != "latency_ms"]:
        cells = [group, str(first[group]["queries"])]
        for summary in summaries.values():
            row = summary[group]
            cells += [f"{row['ndcg@10']:.3f}", f"{row['recall@50']:.3f}", f"{row['mrr']:.3f}"]
        lines.append("| " + " | ".join(cells) + " |")
    latency = ", ".join(
        f"{name} p50 {s['latency_ms']['p50']:.1f} ms, p95 {s['latency_ms']['p95']:.1f} ms"
        for name, s in summaries.items()
    )
    return "\n".join(lines) + f"\n\nlatency of these queries: {latency}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per query")
    parser.add_argument("--json", type=Path, default=ROOT / ".local" / "bench" / "relevance.json")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))

    from bench.search_stack import search_stack

    prompts, queries = load_set()
    with search_stack("bench_relevance", heap="768m") as (owner, _):
        user_id = uuid.uuid4()
        prompt_of = write_images(owner, user_id, prompts)
        seconds = index_everything()
        print(f"{len(prompts):,} prompts indexed into both backends in {seconds:.1f} s; "
              f"{len(queries)} queries", flush=True)  # fmt: skip
        summaries, per_query = {}, {}
        for name in BACKENDS:
            results = run_queries(name, user_id, prompt_of, queries, rounds=args.rounds)
            summaries[name] = summarise(results)
            per_query[name] = [
                {"id": r.query["id"], "class": r.query["class"], "q": r.query["q"],
                 "ndcg@10": r.ndcg_10, "recall@50": r.recall_50, "rr": r.reciprocal_rank,
                 "top10": r.ranking[:10]}
                for r in results
            ]  # fmt: skip
        print(table(summaries))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"summary": summaries, "queries": per_query}, ensure_ascii=False,
                       indent=1) + "\n",
            encoding="utf-8",
        )  # fmt: skip
        print(f"written to {args.json}")


if __name__ == "__main__":
    main()
