"""Test data made the way the product makes it: a reservation through the uploads service,
the bytes POSTed to S3 with the presigned form (real HTTP to moto), and the S3 event taken
off the real SQS queue by the ingest handler. Never SQL."""

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from botocore.exceptions import ClientError
from opensearchpy import OpenSearch
from PIL import Image, ImageDraw, PngImagePlugin

from devstack.identities import acting_as
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.models.images import ImageUpdate
from gallery.models.uploads import UploadRequest
from gallery.search import index
from gallery.services import images, uploads
from gallery.storage import s3


def png_bytes(width: int = 64, height: int = 48, colour=(200, 30, 90), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG", **save)
    return out.getvalue()


PROMPT = "서울의 골목길에서 잠든 여우, 수채화"


def generated_png(seed: int = 0, level: int = 1) -> bytes:
    """Flat-shaded shapes written as a fast generator writes them (zlib level 1), with the
    text chunk AUTOMATIC1111 adds."""
    image = Image.new("RGB", (384, 256), (90, 150, 220))
    draw = ImageDraw.Draw(image)
    for n in range(14):
        x, y = (n * 47 + seed * 13) % 384, (n * 31 + seed * 7) % 256
        draw.ellipse((x, y, x + 70, y + 50), fill=(18 * n, 230 - 12 * n, 80), outline=(0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", f"{PROMPT}\nSteps: 28, Seed: {seed}")
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=level, pnginfo=info)
    return out.getvalue()


def post_upload(ticket, data: bytes, content_type: str | None = None) -> httpx.Response:
    """The browser's part: a multipart POST of the presigned fields and the file."""
    fields = dict(ticket.upload.fields)
    if content_type:
        fields["Content-Type"] = content_type
    return httpx.post(ticket.upload.url, data=fields, files={"file": ("upload", data)}, timeout=30)


def drain_ingest(stack, image_id: uuid.UUID | None = None, user_id=None, polls: int = 50) -> str:
    """Feeds queued S3 events to the ingest handler until ``image_id`` is no longer pending
    (or, without an image, until the queue is empty)."""
    status = "pending"
    for _ in range(polls):
        handled = stack.ingest.poll_once()
        if image_id is None:
            if not handled:
                return status
            continue
        status = uploads.upload_status(Caller(user_id=user_id), image_id).status
        if status != "pending":
            return status
    return status


def upload_image(
    stack,
    user_id: uuid.UUID,
    *,
    data: bytes | None = None,
    content_type: str = "image/png",
    prompt: str = "a cat in a spacesuit",
    tags: list[str] | None = None,
    folder_id: uuid.UUID | None = None,
    is_favorite: bool = False,
    width: int = 64,
    height: int = 48,
    model: str | None = "sdxl-base-1.0",
    params: dict | None = None,
) -> uuid.UUID:
    data = data if data is not None else png_bytes(width, height)
    caller = Caller(user_id=user_id)
    with acting_as("uploads"):  # its role signs the form, as in AWS
        ticket = uploads.create_upload(
            caller,
            UploadRequest(
                content_type=content_type, size_bytes=max(len(data), 1), prompt=prompt,
                model=model, tags=tags, folder_id=folder_id, params=params,
            ),
        )  # fmt: skip
    assert post_upload(ticket, data).status_code == 204
    status = drain_ingest(stack, ticket.image_id, user_id)
    assert status == "ready", uploads.upload_status(caller, ticket.image_id)
    if is_favorite:
        images.update_image(caller, ticket.image_id, ImageUpdate(is_favorite=True))
    return ticket.image_id


PAIR_TIMESTAMPS = """
update images set created_at = %(start)s::timestamptz + (n.row / 2) * interval '1 minute'
  from (select image_id, row_number() over (order by image_id) as row
          from images where user_id = %(user_id)s) n
 where images.image_id = n.image_id
"""


def pair_timestamps(owner_db, user_id: uuid.UUID, start: str) -> None:
    """Gives the user's images pairwise equal timestamps (ties the cursor must break).
    Only a timestamp is changed behind the service's back; the images came through it."""
    owner_db.execute(PAIR_TIMESTAMPS, {"user_id": user_id, "start": start})


def object_exists(key: str) -> bool:
    try:
        s3.client().head_object(Bucket=get_settings().bucket_name, Key=key)
    except ClientError:
        return False
    return True


def join_workspace(owner, member, workspace_id, role: str = "viewer") -> dict:
    """Membership as people get it: the owner invites the member's address, the member
    accepts. Returns the workspace as the member now sees it."""
    invited = owner.post(f"/api/v1/workspaces/{workspace_id}/invitations",
                         json={"email": member.email, "role": role})  # fmt: skip
    assert invited.status_code == 202, invited.text
    invitation = invited.json()["invitation_id"]
    accepted = member.post(f"/api/v1/workspaces/invitations/{invitation}/accept")
    assert accepted.status_code == 200, accepted.text
    return accepted.json()


@contextmanager
def search_index(url: str, alias: str) -> Iterator[OpenSearch]:
    """A client of the OpenSearch node at ``url`` with a fresh one-shard index behind
    ``alias``, the index deleted afterwards."""
    client = OpenSearch(hosts=[url])
    name = index.create_version(client, 1, shards=1, replicas=0, alias=alias)
    try:
        yield client
    finally:
        client.indices.delete(index=name)
