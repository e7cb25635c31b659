"""Grid placeholders: a ThumbHash of the smallest thumbnail, tiny and of the right shape."""

import base64
import io

import pytest
from PIL import Image
from thumbhash import thumb_hash_to_approximate_aspect_ratio, thumb_hash_to_average_rgba

from gallery.imaging import placeholder


def _webp(width: int, height: int, colour=(200, 40, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "WEBP")
    return out.getvalue()


@pytest.mark.parametrize(("width", "height"), [(256, 128), (128, 256), (256, 256), (256, 144)])
def test_a_placeholder_is_small_and_decodes_to_the_images_aspect_ratio(width, height):
    text = placeholder(_webp(width, height))
    assert len(text) <= 40
    digest = list(base64.b64decode(text))
    assert thumb_hash_to_approximate_aspect_ratio(digest) == pytest.approx(width / height, rel=0.15)


def test_a_placeholder_keeps_the_images_colour():
    r, g, b, _a = thumb_hash_to_average_rgba(list(base64.b64decode(placeholder(_webp(64, 64)))))
    assert (round(r * 255), round(g * 255), round(b * 255)) == pytest.approx((200, 40, 90), abs=12)
