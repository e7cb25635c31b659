"""The migration runner on the real PostgreSQL."""

import pytest

from gallery import migrate


def test_applying_migrations_again_changes_nothing(owner_url, owner_db):
    before = owner_db.execute("select version, applied_at from schema_migrations").fetchall()
    assert migrate.migrate(owner_url) == []
    after = owner_db.execute("select version, applied_at from schema_migrations").fetchall()
    assert before == after
    assert [row["version"] for row in after] == [v for v, _ in migrate._migrations()]


def test_a_migration_edited_after_it_was_applied_is_refused(owner_url, owner_db, monkeypatch):
    original = migrate._migrations()
    edited = [(original[0][0], original[0][1] + "\n-- edited"), *original[1:]]
    monkeypatch.setattr(migrate, "_migrations", lambda: edited)
    with pytest.raises(RuntimeError, match="changed after it was applied"):
        migrate.migrate(owner_url)
