"""Powertools Logger (structured JSON, correlation id), Metrics and Tracer, shared by every
function. The service name comes from POWERTOOLS_SERVICE_NAME, set per function."""

import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer

# Most requests count nothing worth a metric; an empty flush is normal, not a warning.
warnings.filterwarnings("ignore", "No application metrics to publish")

logger = Logger(utc=True)
metrics = Metrics(namespace="PingvasGallery")
tracer = Tracer()
