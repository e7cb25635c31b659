"""Files API: images, folders, tags and storage usage of the caller."""

from typing import Annotated, Literal
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from gallery.http import api_handler, build_resolver, current_caller, parse
from gallery.models import (
    BulkRequest,
    BulkResult,
    DataDeleted,
    Deleted,
    DownloadLink,
    FolderCreate,
    FolderOut,
    FolderUpdate,
    ImageList,
    ImageOut,
    ImageQuery,
    ImageUpdate,
    SortBy,
    SortOrder,
    StorageUsageOut,
    TagOut,
    TagSuggest,
    TrashedImage,
    TrashEmptied,
)
from gallery.services import folders, images, quota, tags, trash

router = Router()


@router.get("/api/v1/files/images", summary="List my images", tags=["files"])
def list_images(
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    folder_id: UUID | None = None,
    is_favorite: bool | None = None,
    is_public: bool | None = None,
    tag: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    sort_by: SortBy = "created_at",
    sort_order: SortOrder = "desc",
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> ImageList:
    query = parse(
        ImageQuery, "query", page=page, page_size=page_size, folder_id=folder_id,
        is_favorite=is_favorite, is_public=is_public, tag=tag, sort_by=sort_by,
        sort_order=sort_order, cursor=cursor,
    )  # fmt: skip
    return images.list_images(current_caller(router), query)


@router.post("/api/v1/files/images/bulk", summary="Move, tag, favourite or delete many images")
def bulk_images(request: Annotated[BulkRequest, Body()]) -> BulkResult:
    return images.bulk(current_caller(router), request)


@router.get("/api/v1/files/images/<image_id>", summary="One of my images", tags=["files"])
def get_image(image_id: UUID) -> ImageOut:
    return images.get_image(current_caller(router), image_id)


@router.get(
    "/api/v1/files/images/<image_id>/download",
    summary="A short-lived URL that downloads the original under a readable name",
    tags=["files"],
)  # fmt: skip
def download_image(image_id: UUID) -> DownloadLink:
    return images.download_link(current_caller(router), image_id)


@router.patch("/api/v1/files/images/<image_id>", summary="Change an image", tags=["files"])
def update_image(image_id: UUID, request: ImageUpdate) -> ImageOut:
    return images.update_image(current_caller(router), image_id, request)


@router.delete(
    "/api/v1/files/images/<image_id>", summary="Move an image to the trash", tags=["files"]
)
def delete_image(image_id: UUID) -> TrashedImage:
    return TrashedImage(purge_after=trash.trash_images(current_caller(router), [image_id]))


@router.post(
    "/api/v1/files/images/<image_id>/restore", summary="Take an image out of the trash",
    tags=["files"],
)  # fmt: skip
def restore_image(image_id: UUID) -> ImageOut:
    caller = current_caller(router)
    trash.restore_images(caller, [image_id])
    return images.get_image(caller, image_id)


@router.get("/api/v1/files/trash", summary="Images in my trash", tags=["files"])
def list_trash(
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> ImageList:
    query = parse(ImageQuery, "query", page_size=page_size, cursor=cursor, sort_by="deleted_at")
    return images.list_images(current_caller(router), query, in_trash=True)


@router.delete("/api/v1/files/trash", summary="Empty my trash for good", tags=["files"])
def empty_trash() -> TrashEmptied:
    return TrashEmptied(purged=trash.empty_trash(current_caller(router)))


@router.delete("/api/v1/files/me/data", summary="Delete everything I own, for good", tags=["files"])
def delete_my_data(
    confirm: Annotated[Literal["delete-everything"], Query()],
) -> DataDeleted:
    return trash.delete_all_data(current_caller(router))


@router.get("/api/v1/files/folders", summary="My folders with live counts", tags=["files"])
def list_folders() -> list[FolderOut]:
    return folders.list_folders(current_caller(router))


@router.post("/api/v1/files/folders", summary="Create a folder", tags=["files"])
def create_folder(request: FolderCreate) -> FolderOut:
    return folders.create_folder(current_caller(router), request)


@router.patch("/api/v1/files/folders/<folder_id>", summary="Change a folder", tags=["files"])
def update_folder(folder_id: UUID, request: FolderUpdate) -> FolderOut:
    return folders.update_folder(current_caller(router), folder_id, request)


@router.delete("/api/v1/files/folders/<folder_id>", summary="Delete a folder", tags=["files"])
def delete_folder(folder_id: UUID, move_images_to: UUID | None = None) -> Deleted:
    folders.delete_folder(current_caller(router), folder_id, move_images_to)
    return Deleted()


@router.get("/api/v1/files/tags", summary="Tag autocomplete by usage", tags=["files"])
def list_tags(
    query: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[TagOut]:
    request = parse(TagSuggest, "query", query=query, limit=limit)
    return tags.suggest_tags(current_caller(router), request)


@router.get("/api/v1/files/storage-usage", summary="Storage used and quota", tags=["files"])
def storage_usage() -> StorageUsageOut:
    return quota.storage_usage(current_caller(router))


app = build_resolver()
app.include_router(router)

lambda_handler = api_handler(app, nudges_indexer=True)
