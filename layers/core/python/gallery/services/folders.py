"""Folders: a tree per owner (create, move, rename), listed with live counts and
breadcrumbs, deleted with what they hold moved up or elsewhere."""

from uuid import UUID

from psycopg import errors as pg_errors

from gallery.auth import Caller
from gallery.db import acting_as
from gallery.errors import Conflict, NotFound, ValidationFailed
from gallery.models.folders import FolderCreate, FolderDeleteQuery, FolderOut, FolderUpdate
from gallery.repositories import folders as folders_repo


def _name_taken(name: str | None) -> Conflict:
    named = f"named {name!r}" if name else "of that name"
    return Conflict(f"a folder {named} already exists there", code="folder_name_taken")


def _refused_place(error: pg_errors.CheckViolation) -> Exception:
    """The tree's rules, as folders_place states them (the database checks them)."""
    constraint = error.diag.constraint_name
    if constraint == "folders_no_cycle":
        return Conflict("a folder cannot move into itself or its own subfolders",
                        code="folder_cycle")  # fmt: skip
    if constraint == "folders_depth":
        return ValidationFailed(
            "folders nest at most 16 deep",
            details=[{"loc": ["body", "parent_id"], "msg": "too deep"}],
        )
    return error


def list_folders(caller: Caller) -> list[FolderOut]:
    """All my folders, parents before their subfolders."""
    with acting_as(caller) as conn:
        return [FolderOut(**row) for row in folders_repo.list_for_user(conn, caller.user_id)]


def _placed(caller: Caller, name: str | None, write) -> FolderOut:
    """Runs ``write(conn)`` (an insert or update that places a folder) and returns the
    folder, with the tree's refusals as API errors."""
    try:
        with acting_as(caller) as conn:
            folders_repo.lock_tree(conn, caller.user_id)  # before any row lock: see LOCK_TREE
            folder_id = write(conn)
            return FolderOut(**folders_repo.get(conn, caller.user_id, folder_id))
    except pg_errors.UniqueViolation:
        raise _name_taken(name) from None
    except pg_errors.CheckViolation as error:
        raise _refused_place(error) from None


def _check_parent(conn, caller: Caller, parent_id: UUID | None) -> None:
    if parent_id is not None and not folders_repo.exists(conn, caller.user_id, parent_id):
        raise NotFound("parent folder not found")


def create_folder(caller: Caller, request: FolderCreate) -> FolderOut:
    def write(conn) -> UUID:
        _check_parent(conn, caller, request.parent_id)
        return folders_repo.insert(conn, caller.user_id, request.model_dump())

    return _placed(caller, request.name, write)


def update_folder(caller: Caller, folder_id: UUID, request: FolderUpdate) -> FolderOut:
    """Renames, recolours or moves (``parent_id``, its subtree with it) a folder."""
    # name and sort_order cannot be cleared: null leaves them as they are
    changes = {
        k: v
        for k, v in request.model_dump(exclude_unset=True).items()
        if v is not None or k not in ("name", "sort_order")
    }

    def write(conn) -> UUID:
        if "parent_id" in changes:
            _check_parent(conn, caller, changes["parent_id"])
        if not folders_repo.update(conn, caller.user_id, folder_id, changes):
            raise NotFound("folder not found")
        return folder_id

    return _placed(caller, changes.get("name"), write)


def delete_folder(caller: Caller, folder_id: UUID, query: FolderDeleteQuery) -> None:
    """Deletes the folder, or its whole subtree (``subfolders=delete``). Its subfolders
    otherwise move up to its parent; the images deleted folders held move to
    ``move_images_to`` (mine, outside what is deleted) or up to the parent."""
    with acting_as(caller) as conn:
        folders_repo.lock_tree(conn, caller.user_id)
        folder = folders_repo.placement(conn, caller.user_id, folder_id)
        if folder is None:
            raise NotFound("folder not found")
        parent_id = folder["parent_id"]
        if query.subfolders == "delete":
            deleted = folders_repo.subtree(conn, caller.user_id, folder_id)
        else:
            deleted = [folder_id]
        target = parent_id
        if query.move_images_to is not None:
            if query.move_images_to in deleted:
                raise ValidationFailed(
                    "move_images_to must be a folder that is not deleted",
                    details=[{"loc": ["query", "move_images_to"], "msg": "deleted with it"}],
                )
            if not folders_repo.exists(conn, caller.user_id, query.move_images_to):
                raise NotFound("target folder not found")
            target = query.move_images_to
        if query.subfolders == "move_up":
            try:
                with conn.transaction():
                    folders_repo.move_children_up(conn, caller.user_id, folder_id, parent_id)
            except pg_errors.UniqueViolation:
                raise Conflict(
                    "a subfolder has the name of a folder in the parent: rename one first",
                    code="folder_name_taken",
                ) from None
        folders_repo.move_images(conn, caller.user_id, deleted, target)
        folders_repo.delete(conn, caller.user_id, deleted)
