"""Visitors recall an image's generation data exactly where they are shown its prompt: a
link made with show_metadata, or a public image whose owner shows its metadata; anywhere
else the answer is the 404 of an image the link does not share."""

import pytest

from tests.generation_samples import corpus

SAMPLES = {sample.name: sample for sample in corpus()}
FORMATS = ("json", "a1111", "comfyui")


@pytest.fixture
def comfy(user, add_image):
    return add_image(user.user_id, data=SAMPLES["comfyui_png"].data, prompt=None, model=None)


def link(user, **body) -> dict:
    answer = user.post("/api/v1/shares", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def opened(client, token: str) -> str:
    page = client.get(f"/api/v1/shares/{token}")
    assert page.status_code == 200, page.text
    return page.json()["access_grant"]


def recall(client, token: str, image_id, fmt: str, grant: str | None):
    params = {"format": fmt, **({"grant": grant} if grant else {})}
    return client.get(f"/api/v1/shares/{token}/images/{image_id}/generation", params=params)


def test_a_link_that_shows_metadata_gives_every_format_with_its_grant(client, user, comfy):
    token = link(user, image_id=str(comfy), show_metadata=True)["share_token"]
    grant = opened(client, token)
    assert recall(client, token, comfy, "json", grant).json()["sampler"] == "dpmpp_2m_sde"
    assert "Steps: 14" in recall(client, token, comfy, "a1111", grant).text
    assert recall(client, token, comfy, "comfyui", grant).json()["last_node_id"] == 40
    assert recall(client, token, comfy, "json", None).status_code == 401  # no grant


def test_a_link_that_hides_metadata_gives_none_of_it(client, user, comfy):
    token = link(user, image_id=str(comfy))["share_token"]
    grant = opened(client, token)
    for fmt in FORMATS:
        answer = recall(client, token, comfy, fmt, grant)
        assert answer.status_code == 404, (fmt, answer.text)
        assert "fox" not in answer.text


def test_a_folder_link_gives_only_its_folders_images(client, user, add_image, comfy):
    folder = user.post("/api/v1/files/folders", json={"name": "shown"}).json()["folder_id"]
    inside = add_image(user.user_id, data=SAMPLES["a1111_png"].data, prompt=None,
                       folder_id=folder)  # fmt: skip
    token = link(user, folder_id=folder, show_metadata=True)["share_token"]
    grant = opened(client, token)
    assert recall(client, token, inside, "json", grant).json()["generator"] == "a1111"
    assert recall(client, token, comfy, "json", grant).status_code == 404  # not in the folder


def test_a_folder_link_shows_the_metadata_of_its_subfolders_images(client, user, add_image):
    folder = user.post("/api/v1/files/folders", json={"name": "top"}).json()["folder_id"]
    sub = user.post("/api/v1/files/folders", json={"name": "sub", "parent_id": folder}).json()
    below = add_image(user.user_id, data=SAMPLES["a1111_png"].data, prompt=None,
                      folder_id=sub["folder_id"])  # fmt: skip
    shown = link(user, folder_id=folder, show_metadata=True)["share_token"]
    grant = opened(client, shown)
    assert recall(client, shown, below, "json", grant).json()["generator"] == "a1111"
    page = client.get(f"/api/v1/shares/{shown}", params={"grant": grant}).json()
    assert page["images"][0]["metadata"]["prompt"]
    hidden = link(user, folder_id=folder)["share_token"]
    page = client.get(f"/api/v1/shares/{hidden}").json()
    assert [i["image_id"] for i in page["images"]] == [str(below)]
    assert page["images"][0]["metadata"] is None


def test_public_images_follow_their_owners_choice(client, user, comfy):
    path = f"/api/v1/public/images/{comfy}/generation"
    assert client.get(path).status_code == 404  # not public
    user.patch(f"/api/v1/files/images/{comfy}", json={"is_public": True})
    assert client.get(path).status_code == 404  # public, metadata hidden
    user.patch(f"/api/v1/files/images/{comfy}", json={"public_show_metadata": True})
    assert client.get(path).json()["seed_text"] == "18446744073709551615"
    assert client.get(path, params={"format": "comfyui"}).json()["last_node_id"] == 40
