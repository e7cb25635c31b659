"""Scheduled maintenance (EventBridge): old trash, stale reservations, failed deletions."""

from gallery.observability import logger, metrics, tracer
from gallery.services.maintenance import run_maintenance


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context) -> dict:
    return run_maintenance()
