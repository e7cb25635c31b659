"""With the OpenSearch node stopped, writes still succeed and the outbox keeps them; search
answers 503 with the error body; after the node restarts the index converges, nothing lost."""

import pytest

from gallery.search.opensearch import OpenSearchBackend
from gallery.services.indexer import drain

SEARCH = "/api/v1/search/images"


def found(user, **params) -> list[str]:
    answer = user.get(SEARCH, params=params)
    assert answer.status_code == 200, answer.text
    return [r["image_id"] for r in answer.json()["results"]]


def test_a_stopped_node_loses_nothing_and_the_index_converges_after_restart(
    opensearch_node, user, add_image, owner_db
):
    if opensearch_node is None:
        pytest.skip("OPENSEARCH_URL names a node this test cannot stop")
    backend = OpenSearchBackend()  # the stack's own index, as the API searches it
    kept = str(add_image(user.user_id, prompt="멈추기 전의 고양이", tags=["고양이"]))
    doomed = str(add_image(user.user_id, prompt="지워질 고양이"))
    assert drain([backend]).failed == 0

    opensearch_node.stop()
    try:
        added = str(add_image(user.user_id, prompt="검색이 멈춘 동안 올린 강아지"))
        change = {"tags": ["고양이", "멈춤"]}
        assert user.patch(f"/api/v1/files/images/{kept}", json=change).status_code == 200
        assert user.delete(f"/api/v1/files/images/{doomed}").status_code in (200, 204)
        result = drain([backend])
        assert result.failed >= 3 and result.indexed == 0
        waiting = owner_db.execute(
            "select count(distinct image_id) as n from search_outbox where user_id = %s",
            [user.user_id],
        ).fetchone()["n"]
        assert waiting == 3
        answer = user.get(SEARCH, params={"q": "강아지"})
        assert answer.status_code == 503
        assert answer.json()["error"]["code"] == "search_unavailable"
    finally:
        opensearch_node.start()

    owner_db.execute(  # the retry backoff has passed
        "update search_outbox set available_at = now() where user_id = %s", [user.user_id]
    )
    assert drain([backend]).failed == 0
    backend.client.indices.refresh(index=backend.alias)
    assert found(user, q="강아지") == [added]
    assert found(user, tags=["멈춤"]) == [kept]
    assert found(user, q="고양이") == [kept]  # the deleted one is gone from the index too
    left = owner_db.execute("select count(*) as n from search_outbox where user_id = %s",
                            [user.user_id]).fetchone()["n"]  # fmt: skip
    assert left == 0
