"""Uploads: the reservation asked for, the presigned form, the upload's status."""

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from gallery.models.common import Strict, TagList, no_control_characters, no_nul, storable_json

UploadType = Literal["image/png", "image/jpeg", "image/webp", "image/avif"]


PromptText = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(no_nul)]


class UploadRequest(Strict):
    content_type: UploadType
    size_bytes: int = Field(gt=0)
    prompt: PromptText | None = None
    negative_prompt: PromptText | None = None
    model: Annotated[str, StringConstraints(max_length=255), AfterValidator(no_nul)] | None = None
    width: int | None = Field(default=None, gt=0, le=100_000)
    height: int | None = Field(default=None, gt=0, le=100_000)
    seed: int | None = Field(default=None, ge=-(2**63), lt=2**63)
    params: Annotated[dict[str, Any], AfterValidator(storable_json)] | None = None
    folder_id: UUID | None = None
    tags: TagList | None = None
    filename: (
        Annotated[str, StringConstraints(max_length=255), AfterValidator(no_control_characters)]
        | None
    ) = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$")] | None = None


class PresignedPost(BaseModel):
    url: str
    fields: dict[str, str]


class UploadTicket(BaseModel):
    image_id: UUID
    upload: PresignedPost
    expires_at: datetime


class DuplicateUpload(BaseModel):
    duplicate_of: UUID


class UploadStatus(BaseModel):
    image_id: UUID
    status: Literal["pending", "ready", "rejected"]
    reason: str | None = None
