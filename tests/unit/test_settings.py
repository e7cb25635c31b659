"""Settings: in AWS the database logins come from Secrets Manager (stubbed here: no AWS)."""

import json

import pytest

from gallery.config import Settings


@pytest.fixture(autouse=True)
def _no_local_stack(monkeypatch):
    """Settings as a fresh Lambda sees them: none of the local stack's GALLERY_ variables."""
    import os

    for name in [n for n in os.environ if n.startswith("GALLERY_")]:
        monkeypatch.delenv(name)


@pytest.fixture
def secrets(monkeypatch):
    """A stand-in for Secrets Manager (no AWS here): ARN -> secret JSON."""
    stored = {
        "arn:app": {"username": "gallery_api", "password": "p@ss/word"},
        "arn:owner": {
            "username": "gallery_owner",
            "password": "s3cret",
            "host": "cluster.local",
            "port": 5432,
            "dbname": "gallery",
        },
    }
    from aws_lambda_powertools.utilities import parameters

    monkeypatch.setattr(parameters, "get_secret", lambda arn, **_: json.dumps(stored[arn]))
    return stored


def test_a_login_secret_and_the_proxy_host_make_the_url(secrets):
    settings = Settings(database_secret_arn="arn:app", database_host="proxy.local")
    url = settings.database_url_for("app")
    assert url == "postgresql://gallery_api:p%40ss%2Fword@proxy.local:5432/gallery?sslmode=require"
    assert settings.login("app") == ("gallery_api", "p@ss/word")


def test_the_owner_secret_names_its_own_host(secrets):
    settings = Settings(migrate_database_secret_arn="arn:owner", database_host="proxy.local")
    url = settings.database_url_for("migrate")
    assert url == "postgresql://gallery_owner:s3cret@cluster.local:5432/gallery?sslmode=require"


def test_an_explicit_url_wins_and_local_mode_needs_no_secret(secrets):
    explicit = Settings(database_url="postgresql://x@h/db", database_secret_arn="arn:app")
    assert explicit.database_url_for("app") == "postgresql://x@h/db"
    assert Settings().database_url_for("app") == Settings().database_url
    assert Settings().database_url_for("visitor") is None
