"""The browser fixture lifts Django's async guard for the browser tests only.

The last two tests check that nothing is left behind once a browser module is done.
"""

import asyncio
import os

import pytest
from django.contrib.auth import get_user_model

from plenaria.conftest import browser_session

VARIABLE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.mark.browser
@pytest.mark.django_db
def test_the_browser_session_restores_what_it_changed(chromium_path, monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    with browser_session(chromium_path) as browser:
        assert os.environ[VARIABLE] == "true"
        assert _loop_running()
        page = browser.new_page()
        page.set_content("<p>ok</p>")
        assert page.text_content("p") == "ok"
    assert VARIABLE not in os.environ
    assert not _loop_running()
    # The ORM works again with the guard in place.
    get_user_model().objects.count()

    # A value someone set before is given back, not deleted.
    monkeypatch.setenv(VARIABLE, "already")
    with browser_session(chromium_path):
        pass
    assert os.environ[VARIABLE] == "already"


# pytest-django runs the tests without a database after all the others, and the
# transactional ones (the browser tests among them) in file order before those: so in
# any run that includes browser tests, these two come after at least one of them.
@pytest.mark.django_db(transaction=True)
def test_a_database_test_after_the_browser_tests_runs_with_the_guard():
    assert VARIABLE not in os.environ
    assert not _loop_running()
    get_user_model().objects.count()


def test_a_plain_test_after_the_browser_tests_runs_with_the_guard():
    assert VARIABLE not in os.environ
    assert not _loop_running()
