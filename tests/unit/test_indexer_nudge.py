"""The asynchronous nudge after writes. Lambda cannot run here (moto needs Docker to invoke
a function), so botocore's Stubber stands in for the Lambda API: it checks the request
botocore would send, nothing more."""

import pytest
from botocore.stub import Stubber

from gallery import invocations
from gallery.config import get_settings
from gallery.services import indexer


@pytest.fixture
def lambda_api(monkeypatch):
    import boto3

    client = boto3.client("lambda", region_name="ap-northeast-2",
                          aws_access_key_id="x", aws_secret_access_key="x")  # fmt: skip
    monkeypatch.setattr(invocations, "_client", client)
    with Stubber(client) as stub:
        yield stub


def test_a_nudge_invokes_the_indexer_asynchronously(lambda_api, monkeypatch):
    monkeypatch.setattr(get_settings(), "indexer_function_name", "gallery-dev-indexer")
    expected = {"FunctionName": "gallery-dev-indexer", "InvocationType": "Event", "Payload": b"{}"}
    lambda_api.add_response("invoke", {"StatusCode": 202}, expected)
    indexer.nudge()
    lambda_api.assert_no_pending_responses()


def test_a_failed_nudge_is_only_logged(lambda_api, monkeypatch):
    monkeypatch.setattr(get_settings(), "indexer_function_name", "gallery-dev-indexer")
    lambda_api.add_client_error("invoke", "TooManyRequestsException", http_status_code=429)
    indexer.nudge()  # no exception: the schedule catches up


def test_no_function_no_nudge(monkeypatch):
    monkeypatch.setattr(get_settings(), "indexer_function_name", None)
    calls = []
    monkeypatch.setattr(invocations, "client", lambda: calls.append("client"))
    indexer.nudge()
    assert calls == []
