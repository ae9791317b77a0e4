"""The list pages of participants ask the database as often for three times the rows:
the events of a conference and of an association, an event's attendance list, and
the check-in desk's search results. (The registration list and the statistics have
their own tests in test_staff_views.py and test_statistics.py.)"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conferences.services import preparatory_event_save
from plenaria.conftest import client_for
from plenaria.participants import services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db

EVENT = {
    "kind": "pre_conference",
    "title": "Pré-conferência",
    "start_time": dt.time(8),
    "end_time": dt.time(12),
    "place": "CRAS",
    "territory_kind": "cras_area",
    "territory": "Área do CRAS",
    "team": "Maria",
}


def _queries(client, url, params=None) -> tuple[int, int]:
    """The queries a second visit takes (the first settles sessions and caches), and
    the page's length."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries.captured_queries), len(response.content)


def _events(actor, n, *, start, **owner):
    for i in range(start, start + n):
        event = preparatory_event_save(
            actor=actor,
            data={**EVENT, "title": f"Evento {i}", "date": dt.date(2025, 5, 1 + i)},
            **owner,
        )
        for j in range(2):
            services.attendance_add(
                actor=actor,
                event=event,
                person_data=person_data(
                    cpf=None, name=f"Pessoa {i}-{j}", phone=f"38980{i:03d}{j:03d}"
                ),
                data={"segment": "users", "organisation": ""},
            )


def _grows_not(count_with, add) -> None:
    """The page's queries with the rows there are, then with 2 × more rows added."""
    few = count_with()
    add()
    many = count_with()
    assert many[0] == few[0]
    assert many[1] > few[1], "the added rows are not on the page"


def test_a_conferences_events_page(open_conference, organiser):
    client = client_for(organiser)
    url = reverse("participants:conference_events", args=[open_conference.pk])
    _events(organiser, 1, start=0, conference=open_conference)
    _grows_not(
        lambda: _queries(client, url),
        lambda: _events(organiser, 2, start=1, conference=open_conference),
    )


def test_an_associations_meetings_page(amams, state_organiser):
    client = client_for(state_organiser)
    url = reverse("participants:association_events", args=[amams.pk])
    _events(state_organiser, 1, start=0, association=amams)
    _grows_not(
        lambda: _queries(client, url),
        lambda: _events(state_organiser, 2, start=1, association=amams),
    )


def test_an_events_attendance_list(open_conference, organiser):
    client = client_for(organiser)
    _events(organiser, 1, start=0, conference=open_conference)
    event = open_conference.preparatory_events.get()
    url = reverse("participants:event", args=[event.pk])

    def more():
        for j in range(4):
            services.attendance_add(
                actor=organiser,
                event=event,
                person_data=person_data(cpf=None, name=f"Outra {j}", phone=f"3898100{j:04d}"),
                data={"segment": "users", "organisation": ""},
            )

    _grows_not(lambda: _queries(client, url), more)


def test_the_check_in_desks_search_results(open_conference, organiser, shift):
    client = client_for(organiser)
    url = reverse("participants:credentialing", args=[open_conference.pk])

    def register(n, start):
        for i in range(start, start + n):
            services.registration_create(
                actor=None,
                conference=open_conference,
                origin=Registration.Origin.ONLINE,
                person_data=person_data(
                    cpf=None, name=f"Silva {i}", phone=f"3897100{i:04d}", email=""
                ),
                data=registration_data(),
            )

    register(2, 0)
    _grows_not(
        lambda: _queries(client, url, {"turno": shift.pk, "q": "Silva"}), lambda: register(4, 2)
    )
