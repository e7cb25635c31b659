"""What a deploy does before the new code serves: the schema, the logins, the search index.
Idempotent: a deploy that changed nothing changes nothing."""

from gallery.config import get_settings
from gallery.migrate import ensure_login, migrate
from gallery.observability import logger
from gallery.search.backend import get_backend

# login (by its secret) -> the group role it joins
LOGINS = {"app": "gallery_app", "worker": "gallery_worker", "visitor": "gallery_visitor"}


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
    added = get_backend().ensure_index()
    done = {"migrations_applied": applied, "logins": sorted(LOGINS), "search_fields_added": added}
    logger.info("deployment prepared", extra=done)
    return done
