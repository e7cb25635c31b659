"""Both tag-filter plans return the same pages; totals: the tag-only and unfiltered ones equal
a real count, a filtered one stops at its cap."""

from gallery import db
from gallery.auth import Caller
from gallery.models.images import BulkFavorite, ImageQuery
from gallery.repositories import listing as listing_repo
from gallery.repositories import tags as tags_repo
from gallery.services import images, trash
from tests.support import pair_timestamps


def test_the_three_tag_plans_page_through_the_same_images(user, add_image, owner_db):
    for n in range(12):
        add_image(user.user_id, tags=["cat"] if n % 3 else ["dog"])
    pair_timestamps(owner_db, user.user_id, "2026-03-01")
    with db.transaction(user.user_id) as conn:
        tag_id = tags_repo.find(conn, user.user_id, "cat")["tag_id"]
        pages = {}
        for plan in ("walk", "probe", "set"):
            f = listing_repo.ListFilter(user_id=user.user_id, tag_id=tag_id, tag_plan=plan)
            seen, after = [], None
            while True:
                rows = listing_repo.list_page(conn, f, limit=3, after=after)
                seen += [r["image_id"] for r in rows]
                if len(rows) < 3:
                    break
                after = (rows[-1]["created_at"], rows[-1]["image_id"])
            pages[plan] = seen
            assert listing_repo.count(conn, f) == listing_repo.Total(8)
    assert len(pages["walk"]) == 8
    assert pages["walk"] == pages["probe"] == pages["set"]


def test_the_total_of_a_tag_filtered_listing_is_exact(user, add_image):
    caller = Caller(user_id=user.user_id)
    ids = [add_image(user.user_id, tags=["sky", "blue"]) for _ in range(5)]
    trash.trash_images(caller, [ids[0]])  # in the trash: no longer counted
    images.bulk(caller, images.BulkTag(action="remove_tags", image_ids=ids[1:2], tags=["sky"]))
    listed = images.list_images(caller, ImageQuery(tag="SKY"))
    assert listed.total == len(listed.images) == 3
    favourite_only = images.list_images(caller, ImageQuery(tag="sky", is_favorite=True))
    assert favourite_only.total == 0


def real_count(owner_db, user_id, favourites_only: bool = False) -> int:
    return owner_db.execute(
        """select count(*) as n from images where user_id = %s and status = 'ready'
            and deleted_at is null and (is_favorite or not %s)""",
        [user_id, favourites_only],
    ).fetchone()["n"]


def test_the_unfiltered_total_is_the_usage_counter_less_the_trash(user, add_image, owner_db):
    caller = Caller(user_id=user.user_id)
    ids = [add_image(user.user_id) for _ in range(4)]
    trash.trash_images(caller, ids[:2])
    trash.purge_images(caller, ids[:1])
    listed = images.list_images(caller, ImageQuery())
    assert (listed.total, listed.total_exact) == (2, True)
    assert real_count(owner_db, user.user_id) == 2
    trash.restore_images(caller, ids[1:2])
    assert images.list_images(caller, ImageQuery()).total == 3


def test_a_filtered_total_stops_at_its_cap_and_says_so(user, add_image, owner_db, monkeypatch):
    caller = Caller(user_id=user.user_id)
    ids = [add_image(user.user_id) for _ in range(4)]
    images.bulk(caller, BulkFavorite(action="favorite", image_ids=ids[:3]))
    monkeypatch.setattr(listing_repo, "COUNT_CAP", 2)
    favourites = images.list_images(caller, ImageQuery(is_favorite=True, page_size=1))
    assert (favourites.total, favourites.total_exact) == (2, False)  # 3 of them: "2+"
    assert real_count(owner_db, user.user_id, favourites_only=True) == 3
    monkeypatch.setattr(listing_repo, "COUNT_CAP", 3)
    favourites = images.list_images(caller, ImageQuery(is_favorite=True, page_size=1))
    assert (favourites.total, favourites.total_exact) == (3, True)
    everything = images.list_images(caller, ImageQuery(page_size=1))  # not capped: the counter
    assert (everything.total, everything.total_exact) == (4, True)
