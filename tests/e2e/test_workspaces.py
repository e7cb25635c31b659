"""Team workspaces over HTTP through the local gateway: each role can do exactly its set,
outsiders get 404 everywhere, favourites are personal, removing a member cuts access at once
(in the database too), and deletes take images out."""

import uuid
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import pytest

from gallery import db
from tests.conftest import ApiUser
from tests.support import join_workspace

ROLES = ("viewer", "downloader", "editor", "owner")


@dataclass
class Team:
    workspace_id: str
    owner: ApiUser
    members: dict  # role -> ApiUser (the owner under "owner")
    outsider: ApiUser
    image: uuid.UUID  # the owner's image, shared into the workspace

    @property
    def path(self) -> str:
        return f"/api/v1/workspaces/{self.workspace_id}"


def make_team(new_user, add_image) -> Team:
    owner = new_user()
    created = owner.post("/api/v1/workspaces", json={"name": "Studio 팀"})
    assert created.status_code == 200, created.text
    workspace_id = created.json()["workspace_id"]
    assert created.json()["role"] == "owner" and created.json()["member_count"] == 1
    members = {"owner": owner}
    for role in ROLES[:-1]:
        member = new_user()
        assert join_workspace(owner, member, workspace_id, role)["role"] == role
        members[role] = member
    image = add_image(owner.user_id, prompt="team lighthouse 등대")
    shared = owner.post(
        f"/api/v1/workspaces/{workspace_id}/images", json={"image_ids": [str(image)]}
    )
    assert shared.json() == {"added": 1}
    return Team(workspace_id, owner, members, new_user(), image)


@pytest.fixture
def team(new_user, add_image) -> Team:
    return make_team(new_user, add_image)


def expect(answer, allowed: bool, outsider: bool, status: int = 200) -> None:
    if outsider:
        assert answer.status_code == 404, answer.text
        assert answer.json()["error"]["code"] == "not_found"
    elif allowed:
        assert answer.status_code == status, answer.text
    else:
        assert answer.status_code == 403, answer.text
        assert answer.json()["error"]["code"] == "forbidden"


def test_each_role_can_do_exactly_its_set_and_outsiders_get_404(team, new_user, add_image):
    spare = new_user()
    actors = [*((role, team.members[role]) for role in ROLES), ("outsider", team.outsider)]
    for role, actor in actors:
        outsider = role == "outsider"
        rank = ROLES.index(role) if not outsider else -1
        own_image = add_image(actor.user_id)
        removable = add_image(team.owner.user_id)
        team.owner.post(f"{team.path}/images", json={"image_ids": [str(removable)]})

        # see
        expect(actor.get(team.path), True, outsider)
        expect(actor.get(f"{team.path}/images"), True, outsider)
        expect(actor.get(f"{team.path}/images/{team.image}"), True, outsider)
        expect(actor.get(f"{team.path}/members"), True, outsider)
        expect(actor.patch(f"{team.path}/images/{team.image}", json={"is_favorite": True}),
               True, outsider)  # fmt: skip
        # download originals: downloader and up
        if not outsider:
            seen = actor.get(f"{team.path}/images/{team.image}").json()
            assert (seen["image_url"] is not None) == (rank >= 1), role
            assert seen["thumbnail_512_url"] is not None
        download = actor.get(f"{team.path}/images/{team.image}/download")
        expect(download, rank >= 1, outsider)
        if rank >= 1:  # presigned by the workspaces function's role: its policy must allow it
            served = httpx.get(download.json()["url"], timeout=30)
            assert served.status_code == 200, served.text
            assert served.headers["content-disposition"].startswith("attachment;")
        # share and take out images, tag: editor and up
        expect(actor.post(f"{team.path}/images", json={"image_ids": [str(own_image)]}),
               rank >= 2, outsider)  # fmt: skip
        expect(actor.delete(f"{team.path}/images/{removable}"), rank >= 2, outsider)
        expect(actor.patch(f"{team.path}/images/{team.image}", json={"tags": [f"by-{role}"]}),
               rank >= 2, outsider)  # fmt: skip
        # manage: owner only
        expect(actor.patch(team.path, json={"name": f"renamed by {role}"}), rank >= 3, outsider)
        member = {"email": spare.email, "role": "viewer"}
        invited = actor.post(f"{team.path}/invitations", json=member)
        expect(invited, rank >= 3, outsider, status=202)
        if rank >= 3:  # the spare accepts, so that the owner can remove them below
            accept = f"/api/v1/workspaces/invitations/{invited.json()['invitation_id']}/accept"
            assert spare.post(accept).status_code == 200
        expect(actor.patch(f"{team.path}/members/{team.members['viewer'].user_id}",
                           json={"role": "viewer"}), rank >= 3, outsider)  # fmt: skip
        expect(actor.delete(f"{team.path}/members/{spare.user_id}"), rank >= 3, outsider)
        if rank < 3:  # the owner deletes it below, once everything is checked
            expect(actor.delete(team.path), False, outsider)

    # what the editor and the owner did is there; nobody else's attempts left a trace
    image = team.owner.get(f"{team.path}/images/{team.image}").json()
    assert image["tags"] == ["by-owner"]
    assert team.owner.get(team.path).json()["name"] == "renamed by owner"
    assert team.owner.delete(team.path).status_code == 200
    assert team.members["viewer"].get(team.path).status_code == 404


def test_favourites_are_personal(team):
    viewer, owner = team.members["viewer"], team.owner
    path = f"{team.path}/images/{team.image}"
    assert viewer.patch(path, json={"is_favorite": True}).json()["is_favorite"] is True
    assert owner.get(path).json()["is_favorite"] is False
    assert owner.get(f"/api/v1/files/images/{team.image}").json()["is_favorite"] is False
    assert team.members["editor"].get(path).json()["is_favorite"] is False
    starred = viewer.get(f"{team.path}/images", params={"is_favorite": "true"}).json()
    assert [i["image_id"] for i in starred["images"]] == [str(team.image)]
    assert owner.get(f"{team.path}/images", params={"is_favorite": "true"}).json()["total"] == 0
    # the owner's star is on the image itself, and theirs alone
    assert owner.patch(path, json={"is_favorite": True}).json()["is_favorite"] is True
    assert owner.get(f"/api/v1/files/images/{team.image}").json()["is_favorite"] is True
    assert team.members["editor"].get(path).json()["is_favorite"] is False
    assert viewer.patch(path, json={"is_favorite": False}).json()["is_favorite"] is False
    assert owner.get(path).json()["is_favorite"] is True


def test_a_removed_member_loses_access_at_once_in_the_database_too(team):
    viewer = team.members["viewer"]
    assert viewer.get(f"{team.path}/images").json()["total"] == 1
    with db.transaction(viewer.user_id) as conn:  # the application's role, under RLS
        seen = conn.execute("select image_id from images where image_id = %s", [team.image])
        assert seen.fetchone() is not None
    assert team.owner.delete(f"{team.path}/members/{viewer.user_id}").status_code == 200
    assert viewer.get(f"{team.path}/images").status_code == 404
    assert viewer.get(f"{team.path}/images/{team.image}").status_code == 404
    assert viewer.get("/api/v1/workspaces").json() == []
    with db.transaction(viewer.user_id) as conn:
        seen = conn.execute("select image_id from images where image_id = %s", [team.image])
        assert seen.fetchone() is None
        assert conn.execute("select * from workspace_items").fetchall() == []
        assert conn.execute("select * from workspace_members").fetchall() == []


def test_members_see_each_others_addresses_and_nothing_else_of_their_accounts(team):
    viewer, editor = team.members["viewer"], team.members["editor"]
    listed = {m["user_id"]: m["email"] for m in viewer.get(f"{team.path}/members").json()}
    editor_id = str(editor.user_id)
    assert listed[editor_id] == editor.email and len(listed) == 4
    with db.transaction(viewer.user_id) as conn:  # the application's role, under RLS
        others = conn.execute("select user_id, plan from users where user_id <> %s",
                              [viewer.user_id]).fetchall()  # fmt: skip
        assert others == []  # not a co-member's plan, not their row at all
        members = conn.execute("select * from app_member_addresses(%s)",
                               [team.workspace_id]).fetchall()  # fmt: skip
        assert len(members) == 4
    with db.transaction(team.outsider.user_id) as conn:
        assert conn.execute("select * from app_member_addresses(%s)",
                            [team.workspace_id]).fetchall() == []  # fmt: skip


def test_members_see_only_what_is_shared_and_never_others_private_images(team, add_image):
    private = add_image(team.owner.user_id, prompt="not for the team")
    editor = team.members["editor"]
    assert editor.get(f"/api/v1/files/images/{private}").status_code == 404
    assert editor.get(f"{team.path}/images/{private}").status_code == 404
    with db.transaction(editor.user_id) as conn:
        assert (
            conn.execute("select 1 from images where image_id = %s", [private]).fetchone() is None
        )
        # the owner's tags stay the owner's: a member reads them only on shared images
        assert conn.execute("select * from tags").fetchall() == []
    # an editor shares only their own images
    taken = editor.post(f"{team.path}/images", json={"image_ids": [str(private)]})
    assert taken.status_code == 404


def test_the_listing_takes_the_files_listing_filters_and_cursor(team, add_image, owner_db):
    owner, editor = team.owner, team.members["editor"]
    folder = owner.post("/api/v1/files/folders", json={"name": "renders"}).json()
    in_folder = [
        add_image(owner.user_id, folder_id=uuid.UUID(folder["folder_id"])) for _ in range(4)
    ]
    assert owner.post(f"{team.path}/folders", json={"folder_id": folder["folder_id"]}).json() == {
        "added": 1
    }
    editors_own = add_image(editor.user_id, tags=["sky", "Äpfel"])
    editor.post(f"{team.path}/images", json={"image_ids": [str(editors_own)]})
    # an image added to the shared folder later is in the workspace too; one shared both
    # ways is listed and counted once
    late = add_image(owner.user_id, folder_id=uuid.UUID(folder["folder_id"]))
    owner.post(f"{team.path}/images", json={"image_ids": [str(in_folder[0])]})
    everything = {team.image, *in_folder, editors_own, late}

    viewer = team.members["viewer"]
    seen, cursor = [], None
    while True:
        params = {"page_size": 3, **({"cursor": cursor} if cursor else {})}
        page = viewer.get(f"{team.path}/images", params=params).json()
        assert page["total"] == len(everything)
        seen += [uuid.UUID(i["image_id"]) for i in page["images"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(everything) and set(seen) == everything
    listed = viewer.get(f"{team.path}/images", params={"page_size": 50}).json()["images"]
    owners = {i["image_id"]: i["owner_id"] for i in listed}
    assert owners[str(editors_own)] == str(editor.user_id)

    by_folder = viewer.get(f"{team.path}/images", params={"folder_id": folder["folder_id"]}).json()
    assert {uuid.UUID(i["image_id"]) for i in by_folder["images"]} == {*in_folder, late}
    for tag in ("SKY", "äpfel", "ÄPFEL"):  # one tag whatever its case, non-ASCII too
        tagged = viewer.get(f"{team.path}/images", params={"tag": tag}).json()
        assert [i["image_id"] for i in tagged["images"]] == [str(editors_own)], tag
        assert tagged["total"] == 1 and tagged["total_exact"], tag
        assert tagged["images"][0]["tags"] == ["sky", "Äpfel"]
    oldest = viewer.get(f"{team.path}/images", params={"sort_order": "asc", "page_size": 1}).json()
    assert oldest["images"][0]["image_id"] == str(team.image)
    # each source's first rows by another sort key, merged: the same order as one sort
    views = {str(image_id): n * 7 % 4 for n, image_id in enumerate(everything)}  # ties too
    for image_id, count in views.items():
        owner_db.execute("update images set view_count = %s where image_id = %s",
                         [count, image_id])  # fmt: skip
    by_views = viewer.get(f"{team.path}/images", params={"sort_by": "view_count"}).json()
    assert [i["image_id"] for i in by_views["images"]] == sorted(
        views, key=lambda i: (views[i], uuid.UUID(i)), reverse=True
    )

    # taking the folder out takes its images out, but the one shared by itself too
    assert owner.delete(f"{team.path}/folders/{folder['folder_id']}").status_code == 200
    left = viewer.get(f"{team.path}/images").json()
    assert {i["image_id"] for i in left["images"]} == {str(team.image), str(editors_own),
                                                       str(in_folder[0])}  # fmt: skip
    assert left["total"] == 3


def test_deleting_an_image_or_folder_ends_its_workspace_shares(team, add_image):
    owner, viewer = team.owner, team.members["viewer"]
    owner.delete(f"/api/v1/files/images/{team.image}")  # into the trash
    assert viewer.get(f"{team.path}/images").json()["total"] == 0
    owner.post(f"/api/v1/files/images/{team.image}/restore")
    assert viewer.get(f"{team.path}/images").json()["total"] == 0  # ended, not paused
    folder = owner.post("/api/v1/files/folders", json={"name": "temp"}).json()
    add_image(owner.user_id, folder_id=uuid.UUID(folder["folder_id"]))
    owner.post(f"{team.path}/folders", json={"folder_id": folder["folder_id"]})
    assert viewer.get(f"{team.path}/images").json()["total"] == 1
    owner.delete(f"/api/v1/files/folders/{folder['folder_id']}")
    assert viewer.get(f"{team.path}/images").json()["total"] == 0


def test_members_leave_and_a_workspace_keeps_an_owner(team):
    owner, viewer = team.owner, team.members["viewer"]
    last_owner = owner.delete(f"{team.path}/members/{owner.user_id}")
    assert last_owner.status_code == 409
    demoted = owner.patch(f"{team.path}/members/{owner.user_id}", json={"role": "editor"})
    assert demoted.status_code == 409
    assert viewer.delete(f"{team.path}/members/{viewer.user_id}").status_code == 200  # leaves
    assert viewer.get(team.path).status_code == 404
    # hand over, then leave
    editor = team.members["editor"]
    owner.patch(f"{team.path}/members/{editor.user_id}", json={"role": "owner"})
    assert owner.delete(f"{team.path}/members/{owner.user_id}").status_code == 200
    assert editor.get(team.path).json()["role"] == "owner"
    roles = {m["email"]: m["role"] for m in editor.get(f"{team.path}/members").json()}
    assert roles == {editor.email: "owner", team.members["downloader"].email: "downloader"}


# --- invitations (issue 15, finding 7) ---------------------------------------------------------

INVITES = "/api/v1/workspaces/invitations"


def test_an_invitation_answers_the_same_whether_or_not_the_address_has_an_account(team, new_user):
    owner = team.owner
    account = new_user()
    nobody = f"nobody-{uuid.uuid4().hex[:8]}@example.com"
    answers = [
        owner.post(f"{team.path}/invitations", json={"email": email, "role": "editor"})
        for email in (account.email, nobody)
    ]
    assert [a.status_code for a in answers] == [202, 202], [a.text for a in answers]
    shapes = [sorted(a.json()) for a in answers]
    assert shapes[0] == shapes[1] == ["email", "invitation_id", "invited_at", "role"]
    assert [a.json()["email"] for a in answers] == [account.email, nobody]
    # nobody joined: the account's owner has not said yes
    assert account.get(team.path).status_code == 404
    assert account.email not in {m["email"] for m in owner.get(f"{team.path}/members").json()}
    listed = {i["email"] for i in owner.get(f"{team.path}/invitations").json()}
    assert listed == {account.email, nobody}


def test_nobody_joins_a_workspace_until_they_accept_its_invitation(team, new_user):
    owner = team.owner
    address = f"Newcomer-{uuid.uuid4().hex[:8]}@Example.com"
    invited = owner.post(f"{team.path}/invitations", json={"email": address, "role": "editor"})
    assert invited.status_code == 202, invited.text
    # the account appears after the invitation: signing in admits nobody by itself
    newcomer = new_user(email=address.lower())
    assert newcomer.get(team.path).status_code == 404
    assert newcomer.get(f"{team.path}/images").status_code == 404
    pending = newcomer.get(INVITES).json()
    seen = [(i["workspace_id"], i["workspace_name"], i["role"], i["invited_by_email"])
            for i in pending]  # fmt: skip
    assert seen == [(team.workspace_id, "Studio 팀", "editor", owner.email)]
    invitation = pending[0]["invitation_id"]
    assert invitation == invited.json()["invitation_id"]

    joined = newcomer.post(f"{INVITES}/{invitation}/accept")
    assert joined.status_code == 200, joined.text
    assert joined.json()["role"] == "editor" and joined.json()["workspace_id"] == team.workspace_id
    assert newcomer.get(f"{team.path}/images").json()["total"] == 1
    assert newcomer.get(INVITES).json() == []
    assert owner.get(f"{team.path}/invitations").json() == []
    assert newcomer.post(f"{INVITES}/{invitation}/accept").status_code == 404  # used up


def test_a_declined_or_withdrawn_invitation_admits_nobody(team, new_user):
    owner = team.owner
    declining, withdrawn = new_user(), new_user()
    for person in (declining, withdrawn):
        owner.post(f"{team.path}/invitations", json={"email": person.email, "role": "owner"})
    invitation = declining.get(INVITES).json()[0]["invitation_id"]
    assert declining.post(f"{INVITES}/{invitation}/decline").status_code == 200
    assert declining.post(f"{INVITES}/{invitation}/accept").status_code == 404
    assert declining.get(team.path).status_code == 404
    kept = withdrawn.get(INVITES).json()[0]["invitation_id"]
    # as the dashboard sends it (openapi-fetch encodes "@"): API Gateway's HTTP API hands the
    # function the decoded path, which Powertools routes on
    encoded = quote(withdrawn.email, safe="")
    assert "%40" in encoded
    assert owner.delete(f"{team.path}/invitations/{encoded}").status_code == 200
    assert owner.delete(f"{team.path}/invitations/{withdrawn.email}").status_code == 404
    assert withdrawn.get(INVITES).json() == []
    assert withdrawn.post(f"{INVITES}/{kept}/accept").status_code == 404
    assert withdrawn.get(team.path).status_code == 404
    assert len(owner.get(f"{team.path}/members").json()) == 4


def test_inviting_the_same_address_twice_keeps_one_invitation(team):
    owner = team.owner
    address = f"twice-{uuid.uuid4().hex[:8]}@example.com"
    first = owner.post(f"{team.path}/invitations", json={"email": address, "role": "viewer"})
    again = owner.post(f"{team.path}/invitations", json={"email": address.upper(),
                                                          "role": "downloader"})  # fmt: skip
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["invitation_id"] == first.json()["invitation_id"]
    listed = owner.get(f"{team.path}/invitations").json()
    assert [(i["email"], i["role"]) for i in listed] == [(address, "downloader")]
    # a member's address is not invited again (the member list shows it anyway)
    member = owner.post(f"{team.path}/invitations", json={"email": team.members["viewer"].email})
    assert member.status_code == 409 and member.json()["error"]["code"] == "already_member"


def test_invitations_are_for_owners_and_take_clear_input(team):
    owner, editor = team.owner, team.members["editor"]
    assert editor.get(f"{team.path}/invitations").status_code == 403
    assert team.outsider.get(f"{team.path}/invitations").status_code == 404
    refused = editor.post(f"{team.path}/invitations", json={"email": "x@example.com"})
    assert refused.status_code == 403
    for body in ({"email": "not-an-address"}, {"email": "a@b.c", "role": "admin"}, {}):
        assert owner.post(f"{team.path}/invitations", json=body).status_code == 422, body
    assert owner.delete(f"{team.path}/invitations/not-an-address").status_code == 422
    assert owner.post(f"{INVITES}/not-a-uuid/accept").status_code == 422
    assert owner.post(f"{INVITES}/{uuid.uuid4()}/decline").status_code == 404
    # members are no longer added by address
    added = owner.post(f"{team.path}/members", json={"email": team.outsider.email})
    assert added.status_code == 404
    assert team.outsider.get(team.path).status_code == 404
    assert owner.post("/api/v1/workspaces", json={"name": "  "}).status_code == 422
    assert owner.get(f"/api/v1/workspaces/{uuid.uuid4()}").status_code == 404


def test_one_user_cannot_see_or_answer_another_users_invitations(team, new_user):
    invitee, other = new_user(), new_user()
    team.owner.post(f"{team.path}/invitations", json={"email": invitee.email})
    invitation = invitee.get(INVITES).json()[0]["invitation_id"]
    assert other.get(INVITES).json() == []
    assert other.post(f"{INVITES}/{invitation}/accept").status_code == 404
    assert other.post(f"{INVITES}/{invitation}/decline").status_code == 404
    assert team.members["editor"].post(f"{INVITES}/{invitation}/accept").status_code == 404
    with db.transaction(other.user_id) as conn:  # the application's role, under RLS
        assert conn.execute("select * from workspace_invitations").fetchall() == []
        assert conn.execute("select * from app_my_invitations()").fetchall() == []
        assert conn.execute("select app_accept_invitation(%s) as w",
                            [invitation]).fetchone()["w"] is None  # fmt: skip
    with db.transaction(team.members["editor"].user_id) as conn:  # a member, not an owner
        assert conn.execute("select * from workspace_invitations").fetchall() == []
    assert invitee.get(team.path).status_code == 404
    assert [i["invitation_id"] for i in invitee.get(INVITES).json()] == [invitation]


def test_invitations_are_limited_per_user_even_in_parallel(team, new_user, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from gallery.config import get_settings

    monkeypatch.setattr(get_settings(), "invitation_limit", 5)
    owner = new_user()
    workspace = owner.post("/api/v1/workspaces", json={"name": "busy"}).json()["workspace_id"]
    path = f"/api/v1/workspaces/{workspace}/invitations"

    def send(n: int):
        return owner.post(path, json={"email": f"burst-{n}-{uuid.uuid4().hex[:6]}@example.com"})

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(send, range(12)))
    codes = sorted(a.status_code for a in answers)
    assert codes == [202] * 5 + [429] * 7, [a.text for a in answers]
    refused = next(a for a in answers if a.status_code == 429)
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 3600
    assert len(owner.get(path).json()) == 5
    # the limit is the inviting user's: another owner invites into the same workspace freely
    assert team.owner.post(f"{team.path}/invitations",
                           json={"email": "free@example.com"}).status_code == 202  # fmt: skip


def test_an_unverified_address_sees_and_accepts_nothing(team):
    """The identity provider's word that the address is the caller's: without it, none."""
    from gallery.auth import caller_from_claims
    from gallery.errors import NotFound
    from gallery.services import workspaces

    address = f"claimed-{uuid.uuid4().hex[:8]}@example.com"
    invited = team.owner.post(f"{team.path}/invitations", json={"email": address, "role": "owner"})
    claims = {"sub": str(uuid.uuid4()), "email": address, "email_verified": "false"}
    impostor = caller_from_claims(claims)
    assert workspaces.my_invitations(impostor) == []
    with pytest.raises(NotFound):
        workspaces.accept_invitation(impostor, uuid.UUID(invited.json()["invitation_id"]))
    assert workspaces.list_workspaces(impostor) == []
    assert len(team.owner.get(f"{team.path}/invitations").json()) == 1
