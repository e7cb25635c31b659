"""The back-off of wrong share passwords, as a function of the failures on record: exponential
after the free attempts, capped, tighter on a link under attack only for addresses that failed
on it, and IPv6 counted by /64 (gallery.services.shares.passwords)."""

from datetime import UTC, datetime, timedelta

from gallery.config import get_settings
from gallery.services.shares.passwords import address_key, password_retry_after

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def standing(pair=0, address=None, link=None, ago=0.0) -> dict:
    latest = NOW - timedelta(seconds=ago)
    return {"pair_failures": pair, "pair_last": latest if pair else None,
            "address_failures": pair if address is None else address,
            "address_last": latest, "link_failures": pair if link is None else link}  # fmt: skip


def test_no_failure_of_its_own_is_never_held_back_even_on_a_link_under_attack():
    assert password_retry_after(standing(pair=0, address=0, link=10**6), NOW) == 0


def test_the_wait_doubles_after_the_free_attempts_and_stops_at_its_ceiling():
    settings = get_settings()
    free = settings.share_password_free_attempts
    assert password_retry_after(standing(pair=free - 1), NOW) == 0
    waits = [password_retry_after(standing(pair=free + n), NOW) for n in range(6)]
    assert waits == [settings.share_password_backoff_seconds * 2**n for n in range(6)]
    ceiling = settings.share_password_max_backoff_seconds
    assert password_retry_after(standing(pair=free + 60), NOW) == ceiling
    assert password_retry_after(standing(pair=free + 60, ago=ceiling), NOW) == 0


def test_an_address_backs_off_across_links_only_past_its_higher_allowance():
    settings = get_settings()
    allowance = settings.share_password_address_free_attempts
    assert allowance > settings.share_password_free_attempts
    assert password_retry_after(standing(pair=1, address=allowance - 1), NOW) == 0
    assert password_retry_after(standing(pair=1, address=allowance), NOW) == 1


def test_under_attack_a_failing_address_backs_off_from_its_first_failure_up_to_the_window():
    settings = get_settings()
    attacked = settings.share_password_link_free_attempts
    assert password_retry_after(standing(pair=1, link=attacked - 1), NOW) == 0
    assert password_retry_after(standing(pair=1, link=attacked), NOW) == 2
    window = settings.share_password_window_seconds
    assert password_retry_after(standing(pair=40, link=attacked), NOW) == window


def test_ipv6_addresses_count_by_their_slash_64():
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:192.0.2.1") == "192.0.2.1" == address_key("192.0.2.1")
