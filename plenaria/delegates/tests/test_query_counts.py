"""The delegates' list pages read as much for few rows as for three times as many: the
lists of a conference, the lists received, and the seat tables (national and of a state)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conferences import services as conference_services
from plenaria.conftest import client_for
from plenaria.delegates import elections, handover
from plenaria.delegates.models import SeatTable
from plenaria.delegates.tests.test_views import table_post
from plenaria.territory.models import Level, Municipality, State

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def candidates(conference, enrol, organiser, seats):
    """candidates(n): n more civil-society candidates and n more nominated managers."""
    seats(20, 20)
    made = iter(range(1000))

    def make(n: int):
        for _ in range(n):
            k = next(made)
            users = enrol(f"Usuária {k}", segment="users", self_declarations=["black"])
            elections.candidacy_register(actor=organiser, registration=users, segment="users")
            manager = enrol(f"Gestora {k}", segment="government")
            elections.nominate(actor=organiser, registration=manager, role="titular")

    return make


def test_the_delegate_list_page(conference, organiser, candidates):
    client = client_for(organiser)
    url = reverse("delegates:conference", args=[conference.pk])
    candidates(2)
    few = _queries(client, url)
    candidates(4)
    assert _queries(client, url) == few


def test_the_publication_page(conference, organiser, candidates):
    client = client_for(organiser)
    url = reverse("delegates:publication", args=[conference.pk])
    candidates(2)
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")
    few = _queries(client, url)
    candidates(4)
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")
    assert _queries(client, url) == few


def test_the_received_list_and_its_detail(
    conference, state_conference, organiser, state_organiser, candidates, edition, mg
):
    client = client_for(state_organiser)
    others = Municipality.objects.filter(state=mg).exclude(pk=conference.municipality_id)

    def more_conferences(n: int, start: int):
        for municipality in others.order_by("pk")[start : start + n]:
            conference_services.conference_create(
                actor=state_organiser,
                edition=edition,
                level=Level.MUNICIPAL,
                municipality=municipality,
                data={
                    "title": f"Conferência de {municipality.name}",
                    "start_date": dt.date(2025, 6, 10),
                    "end_date": dt.date(2025, 6, 11),
                },
            )

    received = reverse("delegates:received", args=[state_conference.pk])
    candidates(2)
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")
    sent = handover.send(actor=organiser, conference=conference)
    more_conferences(1, 0)
    detail = reverse("delegates:received_detail", args=[state_conference.pk, sent.pk])
    few_rows, few_delegates = _queries(client, received), _queries(client, detail)

    candidates(4)
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")
    sent = handover.send(actor=organiser, conference=conference)
    more_conferences(2, 1)
    detail = reverse("delegates:received_detail", args=[state_conference.pk, sent.pk])
    assert _queries(client, received) == few_rows
    assert _queries(client, detail) == few_delegates


def test_a_states_seat_table(state_organiser, edition, mg):
    """The municipalities with their own seats are the page's rows."""
    client = client_for(state_organiser)
    url = reverse("delegates:state", args=[edition.year, "mg"])
    towns = list(Municipality.objects.filter(state=mg).order_by("pk")[:6])

    def own_seats(n: int) -> None:
        table = SeatTable.objects.filter(state=mg).first()
        rows = [
            {"municipality": town.name, "titulares": 4, "suplentes": 4, "reason": "Resolução"}
            for town in towns[:n]
        ]
        version = table.updated_at.isoformat() if table else ""
        assert client.post(url, table_post(version=version, overrides=rows)).status_code == 302

    own_seats(2)
    few = _queries(client, url)
    own_seats(6)
    assert SeatTable.objects.get(state=mg).counts.filter(municipality__isnull=False).count() == 6
    assert _queries(client, url) == few


def test_the_national_seat_table(admin_user, edition):
    """The states with their seats are the page's rows."""
    client = client_for(admin_user)
    url = reverse("delegates:national", args=[edition.year])
    states = list(State.objects.order_by("abbreviation").values_list("abbreviation", flat=True))

    def seats_of(n: int) -> None:
        lines = "".join(f"{uf};10;10\n" for uf in states[:n])
        response = client.post(
            reverse("delegates:import", args=[edition.year]),
            {"file": SimpleUploadedFile("vagas.csv", f"UF;titulares;suplentes\n{lines}".encode())},
        )
        assert response.status_code == 302

    seats_of(2)
    few = _queries(client, url)
    seats_of(6)
    assert SeatTable.objects.get(state=None).counts.count() == 6
    assert _queries(client, url) == few
