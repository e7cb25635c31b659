"""The outbox indexer into both backends (the real OpenSearch node, PostgreSQL): changes
arrive, late writes lose, an unreachable node loses nothing."""

import pytest
from opensearchpy import OpenSearch

from gallery.auth import Caller
from gallery.config import get_settings
from gallery.models.images import ImageUpdate
from gallery.search.opensearch import OpenSearchBackend
from gallery.search.postgres import PostgresBackend
from gallery.services import images, trash
from gallery.services.indexer import drain
from tests.support import search_index

ALIAS = "test-indexer"
OUTBOX = "select attempts, last_error, parked_at, available_at > now() as later"


@pytest.fixture(scope="module")
def search(opensearch_url):
    with search_index(opensearch_url, ALIAS) as client:
        yield client


class OpenSearchDocuments:
    def __init__(self, client):
        self.backend = OpenSearchBackend(client, ALIAS)
        self.client = client

    def get(self, image_id) -> dict | None:
        """By id on every shard (the test does not say whose it is: routing does), after a
        refresh (a get sees writes at once; a search, once refreshed)."""
        self.client.indices.refresh(index=ALIAS)
        body = {"query": {"ids": {"values": [str(image_id)]}}}
        hits = self.client.search(index=ALIAS, body=body)["hits"]["hits"]
        return hits[0]["_source"] if hits else None

    def write_newer(self, image_id, prompt: str) -> None:
        """A write from the future (version 2**40), as a racing indexer would make."""
        newer = {**self.get(image_id), "prompt": prompt}
        self.client.index(index=ALIAS, id=str(image_id), body=newer, version=2**40,
                          version_type="external", refresh=True,
                          routing=newer["owner_id"])  # fmt: skip


class PostgresDocuments:
    def __init__(self, owner_db):
        self.backend = PostgresBackend()
        self.db = owner_db

    def get(self, image_id) -> dict | None:
        query = "select *, owner_id::text from search_documents where image_id = %s"
        return self.db.execute(query, [image_id]).fetchone()

    def write_newer(self, image_id, prompt: str) -> None:
        self.db.execute(
            "update search_documents set prompt = %s, version = 2^40 where image_id = %s",
            [prompt, image_id],
        )


@pytest.fixture(params=["opensearch", "postgres"])
def documents(request, owner_db):
    if request.param == "opensearch":
        return OpenSearchDocuments(request.getfixturevalue("search"))
    return PostgresDocuments(owner_db)


@pytest.fixture
def unreachable():
    return OpenSearchBackend(OpenSearch(hosts=["http://127.0.0.1:9"], max_retries=0, timeout=1))


def outbox_rows(owner_db, image_id) -> list[dict]:
    query = OUTBOX + " from search_outbox where image_id = %s order by outbox_id"
    return owner_db.execute(query, [image_id]).fetchall()


def test_every_change_reaches_the_index_after_a_drain(user, add_image, documents):
    caller = Caller(user_id=user.user_id)
    image_id = add_image(user.user_id, prompt="우주복을 입은 고양이", tags=["고양이"])
    drain([documents.backend])
    doc = documents.get(image_id)
    assert doc["prompt"] == "우주복을 입은 고양이"
    assert doc["tags"] == ["고양이"]
    assert doc["owner_id"] == str(user.user_id)

    images.update_image(caller, image_id, ImageUpdate(tags=["space", "고양이"], is_favorite=True))
    drain([documents.backend])
    doc = documents.get(image_id)
    assert (doc["tags"], doc["is_favorite"]) == (["space", "고양이"], True)

    trash.trash_images(caller, [image_id])
    drain([documents.backend])
    assert documents.get(image_id) is None
    trash.restore_images(caller, [image_id])
    drain([documents.backend])
    assert documents.get(image_id) is not None
    trash.trash_images(caller, [image_id])
    trash.purge_images(caller, [image_id])
    drain([documents.backend])
    assert documents.get(image_id) is None


def test_a_late_write_never_replaces_a_newer_document(user, add_image, documents, owner_db):
    image_id = add_image(user.user_id, prompt="old")
    drain([documents.backend])
    documents.write_newer(image_id, "newer")
    images.update_image(Caller(user_id=user.user_id), image_id, ImageUpdate(is_favorite=True))
    assert outbox_rows(owner_db, image_id)
    drain([documents.backend])
    assert documents.get(image_id)["prompt"] == "newer"  # the late write lost
    assert outbox_rows(owner_db, image_id) == []  # and it is settled, not retried


def test_with_the_node_unreachable_nothing_is_lost_and_the_index_converges(
    user, add_image, search, unreachable, owner_db
):
    documents = OpenSearchDocuments(search)
    image_id = add_image(user.user_id, prompt="written while search was down")
    result = drain([unreachable])
    assert result.failed >= 1
    rows = outbox_rows(owner_db, image_id)
    assert rows
    assert all(r["attempts"] == 1 and r["last_error"] and r["later"] for r in rows)
    assert documents.get(image_id) is None

    owner_db.execute(  # the backoff has passed
        "update search_outbox set available_at = now() where image_id = %s", [image_id]
    )
    drain([documents.backend])
    assert documents.get(image_id)["prompt"] == "written while search was down"
    assert outbox_rows(owner_db, image_id) == []


def test_rows_that_keep_failing_are_parked_with_their_error(
    user, add_image, unreachable, owner_db, monkeypatch
):
    monkeypatch.setattr(get_settings(), "indexer_max_attempts", 1)
    image_id = add_image(user.user_id)
    drain([unreachable])
    rows = outbox_rows(owner_db, image_id)
    assert rows
    assert all(r["parked_at"] is not None and "ConnectionError" in r["last_error"] for r in rows)
    owner_db.execute(  # unpark, so the rest of the session's indexing sees them again
        "update search_outbox set parked_at = null, available_at = now() where image_id = %s",
        [image_id],
    )


def test_a_renamed_tag_queues_every_image_that_has_it(user, add_image, documents, owner_db):
    image_id = add_image(user.user_id, tags=["오타"])
    drain([documents.backend])
    owner_db.execute(  # no rename endpoint yet: the trigger is what a future one relies on
        "update tags set name = '오탈자', name_key = '오탈자' where user_id = %s and name = '오타'",
        [user.user_id],
    )
    assert outbox_rows(owner_db, image_id)
    drain([documents.backend])
    assert documents.get(image_id)["tags"] == ["오탈자"]
