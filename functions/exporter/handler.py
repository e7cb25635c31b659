"""ZIP exporter: writes one export, invoked asynchronously by the files API when it is asked
for ({"user_id", "export_id"}); streams the originals into a multipart upload."""

from uuid import UUID

from gallery.observability import logger, metrics, tracer
from gallery.services.exports import run_export


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context) -> dict:
    status = run_export(UUID(event["user_id"]), UUID(event["export_id"]))
    metrics.add_metric(name="ExportsWritten" if status == "ready" else "ExportsNotWritten",
                       unit="Count", value=1)  # fmt: skip
    return {"status": status}
