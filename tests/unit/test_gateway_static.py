"""The local gateway serves the built dashboard compressed, as CloudFront does in AWS."""

import gzip
import http.client
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from devstack.gateway import Gateway, serve

SCRIPT = b"export const greeting = 'hello';\n" * 200


@pytest.fixture
def dashboard(tmp_path: Path) -> Iterator[int]:
    """The port of a gateway serving a small built dashboard."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Pingvas</title>")
    (tmp_path / "assets" / "index-abc.js").write_bytes(SCRIPT)
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    server = serve("127.0.0.1", 0, Gateway(web_dist=tmp_path))
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


class Answer(NamedTuple):
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def get(port: int, path: str, accept_encoding: str | None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    # http.client sends no Accept-Encoding of its own: the server sees only this one
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    answer = Answer(response.status, response.headers, response.read())
    connection.close()
    return answer


def test_scripts_go_out_gzipped_to_a_browser_that_accepts_gzip_and_plain_to_one_that_does_not(
    dashboard,
):
    zipped = get(dashboard, "/assets/index-abc.js", "gzip, deflate, br")
    assert zipped.status == 200
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["Vary"] == "Accept-Encoding"
    assert int(zipped.headers["Content-Length"]) == len(zipped.body) < len(SCRIPT) / 10
    assert gzip.decompress(zipped.body) == SCRIPT

    for refused in (None, "identity", "gzip;q=0, br"):
        plain = get(dashboard, "/assets/index-abc.js", refused)
        assert "Content-Encoding" not in plain.headers, refused
        assert plain.headers["Vary"] == "Accept-Encoding"  # caches keep the two apart
        assert plain.body == SCRIPT

    page = get(dashboard, "/folders/anything", "gzip")  # the app's own routes get the app
    assert page.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(page.body).startswith(b"<!doctype html>")


def test_images_go_out_as_they_are(dashboard):
    image = get(dashboard, "/assets/logo.png", "gzip")
    assert "Content-Encoding" not in image.headers
    assert image.body.startswith(b"\x89PNG")
