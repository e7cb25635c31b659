"""Share links and public images, over HTTP through the local gateway: secrets never stored
in clear, no asset without the grant, exact view limits, expiry, password limits, no
oracle, no metadata leak, and deletes ending links."""

import base64
import hashlib
import io
import secrets
import threading
import uuid
from datetime import timedelta

import httpx
import pytest
from PIL import Image, PngImagePlugin

from gallery import clock
from gallery.config import get_settings
from gallery.services.shares import visits
from tests.support import object_exists

SECRET_PROMPT = "a secret lighthouse under aurora, 비밀 등대"
PARAMETERS = f"{SECRET_PROMPT}\nNegative prompt: blurry\nSteps: 30, Sampler: Euler a, Seed: 4242"


def _png_with_metadata() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", PARAMETERS)
    info.add_itxt("Description", SECRET_PROMPT)
    image = Image.new("RGB", (96, 64), (10, 120, 200))
    for x in range(96):  # some texture, so a lossy copy would show
        image.putpixel((x, x % 64), (255, x * 2, 0))
    exif = Image.Exif()
    exif[0x010E] = SECRET_PROMPT  # ImageDescription
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _forget_password_failures(owner_db):
    """Every test starts with no failed passwords on record (the address limit spans links)."""
    yield
    owner_db.execute("delete from share_access_failures")


@pytest.fixture
def shared_image(user, add_image):
    return add_image(user.user_id, data=_png_with_metadata(), prompt=SECRET_PROMPT)


def create(user, **body) -> dict:
    answer = user.post("/api/v1/shares", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def visitor(client, method: str, path: str, **kwargs) -> httpx.Response:
    """A request without an account (no Authorization header)."""
    return client.request(method, path, **kwargs)


def open_link(client, token: str, **kwargs) -> httpx.Response:
    return visitor(client, "GET", f"/api/v1/shares/{token}", **kwargs)


def fetch(url: str) -> httpx.Response:
    """What a browser does with a redirect target: an anonymous GET."""
    return httpx.get(url, timeout=30)


def follow(client, path: str) -> httpx.Response:
    answer = visitor(client, "GET", path)
    assert answer.status_code == 302, answer.text
    return fetch(answer.headers["location"])


# --- secrets ---------------------------------------------------------------------------------


def test_token_and_password_are_never_stored_in_clear(user, shared_image, owner_db):
    share = create(user, image_id=str(shared_image), password="correct horse")
    token = share["share_token"]
    assert len(token) >= 43  # 32 random bytes, base64url
    assert share["share_url"].endswith(f"/s/{token}")
    row = owner_db.execute(
        "select * from shares where share_id = %s", [share["share_id"]]
    ).fetchone()
    assert bytes(row["token_hash"]) == hashlib.sha256(token.encode()).digest()
    assert row["password_hash"].startswith("$argon2id$")
    stored = repr(row)
    assert token not in stored and "correct horse" not in stored
    # the owner's listing has it again, to copy (made again from the link's id)
    listed = user.get("/api/v1/shares").json()["shares"]
    assert [s["share_id"] for s in listed] == [share["share_id"]]
    assert listed[0]["share_url"] == share["share_url"]
    assert listed[0]["password_protected"] is True


def test_the_owner_copies_an_active_link_again_and_only_an_active_one(client, user, shared_image):
    share = create(user, image_id=str(shared_image))
    other = create(user, image_id=str(shared_image))
    listed = {s["share_id"]: s for s in user.get("/api/v1/shares").json()["shares"]}
    assert listed[share["share_id"]]["share_url"] == share["share_url"]
    assert listed[other["share_id"]]["share_token"] == other["share_token"] != share["share_token"]
    # the listed address opens the link, as the one given at creation did
    token = listed[share["share_id"]]["share_token"]
    assert open_link(client, token).status_code == 200
    changed = user.patch(f"/api/v1/shares/{share['share_id']}", json={"permission": "download"})
    assert changed.json()["share_url"] == share["share_url"]  # a change keeps the address
    revoked = user.delete(f"/api/v1/shares/{share['share_id']}").json()
    assert revoked["share_url"] is None and revoked["share_token"] is None
    listed = {s["share_id"]: s for s in user.get("/api/v1/shares").json()["shares"]}
    assert listed[share["share_id"]]["share_url"] is None  # revoked: nothing to copy
    assert open_link(client, token).status_code == 404


def test_a_link_whose_token_is_not_its_ids_is_never_shown_again(user, shared_image, owner_db):
    """A link made before tokens were derived (256 random bits), or made under another key:
    its hash says the token made now is not its own, so none is shown (a wrong address never)."""
    share = create(user, image_id=str(shared_image))
    older = secrets.token_urlsafe(32)
    owner_db.execute(
        "update shares set token_hash = %s where share_id = %s",
        [hashlib.sha256(older.encode()).digest(), share["share_id"]],
    )  # fmt: skip
    (listed,) = [s for s in user.get("/api/v1/shares").json()["shares"]
                 if s["share_id"] == share["share_id"]]  # fmt: skip
    assert listed["share_url"] is None and listed["share_token"] is None
    assert listed["status"] == "active"


def test_tokens_are_unique_and_look_random(user, shared_image, owner_db):
    tokens = [create(user, image_id=str(shared_image))["share_token"] for _ in range(20)]
    assert len(set(tokens)) == 20
    raw = [base64.urlsafe_b64decode(t + "=" * (-len(t) % 4)) for t in tokens]
    assert all(len(t) == 43 and len(r) == 32 for t, r in zip(tokens, raw, strict=True))  # 256 bits
    # the bits look random: about half are ones (5,120 bits: 0.45-0.55 is over 7 sigmas)
    ones = sum(bin(byte).count("1") for r in raw for byte in r)
    assert 0.45 < ones / (20 * 256) < 0.55
    # only the sha-256 is stored: no row holds a token
    stored = owner_db.execute(
        "select token_hash, to_jsonb(s)::text as row from shares s where user_id = %s",
        [user.user_id],
    ).fetchall()  # fmt: skip
    hashes = {bytes(row["token_hash"]) for row in stored}
    assert {hashlib.sha256(t.encode()).digest() for t in tokens} <= hashes
    assert not any(t in row["row"] for t in tokens for row in stored)


# --- opening a link --------------------------------------------------------------------------


def test_opening_a_link_counts_one_view_and_grants_access_to_its_assets(client, user, shared_image):
    share = create(user, image_id=str(shared_image), show_metadata=True)
    page = open_link(client, share["share_token"])
    assert page.status_code == 200, page.text
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    body = page.json()
    assert body["kind"] == "image" and body["total"] == 1 and body["access_grant"]
    (image,) = body["images"]
    assert image["image_id"] == str(shared_image)
    assert image["metadata"]["prompt"] == SECRET_PROMPT
    assert image["download_url"] is None  # a view link
    assert fetch(image["thumbnail_256_url"]).status_code == 200
    served = follow(client, image["view_url"])
    assert served.status_code == 200
    assert served.content == _png_with_metadata()  # metadata shown: the original itself
    # paging with the grant does not spend views
    again = open_link(client, share["share_token"], headers={"X-Share-Grant": body["access_grant"]})
    assert again.status_code == 200 and again.json()["access_grant"] is None
    listed = user.get("/api/v1/shares").json()["shares"][0]
    assert listed["current_views"] == 1 and listed["status"] == "active"
    assert listed["last_accessed_at"] is not None


def test_a_view_only_link_refuses_downloads_and_a_download_link_counts_them(
    client, user, shared_image
):
    view_only = create(user, image_id=str(shared_image))
    image = open_link(client, view_only["share_token"]).json()["images"][0]
    grant = image["view_url"].split("grant=")[1]
    refused = visitor(
        client,
        "GET",
        f"/api/v1/shares/{view_only['share_token']}/images/{shared_image}/download?grant={grant}",
    )
    assert refused.status_code == 403, refused.text

    downloadable = create(user, image_id=str(shared_image), permission="download")
    image = open_link(client, downloadable["share_token"]).json()["images"][0]
    redirect = visitor(client, "GET", image["download_url"])
    assert redirect.status_code == 302
    served = fetch(redirect.headers["location"])
    assert served.status_code == 200
    assert served.headers["content-disposition"].startswith("attachment;")
    mine = user.get(f"/api/v1/shares?image_id={shared_image}").json()["shares"]
    counts = {s["share_id"]: s["download_count"] for s in mine}
    assert counts == {view_only["share_id"]: 0, downloadable["share_id"]: 1}
    assert user.get(f"/api/v1/files/images/{shared_image}").json()["download_count"] == 1


def test_a_folder_link_pages_through_its_folder_only(client, user, add_image):
    folder = user.post("/api/v1/files/folders", json={"name": "shared"}).json()
    inside = {add_image(user.user_id, folder_id=uuid.UUID(folder["folder_id"])) for _ in range(5)}
    outside = add_image(user.user_id)
    share = create(user, folder_id=folder["folder_id"])
    first = open_link(client, share["share_token"], params={"page_size": 2}).json()
    assert first["kind"] == "folder" and first["folder_name"] == "shared"
    assert first["total"] == 5
    grant, seen, page = first["access_grant"], [], first
    while True:
        seen += [uuid.UUID(i["image_id"]) for i in page["images"]]
        if not page["has_more"]:
            break
        page = open_link(
            client, share["share_token"],
            params={"page_size": 2, "cursor": page["next_cursor"], "grant": grant},
        ).json()  # fmt: skip
    assert len(seen) == 5 and set(seen) == inside
    # an image outside the folder is not reachable through the link
    stray = visitor(
        client, "GET", f"/api/v1/shares/{share['share_token']}/images/{outside}/view?grant={grant}"
    )
    assert stray.status_code == 404
    assert user.get("/api/v1/shares").json()["shares"][0]["current_views"] == 1


# --- passwords and grants ----------------------------------------------------------------------


def test_every_path_of_a_password_link_refuses_without_the_grant(client, user, shared_image):
    share = create(user, image_id=str(shared_image), password="open sesame", permission="download")
    token = share["share_token"]
    other = create(user, image_id=str(shared_image))  # a grant of another link
    foreign_grant = open_link(client, other["share_token"]).json()["access_grant"]
    asset_paths = [
        f"/api/v1/shares/{token}",
        f"/api/v1/shares/{token}/images/{shared_image}/view",
        f"/api/v1/shares/{token}/images/{shared_image}/download",
    ]
    for path in asset_paths:
        for grant in (None, "", "1.abc", foreign_grant, "9999999999.AAAA", "²³.x", "9" * 120):
            params = {"grant": grant} if grant is not None else {}
            answer = visitor(client, "GET", path, params=params)
            assert answer.status_code == 401, (path, grant, answer.text)
            assert answer.json()["error"]["code"] == "password_required"
            assert "url" not in answer.text
    wrong = visitor(client, "POST", f"/api/v1/shares/{token}/access", json={"password": "nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_password"
    access = visitor(
        client, "POST", f"/api/v1/shares/{token}/access", json={"password": "open sesame"}
    )
    assert access.status_code == 200, access.text
    grant = access.json()["access_grant"]
    page = open_link(client, token, headers={"X-Share-Grant": grant})
    assert page.status_code == 200 and page.json()["images"][0]["image_id"] == str(shared_image)
    for path in asset_paths[1:]:
        assert visitor(client, "GET", path, params={"grant": grant}).status_code == 302
    # a new password ends the grants given under the old one
    assert (
        user.patch(f"/api/v1/shares/{share['share_id']}", json={"password": "new one!"}).status_code
        == 200
    )
    assert open_link(client, token, headers={"X-Share-Grant": grant}).status_code == 401


def test_a_grant_expires(client, user, shared_image, monkeypatch):
    share = create(user, image_id=str(shared_image))
    grant = open_link(client, share["share_token"]).json()["access_grant"]
    path = f"/api/v1/shares/{share['share_token']}/images/{shared_image}/view"
    assert visitor(client, "GET", path, params={"grant": grant}).status_code == 302
    later = clock.now() + timedelta(seconds=get_settings().share_grant_ttl_seconds + 1)
    monkeypatch.setattr(clock, "now", lambda: later)
    answer = visitor(client, "GET", path, params={"grant": grant})
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "access_grant_required"


class Clock:
    """The time the stack reads (gallery.clock), moved by the test: nobody sleeps."""

    def __init__(self, monkeypatch):
        self.moment = clock.now()
        monkeypatch.setattr(clock, "now", lambda: self.moment)

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def from_address(stack, address: str) -> httpx.Client:
    """A visitor at its own client address (loopback has a whole /8)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=stack.url, transport=transport, timeout=30)


def try_password(http, token: str, password: str) -> httpx.Response:
    return http.post(f"/api/v1/shares/{token}/access", json={"password": password})


def test_wrong_passwords_back_off_exponentially_and_say_when_to_retry(
    client, user, shared_image, monkeypatch
):
    now = Clock(monkeypatch)
    token = create(user, image_id=str(shared_image), password="right password")["share_token"]
    free = get_settings().share_password_free_attempts
    for _ in range(free):
        assert try_password(client, token, "wrong guess").status_code == 401
    for delay in (1, 2, 4, 8):  # each further failure doubles the wait
        refused = try_password(client, token, "wrong guess")
        assert refused.status_code == 429, refused.text
        assert refused.json()["error"]["code"] == "too_many_requests"
        assert refused.headers["retry-after"] == str(delay)
        now.advance(delay - 1)
        assert try_password(client, token, "wrong guess").status_code == 429
        now.advance(1)
        assert try_password(client, token, "wrong guess").status_code == 401
    # while it waits, even the right password is refused before any comparison
    assert try_password(client, token, "right password").status_code == 429
    now.advance(16)
    assert try_password(client, token, "right password").status_code == 200


def test_an_attacker_cannot_lock_a_visitor_who_knows_the_password_out(
    stack, user, shared_image, monkeypatch
):
    Clock(monkeypatch)
    token = create(user, image_id=str(shared_image), password="right password")["share_token"]
    attackers = [from_address(stack, f"127.0.0.{n}") for n in range(10, 14)]
    answers = {}
    for attacker in attackers:  # eight wrong passwords from each of four addresses
        with attacker:
            answers[attacker] = [try_password(attacker, token, "guess!!!").status_code
                                 for _ in range(8)]  # fmt: skip
    # the link took many wrong passwords from everywhere; the visitor's address none
    with from_address(stack, "127.0.0.3") as visitor_at_home:
        assert try_password(visitor_at_home, token, "right password").status_code == 200
    free = get_settings().share_password_free_attempts
    for seen in answers.values():  # each attacker was held back after its own free attempts
        assert seen == [401] * free + [429] * (8 - free), seen


def test_a_link_under_attack_backs_off_only_the_addresses_that_failed_on_it(
    stack, user, shared_image, monkeypatch
):
    Clock(monkeypatch)
    monkeypatch.setattr(get_settings(), "share_password_link_free_attempts", 7)
    token = create(user, image_id=str(shared_image), password="right password")["share_token"]
    clumsy = from_address(stack, "127.0.0.20")
    attackers = [from_address(stack, f"127.0.0.{n}") for n in range(21, 24)]
    with clumsy, from_address(stack, "127.0.0.30") as newcomer:
        assert try_password(clumsy, token, "typo typo").status_code == 401
        for attacker in attackers:  # within each address's own free attempts
            with attacker:
                for _ in range(2):
                    assert try_password(attacker, token, "guess!!!").status_code == 401
        # past the link's allowance: one failure of its own holds an address back
        refused = try_password(clumsy, token, "right password")
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) == 2
        # an address that never failed on the link is let through
        assert try_password(newcomer, token, "right password").status_code == 200


def test_an_address_shared_by_many_gets_more_attempts_across_links_than_on_one(
    stack, user, shared_image, monkeypatch
):
    Clock(monkeypatch)
    settings = get_settings()
    per_link, per_address = (settings.share_password_free_attempts,
                             settings.share_password_address_free_attempts)  # fmt: skip
    assert per_address > per_link
    links = [create(user, image_id=str(shared_image), password="pw-right")["share_token"]
             for _ in range(-(-per_address // per_link) + 1)]  # fmt: skip
    with from_address(stack, "127.0.0.2") as office, from_address(stack, "127.0.0.3") as other:
        failures = 0
        for token in links[:-1]:  # an office's people mistyping on many links
            for _ in range(per_link):
                if failures < per_address:
                    assert try_password(office, token, "x" * 8).status_code == 401
                    failures += 1
        # past its allowance the address backs off on every link, even one it never tried
        assert try_password(office, links[-1], "pw-right").status_code == 429
        # another address is not held back by it
        assert try_password(other, links[-1], "pw-right").status_code == 200


# --- exact view limits --------------------------------------------------------------------------


def test_max_views_is_exact_under_concurrency(client, user, shared_image):
    """50 visitors at once for 10 views. The local gateway runs one invocation at a time (one
    Lambda container), so the race is also run at the service with 50 threads, where the
    database transactions do overlap."""
    for opener in ("http", "threads"):
        share = create(user, image_id=str(shared_image), max_views=10)
        token = share["share_token"]
        results: list[int] = []
        start = threading.Barrier(50)

        def visit(token=token, opener=opener, start=start, results=results):
            start.wait()
            if opener == "http":
                with httpx.Client(base_url=str(client.base_url), timeout=60) as own:
                    results.append(open_link(own, token).status_code)
            else:
                try:
                    visits.open_share(token, grant=None)
                    results.append(200)
                except Exception as error:
                    results.append(getattr(error, "status", 500))

        threads = [threading.Thread(target=visit) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [200] * 10 + [404] * 40, opener
        listed = user.get(f"/api/v1/shares?image_id={shared_image}").json()["shares"]
        mine = next(s for s in listed if s["share_id"] == share["share_id"])
        assert mine["current_views"] == 10 and mine["status"] == "exhausted"


def test_link_previews_neither_count_nor_show(client, user, shared_image):
    share = create(user, image_id=str(shared_image), max_views=1)
    token = share["share_token"]
    head = visitor(client, "HEAD", f"/api/v1/shares/{token}")
    assert head.status_code == 200 and head.content == b""
    for agent in ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                  "facebookexternalhit/1.1", "Mozilla/5.0 (compatible; Discordbot/2.0)",
                  "kakaotalk-scrap/1.0"):  # fmt: skip
        card = open_link(client, token, headers={"User-Agent": agent})
        assert card.status_code == 200
        assert card.json()["images"] == [] and card.json()["access_grant"] is None
    assert open_link(client, token).status_code == 200  # the one real view is still there
    assert open_link(client, token).status_code == 404


def test_a_preview_of_a_protected_link_shows_not_even_its_name(client, user):
    folder = user.post("/api/v1/files/folders", json={"name": "secret project"}).json()
    share = create(user, folder_id=folder["folder_id"], password="hidden!!")
    card = open_link(client, share["share_token"], headers={"User-Agent": "Twitterbot/1.0"})
    assert card.status_code == 200 and "secret project" not in card.text
    assert card.json()["folder_name"] is None


# --- expiry, revocation, no oracle --------------------------------------------------------------


def test_unknown_revoked_expired_and_used_up_links_answer_identically(
    client, user, shared_image, monkeypatch
):
    revoked = create(user, image_id=str(shared_image))
    assert user.delete(f"/api/v1/shares/{revoked['share_id']}").json()["status"] == "revoked"
    used_up = create(user, image_id=str(shared_image), max_views=1)
    assert open_link(client, used_up["share_token"]).status_code == 200
    expiring = create(user, image_id=str(shared_image), expires_in_hours=1)
    assert open_link(client, expiring["share_token"]).status_code == 200
    later = clock.now() + timedelta(hours=1, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)

    answers = {
        "unknown": open_link(client, "A" * 43),
        "malformed": open_link(client, "not-a-token"),
        "revoked": open_link(client, revoked["share_token"]),
        "expired": open_link(client, expiring["share_token"]),
        "used up": open_link(client, used_up["share_token"]),
    }
    bodies = {name: (a.status_code, a.content) for name, a in answers.items()}
    assert len(set(bodies.values())) == 1, bodies
    assert answers["unknown"].status_code == 404
    # only the owner learns which is which
    statuses = {s["share_id"]: s["status"] for s in user.get("/api/v1/shares").json()["shares"]}
    assert statuses[expiring["share_id"]] == "expired"
    assert statuses[revoked["share_id"]] == "revoked"
    assert statuses[used_up["share_id"]] == "exhausted"


def _what_a_client_sees(response: httpx.Response) -> tuple:
    """Status, every header but the date, and the body."""
    headers = sorted((k, v) for k, v in response.headers.items() if k not in ("date", "server"))
    return response.status_code, headers, response.content


def _visits(token: str, image_id) -> list[tuple[str, str, str, dict]]:
    """Every request a visitor can make of a link: (what, method, path, options)."""
    link, image, forged = f"/api/v1/shares/{token}", f"/api/v1/shares/{token}/images/{image_id}", {
        "grant": "9999999999.AAAA"}  # fmt: skip
    return [
        ("open", "GET", link, {}),
        ("open with a forged grant", "GET", link, {"params": forged}),
        ("chat preview", "GET", link, {"headers": {"User-Agent": "Slackbot-LinkExpanding 1.0"}}),
        ("social preview", "GET", link, {"headers": {"User-Agent": "facebookexternalhit/1.1"}}),
        ("HEAD", "HEAD", link, {}),
        ("password", "POST", f"{link}/access", {"json": {"password": "right password"}}),
        ("wrong password", "POST", f"{link}/access", {"json": {"password": "wrong guess"}}),
        ("view", "GET", f"{image}/view", {}),
        ("view with a forged grant", "GET", f"{image}/view", {"params": forged}),
        ("download", "GET", f"{image}/download", {}),
    ]


def test_a_used_up_link_answers_every_visitor_path_byte_for_byte_as_an_unknown_one(
    client, user, shared_image
):
    plain = create(user, image_id=str(shared_image), max_views=1, permission="download")
    protected = create(user, image_id=str(shared_image), max_views=1, permission="download",
                       password="right password")  # fmt: skip
    grant = open_link(client, plain["share_token"]).json()["access_grant"]
    assert try_password(client, protected["share_token"], "right password").status_code == 200
    never = _visits(secrets.token_urlsafe(32), shared_image)
    for share in (plain, protected):
        used_up = _visits(share["share_token"], shared_image)
        for (what, method, path, options), unknown_visit in zip(used_up, never, strict=True):
            seen = visitor(client, method, path, **options)
            assert seen.status_code == 404, (what, share["password_protected"], seen.text)
            unknown = visitor(client, method, unknown_visit[2], **options)
            assert _what_a_client_sees(seen) == _what_a_client_sees(unknown), what
    # whoever spent the last view keeps its grant's hour
    last_view = f"/api/v1/shares/{plain['share_token']}/images/{shared_image}/view"
    assert visitor(client, "GET", last_view, params={"grant": grant}).status_code == 302
    page = open_link(client, plain["share_token"], headers={"X-Share-Grant": grant})
    assert page.status_code == 200 and len(page.json()["images"]) == 1


def test_expiry_defaults_to_seven_days_and_never_must_be_asked_for(user, shared_image):
    before = clock.now()
    default = create(user, image_id=str(shared_image))
    from datetime import datetime

    expires = datetime.fromisoformat(default["expires_at"])
    assert timedelta(days=7) <= expires - before <= timedelta(days=7, minutes=1)
    never = create(user, image_id=str(shared_image), expires_in_hours=None)
    assert never["expires_at"] is None
    changed = user.patch(f"/api/v1/shares/{never['share_id']}", json={"expires_in_hours": 2})
    assert changed.status_code == 200 and changed.json()["expires_at"] is not None


# --- no metadata in JSON or bytes ----------------------------------------------------------------


def _assert_no_metadata(data: bytes) -> None:
    assert SECRET_PROMPT.encode() not in data
    assert "비밀 등대".encode() not in data
    assert b"Negative prompt" not in data and b"Seed: 4242" not in data
    image = Image.open(io.BytesIO(data))
    image.load()
    assert not getattr(image, "text", {})  # no PNG text chunks
    assert not dict(image.getexif())  # no EXIF
    assert "exif" not in image.info and "xmp" not in image.info


def test_without_show_metadata_no_prompt_leaks_in_json_or_served_bytes(client, user, shared_image):
    share = create(user, image_id=str(shared_image), permission="download")
    page = open_link(client, share["share_token"])
    assert SECRET_PROMPT not in page.text and "Negative prompt" not in page.text
    (image,) = page.json()["images"]
    assert image["metadata"] is None
    served = {
        "thumbnail_256": fetch(image["thumbnail_256_url"]).content,
        "thumbnail_512": fetch(image["thumbnail_512_url"]).content,
        "preview_avif": fetch(image["preview_url"]).content,
        "preview_webp": fetch(image["preview_fallback_url"]).content,
        "view": follow(client, image["view_url"]).content,
        "download": follow(client, image["download_url"]).content,
    }
    for name, data in served.items():
        assert data, name
        _assert_no_metadata(data)
    original = Image.open(io.BytesIO(_png_with_metadata()))
    for name in ("view", "download"):  # not the original file, but the very same pixels
        assert served[name] != _png_with_metadata()
        copy = Image.open(io.BytesIO(served[name]))
        assert copy.format == "PNG" and copy.size == original.size
        assert copy.convert("RGB").tobytes() == original.convert("RGB").tobytes()


# --- public images ---------------------------------------------------------------------------


def test_public_images_are_readable_without_an_account_until_made_private(
    client, user, shared_image
):
    path = f"/api/v1/public/images/{shared_image}"
    assert visitor(client, "GET", path).status_code == 404
    assert visitor(client, "GET", f"{path}/view").status_code == 404
    user.patch(f"/api/v1/files/images/{shared_image}", json={"is_public": True})
    public = visitor(client, "GET", path)
    assert public.status_code == 200, public.text
    assert public.json()["metadata"] is None and SECRET_PROMPT not in public.text
    _assert_no_metadata(follow(client, public.json()["view_url"]).content)
    assert fetch(public.json()["thumbnail_512_url"]).status_code == 200
    _assert_no_metadata(fetch(public.json()["preview_url"]).content)
    # the owner chooses to show the prompt
    user.patch(f"/api/v1/files/images/{shared_image}", json={"public_show_metadata": True})
    assert visitor(client, "GET", path).json()["metadata"]["prompt"] == SECRET_PROMPT
    # private again: refused at once
    user.patch(f"/api/v1/files/images/{shared_image}", json={"is_public": False})
    assert visitor(client, "GET", path).status_code == 404
    assert visitor(client, "GET", f"{path}/view").status_code == 404


def test_a_public_image_is_not_a_way_into_another_link(client, user, other_user, add_image):
    """A link's asset path serves only the link's own images, even public ones of others."""
    mine = add_image(user.user_id)
    theirs = add_image(other_user.user_id)
    other_user.patch(f"/api/v1/files/images/{theirs}", json={"is_public": True})
    share = create(user, image_id=str(mine))
    grant = open_link(client, share["share_token"]).json()["access_grant"]
    stray = f"/api/v1/shares/{share['share_token']}/images/{theirs}/view"
    assert visitor(client, "GET", stray, params={"grant": grant}).status_code == 404


# --- ownership and deletes -------------------------------------------------------------------


def test_links_are_the_owners_alone(client, user, other_user, shared_image):
    assert (
        other_user.post("/api/v1/shares", json={"image_id": str(shared_image)}).status_code == 404
    )
    share = create(user, image_id=str(shared_image))
    assert other_user.get("/api/v1/shares").json()["shares"] == []
    path = f"/api/v1/shares/{share['share_id']}"
    assert other_user.patch(path, json={"max_views": 1}).status_code == 404
    assert other_user.delete(path).status_code == 404
    assert open_link(client, share["share_token"]).status_code == 200


def test_bad_input_gets_clear_errors(user, shared_image):
    folder = user.post("/api/v1/files/folders", json={"name": "f"}).json()
    cases = [
        {},
        {"image_id": str(shared_image), "folder_id": folder["folder_id"]},
        {"image_id": str(shared_image), "permission": "edit"},
        {"image_id": str(shared_image), "expires_in_hours": 0},
        {"image_id": str(shared_image), "max_views": 0},
        {"image_id": str(shared_image), "password": "abc"},
        {"image_id": str(shared_image), "password": "seven77"},
        {"image_id": str(shared_image), "surprise": True},
    ]
    for body in cases:
        answer = user.post("/api/v1/shares", json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.json()["error"]["code"] == "validation_error"
    assert user.post("/api/v1/shares", json={"image_id": str(uuid.uuid4())}).status_code == 404


def test_a_share_password_has_at_least_eight_characters(user, shared_image):
    short = user.post("/api/v1/shares", json={"image_id": str(shared_image), "password": "1234567"})
    assert short.status_code == 422 and short.json()["error"]["code"] == "validation_error"
    share = create(user, image_id=str(shared_image), password="12345678")
    path = f"/api/v1/shares/{share['share_id']}"
    changed = user.patch(path, json={"password": "7 chars"})
    assert changed.status_code == 422 and changed.json()["error"]["code"] == "validation_error"
    assert user.patch(path, json={"password": "8 chars!"}).status_code == 200


def test_deleting_an_image_or_folder_ends_its_links(client, user, add_image):
    image = add_image(user.user_id)
    image_link = create(user, image_id=str(image))
    folder = user.post("/api/v1/files/folders", json={"name": "gone soon"}).json()
    add_image(user.user_id, folder_id=uuid.UUID(folder["folder_id"]))
    folder_link = create(user, folder_id=folder["folder_id"])
    assert open_link(client, image_link["share_token"]).status_code == 200
    assert open_link(client, folder_link["share_token"]).status_code == 200

    user.delete(f"/api/v1/files/images/{image}")  # into the trash
    assert open_link(client, image_link["share_token"]).status_code == 404
    user.post(f"/api/v1/files/images/{image}/restore")  # restoring does not revive the link
    assert open_link(client, image_link["share_token"]).status_code == 404
    user.delete(f"/api/v1/files/folders/{folder['folder_id']}")
    assert open_link(client, folder_link["share_token"]).status_code == 404
    remaining = {s["share_id"]: s["status"] for s in user.get("/api/v1/shares").json()["shares"]}
    assert remaining == {image_link["share_id"]: "revoked"}


def test_the_metadata_check_sees_metadata_where_there_is_some():
    with pytest.raises(AssertionError):
        _assert_no_metadata(_png_with_metadata())


def test_purging_an_image_removes_the_copy_made_for_its_links(client, user, shared_image):
    from gallery.storage.keys import clean_copy_key

    share = create(user, image_id=str(shared_image))
    follow(client, open_link(client, share["share_token"]).json()["images"][0]["view_url"])
    key = clean_copy_key(user.user_id, shared_image, "image/png")
    assert object_exists(key)
    user.delete(f"/api/v1/files/images/{shared_image}")
    assert user.delete("/api/v1/files/trash").json() == {"purged": 1}
    assert not object_exists(key)
    assert user.get("/api/v1/shares").json()["shares"] == []  # purged with the image


def test_the_copy_without_metadata_counts_in_usage_until_the_maintenance_expires_it(
    client, user, shared_image, monkeypatch
):
    from gallery.services.maintenance import run_maintenance
    from gallery.storage import s3
    from gallery.storage.keys import clean_copy_key

    usage = lambda: user.get("/api/v1/files/storage-usage").json()["used_bytes"]  # noqa: E731
    before = usage()
    share = create(user, image_id=str(shared_image), expires_in_hours=None)  # outlives the copy
    follow(client, open_link(client, share["share_token"]).json()["images"][0]["view_url"])
    key = clean_copy_key(user.user_id, shared_image, "image/png")
    size = s3.client().head_object(Bucket=get_settings().bucket_name, Key=key)["ContentLength"]
    assert usage() == before + size  # derived storage, like the thumbnails
    run_maintenance()
    assert object_exists(key) and usage() == before + size  # not old yet

    later = clock.now() + timedelta(days=get_settings().share_clean_copy_days, minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert run_maintenance()["clean_copies_expired"] >= 1  # ours, and other tests' copies
    assert not object_exists(key) and usage() == before
    # a later visit makes (and counts) it again
    follow(client, open_link(client, share["share_token"]).json()["images"][0]["view_url"])
    assert object_exists(key) and usage() == before + size


def test_maintenance_forgets_wrong_passwords_once_their_window_is_over(
    client, user, shared_image, owner_db, monkeypatch
):
    from gallery.services.maintenance import run_maintenance

    share = create(user, image_id=str(shared_image), password="pw-right")
    for _ in range(3):
        visitor(client, "POST", f"/api/v1/shares/{share['share_token']}/access",
                json={"password": "nope nope"})  # fmt: skip
    failures = "select count(*) as n from share_access_failures where share_id = %s"
    assert owner_db.execute(failures, [share["share_id"]]).fetchone()["n"] == 3
    assert run_maintenance()["password_failures_forgotten"] == 0  # still inside the window
    window = timedelta(seconds=get_settings().share_password_window_seconds)
    later = clock.now() + window + timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert run_maintenance()["password_failures_forgotten"] >= 3
    assert owner_db.execute(failures, [share["share_id"]]).fetchone()["n"] == 0


def test_the_original_designs_client_keeps_working(client, user, shared_image):
    """It POSTs /shares/ (API Gateway routes a trailing slash like none) and reads the one-image
    page's fields at the top level."""
    answer = user.post(
        "/api/v1/shares/",
        json={"image_id": str(shared_image), "permission": "download", "show_metadata": True},
    )
    assert answer.status_code == 200, answer.text
    page = open_link(client, answer.json()["share_token"]).json()
    (image,) = page["images"]
    assert page["image_id"] == str(shared_image)
    assert page["image_url"] == image["view_url"]
    assert page["thumbnail_url"] == image["thumbnail_512_url"]
    assert (page["prompt"], page["width"], page["height"]) == (SECRET_PROMPT, 96, 64)
    assert page["permission"] == "download" and page["can_download"] is True
    hidden = open_link(client, create(user, image_id=str(shared_image))["share_token"]).json()
    assert hidden["prompt"] is None and hidden["model"] is None
    assert hidden["can_download"] is False and hidden["image_url"]


def test_an_in_app_browser_sees_the_shared_image_and_counts_a_view(client, user, shared_image):
    from tests.unit.test_link_previews import IN_APP_BROWSERS

    share = create(user, image_id=str(shared_image))
    page = open_link(client, share["share_token"], headers={"User-Agent": IN_APP_BROWSERS["line"]})
    assert page.status_code == 200 and len(page.json()["images"]) == 1
    assert page.json()["access_grant"]


def test_a_copy_without_metadata_that_would_pass_the_quota_is_not_made_the_preview_serves(
    client, new_user, add_image, monkeypatch
):
    from gallery.config import Plan
    from gallery.storage.keys import clean_copy_key

    monkeypatch.setitem(get_settings().plans, "full", Plan(quota_bytes=10**9))
    owner = new_user("full")
    image = add_image(owner.user_id, data=_png_with_metadata())
    used = owner.get("/api/v1/files/storage-usage").json()["used_bytes"]
    monkeypatch.setitem(get_settings().plans, "full", Plan(quota_bytes=used))  # full to the byte
    share = create(owner, image_id=str(image), permission="download")
    page = open_link(client, share["share_token"]).json()
    answer = follow(client, page["images"][0]["download_url"])
    assert answer.status_code == 200
    assert Image.open(io.BytesIO(answer.content)).format == "WEBP"  # the pixels-only preview
    assert SECRET_PROMPT.encode() not in answer.content
    assert not object_exists(clean_copy_key(owner.user_id, image, "image/png"))
    assert owner.get("/api/v1/files/storage-usage").json()["used_bytes"] == used
