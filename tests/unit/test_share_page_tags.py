"""The tags of a share page, without a stack: escaped, generic where the link says nothing."""

from gallery.models.shares import LinkCard
from gallery.services import share_pages


def head(card: LinkCard | None, lang: str = "en") -> str:
    return share_pages._head(share_pages._tags(card, "tok", lang))


def test_user_text_is_escaped_in_every_attribute():
    card = LinkCard(protected=False, kind="image", prompt='"><script>alert(1)</script>&',
                    has_image=True)  # fmt: skip
    text = head(card)
    assert "<script>" not in text
    assert 'content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"' in text


def test_a_protected_link_says_only_the_products_name():
    text = head(LinkCard(protected=True, kind="folder"))
    assert 'property="og:title" content="Pingvas Gallery"' in text
    assert "og:image" not in text
    assert '<meta name="robots" content="noindex">' in text


def test_a_long_prompt_is_cut_for_the_title():
    tags = share_pages._tags(LinkCard(protected=False, kind="image", prompt="고양이 " * 50),
                             "tok", "ko")  # fmt: skip
    assert len(tags["og:title"]) == 70 and tags["og:title"].endswith("…")


def test_the_language_follows_accept_language():
    assert share_pages.language("ko-KR,ko;q=0.9,en;q=0.8") == "ko"
    assert share_pages.language("en-US,ko;q=0.5") == "en"
    assert share_pages.language(None) == "en"
