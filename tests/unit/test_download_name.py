"""The owner's download is saved under a readable name, not the object's uuid (issue 16)."""

from datetime import UTC, datetime
from uuid import UUID

from gallery.storage.keys import download_name

IMAGE_ID = UUID("1a2b3c4d-0000-4000-8000-000000000000")
CREATED = datetime(2026, 3, 5, 12, tzinfo=UTC)


def test_a_download_is_named_by_its_date_its_prompt_words_and_a_short_id():
    name = download_name(IMAGE_ID, "image/png", CREATED, "A cat, in space! (masterpiece:1.2)")
    assert name == "2026-03-05_a-cat-in-space-masterpiece-1_1a2b3c4d.png"


def test_a_prompt_without_latin_letters_leaves_the_date_and_id_only():
    # the name goes into a header as is: ASCII only
    assert (
        download_name(IMAGE_ID, "image/jpeg", CREATED, "우주의 고양이") == "2026-03-05_1a2b3c4d.jpg"
    )


def test_a_long_prompt_is_cut_to_a_few_words():
    name = download_name(IMAGE_ID, "image/webp", CREATED, " ".join(["word"] * 40))
    assert name == "2026-03-05_word-word-word-word-word-word_1a2b3c4d.webp"
