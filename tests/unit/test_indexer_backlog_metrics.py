"""The indexer run publishes what is left in the search outbox (Powertools metrics, printed
as CloudWatch embedded metric format): the alarms of the observability stack read
OutboxOldestAgeSeconds and OutboxParkedRows in namespace PingvasGallery."""

import importlib
import json

from devstack.gateway import LambdaContext
from gallery.services.indexer import DrainResult


def test_an_indexer_run_publishes_the_outbox_backlog(monkeypatch, capsys):
    handler = importlib.import_module("indexer.handler")
    # the local stack of an earlier test turns metrics off in this process's environment
    # (and Powertools keeps, unflushed, what its earlier indexer runs recorded)
    monkeypatch.delenv("POWERTOOLS_METRICS_DISABLED", raising=False)
    handler.metrics.clear_metrics()
    # in AWS from the function's POWERTOOLS_SERVICE_NAME (checked in tests/infra)
    monkeypatch.setattr(handler.metrics.provider, "service", "gallery-indexer")
    monkeypatch.setattr(handler, "drain", lambda: DrainResult(indexed=3))
    monkeypatch.setattr(handler, "backlog", lambda: {"oldest_age_seconds": 42.5, "parked": 2})
    handler.lambda_handler({}, LambdaContext(function_name="indexer", aws_request_id="t"))
    emitted = [json.loads(line) for line in capsys.readouterr().out.splitlines()
               if '"_aws"' in line]  # fmt: skip
    (document,) = [d for d in emitted if "OutboxOldestAgeSeconds" in d]
    (directive,) = document["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "PingvasGallery"
    units = {m["Name"]: m["Unit"] for m in directive["Metrics"]}
    assert units["OutboxOldestAgeSeconds"] == "Seconds" and units["OutboxParkedRows"] == "Count"
    assert document["OutboxOldestAgeSeconds"] == [42.5] and document["OutboxParkedRows"] == [2]
    # the alarms name exactly this dimension
    assert directive["Dimensions"] == [["service"]] and document["service"] == "gallery-indexer"
