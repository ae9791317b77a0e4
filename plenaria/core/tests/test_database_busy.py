"""A request that cannot get the database in time (SQLite's write lock held by a long
write, or no free connection in the PostgreSQL pool) gets a pt-BR "try again in a
moment" page with 503 and Retry-After, never a 500. Before: HTTP 500 after 20.6 s."""

from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from plenaria.core.env import env_database
from plenaria.core.middleware import database_busy
from plenaria.core.sessions import SessionStore
from plenaria.participants import access
from plenaria.participants.tests.conftest import open_conference, registered  # noqa: F401

pytestmark = pytest.mark.django_db

LOCKED = OperationalError("database is locked")


def _locked(*args, **kwargs):
    raise LOCKED


def _assert_busy_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Sistema ocupado por um momento" in page and "tente de novo em instantes" in page


def test_a_view_that_meets_a_locked_database_answers_503(monkeypatch, registered):  # noqa: F811
    monkeypatch.setattr(access, "participant_login", _locked)
    client = Client()
    response = client.post(
        reverse("participants:participant_login"),
        {"code": registered[0].code, "pin": registered[0].pin},
    )
    _assert_busy_page(response)
    assert access.SESSION_KEY not in client.session  # nothing opened


def test_a_locked_database_while_saving_the_session_answers_503(monkeypatch, registered):  # noqa: F811
    """Raised by a middleware after the view: handler500 gives the same page."""
    client = Client(raise_request_exception=False)
    client.post(
        reverse("participants:participant_login"),
        {"code": registered[0].code, "pin": registered[0].pin},
    )
    monkeypatch.setattr(SessionStore, "save", _locked)
    response = client.post(reverse("participants:participant_logout"))
    _assert_busy_page(response)


def test_other_database_errors_are_still_errors(monkeypatch, registered):  # noqa: F811
    def broken(*args, **kwargs):
        raise OperationalError("no such table: participants_registration")

    monkeypatch.setattr(access, "participant_login", broken)
    response = Client(raise_request_exception=False).post(
        reverse("participants:participant_login"),
        {"code": registered[0].code, "pin": registered[0].pin},
    )
    assert response.status_code == 500


def test_an_exhausted_connection_pool_counts_as_busy():
    class PoolTimeout(Exception):  # psycopg_pool's, as Django wraps it
        pass

    error = OperationalError("couldn't get a connection after 30.00 sec")
    error.__cause__ = PoolTimeout()
    assert database_busy(error)
    assert database_busy(OperationalError("database table is locked: x"))
    assert not database_busy(OperationalError("disk I/O error"))
    assert not database_busy(ValueError("database is locked"))


def test_sqlite_waits_5_seconds_for_the_write_lock_not_20(tmp_path: Path):
    """Ordinary writes take milliseconds; behind a long write the person should learn
    it quickly rather than stare at a spinner."""
    assert env_database("NO_SUCH_VARIABLE", tmp_path / "x.sqlite3")["OPTIONS"]["timeout"] == 5
