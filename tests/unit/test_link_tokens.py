"""Share link tokens: an HMAC of the link's id under the link key, so the owner's listing can
make one again; nobody can without the key (the database keeps only the token's hash)."""

import base64
import uuid

import pytest

from gallery.config import Settings
from gallery.services.shares import links


@pytest.fixture
def key(monkeypatch):
    def use(value: str) -> None:
        monkeypatch.setattr(links, "get_settings", lambda: Settings(share_link_key=value))

    use("the link key")
    return use


def test_a_token_is_made_again_from_its_id_and_only_its_own(key):
    share_id = uuid.uuid4()
    token = links.link_token(share_id)
    assert links.link_token(share_id) == token
    assert len(base64.urlsafe_b64decode(token + "=")) == 32  # 256 bits, URL-safe, no padding
    assert links.link_token(uuid.uuid4()) != token
    key("another key")
    assert links.link_token(share_id) != token


def test_without_a_key_no_token_is_made(monkeypatch):
    unset = Settings(
        share_link_key=None, share_link_key_secret_arn=None
    )  # whatever the environment says
    monkeypatch.setattr(links, "get_settings", lambda: unset)
    with pytest.raises(RuntimeError, match="GALLERY_SHARE_LINK_KEY_SECRET_ARN"):
        links.link_token(uuid.uuid4())
