"""Search indexer: drains the outbox into the search backend. Runs on a schedule, and is
nudged asynchronously after writes so changes show up in search within seconds."""

from gallery.observability import logger, metrics, tracer
from gallery.services.indexer import backlog, drain


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context) -> dict:
    result = drain()
    metrics.add_metric(name="DocumentsIndexed", unit="Count", value=result.indexed)
    metrics.add_metric(name="IndexingFailures", unit="Count", value=result.failed)
    # what is left after this run: the alarms on a stale or stuck outbox read these
    left = backlog()
    metrics.add_metric(name="OutboxOldestAgeSeconds", unit="Seconds",
                       value=left["oldest_age_seconds"])  # fmt: skip
    metrics.add_metric(name="OutboxParkedRows", unit="Count", value=left["parked"])
    return {"indexed": result.indexed, "deleted": result.deleted, "failed": result.failed}
