"""Small helpers that read settings from the environment."""

import importlib.util
import os
from pathlib import Path
from urllib.parse import unquote, urlparse


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_cache(name: str, table: str) -> dict:
    """The shared cache from CACHE_URL: Redis (redis://, rediss://, unix://) with Django's
    own backend, else the database cache in ``table`` (made by `manage.py
    createcachetable`). Never the per-process memory cache: rate limits and counters
    must hold across server processes and restarts."""
    url = os.environ.get(name, "").strip()
    if not url or url in {"db://", "database://"}:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
            # Counters must not be culled early: an attacker filling the cache would
            # reset the limits. Expired entries are removed first.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    scheme = urlparse(url).scheme
    if scheme in {"redis", "rediss", "unix"}:
        if importlib.util.find_spec("redis") is None:  # say so at start, not at first use
            raise ValueError(f"{name}={scheme}://… needs the redis package (pip install redis)")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ValueError(
        f"{name}: only redis://, rediss:// or unix:// URLs are supported, got {scheme!r}"
    )


def env_database(name: str, sqlite_path: Path) -> dict:
    """The database from DATABASE_URL (postgres://...), else the embedded SQLite file."""
    url = os.environ.get(name, "")
    if not url:
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_path,
            # The tests' database is a file too, never SQLite's in-memory one: for that
            # one the test server's threads would all share the test's connection, and
            # two threads on one connection deadlock as soon as SQLite calls back into
            # Python (the pt-BR collation, core.collation) while the other holds the GIL.
            # One file per test run, so two runs in one checkout never share it.
            "TEST": {"NAME": sqlite_path.with_name(f"test-{os.getpid()}-{sqlite_path.name}")},
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait
            # for each other instead of failing with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                # Seconds a request waits for the write lock before it gets the "try
                # again in a moment" page (core.middleware.DatabaseBusyMiddleware):
                # ordinary writes take milliseconds, so 5 s only runs out behind a long
                # write, and then the person learns it at once instead of after 20 s.
                "timeout": 5,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"{name}: only postgres:// URLs are supported, got {parsed.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        # Under ASGI every request runs in its own thread with its own connection, so
        # persistent connections pile up past PostgreSQL's max_connections. A pool per
        # server process bounds them; requests wait for a free connection instead.
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            "pool": {
                "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
                "max_size": int(os.environ.get("DB_POOL_MAX", "20")),
                "timeout": int(os.environ.get("DB_POOL_TIMEOUT", "30")),
            }
        },
    }
