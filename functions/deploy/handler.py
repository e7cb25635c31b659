"""Run on every deploy (a CloudFormation trigger): migrations, database logins, search index."""

from gallery.observability import logger, tracer
from gallery.services.deploy import prepare


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def lambda_handler(event: dict, context) -> dict:
    return prepare()
