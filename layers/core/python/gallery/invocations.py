"""Starting another function asynchronously (AWS Lambda's Event invocation): the indexer
after writes, the exporter for an export. boto3 is imported on first use. A start that
fails is logged: each caller has its way to catch up (a schedule, the maintenance)."""

from gallery.config import get_settings
from gallery.observability import logger

_client = None


def client():
    global _client
    if _client is None:
        import boto3

        _client = boto3.client("lambda", region_name=get_settings().aws_region)
    return _client


def start(function_name: str, payload: bytes, what: str) -> None:
    try:
        client().invoke(FunctionName=function_name, InvocationType="Event", Payload=payload)
    except Exception:
        logger.warning(f"could not start {what}", exc_info=True)
