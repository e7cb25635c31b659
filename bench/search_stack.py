"""What the search benchmarks run against: a real OpenSearch node and a migrated PostgreSQL
with the application's and the worker's logins, this process's settings pointed at both.

    with search_stack("bench_search") as (owner_url, search_url): ...
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def opensearch_node(name: str, heap: str = "1g") -> Iterator[tuple[str, Path]]:
    """A fresh OpenSearch node in a temporary folder: (its URL, the folder)."""
    from devstack.opensearch import LocalOpenSearch
    from devstack.stack import free_port

    work = Path(tempfile.mkdtemp(prefix=f"gallery-{name}-"))
    work.chmod(0o755)  # as root, PostgreSQL runs as 'nobody'
    node = LocalOpenSearch(work / "opensearch", free_port(), heap=heap).start()
    try:
        yield node.url, work
    finally:
        node.stop()


@contextmanager
def database(work: Path, name: str, search_url: str) -> Iterator[str]:
    """A migrated database with the app's and the worker's logins; yields the owner's URL."""
    from devstack.postgres import LocalPostgres
    from devstack.stack import APP_PASSWORD, APP_USER, WORKER_USER, free_port
    from gallery import db
    from gallery.config import get_settings
    from gallery.migrate import ensure_login, migrate

    pg = LocalPostgres(work / "postgres", free_port())
    pg.start()
    try:
        owner = pg.create_database(name)
        migrate(owner)
        ensure_login(owner, APP_USER, APP_PASSWORD)
        ensure_login(owner, WORKER_USER, APP_PASSWORD, member_of="gallery_worker")
        os.environ.update({
            "GALLERY_DATABASE_URL": pg.url(APP_USER, name),
            "GALLERY_WORKER_DATABASE_URL": pg.url(WORKER_USER, name),
            "GALLERY_SEARCH_URL": search_url,
            "POWERTOOLS_LOG_LEVEL": "WARNING",
        })  # fmt: skip
        get_settings.cache_clear()
        yield owner
    finally:
        db.close_pool()
        pg.stop()


@contextmanager
def search_stack(name: str, heap: str = "1g") -> Iterator[tuple[str, str]]:
    """Both at once: (the database owner's URL, the OpenSearch URL)."""
    with opensearch_node(name, heap) as (url, work), database(work, name, url) as owner:
        yield owner, url
