"""The sample events in events/ (API Gateway v2, as AWS sends them) drive the real handlers."""

import importlib
import json
import uuid
from pathlib import Path

import pytest

from devstack.gateway import LambdaContext
from gallery.routes import EVENT_FUNCTIONS, ROUTES

EVENTS = Path(__file__).resolve().parents[2] / "events"
API_EVENTS = sorted(p for p in EVENTS.glob("*/*.json") if p.parent.name not in EVENT_FUNCTIONS)


def test_every_route_has_a_sample_event():
    keys = {json.loads(p.read_text())["routeKey"] for p in API_EVENTS}
    assert {r.route_key for r in ROUTES} <= keys


def test_every_event_driven_function_has_a_sample_event():
    assert {p.parent.name for p in EVENTS.glob("*/*.json")} >= set(EVENT_FUNCTIONS)


def test_the_sample_sqs_event_is_processed_without_failures(stack):
    """The sample names an object that is not there: nothing to do, nothing failed."""
    event = json.loads((EVENTS / "ingest" / "sqs_s3_object_created.json").read_text())
    handler = importlib.import_module("ingest.handler").lambda_handler
    answer = handler(event, LambdaContext(function_name="ingest", aws_request_id="t"))
    assert answer == {"batchItemFailures": []}


def test_the_scheduled_maintenance_event_runs_the_maintenance(stack, user, add_image, owner_db):
    from gallery.config import get_settings

    expired = add_image(user.user_id)
    days = get_settings().trash_retention_days + 1
    owner_db.execute(
        "update images set deleted_at = now() - make_interval(days => %s) where image_id = %s",
        [days, expired],
    )
    event = json.loads((EVENTS / "maintenance" / "scheduled.json").read_text())
    handler = importlib.import_module("maintenance.handler").lambda_handler
    answer = handler(event, LambdaContext(function_name="maintenance", aws_request_id="t"))
    assert answer["trash_purged"] >= 1
    gone = owner_db.execute("select 1 from images where image_id = %s", [expired]).fetchone()
    assert gone is None  # purged for good, past its days in the trash
    assert all(type(count) is int and count >= 0 for count in answer.values())
    assert set(answer) == {
        "trash_purged",
        "reservations_expired",
        "rejected_uploads_forgotten",
        "clean_copies_expired",
        "objects_purged",
        "password_failures_forgotten",
        "exports_expired",
    }


def test_the_scheduled_indexer_event_drains_the_outbox(
    stack, monkeypatch, user, add_image, owner_db
):
    from gallery.config import get_settings
    from gallery.search.backend import get_backend

    image_id = add_image(user.user_id)  # its upload queued it in the outbox
    queued = "select 1 from search_outbox where image_id = %s"
    assert owner_db.execute(queued, [image_id]).fetchone() is not None
    monkeypatch.setattr(get_settings(), "search_index_alias", "test-sample-indexer")
    backend = get_backend()
    backend.ensure_index()
    event = json.loads((EVENTS / "indexer" / "scheduled.json").read_text())
    handler = importlib.import_module("indexer.handler").lambda_handler
    try:
        answer = handler(event, LambdaContext(function_name="indexer", aws_request_id="t"))
        document = backend.client.get(
            index="test-sample-indexer", id=str(image_id), routing=str(user.user_id)
        )  # the owner's shard
    finally:
        backend.client.indices.delete(index="test-sample-indexer_v*")
    assert answer["failed"] == 0 and answer["indexed"] >= 1
    assert set(answer) == {"indexed", "deleted", "failed"}
    assert owner_db.execute(queued, [image_id]).fetchone() is None  # drained
    assert document["found"] and document["_source"]["owner_id"] == str(user.user_id)


@pytest.mark.parametrize("path", API_EVENTS, ids=lambda p: p.stem)
def test_a_sample_event_gets_a_json_answer_and_no_server_error(stack, path):
    event = json.loads(path.read_text())
    handler = importlib.import_module(f"{path.parent.name}.handler").lambda_handler
    answer = handler(event, LambdaContext(function_name=path.parent.name, aws_request_id="t"))
    assert answer["statusCode"] < 500, answer
    if answer["headers"].get("Content-Type", "").startswith("text/html"):
        return  # a share page: the dashboard with a link's card tags
    body = json.loads(answer["body"])
    if answer["statusCode"] >= 400:
        assert set(body["error"]) >= {"code", "message"}


def test_the_scheduled_recompress_event_recompresses_within_the_time_left(stack, monkeypatch):
    from gallery.auth import Caller
    from gallery.config import GIB, Plan, get_settings
    from gallery.services.users import register
    from tests.support import generated_png, upload_image

    monkeypatch.setitem(get_settings().plans, "free", Plan(quota_bytes=GIB,
                                                           recompress_originals=True))  # fmt: skip
    user_id = uuid.uuid4()
    register(Caller(user_id=user_id, email=f"{user_id}@example.com"), "free")
    upload_image(stack, user_id, data=generated_png(9), width=384, height=256)
    event = json.loads((EVENTS / "recompress" / "scheduled.json").read_text())
    handler = importlib.import_module("recompress.handler").lambda_handler
    # Less time left than one image may take: it leaves the work to the next run.
    short = LambdaContext(function_name="recompress", aws_request_id="t", remaining_ms=60_000)
    assert handler(event, short) == {}
    full = LambdaContext(function_name="recompress", aws_request_id="t", remaining_ms=900_000)
    assert handler(event, full) == {"recompressed": 1}
