"""ZIP exports over HTTP, as the dashboard uses them: ask, poll, download. The tests run the
exporter themselves (as AWS invokes it, once per export), with the exporter's own IAM
policy as CDK synthesizes it, through a multipart upload; the archive keeps the folder tree,
readable unique names and the originals' exact bytes, with metadata beside them when asked."""

import csv
import io
import json
import shutil
import subprocess
import uuid
import zipfile

import httpx
import pytest

from devstack import identities
from gallery.services import exports
from tests.e2e.test_search import index_now
from tests.support import object_exists

EXPORTS = "/api/v1/files/exports"


def folder(user, name: str, parent: dict | None = None) -> dict:
    body = {"name": name, **({"parent_id": parent["folder_id"]} if parent else {})}
    return user.post("/api/v1/files/folders", json=body).json()


def export(user, **body) -> dict:
    answer = user.post(EXPORTS, json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "queued"
    queued = user.get(f"{EXPORTS}/{answer.json()['export_id']}").json()
    assert queued["status"] == "queued" and queued["url"] is None and queued["progress"] == 0
    with identities.acting_as("exporter"):
        assert exports.run_export(user.user_id, uuid.UUID(answer.json()["export_id"])) == "ready"
        # a retried invocation finds it done
        assert exports.run_export(user.user_id, uuid.UUID(answer.json()["export_id"])) == "taken"
    return user.get(f"{EXPORTS}/{answer.json()['export_id']}").json()


def archive(state: dict) -> zipfile.ZipFile:
    assert state["status"] == "ready", state
    answer = httpx.get(state["url"], timeout=60)
    assert answer.status_code == 200
    assert state["filename"] in answer.headers["content-disposition"]
    assert len(answer.content) == state["size_bytes"]
    return zipfile.ZipFile(io.BytesIO(answer.content))


def original(user, image_id) -> bytes:
    url = user.get(f"/api/v1/files/images/{image_id}").json()["image_url"]
    return httpx.get(url, timeout=30).content


def test_a_folder_exports_with_its_tree_names_bytes_and_metadata(user, add_image, tmp_path):
    project = folder(user, "Project")
    hero = folder(user, "Hero: 주인공", project)  # ":" cannot be a file name's
    deep = folder(user, "deep", hero)
    made = {
        "top": add_image(user.user_id, folder_id=uuid.UUID(project["folder_id"]),
                         prompt="A lighthouse at dusk, (masterpiece:1.2)"),
        "hero": add_image(user.user_id, folder_id=uuid.UUID(hero["folder_id"]),
                          prompt="우주복을 입은 고양이"),
        "deep": add_image(user.user_id, folder_id=uuid.UUID(deep["folder_id"]), prompt=""),
    }  # fmt: skip
    add_image(user.user_id, prompt="not in the folder")
    state = export(user, folder_id=project["folder_id"], include_metadata=True)
    assert state["progress"] == 1 and state["image_count"] == 3 and state["done_count"] == 3
    zipped = archive(state)
    assert zipped.testzip() is None
    names = [n for n in zipped.namelist() if not n.startswith("metadata.")]
    dirs = sorted(n.rpartition("/")[0] for n in names)
    assert dirs == ["Project", "Project/Hero_ 주인공", "Project/Hero_ 주인공/deep"]
    by_id = {name.rsplit("_", 1)[-1].split(".")[0]: name for name in names}
    for key, image_id in made.items():
        name = by_id[str(image_id)[:8]]
        assert zipped.read(name) == original(user, image_id), key
    assert (
        by_id[str(made["top"])[:8]]
        .split("/")[-1]
        .endswith(f"_a-lighthouse-at-dusk-masterpiece-1_{str(made['top'])[:8]}.png")
    )
    assert "우주복을-입은-고양이" in by_id[str(made["hero"])[:8]]
    records = json.loads(zipped.read("metadata.json"))
    assert {r["file"] for r in records} == set(names)
    hero_record = next(r for r in records if r["image_id"] == str(made["hero"]))
    assert hero_record["prompt"] == "우주복을 입은 고양이"
    assert hero_record["folder"] == "Project/Hero_ 주인공"
    table = zipped.read("metadata.csv").decode("utf-8")
    assert table.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(table.removeprefix("\ufeff"))))
    assert {r["file"] for r in rows} == set(names)
    if shutil.which("unzip"):  # another reader than Python's agrees
        path = tmp_path / "export.zip"
        path.write_bytes(httpx.get(state["url"], timeout=60).content)
        tested = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True)
        assert tested.returncode == 0, tested.stdout + tested.stderr


def test_selected_images_keep_their_folders_and_a_smart_folder_exports_what_it_finds(
    user, add_image
):
    box = folder(user, "box")
    inside = add_image(user.user_id, folder_id=uuid.UUID(box["folder_id"]), prompt="red fox")
    loose = add_image(user.user_id, prompt="red fox in snow")
    add_image(user.user_id, prompt="blue whale")
    chosen = archive(export(user, image_ids=[str(inside), str(loose)]))
    assert sorted(n.count("/") for n in chosen.namelist()) == [0, 1]
    assert "metadata.json" not in chosen.namelist()  # not asked for
    index_now()
    smart = user.post("/api/v1/files/smart-folders",
                      json={"name": "foxes", "query": {"q": "fox"}}).json()  # fmt: skip
    found = archive(export(user, smart_folder_id=smart["smart_folder_id"]))
    assert len(found.namelist()) == 2 and all("/" not in n for n in found.namelist())


def test_exports_take_only_my_own_and_say_why_not(user, other_user, add_image, owner_db):
    theirs = other_user.post("/api/v1/files/folders", json={"name": "theirs"}).json()
    their_image = add_image(other_user.user_id)
    for body in ({"folder_id": theirs["folder_id"]}, {"image_ids": [str(their_image)]},
                 {"smart_folder_id": str(uuid.uuid4())}):  # fmt: skip
        answer = user.post(EXPORTS, json=body)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    for body in ({}, {"folder_id": theirs["folder_id"], "image_ids": [str(their_image)]},
                 {"image_ids": []}):  # fmt: skip
        assert user.post(EXPORTS, json=body).status_code == 422
    mine = export(user, image_ids=[str(add_image(user.user_id))])
    assert other_user.get(f"{EXPORTS}/{mine['export_id']}").status_code == 404
    assert user.get(f"{EXPORTS}/{uuid.uuid4()}").status_code == 404


def test_an_owner_has_at_most_two_exports_at_work(user, add_image, owner_db):
    image = str(add_image(user.user_id))
    busy = """insert into exports (user_id, source, status, started_at)
              values (%s, '{"image_ids": []}', 'running', now()) returning export_id"""
    running = [owner_db.execute(busy, [user.user_id]).fetchone()["export_id"] for _ in range(2)]
    refused = user.post(EXPORTS, json={"image_ids": [image]})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "30"
    owner_db.execute("update exports set status = 'failed' where export_id = any(%s)", [running])
    assert export(user, image_ids=[image])["status"] == "ready"


def test_an_export_is_deleted_after_24_hours(user, add_image, owner_db):
    state = export(user, image_ids=[str(add_image(user.user_id))])
    key = owner_db.execute("select s3_key from exports where export_id = %s",
                           [state["export_id"]]).fetchone()["s3_key"]  # fmt: skip
    assert object_exists(key)
    owner_db.execute("update exports set expires_at = now() - interval '1 minute'"
                     " where export_id = %s", [state["export_id"]])  # fmt: skip
    with identities.acting_as("maintenance"):  # its own role: DeleteObjectVersion on exports
        assert exports.expire_exports() >= 1
    after = user.get(f"{EXPORTS}/{state['export_id']}").json()
    assert after["status"] == "expired" and after["url"] is None
    assert not object_exists(key)


@pytest.fixture(autouse=True)
def _no_exports_at_work(owner_db):
    yield
    owner_db.execute("update exports set status = 'failed' where status in ('queued', 'running')")


def test_a_download_link_offers_its_folder_as_a_zip(client, user, add_image):
    top = folder(user, "shared")
    sub = folder(user, "sub", top)
    inside = {str(add_image(user.user_id, folder_id=uuid.UUID(f["folder_id"])))
              for f in (top, sub)}  # fmt: skip
    add_image(user.user_id)  # not in the link

    def link(**body) -> str:
        return user.post("/api/v1/shares", json={"folder_id": top["folder_id"], **body}).json()[
            "share_token"
        ]

    token = link(permission="download")
    grant = client.get(f"/api/v1/shares/{token}").json()["access_grant"]
    assert client.post(f"/api/v1/shares/{token}/exports").status_code == 401  # no grant
    started = client.post(f"/api/v1/shares/{token}/exports", params={"grant": grant})
    assert started.status_code == 200, started.text
    again = client.post(f"/api/v1/shares/{token}/exports", params={"grant": grant})
    assert again.status_code == 429  # one at work per link
    export_id = started.json()["export_id"]
    with identities.acting_as("exporter"):
        assert exports.run_export(user.user_id, uuid.UUID(export_id)) == "ready"
    state = client.get(f"/api/v1/shares/{token}/exports/{export_id}", params={"grant": grant})
    zipped = archive(state.json())
    assert sorted(n.count("/") for n in zipped.namelist()) == [1, 2]  # shared/, shared/sub/
    assert {n.rsplit("_", 1)[-1][:8] for n in zipped.namelist()} == {i[:8] for i in inside}
    assert "metadata.json" not in zipped.namelist()  # the link hides how they were made
    # the export is the link's: not the owner's listing, nor another link's
    assert user.get(f"{EXPORTS}/{export_id}").status_code == 404
    other = link(permission="download")
    other_grant = client.get(f"/api/v1/shares/{other}").json()["access_grant"]
    path = f"/api/v1/shares/{other}/exports/{export_id}"
    assert client.get(path, params={"grant": other_grant}).status_code == 404
    view_only = link()
    view_grant = client.get(f"/api/v1/shares/{view_only}").json()["access_grant"]
    refused = client.post(f"/api/v1/shares/{view_only}/exports", params={"grant": view_grant})
    assert refused.status_code == 403
