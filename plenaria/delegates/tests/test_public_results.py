"""The public conference page shows the final deliberations and the elected delegates
when conferences.visibility says so, and no personal data beyond it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conferences.models import Status
from plenaria.conftest import conference_to
from plenaria.delegates.models import Candidacy, DelegateList
from plenaria.delegates.tests.test_handover import LIST
from plenaria.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _approved(conference, text="Ampliar o CRAS da zona rural.", number=1):
    return Proposal.objects.create(
        conference=conference,
        axis=conference.edition.axes.first(),
        sphere="municipal",
        number=number,
        text=text,
        origin="group",
        final_status="approved",
    )


def _public(conference) -> str:
    page = Client().get(reverse("conferences:public", args=[conference.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_in_progress_neither_deliberations_nor_delegates_are_shown(confirmed_list):
    made = confirmed_list(LIST)
    conference = made[0].conference
    _approved(conference)
    html = _public(conference)
    assert "Ampliar o CRAS" not in html and "Ana" not in html
    assert "publicadas quando a conferência terminar" in html


def test_concluded_the_page_shows_deliberations_and_the_confirmed_delegates(
    confirmed_list, organiser
):
    made = confirmed_list(LIST)
    conference = made[0].conference
    _approved(conference)
    Ana = made[0].registration
    Ana.social_name, Ana.email = "Aninha", "ana@example.org"
    Ana.accessibility_other = "cão-guia"
    Ana.save()
    conference_to(conference, Status.CLOSED, actor=organiser)
    html = _public(conference)
    assert "Ampliar o CRAS da zona rural." in html
    assert "Aninha" in html and "Gil" in html and "Titular" in html
    # the social name only, and no contact or need
    assert ">Ana<" not in html
    for private in ("ana@example.org", Ana.phone, "cão-guia"):
        assert private not in html


def test_an_unconfirmed_list_stays_off_the_public_page(confirmed_list, organiser):
    made = confirmed_list(LIST)
    conference = made[0].conference
    # The premise, written directly: any change of the list clears its confirmation.
    DelegateList.objects.filter(conference=conference).update(confirmed_at=None)
    conference_to(conference, Status.CLOSED, actor=organiser)
    html = _public(conference)
    assert "Gil" not in html
    assert "a mesa confirmar a lista" in html


def test_the_public_results_cost_the_same_queries_for_more_rows(confirmed_list, organiser):
    """The public page lists deliberations and delegates without a query per row."""
    made = confirmed_list(LIST)
    conference = made[0].conference
    _approved(conference)
    second = _approved(conference, text="Outra deliberação.", number=2)
    conference_to(conference, Status.CLOSED, actor=organiser)
    with CaptureQueriesContext(connection) as more:
        assert "Outra deliberação." in _public(conference)
    # Fewer rows, written directly: the premise of the comparison.
    second.delete()
    Candidacy.objects.filter(pk__in=[made[1].pk, made[3].pk]).update(role="")
    with CaptureQueriesContext(connection) as fewer:
        assert "Bia" not in _public(conference)
    assert len(more.captured_queries) == len(fewer.captured_queries)
