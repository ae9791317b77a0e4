"""The Content-Security-Policy refuses nothing the pages need: every script and style
comes from our static files. (The voting, registration and other browser tests check
it too, in check_accessibility.)"""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import csp_violations
from plenaria.participants.tests.conftest import open_conference  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _visit(page, path: str) -> None:
    response = page.goto(path)
    assert response.ok, path
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == [], path


def test_public_pages_run_under_the_policy(new_page, open_conference):  # noqa: F811
    page = new_page()
    for path in (
        "/",
        "/entrar/",
        "/participar/",
        "/certificados/",
        f"/conferencias/{open_conference.pk}/",
    ):
        _visit(page, path)
    _visit(page, f"/conferencias/{open_conference.pk}/inscricao/")


def test_staff_pages_run_under_the_policy(new_page, open_conference, organiser):  # noqa: F811
    page = new_page(organiser)
    _visit(page, f"/gestao/conferencias/{open_conference.pk}/")
    _visit(page, f"/gestao/conferencias/{open_conference.pk}/credenciamento/")
    _visit(page, f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    # htmx still works: the conference form's live warnings come from a fragment
    _visit(page, f"/gestao/conferencias/{open_conference.pk}/editar/")


def test_the_admin_runs_under_the_policy(new_page, admin_user):
    page = new_page(admin_user)
    _visit(page, "/admin/")
    _visit(page, "/admin/participants/registration/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
