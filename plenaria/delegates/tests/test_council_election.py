"""The council's own civil-society election at the conference (issue 23, item 4):
seats from the council's law, candidacies, the segment's poll, titular and suplente
with the tie-break, the result written into the council and the resolution."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.delegates import council, elections
from plenaria.delegates.models import Candidacy, CouncilCandidacy, CouncilElection
from plenaria.territory import services as territory
from plenaria.territory.models import CouncilMember
from plenaria.voting import services as voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def law(conference):
    """The Montes Claros council's law: users 1+1, workers 1+0, entities none."""
    target = conference.municipality.council
    territory.council_seats_set(
        actor=None,
        council=target,
        law="Lei municipal nº 1.234/2012",
        seats={"users": (1, 1), "workers": (1, 0)},
    )
    return target


@pytest.fixture
def users(enrol):
    """Three credentialed users' delegates, oldest first."""
    return [
        enrol(name, segment="users", birth_date=dt.date(year, 1, 1))
        for name, year in (("Ana", 1950), ("Bia", 1970), ("Cida", 1990))
    ]


def _stand(people):
    return [council.council_candidacy_add(actor=None, registration=r) for r in people]


def test_the_seats_come_from_the_councils_law(law, conference):
    assert council.seats_of(law, "users") == (1, 1)
    assert council.seats_of(law, "entities") == (0, 0)
    race = council.council_race(conference)
    assert [(s.segment, s.titulares, s.suplentes) for s in race.segments] == [
        ("users", 1, 1),
        ("workers", 1, 0),
        ("entities", 0, 0),
    ]


def test_a_vote_ranks_with_the_tie_break_into_titular_and_suplente(law, users, organiser):
    _stand(users)
    ana, bia, cida = users
    election = council.council_election_start(
        actor=organiser, conference=ana.conference, segment="users", method="vote", mode="open"
    )
    poll = voting.poll_open(actor=organiser, poll=election.poll)
    # only the segment's delegates vote
    assert poll.segment == "users" and poll.item == "election"
    options = {o.label: o.key for o in poll.options.all()}
    voting.ballot_cast(poll=poll, registration=ana, option_key=options["Cida"])
    voting.ballot_cast(poll=poll, registration=bia, option_key=options["Bia"])
    voting.ballot_cast(poll=poll, registration=cida, option_key="abstention")
    with pytest.raises(ValidationError, match="Encerre"):
        council.council_election_record(actor=organiser, election=election)
    voting.poll_close(actor=organiser, poll=poll)
    council.council_election_record(actor=organiser, election=election)
    result = {
        c.registration.name: (c.votes, c.rank, c.role) for c in CouncilCandidacy.objects.all()
    }
    # Bia and Cida tie: the older first (the default tie-break)
    assert result == {"Bia": (1, 1, "titular"), "Cida": (1, 2, "suplente"), "Ana": (0, 3, "")}
    with pytest.raises(ValidationError, match="já foi registrado"):
        council.council_election_record(actor=organiser, election=election)


def test_another_segments_delegate_may_not_vote_in_the_segments_poll(law, users, enrol, organiser):
    worker = enrol("Trabalhadora", segment="workers")
    _stand(users)
    election = council.council_election_start(
        actor=organiser, conference=worker.conference, segment="users", method="vote", mode="open"
    )
    poll = voting.poll_open(actor=organiser, poll=election.poll)
    with pytest.raises(ValidationError, match="Só os delegados do segmento"):
        voting.ballot_cast(poll=poll, registration=worker, option_key=poll.options.first().key)


def test_an_acclamation_is_recorded_at_once_in_the_tie_breaks_order(law, users, organiser):
    _stand(users)
    election = council.council_election_start(
        actor=organiser,
        conference=users[0].conference,
        segment="users",
        method="acclamation",
        tie_break="younger_first",
    )
    assert election.poll is None and election.recorded_at
    result = {c.registration.name: (c.votes, c.role) for c in CouncilCandidacy.objects.all()}
    assert result == {"Cida": (None, "titular"), "Bia": (None, "suplente"), "Ana": (None, "")}


def test_the_term_defaults_to_the_councils_period(law, users, organiser):
    law.period_years = 4
    law.save()
    _stand(users[:1])
    election = council.council_election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="acclamation"
    )
    end = users[0].conference.end_date
    assert election.term_start == end + dt.timedelta(days=1)
    assert election.term_end == dt.date(end.year + 4, end.month, end.day)


def test_one_may_stand_for_the_council_and_for_delegate(law, users, organiser):
    ana = users[0]
    elections.candidacy_register(actor=None, registration=ana)
    council.council_candidacy_add(actor=organiser, registration=ana)
    assert Candidacy.objects.filter(registration=ana).exists()
    assert CouncilCandidacy.objects.filter(registration=ana).exists()


@pytest.mark.parametrize(
    "who, segment, message",
    [
        (dict(segment="government"), "", "Só representantes da sociedade civil"),
        (dict(present=False), "", "presentes na conferência"),
        (dict(category="guest"), "", "presentes na conferência"),
        (dict(), "workers", "não pode concorrer às vagas do segmento"),
    ],
)
def test_who_may_not_stand_is_refused_in_portuguese(law, enrol, who, segment, message):
    registration = enrol("Fulana", **{"segment": "users", **who})
    with pytest.raises(ValidationError, match=message):
        council.council_candidacy_add(actor=None, registration=registration, segment=segment)
    assert not CouncilCandidacy.objects.exists()


def test_standing_twice_or_after_the_start_is_refused(law, users, organiser):
    _stand(users[:2])
    with pytest.raises(ValidationError, match="já concorre ao conselho"):
        council.council_candidacy_add(actor=None, registration=users[0])
    council.council_election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="vote"
    )
    with pytest.raises(ValidationError, match="candidaturas estão encerradas"):
        council.council_candidacy_add(actor=None, registration=users[2])
    with pytest.raises(ValidationError, match="A eleição já começou"):
        council.council_candidacy_withdraw(actor=None, candidacy=users[0].council_candidacy)


def test_an_election_needs_the_laws_seats_and_candidates(law, enrol, organiser, conference):
    entity = enrol("Entidade", segment="entities")
    council.council_candidacy_add(actor=None, registration=entity)
    with pytest.raises(ValidationError, match="não tem vagas do segmento entidades"):
        council.council_election_start(
            actor=organiser, conference=conference, segment="entities", method="vote"
        )
    with pytest.raises(ValidationError, match="Nenhum candidato ao conselho"):
        council.council_election_start(
            actor=organiser, conference=conference, segment="workers", method="vote"
        )
    with pytest.raises(ValidationError, match="segmento da sociedade civil"):
        council.council_election_start(
            actor=organiser, conference=conference, segment="government", method="vote"
        )
    assert not CouncilElection.objects.exists()


def test_a_cancelled_election_starts_again(law, users, organiser):
    _stand(users)
    election = council.council_election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="vote"
    )
    with pytest.raises(ValidationError, match="Diga por que"):
        council.council_election_cancel(actor=organiser, election=election, reason=" ")
    council.council_election_cancel(actor=organiser, election=election, reason="Erro")
    assert not CouncilElection.objects.exists()
    council.council_election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="acclamation"
    )


def test_writing_into_the_council_twice_never_duplicates(law, users, enrol, organiser):
    conference = users[0].conference
    _stand(users)
    worker = enrol("Trabalhadora", segment="workers")
    council.council_candidacy_add(actor=None, registration=worker)
    with pytest.raises(ValidationError, match="Registre o resultado"):
        council.council_members_from_election(actor=organiser, conference=conference)
    for segment in ("users", "workers"):
        council.council_election_start(
            actor=organiser, conference=conference, segment=segment, method="acclamation"
        )
    assert council.council_members_from_election(actor=organiser, conference=conference) == (3, 0)
    assert council.council_members_from_election(actor=organiser, conference=conference) == (0, 3)
    members = CouncilMember.objects.filter(council=law).exclude(source="")
    assert sorted((m.name, m.segment, m.seat) for m in members) == [
        ("Ana", "users", "titular"),
        ("Bia", "users", "suplente"),
        ("Trabalhadora", "workers", "titular"),
    ]
    ana = members.get(name="Ana")
    assert (ana.role, ana.sector, ana.user) == ("councillor", "civil_society", None)
    assert conference.title in ana.act
    assert CouncilElection.objects.filter(written_at__isnull=False).count() == 2


def test_the_social_name_is_what_the_council_and_the_resolution_show(law, enrol, organiser):
    person = enrol("Carlos Souza", segment="users", social_name="Carla Souza")
    council.council_candidacy_add(actor=None, registration=person)
    council.council_election_start(
        actor=organiser, conference=person.conference, segment="users", method="acclamation"
    )
    council.council_members_from_election(actor=organiser, conference=person.conference)
    assert CouncilMember.objects.filter(name="Carla Souza").exists()
    text = council.council_resolution_text(council.council_race(person.conference))
    assert "Carla Souza" in text and "Carlos" not in text
    assert "Lei municipal nº 1.234/2012" in text
    assert "Titulares:" in text and "RESOLVE:" in text


# ------------------------------------------------------------------------------ views


def _url(name, conference, *args):
    return reverse(f"delegates:{name}", args=[conference.pk, *args])


def test_the_table_runs_the_election_through_the_page(law, users, organiser, conference):
    client = client_for(organiser)
    assert client.get(_url("council", conference)).status_code == 200
    for person in users:
        response = client.post(
            _url("council_candidacy_add", conference),
            {"segment": "users", "c-registration": person.code},
        )
        assert response.status_code == 302
    response = client.post(
        _url("council_start", conference),
        {
            "segment": "users",
            "e-method": "acclamation",
            "e-mode": "open",
            "e-tie_break": "older_first",
            "e-term_start": "2026-01-01",
            "e-term_end": "2027-12-31",
        },
    )
    assert response.status_code == 302
    assert CouncilElection.objects.get().term_end == dt.date(2027, 12, 31)
    assert client.post(_url("council_write", conference)).status_code == 302
    assert CouncilMember.objects.filter(council=law, source__startswith="council-").count() == 2
    page = client.get(_url("council_resolution", conference)).content.decode()
    assert "Ana" in page and "Bia" in page
    text = client.get(_url("council_resolution", conference) + "?formato=txt")
    assert text["Content-Type"].startswith("text/plain")
    pdf = client.get(_url("council_resolution", conference) + "?formato=pdf")
    assert pdf["Content-Type"] == "application/pdf"


def test_a_wrong_code_shows_the_message_at_the_segments_field(law, organiser, conference):
    response = client_for(organiser).post(
        _url("council_candidacy_add", conference), {"segment": "users", "c-registration": "XXXX"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not CouncilCandidacy.objects.exists()


def test_another_conferences_staff_gets_404(law, users, organiser, outsider, conference):
    candidacy = _stand(users[:1])[0]
    election = council.council_election_start(
        actor=organiser, conference=conference, segment="users", method="vote"
    )
    client = client_for(outsider)
    assert client.get(_url("council", conference)).status_code == 404
    assert client.get(_url("council_resolution", conference)).status_code == 404
    for name, args in (
        ("council_candidacy_add", ()),
        ("council_candidacy_withdraw", (candidacy.pk,)),
        ("council_start", ()),
        ("council_record", (election.pk,)),
        ("council_cancel", (election.pk,)),
        ("council_write", ()),
    ):
        assert client.post(_url(name, conference, *args)).status_code == 404, name
    assert CouncilElection.objects.count() == 1


def test_an_election_of_another_conference_is_404_through_ones_own(
    law, users, organiser, make_conference, conference, admin_user, janauba
):
    _stand(users[:1])
    election = council.council_election_start(
        actor=organiser, conference=conference, segment="users", method="vote"
    )
    other = make_conference(actor=admin_user, municipality=janauba)
    response = client_for(admin_user).post(
        _url("council_cancel", other, election.pk), {"reason": "x"}
    )
    assert response.status_code == 404
    assert CouncilElection.objects.filter(pk=election.pk).exists()


# ------------------------------------------------------------------------ query counts


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_read_as_much_for_few_candidates_as_for_many(law, enrol, organiser, conference):
    client = client_for(organiser)
    made = iter(range(100))

    def stand(n):
        for _ in range(n):
            k = next(made)
            for segment in ("users", "workers"):
                council.council_candidacy_add(
                    actor=None, registration=enrol(f"Pessoa {segment} {k}", segment=segment)
                )

    stand(2)
    council.council_election_start(
        actor=organiser, conference=conference, segment="workers", method="acclamation"
    )
    council.council_members_from_election(actor=organiser, conference=conference)
    pages = [
        _url("council", conference),
        _url("council_resolution", conference),
        reverse("territory:council_settings", args=[law.pk]),
    ]
    few = [_queries(client, url) for url in pages]
    CouncilElection.objects.all().delete()  # the premise: more candidates, elected again
    stand(4)
    council.council_election_start(
        actor=organiser, conference=conference, segment="workers", method="acclamation"
    )
    council.council_members_from_election(actor=organiser, conference=conference)
    assert [_queries(client, url) for url in pages] == few


# ------------------------------------------------------------ review of the first version


def test_a_candidate_whose_registration_was_cancelled_keeps_the_votes_not_a_seat(
    law, users, organiser
):
    from plenaria.participants import services as participants

    _stand(users)
    ana, _bia, _cida = users
    participants.registration_cancel(actor=organiser, registration=ana)
    council.council_election_start(
        actor=organiser, conference=ana.conference, segment="users", method="acclamation"
    )
    result = {c.registration.name: (c.rank, c.role) for c in CouncilCandidacy.objects.all()}
    # Ana is the oldest (first by the tie-break) but no longer registered: no seat
    assert result == {"Ana": (1, ""), "Bia": (2, "titular"), "Cida": (3, "suplente")}


def test_a_delegate_candidate_cancelled_after_standing_takes_no_seat(users, organiser, seats):
    from plenaria.participants import services as participants

    seats(6, 6)  # users: 1 titular, 1 suplente
    for person in users:
        elections.candidacy_register(actor=organiser, registration=person)
    participants.registration_cancel(actor=organiser, registration=users[0])
    elections.election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="acclamation"
    )
    roles = {c.registration.name: c.role for c in Candidacy.objects.all()}
    assert roles == {"Ana": "", "Bia": "titular", "Cida": "suplente"}


def test_the_seats_of_the_law_when_the_vote_started_decide_the_result(law, users, organiser):
    _stand(users)
    election = council.council_election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="vote", mode="open"
    )
    territory.council_seats_set(
        actor=None, council=law, law="Lei municipal nº 1.234/2012", seats={"users": (0, 0)}
    )
    poll = voting.poll_open(actor=organiser, poll=election.poll)
    options = {o.label: o.key for o in poll.options.all()}
    for voter in users:
        voting.ballot_cast(poll=poll, registration=voter, option_key=options["Cida"])
    voting.poll_close(actor=organiser, poll=poll)
    council.council_election_record(actor=organiser, election=election)
    roles = {c.registration.name: c.role for c in CouncilCandidacy.objects.all()}
    assert roles == {"Cida": "titular", "Ana": "suplente", "Bia": ""}


def test_why_an_election_was_cancelled_is_in_the_audit(law, users, organiser):
    from plenaria.core.models import AuditEntry

    _stand(users)
    election = council.council_election_start(
        actor=organiser, conference=users[0].conference, segment="users", method="vote", mode="open"
    )
    council.council_election_cancel(actor=organiser, election=election, reason="Erro na cédula")
    entry = AuditEntry.objects.filter(action="delete", content_type__model="councilelection")
    assert entry.get().reason == "Erro na cédula"


def test_a_conference_dated_at_the_end_of_the_calendar_gets_a_term_not_a_500(conference):
    conference.end_date = dt.date(9999, 12, 31)
    start, end = council.default_term(conference, conference.municipality.council)
    assert start == end == dt.date(9999, 12, 31)


def test_only_the_councils_organisers_write_the_elected_into_its_members(
    law, users, organiser, conference
):
    from plenaria.conferences.models import ConferenceRole
    from plenaria.conftest import make_user

    _stand(users)
    council.council_election_start(
        actor=organiser, conference=conference, segment="users", method="acclamation"
    )
    table = make_user("mesa")
    ConferenceRole.objects.create(conference=conference, user=table, role="table")
    url = reverse("delegates:council_write", args=[conference.pk])
    assert client_for(table).post(url).status_code == 403
    assert not CouncilMember.objects.filter(segment="users").exists()
    assert client_for(organiser).post(url).status_code == 302
    assert CouncilMember.objects.filter(segment="users").count() == 2
