"""Races that only a real database shows: run on PostgreSQL (DATABASE_URL)."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from plenaria.conferences import services
from plenaria.conferences.models import Conference
from plenaria.territory.models import Level

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests run on PostgreSQL (set DATABASE_URL)")


def _in_threads(count, target):
    barrier = threading.Barrier(count)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(target())
        except ValidationError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_simultaneous_creations_make_one_conference(organiser, edition, montes_claros):
    def create():
        return services.conference_create(
            actor=organiser,
            edition=edition,
            level=Level.MUNICIPAL,
            municipality=montes_claros,
            data={
                "title": "XV",
                "start_date": dt.date(2025, 6, 10),
                "end_date": dt.date(2025, 6, 10),
            },
        )

    outcomes = _in_threads(6, create)
    assert Conference.objects.filter(municipality=montes_claros).count() == 1
    assert sum(isinstance(o, Conference) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 5  # clear errors, no 500


def test_simultaneous_edits_lose_nothing_silently(make_conference, organiser):
    conference = make_conference()
    seen = conference.updated_at

    def edit(name):
        return lambda: services.conference_update(
            actor=organiser,
            conference=conference,
            data={"venue_name": name},
            expected_version=seen,
        )

    outcomes = _in_threads(2, edit("A")) + _in_threads(1, edit("B"))
    saved = [o for o in outcomes if isinstance(o, Conference)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(saved) == 1 and len(refused) == 2
    conference.refresh_from_db()
    assert conference.venue_name == saved[0].venue_name
