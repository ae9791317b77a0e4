"""The pure rules of the access limits and of the client's address (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenaria.core import rules
from plenaria.core.net import address_bucket, client_from, parse_networks

PIN = {"free": 5, "base": 2, "cap": 300}


def test_the_first_failures_cost_nothing_then_the_delay_doubles_up_to_the_cap():
    delays = [rules.backoff_delay(n, **PIN) for n in range(0, 16)]
    assert delays[:5] == [0, 0, 0, 0, 0]
    assert delays[5:13] == [2, 4, 8, 16, 32, 64, 128, 256]
    assert delays[13:] == [300, 300, 300]


@given(st.integers(min_value=0, max_value=10**9))
def test_the_delay_never_passes_the_cap_however_many_failures(failures):
    assert 0 <= rules.backoff_delay(failures, **PIN) <= 300


@given(st.integers(min_value=0, max_value=10**6))
def test_one_more_failure_never_shortens_the_delay(failures):
    assert rules.backoff_delay(failures + 1, **PIN) >= rules.backoff_delay(failures, **PIN)


def test_the_wait_counts_from_the_last_failure_and_rounds_up():
    # 6 failures: 4 s after the last one, at 1000.0
    assert rules.backoff_wait(6, 1000.0, 1000.0, **PIN) == 4
    assert rules.backoff_wait(6, 1000.0, 1002.5, **PIN) == 2
    assert rules.backoff_wait(6, 1000.0, 1004.0, **PIN) == 0
    assert rules.backoff_wait(6, 1000.0, 5000.0, **PIN) == 0
    assert rules.backoff_wait(3, 1000.0, 1000.0, **PIN) == 0


def test_a_guesser_gets_at_most_one_try_per_cap_once_the_delays_are_long():
    """A day of tries at the fastest pace the delays allow."""
    now, failures, tries = 0.0, 0, 0
    while now < 24 * 3600:
        now += rules.backoff_wait(failures, now, now, **PIN)
        failures += 1
        tries += 1
    assert tries <= 24 * 3600 / 300 + 13  # the ramp, then one per 5 minutes


def test_windows_are_fixed_and_say_how_long_is_left():
    assert rules.window_index(0, 900) == rules.window_index(899.9, 900) == 0
    assert rules.window_index(900, 900) == 1
    assert rules.window_remaining(0, 900) == 900
    assert rules.window_remaining(899.5, 900) == 1
    assert rules.window_remaining(1000, 900) == 800


def test_a_limit_is_over_once_reached():
    assert not rules.over_limit(9, 10)
    assert rules.over_limit(10, 10)


PROXY = parse_networks(["10.0.0.5", "192.168.0.0/16"])


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says():
    assert client_from("203.0.113.7", "1.2.3.4", ()) == "203.0.113.7"
    assert client_from("127.0.0.1", "1.2.3.4", ()) == "127.0.0.1"


def test_it_refuses_a_forged_header_from_a_peer_that_is_not_a_proxy():
    assert client_from("203.0.113.7", "198.51.100.1", PROXY) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_is_the_last_address_it_vouches_for():
    assert client_from("10.0.0.5", "198.51.100.1", PROXY) == "198.51.100.1"
    # the client wrote a forged address first; the proxy appended the real one
    assert client_from("10.0.0.5", "1.1.1.1, 198.51.100.1", PROXY) == "198.51.100.1"
    # two proxies in a row
    assert client_from("10.0.0.5", "198.51.100.1, 192.168.4.4", PROXY) == "198.51.100.1"


def test_a_garbled_hop_stops_at_the_last_proxy():
    assert client_from("10.0.0.5", "198.51.100.1, unknown", PROXY) == "10.0.0.5"
    assert client_from("10.0.0.5", "", PROXY) == "10.0.0.5"


def test_addresses_are_normalised():
    assert client_from("::ffff:203.0.113.7", "", ()) == "203.0.113.7"
    assert client_from("10.0.0.5", "198.51.100.1:5123", PROXY) == "198.51.100.1"
    assert client_from("10.0.0.5", "[2001:db8::1]:443", PROXY) == "2001:db8::1"


def test_an_ipv6_client_is_counted_by_its_64_network():
    assert address_bucket("2001:db8:1:2:aaaa::1") == address_bucket("2001:db8:1:2:ffff::9")
    assert address_bucket("2001:db8:1:2::1") != address_bucket("2001:db8:1:3::1")
    assert address_bucket("203.0.113.7") == "203.0.113.7"


def test_a_typo_in_the_trusted_proxies_is_an_error_not_silence():
    with pytest.raises(ValueError):
        parse_networks(["10.0.0.300"])
