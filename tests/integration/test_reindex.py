"""`gallery reindex` on both backends: the index is rebuilt from the database while writes
go on, and no write made during the rebuild is lost; searches switch in one step."""

import pytest
from opensearchpy import OpenSearch

from gallery.auth import Caller
from gallery.config import get_settings
from gallery.models.images import ImageUpdate
from gallery.repositories import search_outbox
from gallery.search import index
from gallery.search.opensearch import OpenSearchBackend
from gallery.search.postgres import PostgresBackend
from gallery.services import images, indexer, trash

ALIAS = "test-reindex"


@pytest.fixture(params=["opensearch", "postgres"])
def backend(request, opensearch_url):
    if request.param == "postgres":
        yield PostgresBackend()
        return
    client = OpenSearch(hosts=[opensearch_url])
    index.create_version(client, 1, shards=1, replicas=0, alias=ALIAS)
    yield OpenSearchBackend(client, ALIAS)
    client.indices.delete(index=f"{ALIAS}_v*")


def indexed(backend, owner_db, image_id) -> dict | None:
    if isinstance(backend, PostgresBackend):
        return owner_db.execute(
            "select prompt, tags, is_favorite from search_documents where image_id = %s",
            [image_id],
        ).fetchone()
    backend.client.indices.refresh(index=ALIAS)  # searched by id on every shard: routing
    body = {"query": {"ids": {"values": [str(image_id)]}}}  # says whose, the test does not
    hits = backend.client.search(index=ALIAS, body=body)["hits"]["hits"]
    return hits[0]["_source"] if hits else None


def test_writes_during_a_reindex_are_all_in_the_new_index(
    backend, user, add_image, owner_db, monkeypatch
):
    caller = Caller(user_id=user.user_id)
    a, b, c = (add_image(user.user_id, prompt=f"그림 {n}") for n in "abc")
    indexer.drain([backend])
    if isinstance(backend, PostgresBackend):  # a row no listed image will rewrite
        owner_db.execute(
            "insert into search_documents (image_id, owner_id, version, prompt, terms, width,"
            " height, created_at, is_public, is_favorite) values (gen_random_uuid(), %s, 1,"
            " 'orphan', '', 1, 1, now(), false, false)",
            [user.user_id],
        )
    made = {}

    # Writes at each step of the rebuild: before the images are queued, between queueing
    # and indexing them, and after they are indexed but before the switch.
    enqueue_all, drain, finish = search_outbox.enqueue_all, indexer.drain, backend.finish_rebuild

    def enqueue_then(conn):
        images.update_image(caller, a, ImageUpdate(tags=["before-queue"]))
        return enqueue_all(conn)

    def drain_then(targets=None, batch=indexer.BATCH):
        if "d" not in made:
            trash.trash_images(caller, [b])
            made["d"] = add_image(user.user_id, prompt="재색인 중에 올린 그림")
        return drain(targets, batch)

    def finish_then(since_version):
        images.update_image(caller, c, ImageUpdate(is_favorite=True))
        return finish(since_version=since_version)

    monkeypatch.setattr(search_outbox, "enqueue_all", enqueue_then)
    monkeypatch.setattr(indexer, "drain", drain_then)
    monkeypatch.setattr(backend, "finish_rebuild", finish_then)
    queued = indexer.reindex(backend)
    monkeypatch.undo()
    assert queued >= 3
    indexer.drain([backend])  # what the scheduled indexer does next
    if isinstance(backend, OpenSearchBackend):
        assert list(backend.client.indices.get_alias(name=ALIAS)) == [f"{ALIAS}_v2"]
        backend.client.indices.refresh(index=ALIAS)
    else:
        orphans = owner_db.execute("select count(*) as n from search_documents"
                                   " where prompt = 'orphan'").fetchone()["n"]  # fmt: skip
        assert orphans == 0

    assert indexed(backend, owner_db, a)["tags"] == ["before-queue"]
    assert indexed(backend, owner_db, b) is None
    assert indexed(backend, owner_db, made["d"])["prompt"] == "재색인 중에 올린 그림"
    assert indexed(backend, owner_db, c)["is_favorite"] is True


def test_a_reindex_that_cannot_finish_leaves_searches_where_they_were(
    user, add_image, opensearch_url, owner_db, monkeypatch
):
    client = OpenSearch(hosts=[opensearch_url])
    index.create_version(client, 1, shards=1, replicas=0, alias=ALIAS)
    backend = OpenSearchBackend(client, ALIAS)
    add_image(user.user_id)
    monkeypatch.setattr(get_settings(), "indexer_max_attempts", 1)  # park at once
    monkeypatch.setattr(backend, "write", lambda conn, changes: {
        change.image_id: "mapping refused" for change in changes})  # fmt: skip
    try:
        with pytest.raises(RuntimeError, match="not switched"):
            indexer.reindex(backend)
        assert list(client.indices.get_alias(name=ALIAS)) == [f"{ALIAS}_v1"]
        assert not client.indices.exists(index=f"{ALIAS}_v2")
        assert not client.indices.exists_alias(name=f"{ALIAS}-next")
    finally:
        owner_db.execute("delete from search_outbox where parked_at is not null")
        client.indices.delete(index=f"{ALIAS}_v*")


def test_a_postgres_reindex_drops_documents_of_images_no_longer_listed(user, add_image, owner_db):
    """Even one no version comparison would catch (a reindex with nothing to queue passes
    version 0): the document of an image that is gone."""
    import uuid

    add_image(user.user_id)
    orphan = uuid.uuid4()
    owner_db.execute(
        """insert into search_documents (image_id, owner_id, version, prompt, terms, width,
                                         height, created_at, is_public, is_favorite)
           values (%s, %s, 9223372036854775807, 'gone', '', 1, 1, now(), false, false)""",
        [orphan, user.user_id],
    )
    indexer.reindex(PostgresBackend())
    found = owner_db.execute("select 1 from search_documents where image_id = %s", [orphan])
    assert found.fetchone() is None
