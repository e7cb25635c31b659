"""What a deploy does before the new code serves: the schema, the logins, the search index.
Idempotent: a deploy that changed nothing changes nothing."""

import re
import time

from gallery.config import get_settings
from gallery.migrate import ensure_login, migrate
from gallery.observability import logger
from gallery.search.backend import get_backend

# login (by its secret) -> the group role it joins
LOGINS = {"app": "gallery_app", "worker": "gallery_worker", "visitor": "gallery_visitor"}
# OpenSearch's answer to an index whose analysis names a plugin the domain lacks (yet)
_NORI_MISSING = re.compile(r"Unknown (tokenizer|filter|analyzer) type \[nori")


def prepare() -> dict:
    settings = get_settings()
    owner_url = settings.database_url_for("migrate")
    if not owner_url:
        raise RuntimeError("no owner login: set GALLERY_MIGRATE_DATABASE_SECRET_ARN")
    applied = migrate(owner_url)
    for role, group in LOGINS.items():
        user, password = settings.login(role)
        ensure_login(owner_url, user, password, member_of=group,
                     statement_timeout_ms=settings.db_statement_timeout_ms)  # fmt: skip
    # New fields are added in place; their documents are filled in by `gallery reindex`
    # (not here: a large index takes longer than a deploy may).
    added = ensure_index_once_nori_is_there(get_backend())
    done = {"migrations_applied": applied, "logins": sorted(LOGINS), "search_fields_added": added}
    logger.info("deployment prepared", extra=done)
    return done


def ensure_index_once_nori_is_there(
    backend, wait_seconds: float = 420, pause: float = 15, sleep=time.sleep, clock=time.monotonic
) -> list[str]:
    """``backend.ensure_index()``, retried while the domain does not know nori yet: the
    package association is asynchronous (the search stack waits for it, this is the
    backstop), and within the deploy function's 600 s. Any other error fails at once."""
    deadline = clock() + wait_seconds
    while True:
        try:
            return backend.ensure_index()
        except Exception as error:
            answer = f"{error} {getattr(error, 'info', '')}"  # opensearch-py's RequestError
            missing = getattr(error, "status_code", None) == 400 and _NORI_MISSING.search(answer)
            if not missing or clock() + pause > deadline:
                raise
            logger.info(
                "nori is not on the search domain yet; retrying", extra={"error": str(error)}
            )
            sleep(pause)
