"""``gallery``: operations on a deployment (migrations, object clean-up, search index)."""

import argparse
import sys

from gallery.config import get_settings


def _migrate(_args: argparse.Namespace) -> int:
    from gallery.migrate import migrate

    url = get_settings().database_url_for("migrate")
    if not url:
        print("set GALLERY_MIGRATE_DATABASE_URL to the table owner's login", file=sys.stderr)
        return 2
    applied = migrate(url)
    print(f"applied: {', '.join(applied)}" if applied else "the schema is up to date")
    return 0


def _maintenance(_args: argparse.Namespace) -> int:
    from gallery.services.maintenance import run_maintenance

    print(run_maintenance())
    return 0


def _search_init(_args: argparse.Namespace) -> int:
    from gallery.search.backend import get_backend

    backend = get_backend()
    added = backend.ensure_index()
    print(f"the {backend.name} search index is ready")
    if added:
        print(f"fields added: {', '.join(added)}; run `gallery reindex` to fill them in")
    return 0


def _reindex(_args: argparse.Namespace) -> int:
    from gallery.services.indexer import reindex

    queued = reindex()
    print(f"reindexed {queued} images; searches now use the new index")
    return 0


def _backfill(_args: argparse.Namespace) -> int:
    from gallery.services.backfill import backfill

    print(backfill())
    return 0


def _recompress(args: argparse.Namespace) -> int:
    from gallery.services.recompression import run

    print(run(limit=args.limit))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gallery", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply pending SQL migrations").set_defaults(run=_migrate)
    sub.add_parser(
        "maintenance", help="purge old trash, expire stale uploads, retry failed deletions"
    ).set_defaults(run=_maintenance)
    sub.add_parser(
        "search-init", help="create the search index if it does not exist (on deploy)"
    ).set_defaults(run=_search_init)
    sub.add_parser(
        "reindex", help="rebuild the search index from the database, with no downtime"
    ).set_defaults(run=_reindex)
    sub.add_parser(
        "backfill",
        help="make the placeholders and previews of images ingested before, and queue their "
        "PNG originals for recompression where the plan opts in (resumable)",
    ).set_defaults(run=_backfill)
    recompress = sub.add_parser(
        "recompress",
        help="recompress pending PNG originals losslessly (what the scheduled function does)",
    )
    recompress.add_argument("--limit", type=int, help="stop after this many images")
    recompress.set_defaults(run=_recompress)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
