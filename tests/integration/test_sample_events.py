"""The sample events in events/ (API Gateway v2, as AWS sends them) drive the real handlers."""

import importlib
import json
from pathlib import Path

import pytest

from devstack.gateway import LambdaContext
from gallery.routes import ROUTES

EVENTS = Path(__file__).resolve().parents[2] / "events"


def test_every_route_has_a_sample_event():
    keys = {json.loads(p.read_text())["routeKey"] for p in EVENTS.glob("*/*.json")}
    assert {r.route_key for r in ROUTES} <= keys


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*/*.json")), ids=lambda p: p.stem)
def test_a_sample_event_gets_a_json_answer_and_no_server_error(stack, path):
    event = json.loads(path.read_text())
    handler = importlib.import_module(f"{path.parent.name}.handler").lambda_handler
    answer = handler(event, LambdaContext(function_name=path.parent.name, aws_request_id="t"))
    assert answer["statusCode"] < 500, answer
    body = json.loads(answer["body"])
    if answer["statusCode"] >= 400:
        assert set(body["error"]) >= {"code", "message"}
