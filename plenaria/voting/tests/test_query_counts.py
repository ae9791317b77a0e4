"""The console's queries do not grow with the polls or with the delegates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.voting import services

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_console_reads_as_much_for_3_polls_as_for_9(conference, organiser, enrol):
    client = client_for(organiser)
    url = reverse("voting:console", args=[conference.pk])

    def grow(polls: int, delegates: int):
        for n in range(delegates):
            enrol(f"Delegada {polls}-{n}")
        for _ in range(polls):
            services.poll_create(
                actor=organiser, conference=conference, item="free", question="Aprovar?"
            )
        # the last one open: the delegates who have not voted are listed
        last = conference.polls.order_by("-number").first()
        if last.state == "created":
            services.poll_open(actor=organiser, poll=last)

    grow(3, 3)
    _queries(client, url)  # the first visit creates the voting rules
    few = _queries(client, url)
    services.poll_close(actor=organiser, poll=conference.polls.get(state="open"))
    grow(6, 6)
    many = _queries(client, url)
    assert many == few, f"{few} queries with 3 polls, {many} with 9"
