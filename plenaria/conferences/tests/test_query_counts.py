"""The conferences' list pages ask the database as often for three times the rows: the
list of the user's conferences, a conference's manage page (commission, shifts,
programme, history), the home page's public list and a conference's public page."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conferences import services
from plenaria.conferences.models import CommissionMember, ProgrammeItem, Shift, Status
from plenaria.conftest import client_for, conference_to
from plenaria.territory.models import Municipality

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 6, 10)


def _queries(client, url, *, shows: str) -> tuple[int, int]:
    """The queries of a second visit (the first settles sessions and caches), and how
    many times the page shows ``shows`` (so the rows added are on it)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode().count(shows)


def _same_queries_for_more_rows(client, url, add, *, shows: str) -> None:
    add(2, 0)
    few, rows = _queries(client, url, shows=shows)
    add(4, 2)
    many, more_rows = _queries(client, url, shows=shows)
    assert more_rows > rows
    assert many == few


def _items(conference, actor, n: int, start: int) -> None:
    """n more commission members, shifts and programme items."""
    for i in range(start, start + n):
        for item in (
            CommissionMember(
                conference=conference, name=f"Membro {i}", sector="government", organisation="CMAS"
            ),
            Shift(
                conference=conference,
                name=f"Turno {i}",
                date=DAY,
                start_time=dt.time(8 + i),
                end_time=dt.time(9 + i),
            ),
            ProgrammeItem(
                conference=conference,
                date=DAY,
                start_time=dt.time(8 + i),
                kind=ProgrammeItem.Kind.values[0],
                title=f"Atividade {i}",
            ),
        ):
            services.conference_items_save(
                actor=actor, conference=conference, model=type(item), changed=[item], deleted=[]
            )


def test_the_manage_page(make_conference, organiser):
    conference = make_conference()
    client = client_for(organiser)
    url = reverse("conferences:manage", args=[conference.pk])
    _same_queries_for_more_rows(
        client, url, lambda n, start: _items(conference, organiser, n, start), shows="Turno "
    )


def test_the_public_page(make_conference, organiser):
    conference = make_conference(status=Status.CONVOKED)
    url = reverse("conferences:public", args=[conference.pk])
    _same_queries_for_more_rows(
        Client(), url, lambda n, start: _items(conference, organiser, n, start), shows="Turno "
    )


@pytest.fixture
def conferences(make_conference, state_organiser, mg):
    """conferences(n): n more municipal conferences of Minas Gerais, convoked."""
    towns = iter(Municipality.objects.filter(state=mg).order_by("pk"))

    def make(n: int, start: int = 0):
        for _ in range(n):
            conference = make_conference(actor=state_organiser, municipality=next(towns))
            conference_to(conference, Status.CONVOKED, actor=state_organiser)

    return make


def test_the_list_of_the_users_conferences(state_organiser, conferences):
    client = client_for(state_organiser)
    url = reverse("conferences:dashboard")
    _same_queries_for_more_rows(client, url, conferences, shows="Conferência Municipal")


def test_the_home_pages_public_list(conferences):
    _same_queries_for_more_rows(
        Client(), reverse("home"), conferences, shows="Conferência Municipal"
    )
