"""Races on registrations and check-ins: PostgreSQL only (DATABASE_URL)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from plenaria.participants import services
from plenaria.participants.models import CheckIn, Person, Registration
from plenaria.participants.rules import cpf_with_digits
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests run on PostgreSQL (set DATABASE_URL)")


def run_in_parallel(calls, workers=10):
    """Run the calls on ``workers`` threads at once, each with its own connection."""

    def run(call):
        try:
            return call()
        except ValidationError as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, calls))


def test_fifty_checkins_of_ten_people_make_ten(registered, shift, organiser):
    people = registered * 2  # five registrations ...
    calls = [
        (lambda r=r: services.checkin(actor=organiser, registration=r, shift=shift))
        for r in people * 5  # ... each confirmed ten times at once
    ]
    run_in_parallel(calls)
    assert CheckIn.objects.count() == 5


def test_two_hundred_registrations_with_repeated_cpfs(open_conference):
    cpfs = [cpf_with_digits(f"{100000000 + i:09d}") for i in range(50)]

    def register(i):
        return lambda: services.registration_create(
            actor=None,
            conference=open_conference,
            origin=Registration.Origin.ONLINE,
            person_data=person_data(cpf=cpfs[i % 50], name=f"Pessoa {i % 50}", email=""),
            data=registration_data(),
        )

    results = run_in_parallel([register(i) for i in range(200)])
    assert Person.objects.count() == 50  # one person per CPF
    assert Registration.objects.count() == 50
    assert sum(isinstance(r, Registration) for r in results) == 50
    assert sum(isinstance(r, ValidationError) for r in results) == 150  # duplicates, refused
