"""Throttling rules: who is one client, and when a sign-in or a public check must wait."""

import pytest

from app.domain.ratelimit import LoginLimits, client_address, login_counters, login_wait, parse_networks, verify_wait

LIMITS = LoginLimits(per_pair=10, per_address=30, global_per_minute=600, window_seconds=900)


def test_a_sign_in_waits_once_any_of_its_counters_is_used_up_and_for_the_longest_of_them():
    assert login_wait(LIMITS, [(9, 800), (29, 800), (599, 50)]) is None
    assert login_wait(LIMITS, [(10, 700), (10, 800), (10, 50)]) == 700  # this pair only
    assert login_wait(LIMITS, [(1, 700), (30, 800), (10, 50)]) == 800  # this address, any account
    assert login_wait(LIMITS, [(10, 700), (30, 800), (600, 50)]) == 800


def test_failures_count_per_account_and_address_so_a_stranger_cannot_lock_the_account():
    stranger = login_counters(LIMITS, "account", "203.0.113.9")
    owner = login_counters(LIMITS, "account", "198.51.100.4")
    assert list(stranger)[0] != list(owner)[0]  # the pair counters differ
    assert list(stranger)[2] == list(owner)[2] == "login:portal"


def test_a_public_check_waits_past_its_allowance():
    assert verify_wait(30, 30, 40) is None and verify_wait(30, 31, 40) == 40


PROXY = parse_networks("10.0.0.0/24, ::1")


@pytest.mark.parametrize("peer, forwarded, trusted, expected", [
    ("203.0.113.9", "1.2.3.4", (), "203.0.113.9"),  # no trusted proxies: the header is anyone's
    ("203.0.113.9", "1.2.3.4", PROXY, "203.0.113.9"),  # not from our proxy: ignored
    ("10.0.0.5", "1.2.3.4", PROXY, "1.2.3.4"),
    ("10.0.0.5", "6.6.6.6, 1.2.3.4", PROXY, "1.2.3.4"),  # the client wrote 6.6.6.6 itself
    ("10.0.0.5", "6.6.6.6, 1.2.3.4, 10.0.0.7", PROXY, "1.2.3.4"),  # two proxies of ours
    ("10.0.0.5", "", PROXY, "10.0.0.5"),
    ("10.0.0.5", "not-an-ip", PROXY, "unknown"),
    (None, "1.2.3.4", PROXY, "unknown"),
])
def test_the_client_address_believes_x_forwarded_for_only_from_trusted_proxies(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted) == expected
