"""The docs function answers with the whole OpenAPI document (~64 KB): X-Ray caps a trace
segment at 64 KB, so its answer stays out of the segment; other functions keep theirs."""

import importlib
import json
from pathlib import Path

import pytest
from aws_lambda_powertools.tracing import Tracer

from devstack.gateway import LambdaContext
from gallery.http import api_handler, build_resolver

EVENT = json.loads(
    (Path(__file__).parents[2] / "events" / "docs" / "get_openapi_json.json").read_text()
)


@pytest.fixture
def traced(monkeypatch) -> list:
    """The handlers whose answer Powertools' tracer puts in the segment."""
    recorded = []

    def record(self, method_name=None, data=None, subsegment=None, capture_response=None):
        if capture_response:
            recorded.append(method_name)

    monkeypatch.setattr(Tracer, "_add_response_as_metadata", record)
    return recorded


def test_the_docs_function_keeps_the_openapi_document_out_of_its_trace(traced):
    handler = importlib.import_module("docs.handler")
    answer = handler.lambda_handler(EVENT, LambdaContext(function_name="docs", aws_request_id="t"))
    assert answer["statusCode"] == 200 and len(answer["body"]) > 30_000
    assert traced == []


def test_other_api_functions_keep_their_answers_in_the_trace(traced):
    app = build_resolver()
    app.get("/api/v1/openapi.json")(lambda: {"ok": True})
    api_handler(app)(EVENT, LambdaContext(function_name="files", aws_request_id="t"))
    assert traced == ["lambda_handler"]
