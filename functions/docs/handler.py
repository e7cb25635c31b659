"""Serves the OpenAPI document of the whole API, built from every function's router."""

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer, Server
from shares.handler import router as shares_router
from workspaces.handler import router as workspaces_router

from files.handler import router as files_router
from gallery.http import api_handler, build_resolver
from search.handler import router as search_router
from uploads.handler import router as uploads_router

app = build_resolver()
for api in (files_router, uploads_router, search_router, shares_router, workspaces_router):
    app.include_router(api)

docs = Router()
_document: dict | None = None


@docs.get("/api/v1/openapi.json", include_in_schema=False)
def openapi_document() -> dict:
    global _document
    if _document is None:
        _document = app.openapi_document(
            title="Pingvas Gallery API",
            version="1",
            description="The user dashboard of Pingvas, the AI image generation service.",
            servers=[Server(url="/")],
            security_schemes={"bearerAuth": HTTPBearer(bearerFormat="JWT")},
            security=[{"bearerAuth": []}],
        )
    return _document


app.include_router(docs)

lambda_handler = api_handler(app, traces_response=False)  # the document is ~64 KB
