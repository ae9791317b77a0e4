"""The limits' counters in the cache, and the shared cache they need."""

import importlib.util

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from plenaria.core import ratelimit
from plenaria.core.env import env_cache

WINDOW = ratelimit.Window("test-window", "REGISTRATIONS_PER_ADDRESS", 3600)
BACKOFF = ratelimit.Backoff("test-backoff", free=3, base=2, cap=60, memory=3600)


@pytest.fixture
def clock(monkeypatch):
    now = {"t": 1_000_000.0}
    monkeypatch.setattr(ratelimit, "clock", lambda: now["t"])
    return now


@override_settings(REGISTRATIONS_PER_ADDRESS=3)
def test_a_window_refuses_once_full_and_opens_with_the_next_window(clock):
    for expected in (1, 2, 3):
        assert not WINDOW.blocked("203.0.113.7")
        assert WINDOW.hit("203.0.113.7") == expected
    assert WINDOW.blocked("203.0.113.7") == 3600 - (1_000_000 % 3600)
    assert not WINDOW.blocked("198.51.100.1")  # another address counts apart
    clock["t"] += WINDOW.blocked("203.0.113.7")
    assert not WINDOW.blocked("203.0.113.7")


def test_a_backoff_makes_the_subject_wait_and_forgets_on_reset(clock):
    for _ in range(3):
        assert BACKOFF.wait("ABC") == 0
        BACKOFF.fail("ABC")
    assert BACKOFF.wait("ABC") == 2
    clock["t"] += 2
    assert BACKOFF.wait("ABC") == 0
    BACKOFF.fail("ABC")
    assert BACKOFF.wait("ABC") == 4
    assert BACKOFF.reset("ABC") == 4
    assert BACKOFF.wait("ABC") == 0 and BACKOFF.failures("ABC") == 0


def test_subjects_are_not_stored_in_clear(clock):
    WINDOW.hit("joana.silva")
    keys = list(cache._cache)  # the test cache is in memory
    assert keys and not any("joana" in key for key in keys)


def test_a_throttled_refusal_carries_how_long_to_wait():
    refusal = ratelimit.Throttled("espere", retry_after=0)
    assert refusal.code == "throttled" and refusal.retry_after == 1


def test_waits_are_described_in_portuguese():
    assert ratelimit.describe_wait(1) == "1 segundo"
    assert ratelimit.describe_wait(40) == "40 segundos"
    assert ratelimit.describe_wait(61) == "2 minutos"


@pytest.mark.django_db
def test_counters_in_the_database_cache_outlive_the_process_that_wrote_them(clock):
    """What a restart (or another server process) sees: a new cache backend on the same
    table still makes the code wait. The per-process memory cache would forget."""
    shared = {"default": env_cache("NO_SUCH_VARIABLE", "plenaria_test_cache")}
    with override_settings(CACHES=shared):
        call_command("createcachetable", verbosity=0)
        first = caches["default"]
        assert isinstance(first, DatabaseCache)
        for _ in range(4):
            BACKOFF.fail("ABC")
    with override_settings(CACHES=shared):
        assert caches["default"] is not first  # a fresh backend, as after a restart
        assert BACKOFF.wait("ABC") == 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM plenaria_test_cache")
        assert cursor.fetchone()[0] == 1


def test_the_cache_is_the_database_by_default_and_redis_by_url(monkeypatch):
    monkeypatch.delenv("CACHE_URL", raising=False)
    assert env_cache("CACHE_URL", "plenaria_cache")["BACKEND"].endswith("db.DatabaseCache")
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    if importlib.util.find_spec("redis") is None:
        with pytest.raises(ValueError, match="needs the redis package"):
            env_cache("CACHE_URL", "plenaria_cache")
        return
    assert env_cache("CACHE_URL", "plenaria_cache") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }


def test_it_refuses_a_cache_url_it_does_not_know(monkeypatch):
    """Never silently the per-process memory cache."""
    for url in ("locmem://", "memcached://127.0.0.1:11211"):
        monkeypatch.setenv("CACHE_URL", url)
        with pytest.raises(ValueError):
            env_cache("CACHE_URL", "plenaria_cache")
