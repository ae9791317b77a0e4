import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from plenaria.conferences.models import Shift
from plenaria.conftest import conference_to
from plenaria.core.models import AuditEntry
from plenaria.delegates import elections, handover, selectors
from plenaria.delegates.models import Candidacy, Delegation, HandOver, SeatCount, SeatTable
from plenaria.participants.models import Registration

pytestmark = pytest.mark.django_db

LIST = [
    ("Ana", "users", "titular"),
    ("Bia", "users", "suplente"),
    ("Gil", "government", "titular"),
    ("Gina", "government", "suplente"),
]


def at_state(state_conference):
    return {
        r.name: (r.status, r.is_substitute, r.origin)
        for r in Registration.objects.filter(conference=state_conference)
    }


def test_a_confirmed_list_becomes_pre_registered_delegates_of_the_state_conference(
    state_conference, confirmed_list, organiser
):
    made = confirmed_list(LIST)
    sent = handover.send(actor=organiser, conference=made[0].conference)
    assert (sent.version, sent.current, sent.titulares, sent.suplentes) == (1, True, 2, 2)
    assert sent.receiver == state_conference
    assert at_state(state_conference) == {
        "Ana": ("confirmed", False, "handover"),
        "Bia": ("confirmed", True, "handover"),
        "Gil": ("confirmed", False, "handover"),
        "Gina": ("confirmed", True, "handover"),
    }
    ana = Registration.objects.get(conference=state_conference, name="Ana")
    assert ana.person_id == made[0].registration.person_id  # the same person record
    assert ana.category == "delegate" and ana.code != made[0].registration.code
    assert Delegation.objects.get(registration=ana).handover == sent
    assert AuditEntry.objects.filter(object_repr=str(sent), action="create").exists()


def test_only_a_confirmed_list_is_sent_and_only_where_there_is_a_parent(
    conference, confirmed_list, organiser, enrol
):
    with pytest.raises(ValidationError, match="Confirme a lista"):
        handover.send(actor=organiser, conference=conference)
    confirmed_list(LIST)
    with pytest.raises(ValidationError, match="ainda não foi criada"):
        handover.send(actor=organiser, conference=conference)
    assert not HandOver.objects.exists()


def test_sending_again_makes_a_new_version_and_brings_the_state_in_step(
    state_conference, confirmed_list, organiser, enrol
):
    made = confirmed_list(LIST)
    conference = made[0].conference
    first = handover.send(actor=organiser, conference=conference)
    # The plenary swaps Bia for Cida before the list is sent again.
    bia = made[1]
    cida = enrol("Cida", segment="users")
    cida_candidacy = elections.candidacy_register(actor=organiser, registration=cida)
    elections.roles_set(
        actor=organiser,
        conference=conference,
        segment="users",
        roles={made[0].pk: "titular", bia.pk: "", cida_candidacy.pk: "suplente"},
        reason="Bia renunciou",
    )
    with pytest.raises(ValidationError, match="Confirme a lista"):
        handover.send(actor=organiser, conference=conference)
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")
    second = handover.send(actor=organiser, conference=conference)
    first.refresh_from_db()
    assert (second.version, second.current, first.current) == (2, True, False)
    assert first.delegates.count() == 4  # the old version is kept as sent
    state = at_state(state_conference)
    assert state["Bia"][0] == "cancelled" and state["Cida"] == ("confirmed", True, "handover")
    assert state["Ana"][0] == "confirmed"
    assert Registration.objects.filter(conference=state_conference).count() == 5
    # Bia back on the list: her cancelled registration is brought back, not duplicated.
    elections.roles_set(
        actor=organiser,
        conference=conference,
        segment="users",
        roles={made[0].pk: "titular", bia.pk: "suplente", cida_candidacy.pk: ""},
        reason="Bia voltou",
    )
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")
    handover.send(actor=organiser, conference=conference)
    state = at_state(state_conference)
    assert state["Bia"][0] == "confirmed" and state["Cida"][0] == "cancelled"


def test_a_delegate_elected_in_two_municipalities_is_refused_and_nothing_changes(
    state_conference, confirmed_list, organiser, make_conference, janauba, enrol
):
    made = confirmed_list(LIST)
    handover.send(actor=organiser, conference=made[0].conference)
    other = make_conference(status="in_progress", municipality=janauba)
    Shift.objects.create(
        conference=other, name="Manhã", date=other.start_date, start_time="08:00", end_time="12:00"
    )
    assert other.parent_id == state_conference.pk
    theirs = confirmed_list([("Zeca", "users", "titular")], conf=other)
    # Ana (already sent by Montes Claros) is also on Janaúba's list.
    ana_there = enrol("Ana (Janaúba)", segment="users", conf=other)
    # The same person on both lists (enrol makes people without a CPF to link them).
    ana_there.person = made[0].registration.person
    ana_there.save()
    elections.candidacy_register(actor=organiser, registration=ana_there)
    elections.roles_set(
        actor=organiser,
        conference=other,
        segment="users",
        roles={theirs[0].pk: "titular", ana_there.candidacy.pk: "suplente"},
        reason="Eleição",
    )
    elections.list_confirm(actor=organiser, conference=other, justification="Plenária")
    before = Registration.objects.filter(conference=state_conference).count()
    with pytest.raises(ValidationError) as error:
        handover.send(actor=organiser, conference=other)
    assert (
        "Ana (Janaúba) já está inscrito(a) em “Conferência Estadual de Assistência Social de MG” "
        "(enviado(a) por Montes Claros (MG))"
    ) in str(error.value)
    assert not HandOver.objects.filter(conference=other).exists()
    assert Registration.objects.filter(conference=state_conference).count() == before


def test_a_suplente_takes_a_titulars_seat_with_date_and_reason(
    state_conference, confirmed_list, organiser
):
    made = confirmed_list(LIST)
    sent = handover.send(actor=organiser, conference=made[0].conference)
    ana, bia, gil, gina = (
        Delegation.objects.get(handover=sent, registration__name=n)
        for n in ("Ana", "Bia", "Gil", "Gina")
    )
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="segmento do titular"):
        handover.replace(actor=organiser, titular=ana, suplente=gina, on=today, reason="x")
    with pytest.raises(ValidationError) as error:
        handover.replace(
            actor=organiser, titular=ana, suplente=bia, on=today + dt.timedelta(days=1), reason=""
        )
    assert set(error.value.message_dict) == {"on", "reason"}
    handover.replace(actor=organiser, titular=ana, suplente=bia, on=today, reason="Renúncia")
    ana.refresh_from_db()
    assert (ana.replaced_by, ana.replaced_on, ana.replacement_reason) == (bia, today, "Renúncia")
    state = at_state(state_conference)
    assert state["Ana"][0] == "cancelled" and state["Bia"] == ("confirmed", False, "handover")
    with pytest.raises(ValidationError, match="titular que ainda ocupa"):
        handover.replace(actor=organiser, titular=ana, suplente=gina, on=today, reason="x")


def test_the_state_sees_each_list_received_with_totals(state_conference, confirmed_list, organiser):
    made = confirmed_list(LIST)
    handover.send(actor=organiser, conference=made[0].conference)
    found = selectors.received(state_conference)
    assert (found.sent, found.expected, found.titulares, found.suplentes) == (1, 1, 2, 2)
    assert found.with_problems == 1  # confirmed with a justification (parity etc.)
    assert [(r.name, r.sent.version) for r in found.rows] == [("Montes Claros", 1)]
    assert selectors.received(state_conference, query="janaúba").rows == []
    assert len(selectors.received(state_conference, show="pendencias").rows) == 1
    assert selectors.received(state_conference, show="faltando").rows == []


def test_the_state_conference_sends_its_delegates_to_the_national_one(
    state_conference, national_conference, admin_user, enrol, organiser, mg
):
    national = national_conference
    conference_to(state_conference, "in_progress", actor=admin_user)
    Shift.objects.create(
        conference=state_conference,
        name="Manhã",
        date=state_conference.start_date,
        start_time="08:00",
        end_time="12:00",
    )
    table = SeatTable.objects.create(edition=state_conference.edition, state=None)
    SeatCount.objects.create(table=table, state=mg, titulares=2, suplentes=2)
    for name, segment, role in LIST:
        registration = enrol(name, segment=segment, conf=state_conference)
        Candidacy.objects.create(
            conference=state_conference,
            registration=registration,
            segment=segment,
            kind="candidate",
            role=role,
        )
    elections.list_confirm(actor=organiser, conference=state_conference, justification="Plenária")
    sent = handover.send(actor=organiser, conference=state_conference)
    assert sent.receiver == national
    assert at_state(national)["Ana"] == ("confirmed", False, "handover")
    ana = Registration.objects.get(conference=national, name="Ana")
    assert handover._origin_text(ana) == "enviado(a) por Minas Gerais"


def test_sending_again_keeps_a_replacement_recorded_at_the_state(
    state_conference, confirmed_list, organiser
):
    made = confirmed_list(LIST)
    conference = made[0].conference
    sent = handover.send(actor=organiser, conference=conference)
    ana, bia = (Delegation.objects.get(handover=sent, registration__name=n) for n in ("Ana", "Bia"))
    today = timezone.localdate()
    handover.replace(actor=organiser, titular=ana, suplente=bia, on=today, reason="Renúncia")
    elections.roles_set(  # a correction elsewhere in the list, then the list is sent again
        actor=organiser,
        conference=conference,
        segment="government",
        roles={made[2].pk: "titular", made[3].pk: ""},
        reason="Gina saiu",
    )
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")
    again = handover.send(actor=organiser, conference=conference)
    ana_again = Delegation.objects.get(handover=again, registration__name="Ana")
    assert ana_again.replaced_by.display_name == "Bia" and ana_again.replaced_on == today
    state = at_state(state_conference)
    assert state["Ana"][0] == "cancelled" and state["Bia"] == ("confirmed", False, "handover")
    assert state["Gina"][0] == "cancelled"


def test_the_states_search_finds_municipalities_not_their_state(
    state_conference, confirmed_list, organiser
):
    made = confirmed_list(LIST)
    handover.send(actor=organiser, conference=made[0].conference)
    assert selectors.received(state_conference, query="Minas").rows == []
    assert [r.name for r in selectors.received(state_conference, query="montes").rows] == [
        "Montes Claros"
    ]
