"""Share pages for chat apps: /s/{token} is the dashboard's index.html (the app still loads
from it) with the link's Open Graph and Twitter card tags in its head, so KakaoTalk, Slack,
Discord… draw a card without running JavaScript.

- Nothing is counted: the card is looked up as a link preview is (gallery.services.shares.visits).
- A protected link, and one that cannot be opened (unknown, revoked, expired, used up), get
  the product's generic tags: no name, no prompt, no image. The latter answer 404.
- The picture is /s/{token}/image: the 512 px thumbnail (pixels only), redirected to a
  short-lived URL when fetched, so the page holds no signature that could go stale.
- Every value is HTML-escaped: folder names and prompts are user text.
"""

import html
import re

from gallery.config import get_settings
from gallery.models.shares import LinkCard
from gallery.services.shares import visits
from gallery.storage import site

PRODUCT = "Pingvas Gallery"
# What a card says, in the language the fetcher asks for (Korean or English).
_TEXT = {
    "en": {
        "image": "An image shared with you",
        "folder_count": "{count} images shared with you",
        "folder_count_one": "1 image shared with you",
        "generic": "A link shared on Pingvas Gallery",
    },
    "ko": {
        "image": "공유받은 이미지",
        "folder_count": "공유받은 이미지 {count}장",
        "folder_count_one": "공유받은 이미지 1장",
        "generic": "Pingvas Gallery에서 공유된 링크",
    },
}
# Cards show a line or two: longer prompts are cut (at a character, never inside an escape).
_TITLE_CHARS, _DESCRIPTION_CHARS = 70, 200


def language(accept_language: str | None) -> str:
    first = (accept_language or "").split(",")[0].strip().lower()
    return "ko" if first.startswith("ko") else "en"


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tags(card: LinkCard | None, token: str, lang: str) -> dict[str, str]:
    """The meta tags' values, unescaped ({property or name: content})."""
    text = _TEXT[lang]
    base = get_settings().web_base_url.rstrip("/")
    url = f"{base}/s/{token}"
    tags = {"og:site_name": PRODUCT, "og:type": "website", "og:title": PRODUCT,
            "og:description": text["generic"], "twitter:card": "summary"}  # fmt: skip
    if card is None:
        return tags  # no og:url either: the token names nothing
    tags["og:url"] = url
    if card.protected:
        return tags
    if card.kind == "folder":
        tags["og:title"] = _cut(card.folder_name or PRODUCT, _TITLE_CHARS)
        count = "folder_count_one" if card.total == 1 else "folder_count"
        tags["og:description"] = text[count].format(count=card.total)
    else:
        tags["og:title"] = _cut(card.prompt, _TITLE_CHARS) if card.prompt else text["image"]
        if card.prompt:
            tags["og:description"] = _cut(card.prompt, _DESCRIPTION_CHARS)
    if card.has_image:
        tags["og:image"] = f"{url}/image"
        tags["twitter:card"] = "summary_large_image"
    return tags


def _head(tags: dict[str, str]) -> str:
    lines = ['<meta name="robots" content="noindex">']
    for key, value in tags.items():
        attribute = "name" if key.startswith("twitter:") else "property"
        lines.append(f'<meta {attribute}="{key}" content="{html.escape(value, quote=True)}">')
    return "\n".join(lines)


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def link_page(token: str, accept_language: str | None) -> tuple[int, str]:
    """The status (200, or 404 for a link that cannot be opened) and the page."""
    card = visits.link_card(token)
    return (404 if card is None else 200), _page(_tags(card, token, language(accept_language)))


def missing_page(accept_language: str | None) -> str:
    """The page of a /s/ path that names no link at all (a 404): the generic tags."""
    return _page(_tags(None, "", language(accept_language)))


def _page(tags: dict[str, str]) -> str:
    head = _head(tags)
    page = site.index_html()
    found = _HEAD_END.search(page)
    return page[: found.start()] + head + "\n" + page[found.start() :] if found else head + page
