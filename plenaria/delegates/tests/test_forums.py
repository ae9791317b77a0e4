"""Segments whose delegates are chosen in their own forum (issue 23, item 3): how a
segment chooses, the people its forum chose, and the list checked as a whole."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import load_workbook

from plenaria.core.models import AuditEntry
from plenaria.delegates import documents, elections, forums, handover, selectors
from plenaria.delegates.models import Candidacy, Delegation, SegmentChoice
from plenaria.participants.models import Registration

pytestmark = pytest.mark.django_db

FORUM_DATE = dt.date(2025, 5, 20)
WORKERS_FORUM = {
    "forum_name": "Fórum Municipal de Trabalhadores do SUAS",
    "forum_date": FORUM_DATE,
    "forum_act": "Ata da assembleia de 20/05/2025",
}


def by_forum(organiser, conference, segment, **extra):
    return forums.segment_choice_set(
        actor=organiser,
        conference=conference,
        segment=segment,
        how="forum",
        **{**WORKERS_FORUM, **extra},
    )


@pytest.fixture
def conf(enrol):
    return enrol("Organização", present=False).conference


def test_a_segment_is_set_to_its_forum_with_date_and_act_and_audited(conf, organiser):
    choice = by_forum(organiser, conf, "workers")
    assert (choice.how, choice.forum_date, choice.forum_act) == (
        "forum",
        FORUM_DATE,
        "Ata da assembleia de 20/05/2025",
    )
    assert AuditEntry.objects.filter(content_type__model="segmentchoice").exists()
    assert selectors.how_chosen_text("workers", choice) == (
        "Escolhidos no Fórum Municipal de Trabalhadores do SUAS em 20/05/2025 "
        "(Ata da assembleia de 20/05/2025)"
    )
    assert selectors.how_chosen_text("users", None) == "Eleitos na conferência"
    assert selectors.how_chosen_text("government", None) == "Indicados pela gestão"
    # the same again records nothing new; back to the conference is allowed (no one yet)
    assert by_forum(organiser, conf, "workers").pk == choice.pk
    forums.segment_choice_set(actor=organiser, conference=conf, segment="workers", how="elected")
    choice.refresh_from_db()
    assert (choice.how, choice.forum_date, choice.forum_act) == ("elected", None, "")


@pytest.mark.parametrize(
    "extra, field, message",
    [
        ({"forum_date": None}, "forum_date", "data do fórum"),
        ({"forum_date": dt.date(2999, 1, 1)}, "forum_date", "futuro"),
        ({"forum_act": "   "}, "forum_act", "ato do fórum"),
        ({"forum_act": "x" * 301}, "forum_act", "300"),
    ],
)
def test_a_forum_needs_its_date_not_in_the_future_and_its_act(
    conf, organiser, extra, field, message
):
    with pytest.raises(ValidationError) as error:
        by_forum(organiser, conf, "workers", **extra)
    assert message in " ".join(error.value.message_dict[field])
    assert not SegmentChoice.objects.exists()


def test_the_government_is_never_chosen_in_a_forum(conf, organiser):
    with pytest.raises(ValidationError, match="indicados pela gestão|nomeados pelo gestor|gestão"):
        by_forum(organiser, conf, "government")
    with pytest.raises(ValidationError):
        by_forum(organiser, conf, "bogus\x00")


def test_a_forum_is_refused_once_the_segment_has_candidates_or_an_election(enrol, organiser, seats):
    seats(6, 6)
    worker = enrol("Trabalhadora", segment="workers")
    conference = worker.conference
    candidacy = elections.candidacy_register(actor=None, registration=worker)
    with pytest.raises(ValidationError, match="candidatos inscritos na conferência"):
        by_forum(organiser, conference, "workers")
    elections.election_start(
        actor=organiser, conference=conference, segment="workers", method="vote", mode="open"
    )
    with pytest.raises(ValidationError, match="eleição do segmento trabalhadores começou"):
        by_forum(organiser, conference, "workers")
    assert not SegmentChoice.objects.exists()
    assert Candidacy.objects.get() == candidacy


def test_forum_people_are_recorded_within_the_seats_without_credentialing(enrol, organiser, seats):
    seats(6, 6)  # workers: 1 titular, 1 suplente
    absent = enrol("Trabalhadora do fórum", segment="workers", present=False)
    conference = absent.conference
    with pytest.raises(ValidationError, match="eleitos na conferência"):
        forums.forum_delegate_record(
            actor=organiser, conference=conference, registration=absent, role="titular"
        )
    by_forum(organiser, conference, "workers")
    titular = forums.forum_delegate_record(
        actor=organiser, conference=conference, registration=absent, role="titular"
    )
    assert (titular.kind, titular.role, titular.segment) == ("forum", "titular", "workers")
    assert titular.get_kind_display() == "Escolhido(a) no fórum"
    another = enrol("Outro", segment="workers", present=False)
    with pytest.raises(ValidationError) as error:
        forums.forum_delegate_record(
            actor=organiser, conference=conference, registration=another, role="titular"
        )
    assert "1 vaga de titular, e ela já está preenchida" in error.value.message_dict["role"][0]
    with pytest.raises(ValidationError, match="já está na lista"):
        forums.forum_delegate_record(
            actor=organiser, conference=conference, registration=absent, role="suplente"
        )
    # a guest, a user, a government delegate: not this segment's delegates
    guest = enrol("Convidada", segment="workers", category="guest", present=False)
    with pytest.raises(ValidationError, match="não é uma inscrição confirmada de delegado"):
        forums.forum_delegate_record(
            actor=organiser, conference=conference, registration=guest, role="suplente"
        )
    user = enrol("Usuária", segment="users", present=False)
    with pytest.raises(ValidationError, match="segmento usuários, não do segmento trabalhadores"):
        forums.forum_delegate_record(
            actor=organiser,
            conference=conference,
            registration=user,
            role="suplente",
            segment="workers",
        )
    # the segment's candidacy at the conference and its election are refused
    with pytest.raises(ValidationError, match="escolhidos no fórum do segmento"):
        elections.candidacy_register(actor=None, registration=enrol("T", segment="workers"))
    with pytest.raises(ValidationError, match="escolhidos no fórum do segmento"):
        elections.election_start(
            actor=organiser, conference=conference, segment="workers", method="acclamation"
        )
    # back to the conference is refused while forum people are on the list
    with pytest.raises(ValidationError, match="escolhidas no fórum"):
        forums.segment_choice_set(
            actor=organiser, conference=conference, segment="workers", how="elected"
        )
    # withdrawn like a nomination: by the table, not from the phone
    with pytest.raises(ValidationError, match="Só a mesa retira"):
        elections.candidacy_withdraw(actor=None, candidacy=titular)
    elections.candidacy_withdraw(actor=organiser, candidacy=titular)
    forums.segment_choice_set(
        actor=organiser, conference=conference, segment="workers", how="elected"
    )


def test_a_registration_of_another_conference_is_refused(
    enrol, organiser, seats, make_conference, janauba, outsider
):
    seats(6, 6)
    conference = enrol("x", present=False).conference
    by_forum(organiser, conference, "workers")
    other = make_conference(actor=outsider, municipality=janauba, status="in_progress")
    stranger = enrol("Trabalhadora de Janaúba", segment="workers", present=False, conf=other)
    with pytest.raises(ValidationError, match="Nenhuma inscrição com este código"):
        forums.forum_delegate_record(
            actor=organiser, conference=conference, registration=stranger, role="titular"
        )
    assert not Candidacy.objects.filter(kind="forum").exists()


def mixed_list(enrol, organiser, seats):
    """Users elected by acclamation, workers and entities by their forums, government
    appointed: 6 + 6 seats (each civil segment 1 + 1, government 3 + 3), the quota met
    by a worker chosen in the forum and a government titular."""
    seats(6, 6)
    first = enrol("Usuária A", segment="users", birth_date=dt.date(1950, 1, 1))
    conference = first.conference
    second = enrol("Usuário B", segment="users", birth_date=dt.date(1980, 1, 1))
    for registration in (first, second):
        elections.candidacy_register(actor=None, registration=registration)
    elections.election_start(
        actor=organiser, conference=conference, segment="users", method="acclamation"
    )
    for segment, forum in (
        ("workers", WORKERS_FORUM),
        ("entities", {**WORKERS_FORUM, "forum_name": "Fórum Municipal de Entidades"}),
    ):
        forums.segment_choice_set(
            actor=organiser, conference=conference, segment=segment, how="forum", **forum
        )
        for role in ("titular", "suplente"):
            declared = ["black"] if segment == "workers" and role == "titular" else []
            person = enrol(
                f"{segment} {role}", segment=segment, present=False, self_declarations=declared
            )
            forums.forum_delegate_record(
                actor=organiser, conference=conference, registration=person, role=role
            )
    for n, role in enumerate(["titular"] * 3 + ["suplente"] * 3):
        declared = ["older"] if n == 0 else []
        person = enrol(f"Gestor {n}", segment="government", self_declarations=declared)
        elections.nominate(actor=organiser, registration=person, role=role)
    return conference


def test_a_mixed_list_confirms_without_justification(enrol, organiser, seats):
    conference = mixed_list(enrol, organiser, seats)
    check = selectors.list_check(conference)
    assert check.ok, check.problems
    assert check.quota_found == 2  # the worker chosen in the forum counts
    listed = elections.list_confirm(actor=organiser, conference=conference)
    assert listed.confirmed_at and not listed.justification and not listed.problems
    page = selectors.conference_list(conference)
    assert [b.how_text.split(" (")[0] for b in page.blocks] == [
        "Eleitos na conferência",
        "Escolhidos no Fórum Municipal de Trabalhadores do SUAS em 20/05/2025",
        "Escolhidos no Fórum Municipal de Entidades em 20/05/2025",
        "Indicados pela gestão",
    ]


def test_without_the_forum_worker_the_quota_is_missing(enrol, organiser, seats):
    conference = mixed_list(enrol, organiser, seats)
    Registration.objects.filter(conference=conference, segment="workers").update(
        self_declarations=[]
    )
    check = selectors.list_check(conference)
    assert any("cota de diversidade, sociedade civil" in p for p in check.problems)


def test_documents_say_how_each_segment_chose(enrol, organiser, seats):
    conference = mixed_list(enrol, organiser, seats)
    elections.list_confirm(actor=organiser, conference=conference)
    found = documents.publication(conference)
    text = documents.resolution_text(found)
    assert "Como cada segmento escolheu seus delegados:" in text
    assert "e considerando os delegados escolhidos nos fóruns de seus segmentos" in text
    assert "- Usuários: Eleitos na conferência" in text
    assert (
        "- Trabalhadores: Escolhidos no Fórum Municipal de Trabalhadores do SUAS em "
        "20/05/2025 (Ata da assembleia de 20/05/2025)"
    ) in text
    assert "- Governo: Indicados pela gestão" in text
    html = render_to_string("delegates/pdf/list.html", {"conference": conference, "found": found})
    assert "Como cada segmento escolheu seus delegados" in html
    assert "escolhido(a) no fórum" in html  # the votes column of a forum's person
    rows = list(load_workbook(io.BytesIO(documents.list_xlsx(found))).active.values)

    assert rows[1][-1] == "Como foi escolhido"
    hows = {row[3]: row[-1] for row in rows[2:]}
    assert hows["Usuário(a) dos serviços"] == "Eleitos na conferência"
    entities = hows["Entidades e organizações de assistência social"]
    assert entities.startswith("Escolhidos no Fórum Municipal de Entidades")
    assert hows["Governo"] == "Indicados pela gestão"


def test_the_hand_over_sends_forum_people_like_the_others(
    enrol, organiser, seats, state_conference
):
    conference = mixed_list(enrol, organiser, seats)
    elections.list_confirm(actor=organiser, conference=conference)
    sent = handover.send(actor=organiser, conference=conference)
    assert (sent.titulares, sent.suplentes) == (6, 6)
    workers = Delegation.objects.filter(handover=sent, segment="workers")
    assert sorted(d.role for d in workers) == ["suplente", "titular"]
    assert all(
        d.registration.conference == state_conference
        and d.registration.status == "confirmed"
        and d.registration.segment == "workers"
        for d in workers
    )
    assert workers.get(role="titular").in_quota
    rows = {r.segment: r.text for r in selectors.how_chosen(conference)}
    assert rows["entities"].startswith("Escolhidos no Fórum Municipal de Entidades")


def test_the_forum_date_is_today_at_the_latest(conf, organiser):
    choice = by_forum(organiser, conf, "entities", forum_date=timezone.localdate())
    assert choice.forum_date == timezone.localdate()


def test_a_state_conference_chooses_per_list(state_lists, enrol, organiser):
    """The municipal-level workers come from the forum; the state-level ones are elected."""
    state = state_lists
    with pytest.raises(ValidationError, match="Escolha de quais delegados"):
        by_forum(organiser, state, "workers")
    by_forum(organiser, state, "workers", kind="municipal_level")
    chosen = enrol("Do fórum", segment="workers", present=False, conf=state)
    candidacy = forums.forum_delegate_record(
        actor=organiser,
        conference=state,
        registration=chosen,
        role="titular",
        kind="municipal_level",
    )
    assert (candidacy.national_kind, candidacy.kind) == ("municipal_level", "forum")
    standing = enrol("Candidata", segment="workers", conf=state)
    with pytest.raises(ValidationError, match="escolhidos no fórum do segmento"):
        elections.candidacy_register(actor=None, registration=standing, kind="municipal_level")
    elections.candidacy_register(actor=None, registration=standing, kind="state_level")
    rows = {(r.kind, r.segment): r for r in selectors.how_chosen(state)}
    assert rows[("municipal_level", "workers")].forum
    assert rows[("municipal_level", "workers")].label == (
        "Trabalhadores — Delegado(a) de âmbito municipal"
    )
    assert not rows[("state_level", "workers")].forum
