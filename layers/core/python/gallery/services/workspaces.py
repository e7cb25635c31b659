"""Team workspaces. Roles: viewer (sees), downloader (+ originals), editor (+ shares and takes
out images and folders, tags), owner (+ renames, deletes, manages members). Outsiders get 404
for everything; a member without the role gets 403. The database checks the same rights
(row-level security): a removed member loses access with their row, at once.

Members see images through their workspaces only: thumbnails and originals are signed one
object at a time (a member never gets a signature for the owner's whole prefix), and the
original only from the downloader role up. Stars are personal.
"""

from uuid import UUID

from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import Conflict, Forbidden, NotFound, TooManyRequests
from gallery.models.trash import WorkspaceHandedOver
from gallery.models.workspaces import (
    InvitationAdd,
    InvitationOut,
    MemberOut,
    MemberUpdate,
    MyInvitationOut,
    WorkspaceCreate,
    WorkspaceOut,
    WorkspaceRole,
    WorkspaceUpdate,
)
from gallery.repositories import workspaces as repo

_RANK = {"viewer": 0, "downloader": 1, "editor": 2, "owner": 3}


def has_role(role: str, at_least: WorkspaceRole) -> bool:
    return _RANK[role] >= _RANK[at_least]


def role_in(conn, workspace_id: UUID, at_least: WorkspaceRole = "viewer") -> str:
    """The caller's role; 404 for outsiders (no hint the workspace exists), 403 below
    ``at_least``."""
    role = repo.role(conn, workspace_id)
    if role is None:
        raise NotFound("workspace not found")
    if not has_role(role, at_least):
        raise Forbidden(f"this needs the {at_least} role in the workspace (yours: {role})")
    return role


def _workspace(conn, caller: Caller, workspace_id: UUID) -> WorkspaceOut:
    row = repo.get(conn, caller.user_id, workspace_id)
    if row is None:
        raise NotFound("workspace not found")
    return WorkspaceOut(**row)


# --- workspaces ---------------------------------------------------------------------------


def create_workspace(caller: Caller, request: WorkspaceCreate) -> WorkspaceOut:
    with acting_as(caller) as conn:
        workspace_id = repo.create(conn, caller.user_id, request.name)
        return _workspace(conn, caller, workspace_id)


def list_workspaces(caller: Caller) -> list[WorkspaceOut]:
    with acting_as(caller) as conn:
        return [WorkspaceOut(**row) for row in repo.list_mine(conn, caller.user_id)]


def get_workspace(caller: Caller, workspace_id: UUID) -> WorkspaceOut:
    with acting_as(caller) as conn:
        return _workspace(conn, caller, workspace_id)


def rename_workspace(caller: Caller, workspace_id: UUID, request: WorkspaceUpdate) -> WorkspaceOut:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        repo.rename(conn, workspace_id, request.name)
        return _workspace(conn, caller, workspace_id)


def delete_workspace(caller: Caller, workspace_id: UUID) -> None:
    """Members, shared items and the images' place in it go; the images stay their owners'."""
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        repo.delete(conn, workspace_id)


# --- members ------------------------------------------------------------------------------


def list_members(caller: Caller, workspace_id: UUID) -> list[MemberOut]:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id)
        return [MemberOut(**row) for row in repo.members(conn, workspace_id)]


def list_invitations(caller: Caller, workspace_id: UUID) -> list[InvitationOut]:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        return [InvitationOut(**row) for row in repo.invitations(conn, workspace_id)]


def invite(caller: Caller, workspace_id: UUID, request: InvitationAdd) -> InvitationOut:
    """Invites an address, with or without an account: the answer never tells which, and
    nobody joins until the invitee accepts. Inviting again keeps the invitation (its role
    changes). Each owner sends at most ``invitation_limit`` per window."""
    settings = get_settings()
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        wait = repo.take_invitation_slot(
            conn, caller.user_id, settings.invitation_limit, settings.invitation_window_seconds
        )
        if wait is not None:
            raise TooManyRequests("too many invitations: try again later", retry_after=wait)
        # Members' addresses are on the member list already: saying so leaks nothing.
        if repo.is_member_address(conn, workspace_id, request.email):
            raise Conflict("a member uses that address already", code="already_member")
        return InvitationOut(**repo.invite(conn, workspace_id, request.email, request.role))


def withdraw_invitation(caller: Caller, workspace_id: UUID, email: str) -> None:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        if not repo.withdraw(conn, workspace_id, email):
            raise NotFound("no invitation for that address")


def my_invitations(caller: Caller) -> list[MyInvitationOut]:
    """The invitations addressed to my verified address (none without one)."""
    with acting_as(caller) as conn:
        return [MyInvitationOut(**row) for row in repo.my_invitations(conn)]


def accept_invitation(caller: Caller, invitation_id: UUID) -> WorkspaceOut:
    """Joins the workspace with the invitation's role; 404 for anybody else's invitation."""
    with acting_as(caller) as conn:
        workspace_id = repo.accept(conn, invitation_id)
        if workspace_id is None:
            raise NotFound("invitation not found")
        return _workspace(conn, caller, workspace_id)


def decline_invitation(caller: Caller, invitation_id: UUID) -> None:
    with acting_as(caller) as conn:
        if not repo.decline(conn, invitation_id):
            raise NotFound("invitation not found")


def leave_all(conn, caller: Caller) -> dict:
    """For "delete everything I own", in its transaction: every workspace the caller owns goes
    to its longest-standing other owner or, without one, is deleted (with what was shared
    into it); the caller leaves the others; the invitations they sent (and those of the
    deleted workspaces) go, and those addressed to them are declined."""
    for workspace in repo.owned(conn, caller.user_id):
        repo.lock(conn, workspace["workspace_id"])
    owned = repo.owned(conn, caller.user_id)  # again, under the locks: the heirs hold
    deleted = [w["workspace_id"] for w in owned if w["heir"] is None]
    invitations_deleted = repo.forget_invitations(conn, caller.user_id, deleted)
    declined = sum(repo.decline(conn, row["invitation_id"]) for row in repo.my_invitations(conn))
    handed_over = []
    for workspace in owned:
        if workspace["heir"] is None:
            repo.delete(conn, workspace["workspace_id"])
        else:
            repo.hand_over(conn, workspace["workspace_id"], caller.user_id, workspace["heir"])
            handed_over.append(
                WorkspaceHandedOver(
                    workspace_id=workspace["workspace_id"], new_owner_id=workspace["heir"]
                )
            )
    left = repo.joined(conn, caller.user_id)
    for workspace_id in left:
        repo.remove_member(conn, workspace_id, caller.user_id)
    return {
        "workspaces_deleted": deleted,
        "workspaces_handed_over": handed_over,
        "memberships_left": left,
        "invitations_deleted": invitations_deleted,
        "invitations_declined": declined,
        "stars": repo.forget_stars(conn, caller.user_id),
    }


def update_member(
    caller: Caller, workspace_id: UUID, user_id: UUID, request: MemberUpdate
) -> MemberOut:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        repo.lock(conn, workspace_id)
        if request.role != "owner" and not repo.other_owners(conn, workspace_id, user_id):
            _refuse_last_owner(conn, workspace_id, user_id)
        if not repo.set_role(conn, workspace_id, user_id, request.role):
            raise NotFound("member not found")
        return _member(conn, workspace_id, user_id)


def remove_member(caller: Caller, workspace_id: UUID, user_id: UUID) -> None:
    """An owner removes a member; a member may remove themselves (leave)."""
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "viewer" if user_id == caller.user_id else "owner")
        repo.lock(conn, workspace_id)
        if not repo.other_owners(conn, workspace_id, user_id):
            _refuse_last_owner(conn, workspace_id, user_id)
        if not repo.remove_member(conn, workspace_id, user_id):
            raise NotFound("member not found")


def _refuse_last_owner(conn, workspace_id: UUID, user_id: UUID) -> None:
    if any(
        m["user_id"] == user_id and m["role"] == "owner" for m in repo.members(conn, workspace_id)
    ):
        raise Conflict("a workspace keeps at least one owner: make somebody else owner first")


def _member(conn, workspace_id: UUID, user_id: UUID) -> MemberOut:
    row = next(m for m in repo.members(conn, workspace_id) if m["user_id"] == user_id)
    return MemberOut(**row)
