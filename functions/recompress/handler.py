"""Lossless recompression of PNG originals (plans that opt in), on a schedule: takes pending
images until the invocation has only the time of one slow image left."""

from gallery.config import get_settings
from gallery.observability import logger, metrics, tracer
from gallery.services.recompression import run

# Left over after the last image: its oxipng timeout, its verification and the write.
_MARGIN_SECONDS = 30


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context) -> dict:
    remaining = context.get_remaining_time_in_millis() / 1000
    budget = remaining - get_settings().recompress_timeout_seconds - _MARGIN_SECONDS
    return run(budget_seconds=max(budget, 0.0))
