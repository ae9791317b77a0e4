"""Quorum per shift (issue 23, item 2): a poll's entitled voters and quorum base are the
delegates credentialed in the shift it runs in, the same count the credentialing page
shows; or, where the regimento says so, those credentialed in any shift."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from plenaria.conferences import services as conference_services
from plenaria.conferences.models import Shift
from plenaria.conftest import set_regimento
from plenaria.participants import selectors as participant_selectors
from plenaria.participants import services as participants
from plenaria.voting import selectors, services
from plenaria.voting.models import Entitlement, Voter
from plenaria.voting.tests.test_services import _election, first_ballot

pytestmark = pytest.mark.django_db


@pytest.fixture
def afternoon(conference):
    """The shift happening now (the fixture ``shift``, the morning, is not): a poll
    opened now runs in it."""
    return Shift.objects.create(
        conference=conference,
        name="Tarde",
        date=timezone.localdate(),
        start_time=dt.time(0, 0),
        end_time=dt.time(23, 59, 59),
    )


@pytest.fixture
def day(enrol, afternoon, organiser):
    """Ana and Bia credentialed in the morning and in the afternoon; Cida only in the
    morning (she left at lunch)."""
    ana, bia, cida = (enrol(f"Delegada {n}") for n in ("Ana", "Bia", "Cida"))
    for person in (ana, bia):
        participants.checkin(actor=organiser, registration=person, shift=afternoon)
    return ana, bia, cida


def test_a_delegate_credentialed_only_in_the_morning_is_not_entitled_in_an_afternoon_poll(
    open_poll, day, afternoon, organiser
):
    ana, bia, cida = day
    poll = open_poll()
    assert poll.shift == afternoon and not poll.entitled_any_shift
    assert set(selectors.entitled_voters(poll)) == {ana, bia}
    assert not selectors.may_vote(poll, cida)
    with pytest.raises(ValidationError, match="não foi credenciado\\(a\\) no turno Tarde"):
        services.ballot_cast(poll=poll, registration=cida, option_key="yes")
    services.ballot_cast(poll=poll, registration=ana, option_key="yes")
    poll = services.poll_close(actor=organiser, poll=poll)
    assert poll.entitled_count == 2
    assert set(Entitlement.objects.filter(poll=poll).values_list("registration", flat=True)) == {
        ana.pk,
        bia.pk,
    }


def test_the_credentialing_page_quorum_base_equals_the_poll_entitled_count(
    open_poll, day, shift, afternoon, organiser
):
    assert participant_selectors.presence_counts(afternoon)["delegates"] == 2
    assert participant_selectors.presence_counts(shift)["delegates"] == 3  # the morning's
    assert selectors.live_state(afternoon.conference_id)["present"] == 2  # before any poll
    poll = open_poll()
    assert selectors.live_state(poll.conference_id)["present"] == 2
    poll = services.poll_close(actor=organiser, poll=poll)
    assert poll.entitled_count == participant_selectors.presence_counts(afternoon)["delegates"]


def test_the_regimento_may_entitle_whoever_was_credentialed_in_any_shift(
    open_poll, day, conference, afternoon, organiser
):
    set_regimento(conference, quorum_any_shift=True)
    assert participant_selectors.presence_counts(afternoon)["delegates"] == 3
    assert participant_selectors.presence_counts(afternoon)["any_shift"] is True
    poll = open_poll()
    assert poll.shift == afternoon and poll.entitled_any_shift
    services.ballot_cast(poll=poll, registration=day[2], option_key="yes")
    assert services.poll_close(actor=organiser, poll=poll).entitled_count == 3


def test_a_closed_poll_keeps_its_shift_and_rule_when_the_regimento_changes_later(
    open_poll, day, conference, organiser
):
    poll = services.poll_close(actor=organiser, poll=open_poll())
    set_regimento(conference, quorum_any_shift=True)
    poll.refresh_from_db()
    assert not poll.entitled_any_shift
    assert selectors.entitled_voters(poll).count() == poll.entitled_count == 2


def test_a_delegate_credentialed_while_the_poll_is_open_votes_and_counts_at_closing(
    open_poll, day, afternoon, organiser
):
    """The entitled set is taken when the poll closes (as before this change), from the
    shift fixed when it opened: arriving late in that shift still gives the vote."""
    cida = day[2]
    poll = open_poll()
    participants.checkin(actor=organiser, registration=cida, shift=afternoon)
    services.ballot_cast(poll=poll, registration=cida, option_key="no")
    poll = services.poll_close(actor=organiser, poll=poll)
    assert poll.entitled_count == 3
    assert Voter.objects.filter(poll=poll, registration=cida).exists()


def test_an_election_counts_only_the_segment_credentialed_in_the_shift(
    make_poll, enrol, afternoon, organiser
):
    """Elections of delegates run on the same polls: the same shift rule."""
    here = enrol("Trabalhadora da tarde", segment="workers")
    participants.checkin(actor=organiser, registration=here, shift=afternoon)
    enrol("Trabalhadora da manhã", segment="workers")  # morning only
    enrol("Usuária da tarde", segment="users")
    poll = services.poll_open(actor=organiser, poll=_election(make_poll))
    assert list(selectors.entitled_voters(poll)) == [here]


def test_a_shift_in_which_a_poll_ran_cannot_be_deleted(open_poll, conference, afternoon, organiser):
    poll = open_poll()
    empty = Shift.objects.get(pk=poll.shift_id)
    assert empty == afternoon and not empty.checkins.exists()
    with pytest.raises(ValidationError, match="votações"):
        conference_services.conference_items_save(
            actor=organiser, conference=conference, model=Shift, changed=[], deleted=[empty]
        )


@pytest.mark.postgres
def test_the_first_ballot_statement_follows_the_poll_shift(open_poll, day):
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement ballot is PostgreSQL's")
    ana, _bia, cida = day
    poll = open_poll()
    assert first_ballot(poll, cida) is None
    assert first_ballot(poll, ana) is not None


def test_analog_counts_carry_the_time_the_vote_was_held_not_the_typing_time(
    open_poll, day, organiser
):
    poll = services.poll_close(actor=organiser, poll=open_poll("analog"))
    counts = {"yes": 1, "no": 1, "abstention": 0}
    poll = services.analog_counts_enter(actor=organiser, poll=poll, counts=counts)
    assert poll.held_at == poll.opened_at  # default: when it was opened
    earlier = poll.opened_at - dt.timedelta(minutes=40)
    poll = services.analog_counts_enter(actor=organiser, poll=poll, counts=counts, held_at=earlier)
    poll.refresh_from_db()
    assert poll.held_at == earlier == poll.held


@pytest.mark.parametrize(
    "when, message",
    [
        (dt.timedelta(hours=2), "no futuro"),
        (-dt.timedelta(days=3650), "antes do início da conferência"),
    ],
)
def test_a_held_time_in_the_future_or_before_the_conference_is_refused(
    open_poll, day, organiser, when, message
):
    poll = services.poll_close(actor=organiser, poll=open_poll("analog"))
    with pytest.raises(ValidationError, match=message) as error:
        services.analog_counts_enter(
            actor=organiser,
            poll=poll,
            counts={"yes": 1, "no": 0, "abstention": 0},
            held_at=timezone.now() + when,
        )
    assert "held_at" in error.value.message_dict
    poll.refresh_from_db()
    assert poll.held_at is None and not poll.outcome  # nothing half-saved


def test_the_console_takes_the_held_time_and_the_results_show_it(
    open_poll, day, organiser, conference
):
    from django.urls import reverse

    from plenaria.conftest import client_for

    poll = services.poll_close(actor=organiser, poll=open_poll("analog"))
    client = client_for(organiser)
    url = reverse("voting:analog_counts", args=[conference.pk, poll.pk])
    held = timezone.localtime(poll.opened_at - dt.timedelta(minutes=30)).replace(
        second=0, microsecond=0
    )
    data = {"count_yes": "2", "count_no": "0", "count_abstention": "0"}
    bad = client.post(url, {**data, "held_at": "ontem de tarde"})
    assert bad.status_code == 200 and "held_at" in bad.context["analog_form"].errors
    response = client.post(url, {**data, "held_at": held.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.held_at == held
    page = client.get(reverse("voting:console", args=[conference.pk])).content.decode()
    assert "realizada em" in page and "credenciados no turno Tarde" in page
