"""Images ingested before generation data was typed get it from the back-fill: their
originals' chunks read again, written as their owners, once."""

from gallery.services.backfill import backfill_generation
from gallery.storage import s3
from tests.generation_samples import corpus

SAMPLES = {sample.name: sample for sample in corpus()}
FORGET = """
update images set generator = null, steps = null, cfg_scale = null, sampler = null,
       scheduler = null, model_hash = null, vae = null, loras = '[]', clip_skip = null,
       denoising_strength = null, hires_upscaler = null, hires_scale = null, stack_id = null,
       generation_read_at = null
 where image_id = any(%(ids)s)
"""


def _typed(owner_db, ids):
    rows = owner_db.execute(
        "select image_id, generator, steps, sampler, scheduler, loras, stack_id,"
        " generation_read_at is not null as read from images where image_id = any(%s)"
        " order by image_id",
        [ids],
    ).fetchall()
    return {row["image_id"]: row for row in rows}


def test_the_back_fill_reads_the_originals_chunks_once(user, add_image, owner_db):
    comfy = add_image(user.user_id, data=SAMPLES["comfyui_png"].data, prompt=None, model=None)
    a1111 = add_image(user.user_id, data=SAMPLES["a1111_png"].data, prompt=None, model=None)
    plain = add_image(user.user_id, params={"steps": 12})  # no chunks: its request's params
    gone = add_image(user.user_id, data=SAMPLES["invokeai_png"].data, prompt=None)
    ids = [comfy, a1111, plain, gone]
    at_ingest = _typed(owner_db, ids)
    assert all(row["read"] for row in at_ingest.values())
    key = owner_db.execute("select s3_key from images where image_id = %s", [gone]).fetchone()
    owner_db.execute(FORGET, {"ids": ids})
    owner_db.execute("delete from image_generation_sources where image_id = any(%s)", [ids])
    s3.delete_objects([key["s3_key"]])  # an original lost: its request's fields still count

    first = backfill_generation(batch=2)  # several batches: it resumes after each
    assert first["generation_read"] >= 3 and first["generation_without_file"] >= 1
    again = _typed(owner_db, ids)
    for image_id in (comfy, a1111, plain):
        assert again[image_id] == at_ingest[image_id]
    assert again[gone]["read"] and again[gone]["generator"] == "unknown"
    kept = owner_db.execute(
        "select image_id from image_generation_sources where image_id = any(%s)", [ids]
    ).fetchall()
    assert {row["image_id"] for row in kept} == {comfy, a1111}

    second = backfill_generation()
    assert second == {"generation_read": 0, "generation_without_file": 0}
