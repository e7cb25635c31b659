"""A folder link's images as one ZIP, for visitors of links with the download permission:
the owner's export, made for the link (what the link shows: the folder's subtree, or what
its smart folder finds), asked for and followed through the link and its grant."""

from uuid import UUID

from gallery import clock, db
from gallery.errors import Conflict, Forbidden
from gallery.models.exports import ExportCreated, ExportOut
from gallery.repositories import shares as shares_repo
from gallery.services import exports
from gallery.services.shares.grants import open_link, require_grant, token_hash


def start_archive(token: str, *, grant: str | None) -> ExportCreated:
    """Starts the link's archive (one at work per link); asking counts a download."""
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        share = open_link(conn, token, now, grant)
        require_grant(share, grant, now)
    if share["permission"] != "download":
        raise Forbidden("this link does not allow downloads")
    if share["image_id"] is not None:
        raise Conflict("a one-image link downloads its image: there is no archive to make",
                       code="not_a_folder_link")  # fmt: skip
    created = exports.create_link_export(share)
    with db.visitor_transaction(token_hash(token)) as conn:
        shares_repo.count_download(conn, share["share_id"], now)
    return created


def archive_status(token: str, export_id: UUID, *, grant: str | None) -> ExportOut:
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        share = open_link(conn, token, now, grant)
        require_grant(share, grant, now)
    return exports.get_link_export(share, export_id)
