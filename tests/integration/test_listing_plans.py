"""Both tag-filter plans return the same pages; the tag-only total equals a real count."""

from gallery import db
from gallery.auth import Caller
from gallery.models.images import ImageQuery
from gallery.repositories import listing as listing_repo
from gallery.repositories import tags as tags_repo
from gallery.services import images, trash
from tests.support import pair_timestamps


def test_probe_and_set_plans_page_through_the_same_images(user, add_image, owner_db):
    for n in range(12):
        add_image(user.user_id, tags=["cat"] if n % 3 else ["dog"])
    pair_timestamps(owner_db, user.user_id, "2026-03-01")
    with db.transaction(user.user_id) as conn:
        tag_id = tags_repo.find(conn, user.user_id, "cat")["tag_id"]
        pages = {}
        for probe in (True, False):
            f = listing_repo.ListFilter(user_id=user.user_id, tag_id=tag_id, tag_probe=probe)
            seen, after = [], None
            while True:
                rows = listing_repo.list_page(conn, f, limit=3, after=after)
                seen += [r["image_id"] for r in rows]
                if len(rows) < 3:
                    break
                after = (rows[-1]["created_at"], rows[-1]["image_id"])
            pages[probe] = seen
            assert listing_repo.count(conn, f) == 8
    assert len(pages[True]) == 8
    assert pages[True] == pages[False]


def test_the_total_of_a_tag_filtered_listing_is_exact(user, add_image):
    caller = Caller(user_id=user.user_id)
    ids = [add_image(user.user_id, tags=["sky", "blue"]) for _ in range(5)]
    trash.trash_images(caller, [ids[0]])  # in the trash: no longer counted
    images.bulk(caller, images.BulkTag(action="remove_tags", image_ids=ids[1:2], tags=["sky"]))
    listed = images.list_images(caller, ImageQuery(tag="SKY"))
    assert listed.total == len(listed.images) == 3
    favourite_only = images.list_images(caller, ImageQuery(tag="sky", is_favorite=True))
    assert favourite_only.total == 0
