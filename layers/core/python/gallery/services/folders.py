"""Folders: create, list with live counts, change, delete (moving their images)."""

from uuid import UUID

from psycopg import errors as pg_errors

from gallery.auth import Caller
from gallery.db import acting_as
from gallery.errors import Conflict, NotFound, ValidationFailed
from gallery.models.folders import FolderCreate, FolderOut, FolderUpdate
from gallery.repositories import folders as folders_repo


def _name_taken(name: str) -> Conflict:
    return Conflict(f"a folder named {name!r} already exists", code="folder_name_taken")


def list_folders(caller: Caller) -> list[FolderOut]:
    with acting_as(caller) as conn:
        return [FolderOut(**row) for row in folders_repo.list_for_user(conn, caller.user_id)]


def create_folder(caller: Caller, request: FolderCreate) -> FolderOut:
    try:
        with acting_as(caller) as conn:
            folder_id = folders_repo.insert(conn, caller.user_id, request.model_dump())
            return FolderOut(**folders_repo.get(conn, caller.user_id, folder_id))
    except pg_errors.UniqueViolation:
        raise _name_taken(request.name) from None


def update_folder(caller: Caller, folder_id: UUID, request: FolderUpdate) -> FolderOut:
    # name and sort_order cannot be cleared: null leaves them as they are
    changes = {
        k: v
        for k, v in request.model_dump(exclude_unset=True).items()
        if v is not None or k not in ("name", "sort_order")
    }
    try:
        with acting_as(caller) as conn:
            if not folders_repo.update(conn, caller.user_id, folder_id, changes):
                raise NotFound("folder not found")
            return FolderOut(**folders_repo.get(conn, caller.user_id, folder_id))
    except pg_errors.UniqueViolation:
        raise _name_taken(changes["name"]) from None


def delete_folder(caller: Caller, folder_id: UUID, move_images_to: UUID | None) -> None:
    """Deletes the folder; its images move to ``move_images_to`` (the caller's) or to no folder."""
    if move_images_to == folder_id:
        raise ValidationFailed("move_images_to must be another folder")
    with acting_as(caller) as conn:
        if not folders_repo.exists(conn, caller.user_id, folder_id):
            raise NotFound("folder not found")
        if move_images_to is not None:
            if not folders_repo.exists(conn, caller.user_id, move_images_to):
                raise NotFound("target folder not found")
            folders_repo.move_images(conn, caller.user_id, folder_id, move_images_to)
        folders_repo.delete(conn, caller.user_id, folder_id)
