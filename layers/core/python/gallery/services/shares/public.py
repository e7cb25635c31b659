"""Public images: what anyone may see of an image its owner made public."""

from uuid import UUID

from gallery import db
from gallery.errors import NotFound
from gallery.models.generation import RecallFormat
from gallery.models.shares import SharedImage
from gallery.repositories import visitor_images
from gallery.services import generation
from gallery.services.shares.clean_copies import served_url
from gallery.services.shares.visits import shared_image


def public_image(image_id: UUID) -> SharedImage:
    with db.visitor_transaction() as conn:
        row = visitor_images.public(conn, image_id)
    if row is None:
        raise NotFound("image not found")
    return shared_image(
        row, view_url=f"/api/v1/public/images/{image_id}/view", download_url=None,
        metadata=row["public_show_metadata"],
    )  # fmt: skip


def public_view_url(image_id: UUID) -> str:
    with db.visitor_transaction() as conn:
        row = visitor_images.public(conn, image_id)
        if row is None:
            raise NotFound("image not found")
        visitor_images.count_views(conn, [image_id])
    return served_url(row, row["public_show_metadata"], attachment=False)


def public_generation(image_id: UUID, fmt: RecallFormat) -> tuple[str, str]:
    """A public image's generation data, where its owner shows it (404 elsewhere)."""
    with db.visitor_transaction() as conn:
        row = visitor_images.public(conn, image_id)
        if row is None or not row["metadata_shown"]:
            raise NotFound("image not found, or its owner does not show how it was made")
        chunks = visitor_images.generation_sources(conn, image_id) if fmt == "comfyui" else {}
    return generation.render(row, chunks, fmt)
