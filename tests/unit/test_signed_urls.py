"""Signed URLs: one CloudFront policy per user and window; S3 URLs reused in a window."""

import base64
import json

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from gallery.config import Settings
from gallery.storage import urls


def _cloudfront_b64decode(text: str) -> bytes:
    return base64.b64decode(text.replace("-", "+").replace("_", "=").replace("~", "/"))


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def cloudfront(key):
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    settings = Settings(
        cdn_base_url="https://cdn.example.com",
        cdn_key_pair_id="K2JCJMDEHXQW5F",
        cdn_private_key_pem=pem,
        signed_url_ttl_seconds=3600,
        signed_url_window_seconds=900,
    )
    return urls.CloudFrontSignedUrls(settings)


def _query(url: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))


def test_cloudfront_urls_of_one_user_share_one_verifiable_wildcard_policy(cloudfront, key):
    a = cloudfront.url("users/u1/images/a.png")
    b = cloudfront.url("users/u1/thumbs/b_256.webp")
    assert a.startswith("https://cdn.example.com/users/u1/images/a.png?")
    assert _query(a) == _query(b)
    query = _query(a)
    assert query["Key-Pair-Id"] == "K2JCJMDEHXQW5F"
    policy = _cloudfront_b64decode(query["Policy"])
    statement = json.loads(policy)["Statement"][0]
    assert statement["Resource"] == "https://cdn.example.com/users/u1/*"
    key.public_key().verify(
        _cloudfront_b64decode(query["Signature"]),
        policy,
        padding.PKCS1v15(),
        hashes.SHA1(),  # noqa: S303 - what CloudFront signs with
    )


def test_cloudfront_urls_of_another_user_carry_another_policy(cloudfront):
    mine = _query(cloudfront.url("users/u1/images/a.png"))["Policy"]
    theirs = _query(cloudfront.url("users/u2/images/a.png"))["Policy"]
    assert mine != theirs


def test_urls_live_at_least_the_ttl_and_at_most_ttl_plus_a_window(cloudfront, monkeypatch):
    now = 1_800_000_123
    monkeypatch.setattr(urls.time, "time", lambda: now)
    query = _query(cloudfront.url("users/u3/images/a.png"))
    statement = json.loads(_cloudfront_b64decode(query["Policy"]))["Statement"][0]
    expires = statement["Condition"]["DateLessThan"]["AWS:EpochTime"]
    assert now + 3600 <= expires <= now + 3600 + 900


def _canned_policy(url: str, expires: str) -> bytes:
    statement = {"Resource": url, "Condition": {"DateLessThan": {"AWS:EpochTime": int(expires)}}}
    return json.dumps({"Statement": [statement]}, separators=(",", ":")).encode()


def _verify_canned(key, signed: str) -> str:
    """Checks the canned-policy signature; returns the URL it covers."""
    head, _, tail = signed.rpartition("Expires=")
    url = head[:-1]  # the '?' or '&' before CloudFront's own parameters
    query = dict(part.split("=", 1) for part in f"Expires={tail}".split("&"))
    assert "Policy" not in query  # one object: a canned policy, never a wildcard
    key.public_key().verify(
        _cloudfront_b64decode(query["Signature"]),
        _canned_policy(url, query["Expires"]),
        padding.PKCS1v15(),
        hashes.SHA1(),  # noqa: S303 - what CloudFront signs with
    )
    return url


def test_member_urls_name_one_object_and_are_reused_within_a_window(cloudfront, key):
    a = cloudfront.member_url("users/u1/thumbs/a_256.webp")
    b = cloudfront.member_url("users/u1/images/a.png")
    assert _verify_canned(key, a) == "https://cdn.example.com/users/u1/thumbs/a_256.webp"
    assert _verify_canned(key, b) == "https://cdn.example.com/users/u1/images/a.png"
    assert _query(a)["Signature"] != _query(b)["Signature"]
    assert cloudfront.member_url("users/u1/thumbs/a_256.webp") == a


def test_visitor_urls_are_single_object_s3_urls_with_a_signed_disposition(cloudfront, monkeypatch):
    from gallery.storage import s3

    monkeypatch.setattr(s3, "get_settings", lambda: Settings(bucket_name="images"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "unit")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "unit")
    s3.client.cache_clear()
    try:
        signed = cloudfront.object_url("users/u1/images/a.png", 300, attachment="a.png")
    finally:
        s3.client.cache_clear()
    assert not signed.startswith("https://cdn.example.com")
    assert "/users/u1/images/a.png?" in signed
    assert "response-content-disposition=attachment" in signed
    assert "X-Amz-Expires=300" in signed and "X-Amz-Signature=" in signed
