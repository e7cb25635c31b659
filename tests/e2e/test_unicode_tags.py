"""Tag names are one tag whatever their case, in every script: the code folds them (NFC +
Unicode case folding, gallery.tag_keys) and SQL compares the stored keys. PostgreSQL's
lower() under the C collation folds ASCII only, so 'Äpfel', 'Ωmega' and 'İstanbul' were
dropped or split before."""

import pytest

from tests.e2e.test_search import SEARCH, SUGGEST, index_now

IMAGES = "/api/v1/files/images"
NAMES = ["Äpfel", "Ωmega", "İstanbul", "Straße", "Ĳssel"]
# another spelling of each, the same tag
OTHER_CASE = ["äPFEL", "ωMEGA", "i̇stanbul", "STRASSE", "ĳssel"]


def ids(user, **params) -> set[str]:
    answer = user.get(IMAGES, params=params)
    assert answer.status_code == 200, answer.text
    return {image["image_id"] for image in answer.json()["images"]}


def test_tags_with_non_ascii_capitals_are_kept_listed_and_suggested(user, add_image):
    image = str(add_image(user.user_id, tags=NAMES))
    other = str(add_image(user.user_id, tags=["plain"]))
    listed = user.get(f"{IMAGES}/{image}").json()
    assert sorted(listed["tags"]) == sorted(NAMES)
    for name, spelling in zip(NAMES, OTHER_CASE, strict=True):
        assert ids(user, tag=name) == {image}, name
        assert ids(user, tag=spelling) == {image}, spelling
    # the other spelling on another image is the same tag: its first spelling stays
    changed = user.patch(f"{IMAGES}/{other}", json={"tags": OTHER_CASE})
    assert changed.status_code == 200, changed.text
    assert sorted(changed.json()["tags"]) == sorted(NAMES)
    assert ids(user, tag="ÄPFEL") == {image, other}
    # and two spellings in one request are one tag
    both = user.patch(f"{IMAGES}/{other}", json={"tags": ["Äpfel", "äpfel", "ÄPFEL"]})
    assert both.json()["tags"] == ["Äpfel"]
    for prefix, expected in (("äp", "Äpfel"), ("ΩM", "Ωmega"), ("strass", "Straße")):
        assert user.get(SUGGEST, params={"prefix": prefix}).json() == {"suggestions": [expected]}
        by_usage = user.get("/api/v1/files/tags", params={"query": prefix}).json()
        assert [tag["name"] for tag in by_usage] == [expected]


@pytest.mark.parametrize("backend", ["opensearch", "postgres"])
def test_search_filters_by_non_ascii_tags_in_any_case(user, add_image, backend, monkeypatch):
    from gallery.config import get_settings

    monkeypatch.setattr(get_settings(), "search_backend", backend)
    apples = str(add_image(user.user_id, prompt="still life", tags=["Äpfel", "Straße"]))
    other = str(add_image(user.user_id, prompt="still life", tags=["Ωmega"]))
    index_now()

    def found(**params) -> set[str]:
        answer = user.get(SEARCH, params={"q": "still life", **params})
        assert answer.status_code == 200, answer.text
        return {r["image_id"] for r in answer.json()["results"]}

    assert found(tags="äpfel") == {apples}
    assert found(tags="STRASSE") == {apples}
    assert found(tags="ωmega") == {other}
    assert found(exclude_tags="ÄPFEL") == {other}


def test_the_backfill_folds_the_keys_of_tags_written_before_and_merges_them(
    user, add_image, owner_db
):
    from gallery.services.backfill import fold_tag_keys

    first = add_image(user.user_id, tags=["Äpfel"])
    second = add_image(user.user_id, tags=["Ωmega"])
    # as migration 0020 keyed them: lower() under C leaves Ä and Ω as they are
    owner_db.execute(
        "update tags set name_key = name where user_id = %s and name in ('Äpfel', 'Ωmega')",
        [user.user_id],
    )
    legacy = owner_db.execute(
        "insert into tags (user_id, name, name_key) values (%s, 'äpfel', 'äpfel')"
        " returning tag_id", [user.user_id],
    ).fetchone()["tag_id"]  # fmt: skip
    owner_db.execute(
        "insert into image_tags (image_id, tag_id, user_id) values (%s, %s, %s)",
        [second, legacy, user.user_id],
    )
    done = fold_tag_keys()
    assert done["tags_merged"] >= 1 and done["tags_rekeyed"] >= 1
    rows = owner_db.execute(
        "select name, name_key, usage_count from tags where user_id = %s order by name_key",
        [user.user_id],
    ).fetchall()
    assert [(r["name"], r["name_key"], r["usage_count"]) for r in rows] == [
        ("äpfel", "äpfel", 2),  # the tag keyed right already takes the other's images
        ("Ωmega", "ωmega", 1),
    ]
    assert ids(user, tag="äpfel") == {str(first), str(second)}
    assert fold_tag_keys() == {"tags_rekeyed": 0, "tags_merged": 0}  # nothing left to do
