"""Search API: my images by prompt (Korean, English, mixed) and filters; tag suggestions."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from gallery.http import api_handler, build_resolver, current_caller, parse
from gallery.models import FacetQuery, SearchFacets, SearchQuery, SearchResults, TagSuggestions
from gallery.services import search

router = Router()
Pixels = Annotated[int | None, Query(ge=1, le=100_000)]


@router.get("/api/v1/search/images", summary="Search my images", tags=["search"])
def search_images(
    q: Annotated[str | None, Query(max_length=500)] = None,
    workspace_id: UUID | None = None,
    model: Annotated[str | None, Query(max_length=255)] = None,
    tags: Annotated[list[str] | None, Query()] = None,
    exclude_tags: Annotated[list[str] | None, Query()] = None,
    folder_id: UUID | None = None,
    is_favorite: bool | None = None,
    is_public: bool | None = None,
    width: Pixels = None,
    height: Pixels = None,
    min_width: Pixels = None,
    max_width: Pixels = None,
    min_height: Pixels = None,
    max_height: Pixels = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    sort: Literal["relevance", "newest", "oldest"] | None = None,
    page: Annotated[int, Query(ge=1, le=100)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=1024)] = None,
) -> SearchResults:
    query = parse(
        SearchQuery, "query", q=q, workspace_id=workspace_id, model=model, tags=tags or [],
        exclude_tags=exclude_tags or [], folder_id=folder_id, is_favorite=is_favorite,
        is_public=is_public, width=width, height=height, min_width=min_width,
        max_width=max_width, min_height=min_height, max_height=max_height,
        created_from=created_from, created_to=created_to, sort=sort, page=page,
        page_size=page_size, cursor=cursor,
    )  # fmt: skip
    return search.search_images(current_caller(router), query)


@router.get(
    "/api/v1/search/facets", summary="Count my matching images by model and size",
    tags=["search"],
)  # fmt: skip
def search_facets(
    q: Annotated[str | None, Query(max_length=500)] = None,
    workspace_id: UUID | None = None,
    model: Annotated[str | None, Query(max_length=255)] = None,
    tags: Annotated[list[str] | None, Query()] = None,
    exclude_tags: Annotated[list[str] | None, Query()] = None,
    folder_id: UUID | None = None,
    is_favorite: bool | None = None,
    is_public: bool | None = None,
    width: Pixels = None,
    height: Pixels = None,
    min_width: Pixels = None,
    max_width: Pixels = None,
    min_height: Pixels = None,
    max_height: Pixels = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchFacets:
    query = parse(
        FacetQuery, "query", q=q, workspace_id=workspace_id, model=model, tags=tags or [],
        exclude_tags=exclude_tags or [], folder_id=folder_id, is_favorite=is_favorite,
        is_public=is_public, width=width, height=height, min_width=min_width,
        max_width=max_width, min_height=min_height, max_height=max_height,
        created_from=created_from, created_to=created_to, limit=limit,
    )  # fmt: skip
    return search.facets(current_caller(router), query)


@router.get("/api/v1/search/tags/suggest", summary="Complete a tag", tags=["search"])
def suggest_tags(
    # PostgreSQL text holds no NUL
    prefix: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[^\x00]+$")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> TagSuggestions:
    return search.suggest_tags(current_caller(router), prefix, limit)


app = build_resolver()
app.include_router(router)
lambda_handler = api_handler(app)
