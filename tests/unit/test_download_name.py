"""A download is saved under a readable name, not the object's uuid, in the prompt's own
script (issue 16)."""

from datetime import UTC, datetime
from urllib.parse import unquote
from uuid import UUID

from gallery.storage.keys import readable_name
from gallery.storage.urls import content_disposition

IMAGE_ID = UUID("1a2b3c4d-0000-4000-8000-000000000000")
CREATED = datetime(2026, 3, 5, 12, tzinfo=UTC)


def test_a_download_is_named_by_its_date_its_prompt_words_and_a_short_id():
    name = readable_name(IMAGE_ID, "image/png", CREATED, "A cat, in space! (masterpiece:1.2)")
    assert name == "2026-03-05_a-cat-in-space-masterpiece-1_1a2b3c4d.png"
    assert content_disposition(name) == f'attachment; filename="{name}"'  # ASCII: as it is


def test_a_korean_prompt_names_it_in_korean_with_an_ascii_name_for_old_clients():
    name = readable_name(IMAGE_ID, "image/jpeg", CREATED, "우주의 고양이, 우주복")
    assert name == "2026-03-05_우주의-고양이-우주복_1a2b3c4d.jpg"
    header = content_disposition(name)
    fallback, encoded = header.removeprefix("attachment; ").split("; ")
    assert fallback == 'filename="2026-03-05_1a2b3c4d.jpg"'
    assert encoded.startswith("filename*=UTF-8''") and encoded.isascii()
    assert unquote(encoded.removeprefix("filename*=UTF-8''")) == name


def test_quotes_and_backslashes_never_reach_the_ascii_name():
    header = content_disposition('a"b\\c_고양이.png')
    assert header.split("; ")[1] == 'filename="abc_.png"'


def test_a_long_prompt_is_cut_to_a_few_words():
    name = readable_name(IMAGE_ID, "image/webp", CREATED, " ".join(["word"] * 40))
    assert name == "2026-03-05_word-word-word-word-word-word_1a2b3c4d.webp"
