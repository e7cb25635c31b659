"""Search API: my images by prompt (Korean, English, mixed) and filters; tag suggestions."""

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from gallery.http import CurrentCaller, api_handler, build_resolver
from gallery.models.search import (
    FacetQuery,
    SearchFacets,
    SearchQuery,
    SearchResults,
    TagSuggestions,
)
from gallery.services import search

router = Router()


@router.get("/api/v1/search/images", summary="Search my images", tags=["search"])
def search_images(caller: CurrentCaller, query: Annotated[SearchQuery, Query()]) -> SearchResults:
    return search.search_images(caller, query)


@router.get(
    "/api/v1/search/facets", summary="Count my matching images by model and size",
    tags=["search"],
)  # fmt: skip
def search_facets(caller: CurrentCaller, query: Annotated[FacetQuery, Query()]) -> SearchFacets:
    return search.facets(caller, query)


@router.get("/api/v1/search/tags/suggest", summary="Complete a tag", tags=["search"])
def suggest_tags(
    caller: CurrentCaller,
    # PostgreSQL text holds no NUL
    prefix: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[^\x00]+$")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> TagSuggestions:
    return search.suggest_tags(caller, prefix, limit)


app = build_resolver()
app.include_router(router)
lambda_handler = api_handler(app)
