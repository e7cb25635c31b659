"""Recall (an image's generation data as A1111's text, JSON or its ComfyUI workflow) and
compare (two images side by side), for owners and workspace members; 404 for the rest."""

from gallery.generation import read_embedded
from tests.generation_samples import corpus
from tests.support import join_workspace

SAMPLES = {sample.name: sample for sample in corpus()}


def recall(user, image_id, fmt: str):
    return user.get(f"/api/v1/files/images/{image_id}/generation", params={"format": fmt})


def test_a1111_text_reads_back_in_a1111(user, add_image):
    image_id = add_image(user.user_id, data=SAMPLES["comfyui_png"].data, prompt=None, model=None)
    answer = recall(user, image_id, "a1111")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    again = read_embedded({"parameters": answer.text})  # what A1111's PNG Info would read
    assert (again.steps, again.sampler, again.scheduler, again.cfg_scale) == (
        14, "dpmpp_2m_sde", "karras", 6.0)  # fmt: skip
    assert "Seed: 18446744073709551615" in answer.text
    assert [(lora.name, lora.weight) for lora in again.loras] == [
        ("add_detail", 0.7), ("watercolor_v1", 0.35)]  # fmt: skip


def test_json_and_the_comfyui_workflow(user, add_image):
    comfy = add_image(user.user_id, data=SAMPLES["comfyui_png"].data, prompt=None, model=None)
    data = recall(user, comfy, "json").json()
    assert data["generator"] == "comfyui" and data["seed_text"] == "18446744073709551615"
    assert data["prompt"] == "a fox in a (snowy forest:1.2), watercolor"
    workflow = recall(user, comfy, "comfyui")
    assert workflow.status_code == 200
    assert workflow.json()["last_node_id"] == 40  # the editor's graph, as ComfyUI wrote it
    a1111 = add_image(user.user_id, data=SAMPLES["a1111_png"].data, prompt=None)
    assert recall(user, a1111, "comfyui").status_code == 404
    assert recall(user, a1111, "yaml").status_code == 422


def test_recall_of_an_image_uploaded_with_params_only(user, add_image):
    image_id = add_image(user.user_id, prompt="a red fox", params={"steps": 30, "cfg": 5})
    text = recall(user, image_id, "a1111").text
    assert text.startswith("a red fox\n") and "Steps: 30" in text and "CFG scale: 5" in text


def test_compare_gives_the_word_diff_and_what_differs(user, add_image):
    a = add_image(user.user_id, prompt="a (red:1.2) fox, snow",
                  params={"steps": 20, "sampler": "Euler a"})  # fmt: skip
    b = add_image(user.user_id, prompt="a red fox in the (snow:1.3)",
                  params={"steps": 30, "sampler": "Euler a"})  # fmt: skip
    answer = user.get(f"/api/v1/files/images/{a}/compare/{b}")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [(w["word"], w["change"]) for w in body["prompt"]] == [
        ("a", "same"), ("red", "weight"), ("fox", "same"), ("in", "added"), ("the", "added"),
        ("snow", "weight")]  # fmt: skip
    assert {p["name"]: (p["a"], p["b"]) for p in body["parameters"]} == {"steps": (20, 30)}
    assert body["same_stack"] is False


def test_variations_compare_as_one_stack(user, add_image):
    a = add_image(user.user_id, prompt="a cat", params={"steps": 20})
    b = add_image(user.user_id, prompt="a cat", params={"steps": 20})
    body = user.get(f"/api/v1/files/images/{a}/compare/{b}").json()
    assert body["same_stack"] is True and body["parameters"] == []


def test_members_recall_and_compare_what_is_shared_and_others_get_404(
    user, other_user, new_user, add_image
):
    mine = add_image(user.user_id, data=SAMPLES["comfyui_png"].data, prompt=None, model=None)
    unshared = add_image(user.user_id, prompt="private")
    space = user.post("/api/v1/workspaces", json={"name": "recall"}).json()["workspace_id"]
    join_workspace(user, other_user, space)
    assert user.post(f"/api/v1/workspaces/{space}/images",
                     json={"image_ids": [str(mine)]}).status_code in (200, 201)  # fmt: skip
    assert recall(other_user, mine, "comfyui").status_code == 200
    assert recall(other_user, unshared, "json").status_code == 404
    theirs = add_image(other_user.user_id, prompt="a cat")
    assert other_user.get(f"/api/v1/files/images/{theirs}/compare/{mine}").status_code == 200
    assert other_user.get(f"/api/v1/files/images/{theirs}/compare/{unshared}").status_code == 404
    stranger = new_user()
    assert recall(stranger, mine, "json").status_code == 404
    assert stranger.get(f"/api/v1/files/images/{mine}/compare/{mine}").status_code == 404
