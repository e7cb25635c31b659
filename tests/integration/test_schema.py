"""The schema as migrations leave it: one committed file to review (docs/schema.sql), and
repeatable scripts that hold each changing function's current body once."""

import difflib
import os
from pathlib import Path

import psycopg
import pytest

from gallery import migrate

SNAPSHOT = Path(__file__).parents[2] / "docs" / "schema.sql"
REGENERATE = "GALLERY_WRITE_SCHEMA=1 .venv/bin/python -m pytest tests/integration/test_schema.py"


@pytest.fixture
def fresh(stack):
    url = stack.postgres.create_database("gallery_schema")
    try:
        yield url
    finally:
        stack.postgres.drop_database("gallery_schema")


def test_a_fresh_database_gets_the_whole_schema_and_every_repeatable_script(fresh):
    applied = migrate.migrate(fresh)
    versions = [v for v, _ in migrate._migrations()]
    repeatables = [f"repeatable/{name}" for name, _ in migrate._repeatables()]
    assert applied == versions + repeatables
    assert len(repeatables) >= 4
    with psycopg.connect(fresh) as conn:
        rows = conn.execute("select tablename from pg_tables where schemaname = 'public'")
        tables = {row[0] for row in rows}
    assert {"images", "folders", "tags", "shares", "search_outbox"} <= tables


def test_the_committed_schema_is_what_the_migrations_make(stack, fresh):
    migrate.migrate(fresh)
    made = stack.postgres.schema("gallery_schema")
    if os.environ.get("GALLERY_WRITE_SCHEMA"):
        SNAPSHOT.write_text(made)
    committed = SNAPSHOT.read_text() if SNAPSHOT.exists() else ""
    diff = "\n".join(difflib.unified_diff(
        committed.splitlines(), made.splitlines(), "docs/schema.sql", "migrated", lineterm=""
    ))  # fmt: skip
    assert not diff, f"docs/schema.sql is stale: run `{REGENERATE}` and commit it\n{diff[:4000]}"


def test_a_changed_repeatable_script_is_applied_again_and_only_it(owner_url, owner_db, monkeypatch):
    assert migrate.migrate(owner_url) == []
    scripts = migrate._repeatables()
    name, text = next((n, t) for n, t in scripts if n == "images_enqueue_search")
    marker = "-- edited by the test"
    edited = text.replace("begin\n", f"begin\n    {marker}\n", 1)
    changed = [(n, edited if n == name else t) for n, t in scripts]
    monkeypatch.setattr(migrate, "_repeatables", lambda: changed)
    try:
        assert migrate.migrate(owner_url) == [f"repeatable/{name}"]
        body = owner_db.execute("select prosrc from pg_proc where proname = %s", [name]).fetchone()
        assert marker in body["prosrc"]
        assert migrate.migrate(owner_url) == []  # recorded: not applied again
    finally:
        monkeypatch.undo()
        assert migrate.migrate(owner_url) == [f"repeatable/{name}"]  # the real body back
    body = owner_db.execute("select prosrc from pg_proc where proname = %s", [name]).fetchone()
    assert marker not in body["prosrc"]
