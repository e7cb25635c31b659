"""Share pages as chat apps fetch them (no JavaScript): /s/{token} is the dashboard with the
link's Open Graph tags, escaped; protected and dead links get generic tags; fetching the
page or its picture counts no view."""

import html
import re

import httpx
import pytest

from devstack.stack import SITE_BUCKET
from gallery.storage import s3, site

SLACK = {"User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"}
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36"}
INDEX = ('<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Pingvas Gallery'
         '</title><script type="module" src="/assets/index-abc.js"></script></head>'
         '<body><div id="root"></div></body></html>')  # fmt: skip
HOSTILE = '"><script>alert(1)</script><meta property="og:image" content="https://evil'


@pytest.fixture(autouse=True)
def _dashboard(stack):
    """The built dashboard's index.html in the site bucket, as the site stack deploys it."""
    s3.client().put_object(Bucket=SITE_BUCKET, Key="index.html", Body=INDEX.encode())
    site.forget()
    yield
    site.forget()


def tags(page: str) -> dict[str, str]:
    found = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', page)
    return {key: html.unescape(value) for key, value in found}


def share(user, **body) -> dict:
    answer = user.post("/api/v1/shares", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def views(user, image_id) -> int:
    (link,) = user.get("/api/v1/shares", params={"image_id": str(image_id)}).json()["shares"]
    return link["current_views"]


def test_a_links_page_carries_its_card_and_still_loads_the_app(client, user, add_image):
    image_id = add_image(user.user_id, prompt="노을 진 바다 위의 등대")
    link = share(user, image_id=str(image_id), show_metadata=True)
    answer = client.get(f"/s/{link['share_token']}", headers=SLACK)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    page = answer.text
    found = tags(page)
    assert found["og:title"] == "노을 진 바다 위의 등대"
    assert found["og:description"] == "노을 진 바다 위의 등대"
    assert found["og:url"] == link["share_url"]
    assert found["og:image"] == f"{link['share_url']}/image"
    assert found["twitter:card"] == "summary_large_image"
    assert found["robots"] == "noindex"
    # the app is the same page: its script and root, the tags inside its head
    assert '<script type="module" src="/assets/index-abc.js"></script>' in page
    assert '<div id="root"></div>' in page
    assert page.index('property="og:title"') < page.index("</head>")


def test_the_card_picture_is_the_thumbnail_and_neither_fetch_counts_a_view(client, user, add_image):
    image_id = add_image(user.user_id)
    link = share(user, image_id=str(image_id), max_views=1)
    token = link["share_token"]
    for _ in range(3):  # a crawler's HEAD and GETs, and a person's GET of the page
        assert client.head(f"/s/{token}", headers=SLACK).status_code == 200
        assert client.get(f"/s/{token}", headers=SLACK).status_code == 200
        assert client.get(f"/s/{token}", headers=BROWSER).status_code == 200
    picture = client.get(f"/s/{token}/image", headers=SLACK)
    assert picture.status_code == 302
    fetched = httpx.get(picture.headers["location"], timeout=30)
    assert fetched.status_code == 200
    assert fetched.content[8:12] == b"WEBP"  # the thumbnail, not the original
    assert views(user, image_id) == 0
    # the one view is still there for the person the link was sent to
    assert client.get(f"/api/v1/shares/{token}", headers=BROWSER).status_code == 200
    assert views(user, image_id) == 1
    # used up: the page now says nothing of it, with the right status
    gone = client.get(f"/s/{token}", headers=SLACK)
    assert gone.status_code == 404
    assert "og:image" not in tags(gone.text) and "og:url" not in tags(gone.text)
    assert client.get(f"/s/{token}/image").status_code == 404


def test_a_prompt_is_escaped_and_cannot_inject_markup(client, user, add_image):
    image_id = add_image(user.user_id, prompt=HOSTILE)
    link = share(user, image_id=str(image_id), show_metadata=True)
    page = client.get(f"/s/{link['share_token']}", headers=SLACK).text
    assert "<script>alert(1)</script>" not in page
    assert 'content="https://evil' not in page
    assert tags(page)["og:title"].startswith('"><script>alert(1)</script>')
    assert page.count("<script") == 1  # the app's own


def test_without_show_metadata_the_card_holds_no_prompt(client, user, add_image):
    image_id = add_image(user.user_id, prompt="a secret lighthouse")
    link = share(user, image_id=str(image_id))
    page = client.get(f"/s/{link['share_token']}", headers={**SLACK, "Accept-Language": "ko"}).text
    assert "secret" not in page
    assert tags(page)["og:title"] == "공유받은 이미지"


def test_a_protected_link_gets_the_generic_card_and_no_picture(client, user, add_image):
    folder = user.post("/api/v1/files/folders", json={"name": "비밀 폴더"}).json()
    image_id = add_image(user.user_id, prompt="hidden prompt")
    user.patch(f"/api/v1/files/images/{image_id}", json={"folder_id": folder["folder_id"]})
    link = share(user, folder_id=folder["folder_id"], password="correct horse", show_metadata=True)
    answer = client.get(f"/s/{link['share_token']}", headers=SLACK)
    assert answer.status_code == 200  # the app asks for the password
    found = tags(answer.text)
    assert found["og:title"] == "Pingvas Gallery"
    assert "og:image" not in found
    assert "비밀" not in answer.text and "hidden" not in answer.text
    assert client.get(f"/s/{link['share_token']}/image", headers=SLACK).status_code == 404


def test_a_folder_link_is_titled_by_its_folder_and_counts_its_images(client, user, add_image):
    folder = user.post("/api/v1/files/folders", json={"name": "여행 <2026>"}).json()
    for n in range(2):
        image_id = add_image(user.user_id, prompt=f"trip {n}")
        user.patch(f"/api/v1/files/images/{image_id}", json={"folder_id": folder["folder_id"]})
    link = share(user, folder_id=folder["folder_id"])
    page = client.get(f"/s/{link['share_token']}", headers=SLACK).text
    assert "여행 &lt;2026&gt;" in page
    assert tags(page)["og:title"] == "여행 <2026>"
    assert tags(page)["og:description"] == "2 images shared with you"


def test_a_revoked_or_unknown_link_answers_404_with_the_generic_card(client, user, add_image):
    link = share(user, image_id=str(add_image(user.user_id)))
    user.delete(f"/api/v1/shares/{link['share_id']}")
    for token in (link["share_token"], "no-such-token"):
        answer = client.get(f"/s/{token}", headers=SLACK)
        assert answer.status_code == 404
        assert tags(answer.text)["og:title"] == "Pingvas Gallery"
        assert '<div id="root"></div>' in answer.text  # the app says the link is gone


def test_before_the_dashboard_is_deployed_a_page_still_carries_its_card(client, user, add_image):
    """No index.html in the site bucket yet: missing (its key names are readable), not
    refused, so the card is served on a bare page rather than a server error."""
    s3.client().delete_object(Bucket=SITE_BUCKET, Key="index.html")
    site.forget()
    link = share(user, image_id=str(add_image(user.user_id)))
    answer = client.get(f"/s/{link['share_token']}", headers=SLACK)
    assert answer.status_code == 200
    assert tags(answer.text)["og:url"] == link["share_url"]


def test_a_page_path_no_route_takes_gets_the_missing_links_page(client):
    # percent-encoded characters a token never holds (what the fuzzer found): the gateway
    # hands the path decoded, as API Gateway does, and no route matches it
    answer = client.get("/s/%F2%85%8C%AA%F3%A4%A8%8B%2A%C2%9B%C2%A1", headers=SLACK)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "og:url" not in tags(answer.text) and tags(answer.text)["og:site_name"]
    # the card picture's path and the API's own keep the JSON error
    assert client.get("/s/%C2%9B/image").json()["error"]["code"] == "not_found"
    answer = client.get("/api/v1/shares/%C2%9B")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
