"""pt-BR is the language of every page: the catalog must be complete and current."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from plenaria.core.i18n_check import problems

ROOT = Path(settings.BASE_DIR)
CATALOG = Path("locale/pt_BR/LC_MESSAGES/django.po")


def test_catalog_has_no_untranslated_or_fuzzy_entry():
    assert problems(ROOT / CATALOG) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_every_string_in_the_code_is_in_the_catalog(tmp_path):
    """Run makemessages on a copy of the sources: a string added to the code but not
    translated shows up as an empty entry there."""
    shutil.copy(ROOT / "manage.py", tmp_path)
    shutil.copytree(
        ROOT / "plenaria",
        tmp_path / "plenaria",
        ignore=shutil.ignore_patterns("__pycache__", "data", "*.pyc"),
    )
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "pt_BR", "--no-location", "-v", "0"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "PLENARIA_VAR_DIR": str(tmp_path / "var")},
    )
    assert problems(tmp_path / CATALOG) == []


def test_pages_are_in_portuguese_by_default(client, db):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'lang="pt-br"' in html
    assert "Conferências de assistência social" in html


def test_english_when_the_person_chooses_it(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert 'lang="en"' in html and "Social assistance conferences" in html


def test_error_pages_are_in_portuguese(client, db):
    response = client.get("/nao-existe/")
    assert response.status_code == 404
    assert "Página não encontrada" in response.content.decode()


def test_forbidden_page_says_why_in_portuguese(db):
    from plenaria.conftest import client_for, make_user

    response = client_for(make_user()).get(reverse("reports:index"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Acesso negado" in html and "acompanhamento" in html.lower()


def test_dates_are_written_as_the_language_writes_them():
    import datetime as dt

    from django.template import Context, Template
    from django.utils import translation

    from plenaria.conferences.models import Shift

    shift = Shift(name="Manhã", date=dt.date(2025, 3, 5))
    day_month = Template(
        '{% load i18n %}{% translate "m/d" context "date format: day and month (Django date '
        'filter)" as f %}{{ d|date:f }}'
    )
    with translation.override("pt-br"):
        assert str(shift) == "Manhã — 05/03/2025"
        assert day_month.render(Context({"d": shift.date})) == "05/03"
    with translation.override("en"):
        assert str(shift) == "Manhã — 03/05/2025"
        assert day_month.render(Context({"d": shift.date})) == "03/05"


def test_the_character_counter_speaks_the_page_language(client, db):
    from django.utils import translation

    assert 'data-unit="caracteres"' in client.get(reverse("home")).content.decode()
    # The English request activates English in this thread: give pt-BR back after it.
    with translation.override(translation.get_language()):
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert 'data-unit="characters"' in client.get(reverse("home")).content.decode()
