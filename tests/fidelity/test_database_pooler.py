"""RDS Proxy's rules, enforced by the local stack's PgBouncer (transaction pooling): the
functions' logins go through it and must connect, and keep working, as they would behind
RDS Proxy. The owner's login (migrations, the deploy trigger) stays direct, as in AWS."""

from urllib.parse import urlsplit

import psycopg
import pytest

from gallery import db
from gallery.config import get_settings

LOGINS = ("app", "worker", "visitor")


def test_the_functions_logins_go_through_the_pooler_and_the_owner_connects_directly(stack):
    settings = get_settings()
    for role in LOGINS:
        assert urlsplit(settings.database_url_for(role)).port == stack.pooler.port, role
    assert urlsplit(settings.database_url_for("migrate")).port == stack.postgres.port


@pytest.mark.parametrize("role", LOGINS)
def test_the_pooler_refuses_startup_options_as_rds_proxy_does(stack, role):
    """What made every deployed connection fail: a statement timeout passed as an option."""
    with pytest.raises(psycopg.OperationalError, match="unsupported startup parameter"):
        psycopg.connect(get_settings().database_url_for(role), options="-c statement_timeout=1s")


def test_every_login_has_its_statement_timeout_without_startup_options(stack):
    expected = f"{get_settings().db_statement_timeout_ms // 1000}s"
    with db.transaction("00000000-0000-4000-8000-000000000000") as conn:
        assert conn.execute("show statement_timeout").fetchone()["statement_timeout"] == expected
    with db.worker_transaction() as conn:
        assert conn.execute("show statement_timeout").fetchone()["statement_timeout"] == expected
    with db.visitor_transaction() as conn:
        assert conn.execute("show statement_timeout").fetchone()["statement_timeout"] == expected


def test_a_statement_past_a_transaction_scoped_timeout_is_cancelled_behind_the_pooler(stack):
    with db.transaction("00000000-0000-4000-8000-000000000000") as conn:
        conn.execute("select set_config('statement_timeout', '50ms', true)")
        with pytest.raises(psycopg.errors.QueryCanceled):
            conn.execute("select pg_sleep(1)")
