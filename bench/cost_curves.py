"""Benchmark: cost curves of the listings (issue 21) at 100k, 1M and 10M images: p50/p95 of
the warm files and workspaces handlers per scenario and scale, for a typical user (10,000
images) and, at 10M, for one heavy user (1,000,000); the ratio p95(10M) / p95(100k); and
the bytes per image PostgreSQL keeps (images and image_tags, with their indexes and TOAST).

Data as in list_images.py (its generation, in batches of users so that memory and WAL stay
bounded, autovacuum off meanwhile, VACUUM ANALYZE after), one database per scale in
.local/bench/curves/, reused while the counts match (migrated; --regenerate when a migration
changes the data).
Each scale is measured in a fresh interpreter (a new container: its own pool and caches).
Writes .local/bench/curves.json (merged with the scales not run) and bench/curves-listings.svg.

    .venv/bin/python bench/cost_curves.py [--scales 100k 1m 10m --runs 200 --batch-users 50]
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import list_images as bench

ROOT = bench.ROOT
PER_USER = 10_000
# users x 10,000, and (10M) one heavy user more: its images are not in the typical ones
SCALES = {"100k": (10, 0), "1m": (100, 0), "10m": (1_000, 1_000_000)}
PORT = 55498
SVG = ROOT / "bench" / "curves-listings.svg"

# The owner shares one folder (1 image in 30 of theirs) with a member (a viewer): made as
# the table owner, triggers off (nothing to queue for search here).
WORKSPACE = """
set session_replication_role = replica;
insert into workspaces (workspace_id, owner_id, name)
values (gen_random_uuid(), %(owner)s, 'bench ' || %(kind)s::text);
insert into workspace_members (workspace_id, user_id, role)
select workspace_id, %(owner)s, 'owner' from workspaces where name = 'bench ' || %(kind)s::text
union all
select workspace_id, %(member)s, 'viewer' from workspaces where name = 'bench ' || %(kind)s::text;
insert into workspace_items (workspace_id, user_id, folder_id)
select w.workspace_id, f.user_id, f.folder_id from workspaces w
  join folders f on f.user_id = %(owner)s and f.sort_order = 1
 where w.name = 'bench ' || %(kind)s::text;
set session_replication_role = origin;
"""
WORKSPACE_ID = "select workspace_id from workspaces where name = 'bench ' || %s::text"
WORKSPACE_ROUTE = "GET /api/v1/workspaces/{workspace_id}/images"

STORAGE = """
select pg_relation_size('images') as images_heap,
       pg_indexes_size('images') as images_indexes,
       pg_total_relation_size('images') as images_total,
       pg_total_relation_size('image_tags') as image_tags_total,
       (select count(*) from images) as images,
       (select count(*) from image_tags) as image_tags
"""

SCENARIOS = [
    "first page",
    "deep cursor (page 100)",
    "common tag (1 in 2)",
    "rare tag (1 in 500)",
    "favourites (1 in 7)",
    "workspace page (member)",
]


def people(scale: str) -> dict:
    """Who each scenario is about: the typical owner and their workspace's member, and at
    10M the heavy user and theirs (numbers as GENERATE numbers its users)."""
    users, heavy = SCALES[scale]
    typical = {
        "owner": bench.bench_user(users // 2 + 1),
        "member": bench.bench_user(users // 2 + 2),
    }
    found = {"typical": typical}
    if heavy:
        found["heavy"] = {"owner": bench.bench_user(users + 1),
                          "member": bench.bench_user(users // 2 + 3)}  # fmt: skip
    return found


def expected_images(scale: str) -> int:
    users, heavy = SCALES[scale]
    return users * PER_USER + heavy


def prepare(pg, scale: str, batch_users: int, cache: Path, regenerate: bool) -> dict:
    """The scale's database, generated unless the one cached is whole (its migrations
    brought up to date: a generation at 10M takes 25 minutes, and what a migration changes
    is said by --regenerate); returns how it was made (generation time, when)."""
    import psycopg

    database = f"curves_{scale}"
    owner, applied = bench.open_database(pg, database)
    marker = cache / f"{scale}.json"
    made = json.loads(marker.read_text()) if marker.exists() else None
    with psycopg.connect(owner, autocommit=True) as conn:
        have = conn.execute("select count(*) from images").fetchone()[0]
        if made and not regenerate and have == expected_images(scale):
            print(f"{scale}: reusing {have:,} images (generated {made['at']}; migrations "
                  f"applied to them now: {', '.join(applied) or 'none'})", flush=True)  # fmt: skip
            return made
        print(f"{scale}: generating (migrations applied now: {len(applied)})…", flush=True)
        made = generate(conn, scale, batch_users)
    marker.write_text(json.dumps(made, indent=2))
    return made


def generate(conn, scale: str, batch_users: int) -> dict:
    users, heavy = SCALES[scale]
    started = time.perf_counter()
    conn.execute("alter system set autovacuum = off")
    conn.execute("select pg_reload_conf()")
    try:
        conn.execute("truncate users cascade")
        for first in range(1, users + 1, batch_users):
            last = min(users, first + batch_users - 1)
            with conn.transaction():
                bench.generate_users(conn, first, last, PER_USER)
            print(f"  users {first}-{last}: {time.perf_counter() - started:.0f} s", flush=True)
        if heavy:
            with conn.transaction():
                bench.generate_users(conn, users + 1, users + 1, heavy)
            print(f"  heavy user: {time.perf_counter() - started:.0f} s", flush=True)
        with conn.transaction():
            for kind, who in people(scale).items():
                for statement in bench.statements(WORKSPACE):
                    conn.execute(statement, {"kind": kind, **who})
        loaded = time.perf_counter() - started
    finally:
        conn.execute("alter system reset autovacuum")
        conn.execute("select pg_reload_conf()")
    conn.execute("set maintenance_work_mem = '512MB'")
    conn.execute("vacuum analyze")
    total = time.perf_counter() - started
    print(f"  generated in {total:.0f} s (load {loaded:.0f} s, vacuum analyze "
          f"{total - loaded:.0f} s)", flush=True)  # fmt: skip
    return {"load_s": round(loaded, 1), "vacuum_analyze_s": round(total - loaded, 1),
            "generated_in_s": round(total, 1), "batch_users": batch_users,
            "at": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip


def storage(owner: str) -> dict:
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(owner, row_factory=dict_row) as conn:
        row = conn.execute(STORAGE).fetchone()
    row["bytes_per_image"] = round((row["images_total"] + row["image_tags_total"]) / row["images"])
    return row


def scenario_events(owner_url: str, scale: str) -> dict:
    """Per kind of user (typical, heavy), each scenario's handler name and event."""
    import psycopg

    found = {}
    with psycopg.connect(owner_url) as conn:
        workspaces = {kind: conn.execute(WORKSPACE_ID, [kind]).fetchone()[0]
                      for kind in people(scale)}  # fmt: skip
    for kind, who in people(scale).items():
        owner, page = who["owner"], {"page_size": 50}
        cursor = bench.deep_cursor(owner_url, owner, 99 * 50, {})
        found[kind] = {
            "first page": ("files", bench.event(owner, page)),
            "deep cursor (page 100)": ("files", bench.event(owner, {**page, "cursor": cursor})),
            "common tag (1 in 2)": ("files", bench.event(owner, {**page, "tag": "tag1"})),
            "rare tag (1 in 500)": ("files", bench.event(owner, {**page, "tag": "tag50"})),
            "favourites (1 in 7)": ("files", bench.event(owner, {**page, "is_favorite": "true"})),
            "workspace page (member)": ("workspaces", bench.event(
                who["member"], page, WORKSPACE_ROUTE, {"workspace_id": workspaces[kind]},
            )),
        }  # fmt: skip
    return found


def measure_scale(pg, scale: str, runs: int, budget_s: float, timeout_s: float) -> dict:
    """(In its own interpreter.) p50/p95 per kind of user and scenario; a scenario whose
    statements outlast ``timeout_s`` is recorded as timed out."""
    # every connection of this interpreter, the handlers' pool's too (libpq reads it)
    os.environ["PGOPTIONS"] = f"-c statement_timeout={int(timeout_s * 1000)}"
    from workspaces.handler import lambda_handler as workspaces

    from files.handler import lambda_handler as files

    handlers = {"files": files, "workspaces": workspaces}
    bench.handler_environment(pg, f"curves_{scale}", "cloudfront")
    results = {}
    for kind, scenarios in scenario_events(pg.url(database=f"curves_{scale}"), scale).items():
        results[kind] = {}
        for name, (handler, ev) in scenarios.items():
            try:
                p50, p95, body, timed = bench.measure(
                    handlers[handler], ev, runs, budget_s=budget_s
                )
            except Exception as error:  # the statement timeout, as the handler answers it
                results[kind][name] = {"timed_out_s": timeout_s, "error": str(error)[:200]}
                print(f"  {scale:>4s} {kind:7s} {name:28s} over {timeout_s:.0f} s: {error!s:.80}",
                      file=sys.stderr, flush=True)  # fmt: skip
                continue
            shown, total = len(body["images"]), body["total"]
            results[kind][name] = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2),
                                   "runs": timed, "images": shown, "total": total}  # fmt: skip
            print(f"  {scale:>4s} {kind:7s} {name:28s} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms"
                  f"  ({shown} of {total:,}; {timed} runs)", file=sys.stderr)  # fmt: skip
    return results


def p95_ms(row: dict) -> float:
    """A scenario's p95, or (timed out) the timeout: a lower bound."""
    return row["p95_ms"] if "p95_ms" in row else row["timed_out_s"] * 1000


def ratios(figures: dict) -> dict:
    """p95 at 10M over p95 at 100k (the typical user's, for both kinds); a lower bound
    where a scenario timed out at 10M."""
    scales = figures["scales"]
    if "100k" not in scales or "10m" not in scales:
        return {}
    base = scales["100k"]["scenarios"]["typical"]
    return {
        kind: {name: round(p95_ms(row) / p95_ms(base[name]), 2) for name, row in rows.items()}
        for kind, rows in scales["10m"]["scenarios"].items()
    }


def cell(row: dict | None) -> str:
    if row is None:
        return ""
    if "p95_ms" not in row:
        return f"timed out (> {row['timed_out_s']:.0f} s)"
    return f"{row['p50_ms']:.1f} / {row['p95_ms']:.1f}"


def table(figures: dict) -> str:
    scales = [s for s in SCALES if s in figures["scales"]]
    head = "| scenario | user | " + " | ".join(f"{s} p50 / p95 ms" for s in scales)
    lines = [head + " | p95 10M / 100k |", "|---|---|" + "---:|" * (len(scales) + 1)]
    for kind in ("typical", "heavy"):
        for name in SCENARIOS:
            rows = [figures["scales"][s]["scenarios"].get(kind, {}).get(name) for s in scales]
            cells = [cell(row) for row in rows]
            if not any(cells):
                continue
            ratio = figures["ratios"].get(kind, {}).get(name)
            bound = ">" if rows[-1] and "p95_ms" not in rows[-1] else ""  # timed out at 10M
            met = "met" if ratio is not None and ratio <= 1.5 else "NOT met"
            verdict = "" if ratio is None else f"{bound}{ratio:.2f}x {met}"
            lines.append(f"| {name} | {kind} | " + " | ".join(cells) + f" | {verdict} |")
    lines += ["", "| scale | images | bytes/image | images heap | images indexes | image_tags |"
              " generated in |", "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for s in scales:
        st, made = figures["scales"][s]["storage"], figures["scales"][s]["generation"]
        mib = 1024 * 1024
        lines.append(
            f"| {s} | {st['images']:,} | {st['bytes_per_image']:,} | "
            f"{st['images_heap'] / mib:,.0f} MiB | {st['images_indexes'] / mib:,.0f} MiB | "
            f"{st['image_tags_total'] / mib:,.0f} MiB | {made['generated_in_s']:,.0f} s |"
        )
    return "\n".join(lines)


COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]


def plot(figures: dict) -> str:
    """p95 against the number of images, both axes logarithmic: one line per scenario (the
    typical user), the heavy user's p95 at 10M as hollow marks."""
    width, height, left, right, top, bottom = 760, 420, 60, 250, 30, 50
    scales = [s for s in SCALES if s in figures["scales"]]
    xs = {s: figures["scales"][s]["storage"]["images"] for s in scales}
    kinds = [figures["scales"][s]["scenarios"].values() for s in scales]
    values = [p95_ms(row) for rows_by_kind in kinds for rows in rows_by_kind
              for row in rows.values()]  # fmt: skip
    y_low = 10 ** math.floor(math.log10(min(values)))
    y_high = 10 ** math.ceil(math.log10(max(values)))
    x_low, x_high = 5e4, 2e7

    def x(v: float) -> float:
        span = math.log10(x_high) - math.log10(x_low)
        return left + (math.log10(v) - math.log10(x_low)) / span * (width - left - right)

    def y(v: float) -> float:
        span = math.log10(y_high) - math.log10(y_low)
        return (
            height - bottom - (math.log10(v) - math.log10(y_low)) / span * (height - top - bottom)
        )

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{left}" y="18" font-size="14">Listings: p95 (ms) against images in '
        "PostgreSQL (log-log)</text>",
    ]
    decade = y_low
    while decade <= y_high:
        for step in (1, 2, 5):
            v = decade * step
            if y_low <= v <= y_high:
                out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" '
                           f'y2="{y(v):.1f}" stroke="#ddd"/>')  # fmt: skip
                out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">'
                           f"{v:g}</text>")  # fmt: skip
        decade *= 10
    for s in scales:
        out.append(f'<line x1="{x(xs[s]):.1f}" x2="{x(xs[s]):.1f}" y1="{top}" '
                   f'y2="{height - bottom}" stroke="#ddd"/>')  # fmt: skip
        out.append(f'<text x="{x(xs[s]):.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                   f"{xs[s]:,}</text>")  # fmt: skip
    out.append(f'<text x="{(left + width - right) / 2:.0f}" y="{height - 12}" '
               'text-anchor="middle">images (log scale)</text>')  # fmt: skip
    for i, name in enumerate(SCENARIOS):
        colour = COLOURS[i % len(COLOURS)]
        points = [(x(xs[s]), y(p95_ms(figures["scales"][s]["scenarios"]["typical"][name])))
                  for s in scales]  # fmt: skip
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>'
                for px, py in points]  # fmt: skip
        heavy = figures["scales"].get("10m", {}).get("scenarios", {}).get("heavy", {}).get(name)
        if heavy:
            out.append(f'<circle cx="{x(xs["10m"]):.1f}" cy="{y(p95_ms(heavy)):.1f}" r="5" '
                       f'fill="none" stroke="{colour}" stroke-width="2"/>')  # fmt: skip
        ly = top + 10 + i * 20
        out.append(f'<line x1="{width - right + 15}" x2="{width - right + 40}" y1="{ly}" '
                   f'y2="{ly}" stroke="{colour}" stroke-width="2"/>')  # fmt: skip
        out.append(f'<text x="{width - right + 46}" y="{ly + 4}">{name}</text>')
    ly = top + 10 + len(SCENARIOS) * 20 + 10
    out.append(f'<circle cx="{width - right + 27}" cy="{ly}" r="5" fill="none" stroke="#555" '
               'stroke-width="2"/>')  # fmt: skip
    out.append(f'<text x="{width - right + 46}" y="{ly + 4}">heavy user (1,000,000 images)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", nargs="+", choices=list(SCALES), default=list(SCALES))
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--batch-users", type=int, default=50)
    parser.add_argument("--budget", type=float, default=60, help="seconds per scenario at most")
    parser.add_argument("--timeout", type=float, default=120, help="statement timeout, s")
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".local" / "bench")
    parser.add_argument(
        "--regenerate",
        action="store_true",
        help="generate the data again (when a migration changes it)",
    )
    parser.add_argument("--measure", choices=list(SCALES), help=argparse.SUPPRESS)
    args = parser.parse_args()

    from devstack.postgres import LocalPostgres

    cache = args.data_dir / "curves"
    pg = LocalPostgres(cache / "postgres", PORT)
    measured = cache / "measured.json"
    if args.measure:  # the child: the server is up
        results = measure_scale(pg, args.measure, args.runs, args.budget, args.timeout)
        measured.write_text(json.dumps(results))
        return
    cache.mkdir(parents=True, exist_ok=True)
    figures_file = args.data_dir / "curves.json"
    figures = json.loads(figures_file.read_text()) if figures_file.exists() else {"scales": {}}
    pg.start()
    try:
        for scale in args.scales:
            made = prepare(pg, scale, args.batch_users, cache, args.regenerate)
            subprocess.run(
                [sys.executable, __file__, "--measure", scale, "--runs", str(args.runs),
                 "--budget", str(args.budget), "--timeout", str(args.timeout),
                 "--data-dir", str(args.data_dir)],
                check=True,
            )  # fmt: skip
            figures["scales"][scale] = {
                "users": SCALES[scale][0], "per_user": PER_USER, "heavy_user": SCALES[scale][1],
                "generation": made, "storage": storage(pg.url(database=f"curves_{scale}")),
                "scenarios": json.loads(measured.read_text()), "runs": args.runs,
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "load_average_after": os.getloadavg(),  # a shared machine: how busy it was
            }  # fmt: skip
            figures["ratios"] = ratios(figures)
            figures["machine"] = f"{platform.node()}, {platform.processor() or platform.machine()}"
            figures_file.write_text(json.dumps(figures, indent=2, default=str))
    finally:
        pg.stop()
    print()
    print(table(figures))
    SVG.write_text(plot(figures))
    print(f"\nwrote {figures_file} and {SVG.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
