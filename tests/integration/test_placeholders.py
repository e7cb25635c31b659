"""Placeholders are made at ingest and returned with every listing; the back-fill makes the
missing ones as their owners, resumably, and a second run changes nothing."""

from gallery.services.backfill import backfill_placeholders


def test_ingest_stores_a_placeholder_and_listings_return_it_with_the_aspect_ratio(user, add_image):
    image_id = add_image(user.user_id, width=64, height=48)
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert image["placeholder"] and len(image["placeholder"]) <= 40
    assert image["aspect_ratio"] == 1.3333
    listed = user.get("/api/v1/files/images").json()["images"]
    assert listed[0]["placeholder"] == image["placeholder"]


def test_the_back_fill_remakes_missing_placeholders_once(user, add_image, owner_db):
    ids = [add_image(user.user_id, width=48 + 16 * n, height=48) for n in range(3)]
    made_at_ingest = {
        row["image_id"]: row["placeholder"]
        for row in owner_db.execute(
            "select image_id, placeholder from images where image_id = any(%s)", [ids]
        )
    }
    owner_db.execute("update images set placeholder = null where image_id = any(%s)", [ids])

    first = backfill_placeholders(batch=2)  # several batches: it resumes after each
    assert first["made"] >= 3
    again = {
        row["image_id"]: row["placeholder"]
        for row in owner_db.execute(
            "select image_id, placeholder from images where image_id = any(%s)", [ids]
        )
    }
    assert again == made_at_ingest  # the same placeholder ingest made
    assert backfill_placeholders() == {"made": 0, "skipped": 0}
