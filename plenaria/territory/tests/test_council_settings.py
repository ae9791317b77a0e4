"""The council's settings page (/gestao/conselhos/<id>/): its periodicity."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for, make_council_member
from plenaria.core.models import AuditEntry
from plenaria.territory.models import Council

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(montes_claros):
    return Council.objects.get(municipality=montes_claros)


def _url(council):
    return reverse("territory:council_settings", args=[council.pk])


def test_it_shows_the_form_to_the_councils_organiser(organiser, council):
    response = client_for(organiser).get(_url(council))
    assert response.status_code == 200
    assert 'name="period_years"' in response.content.decode()


def test_it_saves_the_period_and_audits_it(organiser, council):
    response = client_for(organiser).post(_url(council), {"period_years": "2"})
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.period_years == 2
    entry = AuditEntry.objects.get(context=f"council:{council.pk}")
    assert entry.actor == organiser


def test_it_clears_the_period(organiser, council):
    Council.objects.filter(pk=council.pk).update(period_years=3)
    client_for(organiser).post(_url(council), {"period_years": ""})
    council.refresh_from_db()
    assert council.period_years is None


def test_it_refuses_more_than_four_years_at_the_field(organiser, council):
    """NOB-SUAS 2012, art. 117: conferences are at most four years apart."""
    response = client_for(organiser).post(_url(council), {"period_years": "5"})
    assert response.status_code == 200
    assert "menor ou igual a 4" in response.content.decode()
    council.refresh_from_db()
    assert council.period_years is None


def test_a_member_without_the_organiser_role_reads_but_may_not_change(council):
    member = make_council_member(council, organiser=False)
    client = client_for(member)
    page = client.get(_url(council))
    assert page.status_code == 200 and 'name="period_years"' not in page.content.decode()
    assert client.post(_url(council), {"period_years": "2"}).status_code == 403


def test_it_checks_membership(outsider, state_member, council):
    assert client_for(outsider).get(_url(council)).status_code == 404
    assert client_for(state_member).get(_url(council)).status_code == 404


def test_the_dashboard_links_to_the_councils_settings(organiser, council):
    page = client_for(organiser).get(reverse("conferences:dashboard")).content.decode()
    assert _url(council) in page
