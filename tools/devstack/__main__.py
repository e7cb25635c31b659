"""``gallery-dev``: run the whole product locally (``make dev``) or fill in demo data."""

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from devstack.openapi import WEB_DOCUMENT
from devstack.stack import ROOT_DATA, LocalStack

DEMO_EMAIL = "demo@pingvas.local"


def _up(args: argparse.Namespace) -> None:
    node = None
    if args.search == "opensearch" and os.environ.get("OPENSEARCH_URL"):
        _serve(args, os.environ["OPENSEARCH_URL"].rstrip("/"))
        return
    if args.search == "opensearch":
        from devstack.opensearch import LocalOpenSearch

        node = LocalOpenSearch(args.data_dir / "opensearch", args.opensearch_port)
    try:
        if node:
            print("starting OpenSearch (nori)…", flush=True)
            node.start()
        _serve(args, node.url if node else None)
    finally:
        if node:
            node.stop()


def _serve(args: argparse.Namespace, search_url: str | None) -> None:
    stack = LocalStack(
        data_dir=args.data_dir,
        pg_port=args.pg_port,
        s3_port=args.s3_port,
        gateway_port=args.port,
        web_dist=Path(__file__).resolve().parents[2] / "web" / "dist",
        search_url=search_url,
        recompress_originals=True,
        containers=args.containers,
    )
    # Ctrl-C and SIGTERM both end in stop(): PostgreSQL and the servers go down with us.
    # The handler only appends to a list: a lock taken in a signal handler (Event.set)
    # deadlocks when a second signal arrives while the first is being handled.
    stop_requests: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stop_requests.append(signum))
    signal.signal(signal.SIGINT, lambda signum, _frame: stop_requests.append(signum))
    with stack:
        if not args.no_demo:
            from devstack.demo import seed_demo
            from devstack.tokens import issue

            _token, user_id = issue(DEMO_EMAIL, "pro")
            owner_url = stack.environment()["GALLERY_MIGRATE_DATABASE_URL"]
            added = seed_demo(user_id, owner_url, count=args.demo_images)
            if added:
                print(f"demo data: {added} images for {DEMO_EMAIL}")
        print(f"Pingvas Gallery is running at {stack.url}/  (API: {stack.url}/api/v1/)")
        print(f"  sign in locally: POST {stack.url}/api/v1/dev/token "
              f'{{"email": "{DEMO_EMAIL}", "plan": "pro"}}')  # fmt: skip
        print(
            f"  PostgreSQL: {stack.postgres.url(database='gallery')}  S3: {stack.objects.endpoint}"
        )
        print("Ctrl-C stops everything.")
        sys.stdout.flush()
        while not stop_requests:
            time.sleep(0.2)
        print("stopping…")


def _openapi(args: argparse.Namespace) -> None:
    from devstack.openapi import document_text

    args.out.write_text(document_text(), encoding="utf-8")
    print(f"wrote {args.out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="gallery-dev", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="run PostgreSQL, S3/SQS and the API gateway")
    up.add_argument("--data-dir", type=Path, default=ROOT_DATA)
    up.add_argument("--port", type=int, default=8000)
    up.add_argument("--pg-port", type=int, default=55432)
    up.add_argument("--s3-port", type=int, default=4566)
    up.add_argument("--no-demo", action="store_true", help="do not create the demo user")
    up.add_argument("--demo-images", type=int, default=100)
    up.add_argument("--containers", type=int, default=4,
                    help="processes per function answering concurrently, as Lambda's "
                         "execution environments (0: the handlers in this process, one "
                         "invocation at a time)")  # fmt: skip
    up.add_argument(
        "--search", choices=["opensearch", "postgres"], default="opensearch",
        help="search in a local OpenSearch node with nori (built by `make opensearch`;"
        " OPENSEARCH_URL to use another) or in PostgreSQL (no Java needed)",
    )  # fmt: skip
    up.add_argument("--opensearch-port", type=int, default=9250)
    openapi = sub.add_parser(
        "openapi", help="write the OpenAPI document the API serves (no stack needed)"
    )
    openapi.add_argument("--out", type=Path, default=WEB_DOCUMENT)
    args = parser.parse_args(argv)
    if args.command == "up":
        _up(args)
    elif args.command == "openapi":
        _openapi(args)


if __name__ == "__main__":
    main()
