"""Races on candidacies and hand-overs: PostgreSQL only (DATABASE_URL)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plenaria.conferences.models import Shift
from plenaria.delegates import elections, handover
from plenaria.delegates.models import Candidacy, HandOver
from plenaria.participants.models import Registration
from plenaria.participants.tests.test_concurrency import run_in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests run on PostgreSQL (set DATABASE_URL)")


def test_twenty_taps_at_once_make_one_candidacy_each(enrol, seats):
    seats(6, 6)
    people = [enrol(f"Candidata {n}", segment="users") for n in range(4)]
    calls = [
        (lambda r=r: elections.candidacy_register(actor=None, registration=r)) for r in people * 5
    ]
    results = run_in_parallel(calls)
    assert Candidacy.objects.count() == 4
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 16 and all("já é candidato" in str(r) for r in refused)


def test_two_municipalities_sending_the_same_person_at_once_send_her_once(
    state_conference, confirmed_list, organiser, make_conference, janauba, enrol
):
    mine = confirmed_list([("Ana", "users", "titular")])
    other = make_conference(status="in_progress", municipality=janauba)
    Shift.objects.create(
        conference=other, name="Manhã", date=other.start_date, start_time="08:00", end_time="12:00"
    )
    theirs = confirmed_list([("Ana em Janaúba", "users", "titular")], conf=other)
    # The same person registered in both (enrol makes people without a CPF to link them).
    Registration.objects.filter(pk=theirs[0].registration_id).update(
        person=mine[0].registration.person
    )
    senders = [mine[0].conference, other] * 3
    results = run_in_parallel(
        [(lambda c=c: handover.send(actor=organiser, conference=c)) for c in senders], workers=6
    )
    sent = [r for r in results if isinstance(r, HandOver)]
    assert {h.conference_id for h in sent} == {sent[0].conference_id}  # only the first sender
    assert (
        Registration.objects.filter(
            conference=state_conference, person=mine[0].registration.person
        ).count()
        == 1
    )
