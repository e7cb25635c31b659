"""Placeholders are made at ingest and returned with every listing; the back-fill makes the
missing placeholders and previews as their owners, resumably, and a second run changes
nothing."""

from gallery.services.backfill import backfill
from gallery.storage import s3
from tests.support import object_exists

NOTHING = {
    "placeholders": 0,
    "previews": 0,
    "skipped": 0,
    "recompression_queued": 0,
    "tags_rekeyed": 0,
    "tags_merged": 0,
    "generation_read": 0,
    "generation_without_file": 0,
}


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

    first = backfill(batch=2)  # several batches: it resumes after each
    assert first["placeholders"] >= 3
    again = {
        row["image_id"]: row["placeholder"]
        for row in owner_db.execute(
            "select image_id, placeholder from images where image_id = any(%s)", [ids]
        )
    }
    assert again == made_at_ingest  # the same placeholder ingest made
    assert backfill() == NOTHING


def test_the_back_fill_makes_missing_previews_and_counts_them(user, add_image, owner_db):
    """An image as ingested before previews existed: no keys, no objects, not counted."""
    image_id = add_image(user.user_id, width=300, height=200)
    usage_before = user.get("/api/v1/files/storage-usage").json()["used_bytes"]
    row = owner_db.execute(
        "select preview_avif_key, preview_webp_key from images where image_id = %s", [image_id]
    ).fetchone()
    keys = [row["preview_avif_key"], row["preview_webp_key"]]
    client, bucket = s3.client(), s3.get_settings().bucket_name
    sizes = sum(client.head_object(Bucket=bucket, Key=k)["ContentLength"] for k in keys)
    s3.delete_objects(keys)
    owner_db.execute(
        "update images set preview_avif_key = null, preview_webp_key = null,"
        " thumbnails_size_bytes = thumbnails_size_bytes - %s where image_id = %s",
        [sizes, image_id],
    )
    assert user.get("/api/v1/files/storage-usage").json()["used_bytes"] == usage_before - sizes

    assert backfill()["previews"] >= 1
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert image["preview_url"] and all(object_exists(k) for k in keys)
    assert user.get("/api/v1/files/storage-usage").json()["used_bytes"] == usage_before
    assert backfill() == NOTHING
