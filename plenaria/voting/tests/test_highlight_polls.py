"""A highlight's poll names its options by what they do to the proposal, highlight first,
and every page that shows the options shows what the proposal will say (issue 23)."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.proposals import services as deliberation
from plenaria.proposals.models import Proposal
from plenaria.proposals.tests.conftest import (  # noqa: F401 - fixtures
    approve_in_groups,
    as_rapporteur,
    group,
    rapporteur,
    written,
)
from plenaria.voting import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def highlight(group, written, organiser, conference, axis, enrol):  # noqa: F811
    proposal = approve_in_groups(written("Ampliar o CRAS."), group)
    deliberation.highlights_open(actor=organiser, conference=conference, axis=axis)
    made = deliberation.highlight_register(
        author=deliberation.Author(user=organiser),
        proposal=proposal,
        proposer=enrol("Delegada Dalva"),
        data={"kind": "modification", "text": "Ampliar e qualificar o CRAS."},
    )
    deliberation.highlights_close(actor=organiser, conference=conference, axis=axis)
    return made


def _poll(organiser, conference, highlight, mode="analog"):
    return services.poll_create(
        actor=organiser, conference=conference, item="highlight", highlight=highlight, mode=mode
    )


def test_the_options_read_highlight_first_by_what_they_do(organiser, conference, highlight):
    poll = _poll(organiser, conference, highlight)
    assert [(o.key, o.label) for o in poll.options.all()] == [
        ("proposed", "Aprovar o destaque"),
        ("original", "Manter o texto original"),
        ("abstention", "Abstenção"),
    ]
    assert "aprovar o destaque ou manter o texto original?" in poll.question


def test_the_outcomes_follow_the_options_of_the_poll(organiser, conference, highlight):
    poll = _poll(organiser, conference, highlight)
    outcomes = selectors.highlight_outcomes(poll)
    assert [(o["label"], o["text"]) for o in outcomes] == [
        ("Aprovar o destaque", "Ampliar e qualificar o CRAS."),
        ("Manter o texto original", "Ampliar o CRAS."),
    ]


def test_other_polls_have_no_outcomes(make_poll):
    assert selectors.highlight_outcomes(make_poll()) == []
    assert selectors.highlight_outcomes(None) == []


def test_the_analog_counts_form_shows_the_resulting_texts_and_carries_the_winner(
    organiser, conference, highlight, delegates
):
    poll = _poll(organiser, conference, highlight)
    services.poll_open(actor=organiser, poll=poll)
    services.poll_close(actor=organiser, poll=poll)
    client = client_for(organiser)
    page = client.get(reverse("voting:console", args=[conference.pk])).content.decode()
    approve = page.index("Aprovar o destaque")
    keep = page.index("Manter o texto original", approve)
    assert page.index("A proposta dirá:", approve) < keep
    assert "Ampliar e qualificar o CRAS." in page[approve:keep]
    services.analog_counts_enter(
        actor=organiser, poll=poll, counts={"proposed": 3, "original": 0, "abstention": 0}
    )
    services.poll_publish(actor=organiser, poll=poll)
    assert Proposal.objects.get(pk=highlight.proposal_id).text == "Ampliar e qualificar o CRAS."
