"""Link previews are the chat apps' fetchers, told by their bot tokens; the same apps'
in-app browsers are people opening the link (issue 15, finding 8). Real user-agent strings."""

import pytest

from gallery.services.shares.visits import is_link_preview

FETCHERS = {
    "kakaotalk": "facebookexternalhit/1.1; kakaotalk-scrap/1.0; +https://devtalk.kakao.com/"
    "docs/latest/kakaotalk-link-scraping",
    "line": "facebookexternalhit/1.1;line-poker/1.0",
    "naver": "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)",
    "daum": "Mozilla/5.0 (compatible; Daum/4.1; +https://cs.daum.net/faq/15/4118.html)",
    "slack": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "discord": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "teams": "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 "
    "skype-url-preview@microsoft.com",
    "facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "x": "Twitterbot/1.0",
    "telegram": "TelegramBot (like TwitterBot)",
    "whatsapp": "WhatsApp/2.23.20.0 A",
}
IN_APP_BROWSERS = {
    "kakaotalk": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.6.5",
    "line": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Safari Line/14.5.0",
    "naver": "Mozilla/5.0 (Linux; Android 14; SM-S921N Build/UP1A.231005.007; wv) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile "
    "Safari/537.36 NAVER(inapp; search; 2000; 12.5.1)",
    "daum": "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36 DaumApps/8.6.0 DaumDevice/mobile",
    "snapchat": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Snapchat/13.10.0.41 (like Safari/8617.1.17.10.10)",
    "teams": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Teams/1.7.00.13456 Chrome/114.0.5735.289 Electron/25.9.3 Safari/537.36",
    "facebook": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/460.0.0.39.109;FBBV/588776562]",
    "instagram": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Instagram 330.0.3.21.98",
    "chrome": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
}


@pytest.mark.parametrize("app", FETCHERS)
def test_a_chat_apps_fetcher_is_a_link_preview(app):
    assert is_link_preview("GET", FETCHERS[app])


@pytest.mark.parametrize("app", IN_APP_BROWSERS)
def test_an_in_app_browser_is_a_person_opening_the_link(app):
    assert not is_link_preview("GET", IN_APP_BROWSERS[app])


def test_a_head_request_is_always_a_preview():
    assert is_link_preview("HEAD", None)
