"""API answers are gzipped in the function (API Gateway's HTTP API does not compress)."""

import base64
import gzip
import json

import pytest
from aws_lambda_powertools.utilities.typing import LambdaContext

from gallery.http import MIN_COMPRESSED_BYTES, accepts_gzip, build_resolver

app = build_resolver()


@app.get("/big")
def big() -> dict:
    return {"words": ["고양이 cat"] * 500}


@app.get("/small")
def small() -> dict:
    return {"ok": True}


def call(path: str, accept_encoding: str | None) -> dict:
    headers = {"accept-encoding": accept_encoding} if accept_encoding is not None else {}
    event = {
        "version": "2.0",
        "routeKey": f"GET {path}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {"http": {"method": "GET", "path": path}, "stage": "$default"},
        "isBase64Encoded": False,
    }
    return app.resolve(event, LambdaContext())


def test_a_large_answer_is_gzipped_for_a_client_that_takes_gzip():
    answer = call("/big", "gzip, deflate, br")
    assert answer["headers"]["Content-Encoding"] == "gzip"
    assert answer["headers"]["Vary"] == "Accept-Encoding"
    assert answer["isBase64Encoded"] is True
    raw = gzip.decompress(base64.b64decode(answer["body"]))
    assert json.loads(raw) == big()
    plain = call("/big", None)
    assert len(base64.b64decode(answer["body"])) * 10 < len(plain["body"].encode())


@pytest.mark.parametrize("header", [None, "", "identity", "gzip;q=0", "br, *;q=0", "deflate"])
def test_a_client_that_does_not_take_gzip_gets_the_plain_answer(header):
    answer = call("/big", header)
    assert "Content-Encoding" not in answer["headers"]
    assert answer["headers"]["Vary"] == "Accept-Encoding"  # caches keep the two apart
    assert json.loads(answer["body"]) == big()


def test_a_small_answer_stays_plain():
    answer = call("/small", "gzip")
    assert len(answer["body"]) < MIN_COMPRESSED_BYTES
    assert "Content-Encoding" not in answer["headers"]
    assert answer["isBase64Encoded"] is False


@pytest.mark.parametrize(
    ("header", "takes"),
    [
        ("gzip", True), ("GZIP;q=0.5", True), ("*", True), ("br;q=1, *;q=0.1", True),
        ("gzip;q=0, *", False), ("gzip;q=0.0", False), ("gzip;q=zero", False),
        ("identity, br", False), (None, False),
    ],
)  # fmt: skip
def test_accept_encoding_q_values_are_read(header, takes):
    assert accepts_gzip(header) is takes
