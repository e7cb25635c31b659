"""Search API: my images by prompt (Korean, English, mixed) and filters; tag suggestions;
smart folders (saved searches, listed by the search backend)."""

from typing import Annotated
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from gallery.http import CurrentCaller, api_handler, build_resolver
from gallery.models.common import Deleted
from gallery.models.search import (
    FacetQuery,
    SearchFacets,
    SearchQuery,
    SearchResults,
    TagSuggestions,
)
from gallery.models.smart_folders import (
    SmartFolderCreate,
    SmartFolderOut,
    SmartFolderPage,
    SmartFolderUpdate,
)
from gallery.services import search, smart_folders

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


SMART_FOLDER = "/api/v1/files/smart-folders/<smart_folder_id>"


@router.get("/api/v1/files/smart-folders", summary="My smart folders with live counts",
            tags=["smart folders"])  # fmt: skip
def list_smart_folders(caller: CurrentCaller) -> list[SmartFolderOut]:
    return smart_folders.list_smart_folders(caller)


@router.post("/api/v1/files/smart-folders", summary="Save a search as a smart folder",
             tags=["smart folders"])  # fmt: skip
def create_smart_folder(caller: CurrentCaller, request: SmartFolderCreate) -> SmartFolderOut:
    return smart_folders.create_smart_folder(caller, request)


@router.get(SMART_FOLDER, summary="A smart folder with its live count", tags=["smart folders"])
def get_smart_folder(caller: CurrentCaller, smart_folder_id: UUID) -> SmartFolderOut:
    return smart_folders.get_smart_folder(caller, smart_folder_id)


@router.patch(SMART_FOLDER, summary="Rename a smart folder or change its search",
              tags=["smart folders"])  # fmt: skip
def update_smart_folder(
    caller: CurrentCaller, smart_folder_id: UUID, request: SmartFolderUpdate
) -> SmartFolderOut:
    return smart_folders.update_smart_folder(caller, smart_folder_id, request)


@router.delete(SMART_FOLDER, summary="Delete a smart folder (its images stay)",
               tags=["smart folders"])  # fmt: skip
def delete_smart_folder(caller: CurrentCaller, smart_folder_id: UUID) -> Deleted:
    smart_folders.delete_smart_folder(caller, smart_folder_id)
    return Deleted()


@router.get(SMART_FOLDER + "/images", summary="What a smart folder's search finds now",
            tags=["smart folders"])  # fmt: skip
def smart_folder_images(
    caller: CurrentCaller, smart_folder_id: UUID, page: Annotated[SmartFolderPage, Query()]
) -> SearchResults:
    return smart_folders.smart_folder_images(caller, smart_folder_id, page)


app = build_resolver()
app.include_router(router)
lambda_handler = api_handler(app)
