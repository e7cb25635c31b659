"""Nested folders over HTTP: the tree's answers (parent, breadcrumbs, counts, refusals as
4xx), listings with include_subfolders paged keyset and exact, and a folder's subtree
(subfolders made later included) shared by link, into workspaces and filtered in search
on both backends."""

import uuid

from tests.e2e.test_search import backend, index_now  # noqa: F401 (the backend fixture)
from tests.support import join_workspace, pair_timestamps

FOLDERS = "/api/v1/files/folders"
IMAGES = "/api/v1/files/images"


def make(user, name: str, parent: dict | None = None) -> dict:
    body = {"name": name, **({"parent_id": parent["folder_id"]} if parent else {})}
    answer = user.post(FOLDERS, json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def fid(folder: dict) -> uuid.UUID:
    return uuid.UUID(folder["folder_id"])


def listed(user, path=IMAGES, **params) -> list[str]:
    answer = user.get(path, params={"page_size": 100, **params})
    assert answer.status_code == 200, answer.text
    return [i["image_id"] for i in answer.json()["images"]]


def test_folders_answer_with_their_parent_path_and_counts(user, add_image):
    project = make(user, "Project")
    hero = make(user, "Hero 주인공", project)
    assert hero["parent_id"] == project["folder_id"]
    assert [c["name"] for c in hero["path"]] == ["Project", "Hero 주인공"]
    image = add_image(user.user_id, folder_id=fid(hero))
    add_image(user.user_id, folder_id=fid(project))
    counts = {f["name"]: (f["image_count"], f["total_image_count"])
              for f in user.get(FOLDERS).json()}  # fmt: skip
    assert counts == {"Project": (1, 2), "Hero 주인공": (1, 1)}
    # an image says where it sits, in the listing and read alone
    one = user.get(f"{IMAGES}/{image}").json()
    assert [c["name"] for c in one["path"]] == ["Project", "Hero 주인공"]
    paths = {i["image_id"]: [c["name"] for c in i["path"]]
             for i in user.get(IMAGES).json()["images"]}  # fmt: skip
    assert paths[str(image)] == ["Project", "Hero 주인공"]
    loose = add_image(user.user_id)
    assert user.get(f"{IMAGES}/{loose}").json()["path"] == []


def test_the_tree_refuses_with_clear_errors(user, other_user):
    a = make(user, "A")
    b = make(user, "B", a)
    cycle = user.patch(f"{FOLDERS}/{a['folder_id']}", json={"parent_id": b["folder_id"]})
    assert cycle.status_code == 409 and cycle.json()["error"]["code"] == "folder_cycle"
    theirs = make(other_user, "theirs")
    stolen = user.patch(f"{FOLDERS}/{a['folder_id']}", json={"parent_id": theirs["folder_id"]})
    assert stolen.status_code == 404 and stolen.json()["error"]["code"] == "not_found"
    deep = a
    for n in range(15):
        deep = make(user, f"d{n}", deep)
    too_deep = user.post(FOLDERS, json={"name": "too deep", "parent_id": deep["folder_id"]})
    assert too_deep.status_code == 422 and too_deep.json()["error"]["code"] == "validation_error"
    bad = user.delete(f"{FOLDERS}/{a['folder_id']}", params={"subfolders": "shred"})
    assert bad.status_code == 422
    whole = {"subfolders": "delete", "move_images_to": b["folder_id"]}
    inside = user.delete(f"{FOLDERS}/{a['folder_id']}", params=whole)
    assert inside.status_code == 422
    moved = user.patch(f"{FOLDERS}/{b['folder_id']}", json={"parent_id": None}).json()
    assert moved["parent_id"] is None and [c["name"] for c in moved["path"]] == ["B"]
    assert user.delete(f"{FOLDERS}/{a['folder_id']}", params={"subfolders": "delete"}).json()
    assert [f["name"] for f in user.get(FOLDERS).json()] == ["B"]


def test_a_subtree_lists_keyset_paged_and_exact(user, add_image, owner_db):
    top = make(user, "top")
    left, right = make(user, "left", top), make(user, "right", top)
    deep = make(user, "deep", left)
    inside = {str(add_image(user.user_id, folder_id=fid(f)))
              for f in (top, left, left, right, deep, deep, deep)}  # fmt: skip
    add_image(user.user_id)  # outside the subtree
    pair_timestamps(owner_db, user.user_id, "2026-02-01")  # ties the cursor must break
    only_top = listed(user, folder_id=top["folder_id"])
    assert len(only_top) == 1
    whole = listed(user, folder_id=top["folder_id"], include_subfolders=True)
    assert set(whole) == inside and len(whole) == 7
    for sort in ({}, {"sort_order": "asc"}, {"sort_by": "view_count"}):
        reference = listed(user, folder_id=top["folder_id"], include_subfolders=True, **sort)
        seen, cursor = [], None
        while True:
            params = {"folder_id": top["folder_id"], "include_subfolders": True, "page_size": 2,
                      **sort, **({"cursor": cursor} if cursor else {})}  # fmt: skip
            page = user.get(IMAGES, params=params).json()
            assert page["total"] == 7
            seen += [i["image_id"] for i in page["images"]]
            if not page["has_more"]:
                break
            cursor = page["next_cursor"]
        assert seen == reference, sort
    by_page = [i["image_id"] for n in (1, 2, 3, 4) for i in user.get(IMAGES, params={
        "folder_id": top["folder_id"], "include_subfolders": True, "page_size": 2, "page": n,
    }).json()["images"]]  # fmt: skip
    assert by_page == whole
    assert listed(user, folder_id=deep["folder_id"], include_subfolders=True) == listed(
        user, folder_id=deep["folder_id"])  # a leaf is its own subtree  # fmt: skip
    assert listed(user, folder_id=str(uuid.uuid4()), include_subfolders=True) == []


def test_a_folder_link_shows_its_subtree_and_what_is_added_later(client, user, add_image):
    shared = make(user, "shared")
    sub = make(user, "sub", shared)
    images = {str(add_image(user.user_id, folder_id=fid(f))) for f in (shared, sub)}
    outside = make(user, "outside")
    token = user.post("/api/v1/shares", json={"folder_id": shared["folder_id"]}).json()[
        "share_token"
    ]

    def visible() -> set[str]:
        answer = client.get(f"/api/v1/shares/{token}", params={"page_size": 50})
        assert answer.status_code == 200, answer.text
        assert answer.json()["total"] == len(answer.json()["images"])
        return {i["image_id"] for i in answer.json()["images"]}

    assert visible() == images
    later = make(user, "later", sub)  # made after the link
    images.add(str(add_image(user.user_id, folder_id=fid(later))))
    assert visible() == images
    # moved out of the subtree: out of the link
    user.patch(f"{FOLDERS}/{later['folder_id']}", json={"parent_id": outside["folder_id"]})
    assert len(visible()) == 2


def test_a_workspace_holds_a_folders_subtree(new_user, add_image, client):
    owner, member = new_user(), new_user()
    workspace = owner.post("/api/v1/workspaces", json={"name": "tree"}).json()["workspace_id"]
    join_workspace(owner, member, workspace)
    path = f"/api/v1/workspaces/{workspace}/images"
    project = make(owner, "project")
    kept = str(add_image(owner.user_id, folder_id=fid(project)))
    owner.post(f"/api/v1/workspaces/{workspace}/folders", json={"folder_id": project["folder_id"]})
    variant = make(owner, "variant", project)  # after the share
    late = str(add_image(owner.user_id, folder_id=fid(variant), prompt="late variant"))
    assert set(listed(member, path)) == {kept, late}
    assert member.get(f"{path}/{late}").status_code == 200
    assert listed(member, path, folder_id=project["folder_id"]) == [kept]
    whole = listed(member, path, folder_id=project["folder_id"], include_subfolders=True)
    assert set(whole) == {kept, late}
    # the search documents follow the tree too
    index_now()
    found = member.get("/api/v1/search/images", params={"workspace_id": workspace})
    assert {r["image_id"] for r in found.json()["results"]} == {kept, late}
    owner.patch(f"{FOLDERS}/{variant['folder_id']}", json={"parent_id": None})
    assert listed(member, path) == [kept]
    assert member.get(f"{path}/{late}").status_code == 404
    index_now()
    found = member.get("/api/v1/search/images", params={"workspace_id": workspace})
    assert [r["image_id"] for r in found.json()["results"]] == [kept]


def test_search_honours_include_subfolders(backend, user, add_image):  # noqa: F811
    top = make(user, f"top {backend}")
    sub = make(user, "sub", top)
    in_top = str(add_image(user.user_id, folder_id=fid(top), prompt="lighthouse at dusk"))
    in_sub = str(add_image(user.user_id, folder_id=fid(sub), prompt="lighthouse at dawn"))
    add_image(user.user_id, prompt="lighthouse elsewhere")
    index_now()

    def search(**params) -> set[str]:
        answer = user.get("/api/v1/search/images", params={"q": "lighthouse", **params})
        assert answer.status_code == 200, answer.text
        return {r["image_id"] for r in answer.json()["results"]}

    assert search(folder_id=top["folder_id"]) == {in_top}
    assert search(folder_id=top["folder_id"], include_subfolders=True) == {in_top, in_sub}
    assert search(folder_id=sub["folder_id"], include_subfolders=True) == {in_sub}
    subtree = {"folder_id": top["folder_id"], "include_subfolders": True}
    facets = user.get("/api/v1/search/facets", params=subtree)
    assert facets.status_code == 200
    assert sum(m["count"] for m in facets.json()["models"]) == 2
