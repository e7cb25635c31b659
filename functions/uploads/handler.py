"""Uploads API: reserve quota and get a presigned POST; follow the upload to ready."""

from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router

from gallery.http import CurrentCaller, api_handler, build_resolver
from gallery.models.uploads import DuplicateUpload, UploadRequest, UploadStatus, UploadTicket
from gallery.services import uploads

router = Router()


@router.post(
    "/api/v1/uploads",
    summary="Reserve quota and get a presigned POST for one image",
    description="Answers {duplicate_of} instead when sha256 matches an image you have.",
    tags=["uploads"],
)
def create_upload(caller: CurrentCaller, request: UploadRequest) -> UploadTicket | DuplicateUpload:
    return uploads.create_upload(caller, request)


@router.get("/api/v1/uploads/<image_id>", summary="Where an upload stands", tags=["uploads"])
def upload_status(caller: CurrentCaller, image_id: UUID) -> UploadStatus:
    return uploads.upload_status(caller, image_id)


app = build_resolver()
app.include_router(router)

lambda_handler = api_handler(app)
