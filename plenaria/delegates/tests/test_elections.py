import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from plenaria.core.models import AuditEntry
from plenaria.delegates import elections, selectors
from plenaria.delegates.models import Candidacy, Election
from plenaria.voting import services as voting
from plenaria.voting.models import Poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(enrol):
    """Three credentialed delegates of the users' segment, oldest first."""
    made = []
    for name, year in (("Ana", 1950), ("Bia", 1970), ("Cida", 1990)):
        made.append(enrol(name, segment="users", birth_date=dt.date(year, 1, 1)))
    return made


def test_a_credentialed_delegate_stands_once_in_their_segment(users, organiser):
    ana = users[0]
    candidacy = elections.candidacy_register(actor=None, registration=ana)
    assert (candidacy.segment, candidacy.kind, candidacy.role) == ("users", "candidate", "")
    with pytest.raises(ValidationError, match="já é candidato"):
        elections.candidacy_register(actor=organiser, registration=ana)
    assert Candidacy.objects.count() == 1
    assert AuditEntry.objects.filter(object_repr=ana.code, action="create").exists()


@pytest.mark.parametrize(
    "who, message",
    [
        (dict(segment="government"), "indicação do gestor"),
        (dict(present=False), "não é delegado"),
        (dict(category="guest"), "não é delegado"),
        (dict(is_substitute=True), "não é delegado"),
    ],
)
def test_only_credentialed_civil_society_delegates_are_candidates(enrol, who, message):
    registration = enrol("Fulana", **{"segment": "users", **who})
    with pytest.raises(ValidationError, match=message):
        elections.candidacy_register(actor=None, registration=registration)
    assert not Candidacy.objects.exists()


def test_nominations_fill_government_seats_up_to_the_table(enrol, organiser, seats):
    seats(2, 2)  # one government titular, one suplente
    first = enrol("Gestora", segment="government")
    nominated = elections.nominate(actor=organiser, registration=first, role="titular")
    assert (nominated.kind, nominated.role) == ("nominated", "titular")
    with pytest.raises(ValidationError) as error:
        elections.nominate(
            actor=organiser, registration=enrol("Outra", segment="government"), role="titular"
        )
    assert "1 vaga de titular, e ela já está preenchida" in str(error.value)
    with pytest.raises(ValidationError, match="sociedade civil elege"):
        elections.nominate(actor=organiser, registration=enrol("Usuária"), role="titular")
    with pytest.raises(ValidationError, match="já está na lista"):
        elections.nominate(actor=organiser, registration=first, role="suplente")


def test_an_election_by_vote_ranks_with_the_tie_break_and_fills_the_seats(users, organiser, seats):
    seats(6, 6)  # users: one titular, one suplente
    for registration in users:
        elections.candidacy_register(actor=None, registration=registration)
    election = elections.election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="vote", mode="open"
    )
    poll = voting.poll_open(actor=organiser, poll=election.poll)
    assert poll.segment == "users" and poll.item == "election"
    options = {o.label: o.key for o in poll.options.all()}
    ana, bia, cida = users
    # Bia and Cida tie with one vote each; Ana's own vote goes blank.
    voting.ballot_cast(poll=poll, registration=ana, option_key=options["Cida"])
    voting.ballot_cast(poll=poll, registration=bia, option_key=options["Bia"])
    voting.ballot_cast(poll=poll, registration=cida, option_key="abstention")
    with pytest.raises(ValidationError, match="Encerre"):
        elections.election_record(actor=organiser, election=election)
    voting.poll_close(actor=organiser, poll=poll)
    elections.election_record(actor=organiser, election=election)
    result = {c.registration.name: (c.votes, c.rank, c.role) for c in Candidacy.objects.all()}
    # the older of the tied candidates first, as the default tie-break says
    assert result == {"Bia": (1, 1, "titular"), "Cida": (1, 2, "suplente"), "Ana": (0, 3, "")}
    with pytest.raises(ValidationError, match="já foi registrado"):
        elections.election_record(actor=organiser, election=election)
    with pytest.raises(ValidationError, match="candidaturas estão encerradas"):
        elections.candidacy_register(actor=None, registration=users[0])


def test_an_acclamation_is_recorded_at_once_in_the_tie_breaks_order(users, organiser, seats):
    seats(6, 6)
    for registration in users:
        elections.candidacy_register(actor=None, registration=registration)
    election = elections.election_start(
        actor=organiser,
        conference=users[0].conference,
        segment="users",
        method="acclamation",
        tie_break="younger_first",
    )
    assert election.poll is None and election.recorded_at
    result = {c.registration.name: (c.votes, c.role) for c in Candidacy.objects.all()}
    assert result == {"Cida": (None, "titular"), "Bia": (None, "suplente"), "Ana": (None, "")}


def test_an_election_needs_seats_and_candidates(users, organiser, seats):
    conference = users[0].conference
    elections.candidacy_register(actor=None, registration=users[0])
    with pytest.raises(ValidationError, match="não há tabela de vagas"):
        elections.election_start(
            actor=organiser, conference=conference, segment="users", method="vote"
        )
    seats(6, 6)
    with pytest.raises(ValidationError, match="não há candidatos"):
        elections.election_start(
            actor=organiser, conference=conference, segment="workers", method="vote"
        )
    assert not Election.objects.exists()


def test_the_check_says_what_is_missing_and_confirming_needs_a_justification(
    enrol, organiser, seats
):
    seats(2, 2)
    conference = enrol("x", present=False).conference
    usuaria = enrol("Usuária", segment="users")
    quota = enrol("Cotista", segment="users", self_declarations=["black"])
    for registration in (usuaria, quota):
        elections.candidacy_register(actor=None, registration=registration)
    usuaria.candidacy.role, quota.candidacy.role = "titular", "suplente"
    Candidacy.objects.bulk_update([usuaria.candidacy, quota.candidacy], ["role"])
    check = selectors.list_check(conference)
    assert "falta 1 titular do segmento governo" in check.problems
    assert check.problems[-2:] == [
        "cota de diversidade, governo: ao menos 1 de seu 1 titular (0 na lista)",
        "cota de diversidade, sociedade civil: ao menos 1 de seu 1 titular (0 na lista)",
    ]
    with pytest.raises(ValidationError, match="justificativa"):
        elections.list_confirm(actor=organiser, conference=conference)
    # the table moves the quota candidate to the titular seat, as the plenary decided
    with pytest.raises(ValidationError, match="1 vaga de titular; foram escolhidos 2"):
        elections.roles_set(
            actor=organiser,
            conference=conference,
            segment="users",
            roles={usuaria.candidacy.pk: "titular", quota.candidacy.pk: "titular"},
            reason="Cota",
        )
    elections.roles_set(
        actor=organiser,
        conference=conference,
        segment="users",
        roles={usuaria.candidacy.pk: "suplente", quota.candidacy.pk: "titular"},
        reason="Decisão da plenária: cota de diversidade",
    )
    assert selectors.list_check(conference).quota_found == 1
    listed = elections.list_confirm(
        actor=organiser, conference=conference, justification="Governo indica depois."
    )
    assert listed.confirmed_at and listed.justification == "Governo indica depois."
    assert "falta 1 suplente do segmento governo" in listed.problems
    # the civil-society part meets the quota; the government part, still empty, does not
    assert [p for p in listed.problems if "cota" in p] == [
        "cota de diversidade, governo: ao menos 1 de seu 1 titular (0 na lista)"
    ]
    with pytest.raises(ValidationError, match="já está confirmada"):
        elections.list_confirm(actor=organiser, conference=conference, justification="x")
    # a change of the list clears the confirmation
    elections.nominate(
        actor=organiser, registration=enrol("Gestor", segment="government"), role="titular"
    )
    listed.refresh_from_db()
    assert listed.confirmed_at is None


def test_an_election_without_quorum_is_cancelled_and_run_again(users, organiser, seats, enrol):
    seats(6, 6)
    conference = users[0].conference
    for registration in users:
        elections.candidacy_register(actor=None, registration=registration)
    for n in range(4):  # more delegates of the segment than vote: no quorum
        enrol(f"Ausente do voto {n}", segment="users")
    election = elections.election_start(
        actor=organiser, conference=conference, segment="users", method="vote", mode="open"
    )
    poll = voting.poll_open(actor=organiser, poll=election.poll)
    voting.ballot_cast(poll=poll, registration=users[0], option_key=f"c{users[0].candidacy.pk}")
    voting.poll_close(actor=organiser, poll=poll)
    with pytest.raises(ValidationError, match="não atingiu o quórum"):
        elections.election_record(actor=organiser, election=election)
    with pytest.raises(ValidationError, match="Diga por que"):
        elections.election_cancel(actor=organiser, election=election, reason=" ")
    elections.election_cancel(actor=organiser, election=election, reason="Sem quórum")
    assert not Election.objects.exists()
    assert Poll.objects.filter(pk=poll.pk).exists()  # the plenary saw it: kept in the history
    again = elections.election_start(
        actor=organiser, conference=conference, segment="users", method="acclamation"
    )
    assert again.recorded_at and Candidacy.objects.filter(role="titular").count() == 1
    with pytest.raises(ValidationError, match="mude quem ocupa as vagas"):
        elections.election_cancel(actor=organiser, election=again, reason="x")


def test_a_poll_never_opened_goes_with_its_cancelled_election(users, organiser, seats):
    seats(6, 6)
    elections.candidacy_register(actor=None, registration=users[0])
    election = elections.election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="vote"
    )
    elections.election_cancel(actor=organiser, election=election, reason="Modo errado")
    assert not Poll.objects.exists() and not Election.objects.exists()
