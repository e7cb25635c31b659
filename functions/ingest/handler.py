"""Ingest: S3 ObjectCreated events, delivered through SQS, become ready (or refused) images.

Powertools batch processing reports only the failed messages back to SQS, which redelivers
them (and parks them in the dead-letter queue after a few tries).
"""

import json
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from gallery.observability import logger, metrics, tracer
from gallery.services.indexer import nudge
from gallery.services.ingest import ObjectCreated, ingest_object

processor = BatchProcessor(event_type=EventType.SQS)


def handle_record(record: SQSRecord) -> list[str]:
    body = json.loads(record.body)
    outcomes = []
    for s3_record in body.get("Records", []):  # an s3:TestEvent has none
        if not s3_record.get("eventName", "").startswith("ObjectCreated:"):
            continue
        obj = s3_record["s3"]["object"]
        event = ObjectCreated(
            key=unquote_plus(obj["key"]), size=int(obj.get("size", 0)),
            sequencer=obj.get("sequencer"), etag=obj.get("eTag"), version_id=obj.get("versionId"),
        )  # fmt: skip
        outcome = ingest_object(event)
        logger.info("object ingested", extra={"key": event.key, "outcome": outcome})
        outcomes.append(outcome)
    return outcomes


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context) -> dict:
    outcomes: list[str] = []

    def handle(record: SQSRecord) -> list[str]:
        outcomes.extend(found := handle_record(record))
        return found

    response = process_partial_response(
        event=event, record_handler=handle, processor=processor, context=context
    )
    if "ready" in outcomes:
        nudge()  # new images: searchable in seconds, not at the next scheduled run
    return response
