"""Files API: images, folders, tags and storage usage of the caller."""

from typing import Annotated, Literal
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from gallery.http import CurrentCaller, api_handler, build_resolver
from gallery.models.common import Deleted
from gallery.models.exports import ExportCreate, ExportCreated, ExportOut
from gallery.models.folders import FolderCreate, FolderDeleteQuery, FolderOut, FolderUpdate
from gallery.models.generation import Comparison, RecallFormat
from gallery.models.images import (
    BulkRequest,
    BulkResult,
    DownloadLink,
    ImageList,
    ImageOut,
    ImageQuery,
    ImageUpdate,
    StackQuery,
    TrashQuery,
)
from gallery.models.quota import StorageUsageOut
from gallery.models.tags import TagOut, TagSuggest
from gallery.models.trash import DataDeleted, TrashedImage, TrashEmptied
from gallery.openapi import recall_responses
from gallery.services import exports, folders, generation, images, quota, tags, trash

router = Router()


@router.get("/api/v1/files/images", summary="List my images", tags=["files"])
def list_images(caller: CurrentCaller, query: Annotated[ImageQuery, Query()]) -> ImageList:
    return images.list_images(caller, query)


@router.post("/api/v1/files/images/bulk", summary="Move, tag, favourite or delete many images")
def bulk_images(caller: CurrentCaller, request: Annotated[BulkRequest, Body()]) -> BulkResult:
    return images.bulk(caller, request)


@router.get("/api/v1/files/images/<image_id>", summary="One of my images", tags=["files"])
def get_image(caller: CurrentCaller, image_id: UUID) -> ImageOut:
    return images.get_image(caller, image_id)


@router.get(
    "/api/v1/files/images/<image_id>/download",
    summary="A short-lived URL that downloads the original under a readable name",
    tags=["files"],
)  # fmt: skip
def download_image(caller: CurrentCaller, image_id: UUID) -> DownloadLink:
    return images.download_link(caller, image_id)


@router.get(
    "/api/v1/files/images/<image_id>/stack",
    summary="The variations of an image: its stack's images, newest first",
    tags=["files"],
)  # fmt: skip
def list_stack(
    caller: CurrentCaller, image_id: UUID, query: Annotated[StackQuery, Query()]
) -> ImageList:
    return images.list_stack(caller, image_id, query)


@router.get(
    "/api/v1/files/images/<image_id>/generation",
    summary="How an image was made: A1111's text, normalised JSON or its ComfyUI workflow",
    responses=recall_responses(),
    tags=["files"],
)  # fmt: skip
def recall_generation(
    caller: CurrentCaller, image_id: UUID, format: Annotated[RecallFormat, Query()] = "json"
):  # a Response: the body's type follows the format
    content_type, body = generation.recall(caller, image_id, format)
    return Response(status_code=200, content_type=content_type, body=body)


@router.get(
    "/api/v1/files/images/<image_id>/compare/<other_id>",
    summary="Two images' prompts word by word and the parameters that differ",
    tags=["files"],
)  # fmt: skip
def compare_images(caller: CurrentCaller, image_id: UUID, other_id: UUID) -> Comparison:
    return generation.compare(caller, image_id, other_id)


@router.patch("/api/v1/files/images/<image_id>", summary="Change an image", tags=["files"])
def update_image(caller: CurrentCaller, image_id: UUID, request: ImageUpdate) -> ImageOut:
    return images.update_image(caller, image_id, request)


@router.delete(
    "/api/v1/files/images/<image_id>", summary="Move an image to the trash", tags=["files"]
)
def delete_image(caller: CurrentCaller, image_id: UUID) -> TrashedImage:
    return TrashedImage(purge_after=trash.trash_images(caller, [image_id]))


@router.post(
    "/api/v1/files/images/<image_id>/restore", summary="Take an image out of the trash",
    tags=["files"],
)  # fmt: skip
def restore_image(caller: CurrentCaller, image_id: UUID) -> ImageOut:
    trash.restore_images(caller, [image_id])
    return images.get_image(caller, image_id)


@router.get("/api/v1/files/trash", summary="Images in my trash", tags=["files"])
def list_trash(caller: CurrentCaller, query: Annotated[TrashQuery, Query()]) -> ImageList:
    return images.list_images(caller, query)


@router.delete("/api/v1/files/trash", summary="Empty my trash for good", tags=["files"])
def empty_trash(caller: CurrentCaller) -> TrashEmptied:
    return TrashEmptied(purged=trash.empty_trash(caller))


@router.delete("/api/v1/files/me/data", summary="Delete everything I own, for good", tags=["files"])
def delete_my_data(
    caller: CurrentCaller,
    confirm: Annotated[Literal["delete-everything"], Query()],
) -> DataDeleted:
    return trash.delete_all_data(caller)


@router.get("/api/v1/files/folders", summary="My folders with live counts", tags=["files"])
def list_folders(caller: CurrentCaller) -> list[FolderOut]:
    return folders.list_folders(caller)


@router.post("/api/v1/files/folders", summary="Create a folder", tags=["files"])
def create_folder(caller: CurrentCaller, request: FolderCreate) -> FolderOut:
    return folders.create_folder(caller, request)


@router.patch("/api/v1/files/folders/<folder_id>", summary="Change a folder", tags=["files"])
def update_folder(caller: CurrentCaller, folder_id: UUID, request: FolderUpdate) -> FolderOut:
    return folders.update_folder(caller, folder_id, request)


@router.delete("/api/v1/files/folders/<folder_id>", summary="Delete a folder", tags=["files"])
def delete_folder(
    caller: CurrentCaller, folder_id: UUID, query: Annotated[FolderDeleteQuery, Query()]
) -> Deleted:
    folders.delete_folder(caller, folder_id, query)
    return Deleted()


@router.post("/api/v1/files/exports", summary="Export images as a ZIP", tags=["exports"])
def create_export(caller: CurrentCaller, request: ExportCreate) -> ExportCreated:
    return exports.create_export(caller, request)


@router.get("/api/v1/files/exports/<export_id>", summary="How an export is going, and its link",
            tags=["exports"])  # fmt: skip
def get_export(caller: CurrentCaller, export_id: UUID) -> ExportOut:
    return exports.get_export(caller, export_id)


@router.get("/api/v1/files/tags", summary="Tag autocomplete by usage", tags=["files"])
def list_tags(caller: CurrentCaller, query: Annotated[TagSuggest, Query()]) -> list[TagOut]:
    return tags.suggest_tags(caller, query)


@router.get("/api/v1/files/storage-usage", summary="Storage used and quota", tags=["files"])
def storage_usage(caller: CurrentCaller) -> StorageUsageOut:
    return quota.storage_usage(caller)


app = build_resolver()
app.include_router(router)

lambda_handler = api_handler(app, nudges_indexer=True)
