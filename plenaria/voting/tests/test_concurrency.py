"""300 delegates voting at once: PostgreSQL only (DATABASE_URL)."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plenaria.participants.access import pin_fingerprint
from plenaria.participants.tests.test_concurrency import run_in_parallel
from plenaria.voting import selectors, services
from plenaria.voting.models import Voter

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests run on PostgreSQL (set DATABASE_URL)")


@pytest.mark.parametrize("mode", ["secret", "open"])
def test_three_hundred_delegates_at_once_some_twice_some_not_entitled_some_late(
    open_poll, enrol, organiser, mode
):
    rng = random.Random(300)
    delegates = [enrol(f"Delegado {i}") for i in range(300)]
    guests = [enrol(f"Convidado {i}", category="guest") for i in range(20)]
    late = delegates[270:]  # they try only after the close
    poll = open_poll(mode)
    choice = {d.pk: rng.choice(["yes", "no", "abstention"]) for d in delegates}

    def vote(d):
        # The delegate page's path: the one-statement first ballot, else the checked one.
        def cast():
            receipt = services.ballot_first(
                poll_id=poll.pk,
                code=d.code,
                opened=[d.pk],
                pins=[pin_fingerprint(d.pk, d.pin)],
                option_key=choice[d.pk],
            )
            if receipt:
                return (d.pk, receipt)
            return (
                d.pk,
                services.ballot_cast(poll=poll, registration=d, option_key=choice[d.pk]).receipt,
            )

        return cast

    calls = [vote(d) for d in delegates[:270]] + [vote(d) for d in delegates[:60]]
    calls += [vote(g) for g in guests]
    for d in guests:
        choice[d.pk] = "yes"
    rng.shuffle(calls)
    results = run_in_parallel(calls, workers=12)
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 20  # the guests, and nobody else
    receipts = {}
    for pk, receipt in (r for r in results if not isinstance(r, Exception)):
        assert receipts.setdefault(pk, receipt) == receipt  # a second tap: the same receipt
    closed = services.poll_close(actor=organiser, poll=poll)
    late_results = run_in_parallel([vote(d) for d in late], workers=12)
    assert all(isinstance(r, ValidationError) for r in late_results)

    expected = {"yes": 0, "no": 0, "abstention": 0}
    for d in delegates[:270]:
        expected[choice[d.pk]] += 1
    assert Voter.objects.filter(poll=poll).count() == 270
    assert dict(Voter.objects.filter(poll=poll).values_list("registration", "receipt")) == receipts
    assert {o.key: o.votes for o in closed.options.all()} == expected
    assert selectors.recount(closed) == expected
    assert closed.entitled_count == 300
