import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plenaria.conferences.models import Shift
from plenaria.core.models import AuditEntry
from plenaria.participants.access import pin_fingerprint
from plenaria.proposals.selectors import is_credentialed_delegate
from plenaria.voting import selectors, services
from plenaria.voting.models import Entitlement, Poll, SecretTally, Voter

pytestmark = pytest.mark.django_db


def counts(poll):
    return {o.key: o.votes for o in poll.options.all()}


def test_a_poll_goes_created_open_closed_published_and_each_step_is_audited(
    open_poll, delegates, organiser
):
    poll = open_poll()
    for d, option in zip(delegates, ["yes", "yes", "no"], strict=True):
        services.ballot_cast(poll=poll, registration=d, option_key=option)
    poll = services.poll_close(actor=organiser, poll=poll)
    assert (poll.state, poll.entitled_count, poll.outcome) == ("closed", 3, "approved")
    assert counts(poll) == {"yes": 2, "no": 1, "abstention": 0}
    assert Entitlement.objects.filter(poll=poll).count() == 3
    poll = services.poll_publish(actor=organiser, poll=poll)
    assert poll.state == "published"
    states = [
        e.changes.get("state", [None, None])[1]
        for e in AuditEntry.objects.filter(
            object_id=str(poll.pk), content_type__model="poll"
        ).order_by("pk")
    ]
    assert states == ["created", "open", "closed", "published"]


def test_a_double_click_returns_the_same_receipt_and_stores_one_ballot(open_poll, delegates):
    poll = open_poll()
    first = services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    again = services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    assert first.receipt == again.receipt
    assert Voter.objects.filter(poll=poll).count() == 1


def test_an_open_vote_may_be_changed_while_open_when_the_rules_allow(open_poll, delegates):
    poll = open_poll()
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="no")
    assert selectors.recount(poll) == {"yes": 0, "no": 1, "abstention": 0}


def test_a_secret_vote_cannot_be_changed_nor_counted_twice(open_poll, delegates):
    poll = open_poll("secret")
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="no")
    assert selectors.recount(poll) == {"yes": 1, "no": 0, "abstention": 0}


@pytest.mark.parametrize("who", ["guest", "absent", "substitute"])
def test_people_without_vote_right_are_refused(open_poll, enrol, who):
    poll = open_poll()
    person = {
        "guest": lambda: enrol("Convidada", category="guest"),
        "absent": lambda: enrol("Ausente", present=False),
        "substitute": lambda: enrol("Suplente", is_substitute=True),
    }[who]()
    with pytest.raises(ValidationError, match="credenciad"):
        services.ballot_cast(poll=poll, registration=person, option_key="yes")
    assert not Voter.objects.exists()


def test_votes_after_closing_are_refused(open_poll, delegates, organiser):
    poll = open_poll()
    services.poll_close(actor=organiser, poll=poll)
    with pytest.raises(ValidationError, match="não está aberta"):
        services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    assert not Voter.objects.exists()


def test_a_vote_on_a_poll_of_another_conference_is_refused(
    open_poll, make_conference, enrol, janauba
):
    other = make_conference(status="in_progress", municipality=janauba)
    poll = open_poll()
    stranger = enrol("De fora", conf=other, present=False)
    with pytest.raises(ValidationError, match="outra conferência"):
        services.ballot_cast(poll=poll, registration=stranger, option_key="yes")


def test_an_unknown_option_is_refused(open_poll, delegates):
    with pytest.raises(ValidationError, match="opções"):
        services.ballot_cast(poll=open_poll(), registration=delegates[0], option_key="talvez")


def test_only_one_poll_is_open_at_a_time(open_poll, make_poll, organiser):
    open_poll()
    with pytest.raises(ValidationError, match="Encerre a votação 1"):
        services.poll_open(actor=organiser, poll=make_poll())


def test_secret_ballots_cannot_be_linked_to_voters(open_poll, enrol, organiser):
    """Who voted and what was voted share no column, no time and no order."""
    voters = [enrol(f"Delegado {i}") for i in range(20)]
    poll = open_poll("secret")
    for i, d in enumerate(voters):
        services.ballot_cast(poll=poll, registration=d, option_key=["yes", "no"][i % 2])
    tally_columns = {f.column for f in SecretTally._meta.concrete_fields}
    assert tally_columns == {"id", "poll_id", "option_id", "slot", "count"}
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, "voting_secrettally")
    assert {c.name for c in described} == tally_columns  # the table holds nothing more
    assert not Voter.objects.filter(poll=poll, option__isnull=False).exists()
    # Counters only: as many rows before the first vote as after the last.
    rows = SecretTally.objects.filter(poll=poll)
    assert rows.count() == 3 * 8
    assert sum(rows.values_list("count", flat=True)) == 20
    poll = services.poll_close(actor=organiser, poll=poll)
    assert counts(poll) == {"yes": 10, "no": 10, "abstention": 0}


def test_analog_counts_are_entered_after_closing_and_checked(open_poll, delegates, organiser):
    poll = open_poll("analog")
    with pytest.raises(ValidationError, match="celular"):
        services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    with pytest.raises(ValidationError, match="Encerre"):
        services.analog_counts_enter(actor=organiser, poll=poll, counts={"yes": 1})
    poll = services.poll_close(actor=organiser, poll=poll)
    with pytest.raises(ValidationError, match="mais do que os 3"):
        services.analog_counts_enter(
            actor=organiser, poll=poll, counts={"yes": 3, "no": 1, "abstention": 0}
        )
    with pytest.raises(ValidationError):
        services.analog_counts_enter(actor=organiser, poll=poll, counts={"yes": -1, "no": 0})
    poll = services.analog_counts_enter(
        actor=organiser, poll=poll, counts={"yes": 2, "no": 1, "abstention": 0}
    )
    assert poll.outcome == "approved"


def test_a_free_question_takes_listed_options(make_poll):
    poll = make_poll(options=["Sala A", "Sala B", ""])
    assert [o.label for o in poll.options.all()] == ["Sala A", "Sala B", "Abstenção"]
    with pytest.raises(ValidationError):
        make_poll(options=["Só uma"])
    with pytest.raises(ValidationError):
        make_poll(options=["Igual", "igual"])
    with pytest.raises(ValidationError):
        make_poll(question="   ")


def test_the_votes_of_a_poll_reach_the_state_read_live(open_poll, delegates):
    from plenaria.voting.selectors import live_state

    poll = open_poll("secret")
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    state = live_state(poll.conference_id)
    assert state == {"poll": poll.pk, "state": "open", "cast": 1, "present": 3}


def test_listed_options_are_only_for_free_questions(make_poll):
    poll = make_poll(item="regimento", options=["A", "B"])
    assert [o.key for o in poll.options.all()] == ["yes", "no", "abstention"]


def test_poll_numbers_follow_each_other(make_poll):
    assert [make_poll().number for _ in range(3)] == [1, 2, 3]
    assert Poll.objects.count() == 3


def first_ballot(poll, registration, option_key="yes", **extra):
    return services.ballot_first(
        **{
            "poll_id": poll.pk,
            "code": registration.code,
            "opened": [registration.pk],
            "pins": [pin_fingerprint(registration.pk, registration.pin)],
            "option_key": option_key,
            **extra,
        }
    )


@pytest.mark.parametrize(
    "who", ["titular", "replacing", "guest", "observer", "absent", "substitute", "cancelled"]
)
def test_the_first_ballot_statement_agrees_with_the_vote_right(open_poll, enrol, conference, who):
    """The one-statement ballot repeats credentialed_delegates' conditions in SQL: it must
    accept exactly the people is_credentialed_delegate accepts."""
    poll = open_poll()
    person = {
        "titular": lambda: enrol("Titular"),
        "replacing": lambda: enrol(
            "Suplente", is_substitute=True, replaces=enrol("Ausente", present=False)
        ),
        "guest": lambda: enrol("Convidada", category="guest"),
        "observer": lambda: enrol("Observadora", category="observer"),
        "absent": lambda: enrol("Ausente", present=False),
        "substitute": lambda: enrol("Suplente", is_substitute=True),
        "cancelled": lambda: enrol("Cancelada", status="cancelled"),
    }[who]()
    receipt = first_ballot(poll, person)
    if connection.vendor != "postgresql":
        assert receipt is None  # elsewhere the checked path does every ballot
        return
    assert (receipt is not None) == is_credentialed_delegate(conference, person)
    stored = list(Voter.objects.filter(poll=poll).values_list("receipt", flat=True))
    assert stored == ([receipt] if receipt else [])


@pytest.mark.postgres
def test_the_first_ballot_statement_stores_nothing_but_a_first_valid_ballot(
    open_poll, make_poll, delegates, organiser, make_conference, janauba, enrol
):
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement ballot is PostgreSQL's")
    ana, bia, cida = delegates
    poll = open_poll("secret")
    assert first_ballot(poll, ana, opened=[]) is None  # the session opened nobody
    assert first_ballot(poll, ana, opened=[bia.pk]) is None  # someone else's code
    assert first_ballot(poll, ana, "talvez") is None  # no such option
    stale = pin_fingerprint(ana.pk, "000000" if ana.pin != "000000" else "111111")
    assert first_ballot(poll, ana, pins=[stale]) is None  # opened with a PIN since replaced
    receipt = first_ballot(poll, ana, "no")
    assert receipt and first_ballot(poll, ana, "yes") is None  # a second tap
    assert selectors.recount(poll) == {"yes": 0, "no": 1, "abstention": 0}
    assert not Voter.objects.filter(option__isnull=False).exists()  # secret: no choice kept
    other = make_conference(status="in_progress", municipality=janauba)
    Shift.objects.create(
        conference=other, name="Manhã", date=other.start_date, start_time="08:00", end_time="12:00"
    )
    stranger = enrol("De fora", conf=other)  # credentialed there
    assert first_ballot(poll, stranger) is None  # a poll of another conference
    services.poll_close(actor=organiser, poll=poll)
    assert first_ballot(poll, bia) is None  # after the close
    analog = services.poll_open(actor=organiser, poll=make_poll("analog"))
    assert first_ballot(analog, cida) is None  # counted by cards
    assert Voter.objects.count() == 1


def _election(make_poll, segment="workers", mode="open"):
    return make_poll(
        mode,
        item="election",
        question="Eleição dos delegados trabalhadores",
        candidates=[("c1", "Ana"), ("c2", "Bia")],
        segment=segment,
    )


@pytest.mark.parametrize("voter_segment", ["workers", "users"])
@pytest.mark.parametrize("mode", ["open", "secret"])
def test_an_election_of_one_segment_takes_only_that_segments_ballots(
    make_poll, organiser, enrol, voter_segment, mode
):
    poll = services.poll_open(actor=organiser, poll=_election(make_poll, mode=mode))
    voter = enrol("Votante", segment=voter_segment)
    receipt = first_ballot(poll, voter, "c1")
    if connection.vendor == "postgresql":  # the one-statement path agrees with may_vote
        assert (receipt is not None) == (voter_segment == "workers")
    if voter_segment == "workers":
        services.ballot_cast(poll=poll, registration=voter, option_key="c1")
    else:
        with pytest.raises(ValidationError, match="segmento"):
            services.ballot_cast(poll=poll, registration=voter, option_key="c1")
    enrol("Outro segmento", segment="entities")
    closed = services.poll_close(actor=organiser, poll=poll)
    assert closed.entitled_count == (1 if voter_segment == "workers" else 0)
    assert selectors.recount(closed)["c1"] == (1 if voter_segment == "workers" else 0)
    assert [o.key for o in closed.options.all()] == ["c1", "c2", "abstention"]


def test_an_election_without_segment_is_open_to_every_delegate(make_poll, organiser, enrol):
    poll = services.poll_open(actor=organiser, poll=_election(make_poll, segment=""))
    services.ballot_cast(poll=poll, registration=enrol("Usuária", segment="users"), option_key="c2")
    assert selectors.recount(poll)["c2"] == 1


def test_an_election_needs_candidates_and_a_free_question_ignores_a_segment(make_poll):
    with pytest.raises(ValidationError, match="precisa de candidatos"):
        make_poll(item="election", question="Eleição", candidates=[])
    assert make_poll(segment="workers").segment == ""
