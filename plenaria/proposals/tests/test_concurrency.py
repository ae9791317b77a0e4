"""Races on signatures and highlights: PostgreSQL only (DATABASE_URL)."""

import pytest
from django.db import connection

from plenaria.participants.tests.test_concurrency import run_in_parallel
from plenaria.proposals import services
from plenaria.proposals.models import Highlight, Signature
from plenaria.proposals.tests.conftest import approve_in_groups

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests run on PostgreSQL (set DATABASE_URL)")


def test_delegates_signing_twice_at_once_sign_once(conference, enrol, organiser):
    delegates = [enrol(f"Delegado {i}") for i in range(20)]
    motion = services.motion_submit(
        author=services.Author(user=organiser),
        conference=conference,
        proposer=delegates[0],
        data={"kind": "support", "addressee": "Câmara", "text": "Apoio."},
    )
    calls = [
        (
            lambda d=d: services.motion_sign(
                author=services.Author(registration=d), motion=motion, registration=d
            )
        )
        for d in delegates[1:] * 2
    ]
    run_in_parallel(calls)
    assert Signature.objects.filter(motion=motion).count() == 20


def test_highlights_raised_at_once_get_distinct_numbers(
    conference, group, written, organiser, axis, enrol
):
    proposal = approve_in_groups(written(), group)
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    delegates = [enrol(f"Delegada {i}") for i in range(12)]
    calls = [
        (
            lambda d=d: services.highlight_register(
                author=services.Author(registration=d),
                proposal=proposal,
                proposer=d,
                data={"kind": "suppression"},
            )
        )
        for d in delegates
    ]
    run_in_parallel(calls)
    numbers = sorted(Highlight.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 13))
