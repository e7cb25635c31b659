"""Serves the OpenAPI document of the whole API, built from every function's router."""

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer, Server
from aws_lambda_powertools.logging import correlation_paths
from uploads.handler import router as uploads_router

from files.handler import router as files_router
from gallery.http import build_resolver
from gallery.observability import logger, metrics, tracer

app = build_resolver()
for api in (files_router, uploads_router):
    app.include_router(api)

docs = Router()
_document: dict | None = None


@docs.get("/api/v1/openapi.json", include_in_schema=False)
def openapi_document() -> dict:
    global _document
    if _document is None:
        schema = app.get_openapi_schema(
            title="Pingvas Gallery API",
            version="1",
            description="The user dashboard of Pingvas, the AI image generation service.",
            servers=[Server(url="/")],
            security_schemes={"bearerAuth": HTTPBearer(bearerFormat="JWT")},
            security=[{"bearerAuth": []}],
        )
        _document = schema.model_dump(mode="json", by_alias=True, exclude_none=True)
    return _document


app.include_router(docs)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    return app.resolve(event, context)
