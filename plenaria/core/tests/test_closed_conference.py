"""A closed conference stays closed (issue 15, defect 6).

One rule in one place: every service that changes what a conference holds calls
``conferences.services.conference_for_write`` first. This file walks EVERY public
function of the services modules: each is either called on a closed conference (and
must raise the pt-BR message with nothing changed in the database) or listed as exempt
with the reason beside it. A new service that is in neither list fails the first test.
"""

import datetime as dt
import importlib
import importlib.util
import inspect
import pkgutil
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import plenaria
from plenaria.conferences import services as conferences
from plenaria.conferences.models import Shift, Status
from plenaria.conftest import client_for, conference_to
from plenaria.delegates import council, elections, forums, handover
from plenaria.delegates.models import Candidacy, Delegation

# The conference in progress, its people and groups, as the deliberation tests build them;
# the seats, the state conference and a confirmed list as the delegates tests do.
from plenaria.delegates.tests.conftest import confirmed_list, seats, state_conference  # noqa: F401
from plenaria.evaluation import services as evaluation
from plenaria.participants import services as participants
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data
from plenaria.proposals import services as proposals
from plenaria.proposals.tests.conftest import (  # noqa: F401
    approve_in_groups,
    as_rapporteur,
    axis,
    conference,
    enrol,
    group,
    proposal_data,
    rapporteur,
    shift,
    written,
)
from plenaria.proposals.tests.test_views import participant_client
from plenaria.territory import services as territory
from plenaria.voting import services as voting
from plenaria.voting.models import Poll

pytestmark = pytest.mark.django_db

LOCKED = "A conferência está encerrada: reabra-a para alterar seus dados."

# Modules whose public functions write; every app's ``services`` is found on its own.
OTHER_SERVICE_MODULES = [
    "plenaria.delegates.council",
    "plenaria.delegates.elections",
    "plenaria.delegates.forums",
    "plenaria.delegates.handover",
]

READ = "a read: changes nothing"
SEATS = "seat tables belong to an edition and a state, not to a conference"
REFERENCE = "reference data (territories), not a conference's"
COUNCIL = "a council's members (the council's own page), not a conference's"

EXEMPT = {
    "delegates.elections.counted_votes": "reads a counted poll for the recording services",
    "editions.services.edition_save": "the national cycle, above every conference",
    "delegates.services.national_shares_save": "the national table, above every conference",
    "editions.services.state_calendar_save": (
        "the state's calendar for the cycle, above every conference (a closed one keeps "
        "its dates; the calendar only changes the warnings)"
    ),
    "conferences.services.check_not_locked": "the rule's own check (also for the admin's forms)",
    "conferences.services.conference_for_write": "the rule itself",
    "conferences.services.event_for_write": "the rule itself, for a preparatory event",
    "conferences.services.conference_create": (
        "creates a new conference; linking closed children to it as their parent is what "
        "lets them hand their delegates over"
    ),
    "conferences.services.conference_advance": (
        "the life of the conference: closed → report submitted (DOMAIN.md §8)"
    ),
    "conferences.services.conference_reopen": "the way back, with an audited reason",
    "delegates.services.save_table": SEATS,
    "delegates.services.parse_state_seats": READ,
    "territory.services.council_name": READ,
    "territory.services.load_reference_data": REFERENCE,
    "territory.services.load_reference_figures": REFERENCE,
    "territory.services.council_update_settings": "a council's own settings, not a conference's",
    "territory.services.parse_population_csv": READ,
    "territory.services.population_import": REFERENCE,
    "territory.services.parse_association_csv": READ,
    "territory.services.association_import": REFERENCE,
    "territory.services.council_seats_set": "a council's own law and seats, not a conference's",
    "territory.services.council_member_add": COUNCIL,
    "territory.services.council_member_update": COUNCIL,
    "territory.services.council_member_end_term": COUNCIL,
    "territory.services.council_members_write": COUNCIL,
    "delegates.council.council_of": READ,
    "delegates.council.seats_of": READ,
    "delegates.council.default_term": READ,
    "delegates.council.member_source": READ,
    "delegates.council.council_race": READ,
    "delegates.council.council_resolution_text": READ,
    "delegates.council.council_members_from_election": (
        "writes the council's members from a result already recorded: the council's record, "
        "not the conference's, and often done after the conference closed"
    ),
    "participants.services.send_confirmation": "e-mails a registration already saved",
    "participants.services.registrations_import_undo": (
        "removes what a cut-off import had saved (the import itself was refused once closed)"
    ),
    "participants.services.person_data_export": (
        "LGPD access (art. 18): a read, audited; the right does not wait for a reopening"
    ),
    "participants.services.person_erase": (
        "LGPD erasure on request (art. 18): the law's right does not wait for a reopening; "
        "counts, check-ins and votes stay"
    ),
    "participants.services.export_record": "audits a download: the record is read, not changed",
    "participants.services.attendance_data_export": (
        "LGPD access (art. 18): a read, audited; the right does not wait for a reopening"
    ),
    "participants.services.attendance_erase": (
        "LGPD erasure on request (art. 18): the law's right does not wait for a reopening"
    ),
    "participants.services.certificate_issue": (
        "a certificate exists once the conference is closed; it stores the hours of the "
        "locked check-ins so a printed one can be verified"
    ),
    "voting.services.ballot_first": (
        "a ballot goes only into an open poll and a conference does not close while a poll "
        "is open (tested below); the conference's lock would queue every vote"
    ),
    "voting.services.ballot_cast": "as ballot_first",
    "records.services.narrative_save": (
        "the final report is written after the conference closes; its own lock, once the "
        "report is accepted, comes with the review (issue 18, part 4)"
    ),
}

EVENT = {
    "kind": "pre_conference",
    "title": "Pré-conferência CRAS Santos Reis",
    "date": dt.date(2025, 5, 20),
    "start_time": dt.time(8),
    "end_time": dt.time(12),
    "place": "CRAS Santos Reis",
    "territory_kind": "cras_area",
    "territory": "Área do CRAS Santos Reis",
    "team": "Equipe do CRAS",
}


def _staff(w):
    return proposals.Author(user=w.organiser)


def _roles(w, segment):
    return dict(
        Candidacy.objects.filter(conference=w.conference, segment=segment).values_list("pk", "role")
    )


# What each service would change on the closed conference of ``closed_world``.
CALLS = {
    # the conference itself
    "conferences.services.conference_update": lambda w: conferences.conference_update(
        actor=w.organiser, conference=w.conference, data={"title": "Outro título"}
    ),
    "conferences.services.conference_delete": lambda w: conferences.conference_delete(
        actor=w.organiser, conference=w.conference
    ),
    "conferences.services.convocation_act_save": lambda w: conferences.convocation_act_save(
        actor=w.organiser, conference=w.conference, data={"number": "99/2025"}
    ),
    "conferences.services.regimento_rules_save": lambda w: conferences.regimento_rules_save(
        actor=w.organiser, conference=w.conference, data={"max_per_axis_sphere": 9}
    ),
    "conferences.services.conference_items_save": lambda w: conferences.conference_items_save(
        actor=w.organiser,
        conference=w.conference,
        model=Shift,
        changed=[
            Shift(
                name="Tarde",
                date=w.conference.start_date,
                start_time=dt.time(14),
                end_time=dt.time(18),
            )
        ],
        deleted=[w.shift],  # with its check-ins: the certificates' hours
    ),
    "conferences.services.preparatory_event_save": lambda w: conferences.preparatory_event_save(
        actor=w.organiser, event=w.event, data={**EVENT, "title": "Outro título"}
    ),
    # registrations, check-ins, substitutions, events
    "participants.services.registration_create": lambda w: participants.registration_create(
        actor=w.organiser,
        conference=w.conference,
        person_data=person_data(),
        data=registration_data(),
        origin=Registration.Origin.STAFF,
    ),
    "participants.services.registration_cancel": lambda w: participants.registration_cancel(
        actor=w.organiser, registration=w.guest
    ),
    "participants.services.registration_pin_reset": lambda w: participants.registration_pin_reset(
        actor=w.organiser, registration=w.delegate
    ),
    "participants.services.registration_pin_shown": lambda w: participants.registration_pin_shown(
        actor=w.organiser, registration=w.delegate, document="page"
    ),
    "participants.services.registration_from_handover": (
        lambda w: participants.registration_from_handover(
            actor=w.organiser,
            conference=w.conference,
            source=w.guest,
            seat={"category": "delegate", "status": "confirmed", "origin": "handover"},
        )
    ),
    "participants.services.registration_seat_set": lambda w: participants.registration_seat_set(
        actor=w.organiser, registration=w.delegate, seat={"status": "cancelled"}
    ),
    "participants.services.checkin": lambda w: participants.checkin(
        actor=w.organiser, registration=w.guest, shift=w.shift
    ),
    "participants.services.registrations_import": lambda w: participants.registrations_import(
        actor=w.organiser, conference=w.conference, rows=[]
    ),
    "participants.services.registration_update": lambda w: participants.registration_update(
        actor=w.organiser,
        registration=w.delegate,
        person_data=person_data(cpf=None, name="Dora Alterada"),
        data=registration_data(),
    ),
    "participants.services.substitute_replace": lambda w: participants.substitute_replace(
        actor=w.organiser, substitute=w.substitute, titular=w.absent
    ),
    "participants.services.substitute_release": lambda w: participants.substitute_release(
        actor=w.organiser, substitute=w.replacing
    ),
    "participants.services.attendance_add": lambda w: participants.attendance_add(
        actor=w.organiser,
        event=w.event,
        person_data=person_data(cpf=None, name="Morador Novo", phone="38980000009"),
        data={"segment": "users", "organisation": ""},
    ),
    "participants.services.delegates_elect": lambda w: participants.delegates_elect(
        actor=w.organiser, event=w.event, attendances=[w.attendance], substitute=False
    ),
    "participants.services.registrations_from_attendance": (
        lambda w: participants.registrations_from_attendance(
            actor=w.organiser,
            conference=w.conference,
            choices=[participants.AttendeeChoice(w.attendance.pk, "guest", "users")],
        )
    ),
    # working groups and proposals
    "proposals.services.group_save": lambda w: proposals.group_save(
        actor=w.organiser, conference=w.conference, data={"axis": w.axis, "name": "GT novo"}
    ),
    "proposals.services.member_join": lambda w: proposals.member_join(
        registration=w.guest, group=w.group, chosen=True
    ),
    "proposals.services.members_balance": lambda w: proposals.members_balance(
        actor=w.organiser, conference=w.conference
    ),
    "proposals.services.proposal_write": lambda w: proposals.proposal_write(
        author=w.author, group=w.group, data=proposal_data(text="Nova.")
    ),
    "proposals.services.proposal_submit": lambda w: proposals.proposal_submit(
        actor=w.organiser, conference=w.conference, data=proposal_data(axis=w.axis, text="Nova.")
    ),
    "proposals.services.proposal_edit": lambda w: proposals.proposal_edit(
        author=w.author, proposal=w.second, data=proposal_data(text="Mudada."), version=1
    ),
    "proposals.services.proposal_adopt": lambda w: proposals.proposal_adopt(
        author=w.author, proposal=w.waiting, group=w.group
    ),
    "proposals.services.proposal_drop": lambda w: proposals.proposal_drop(
        author=w.author, proposal=w.waiting, group=w.group
    ),
    "proposals.services.proposal_merge": lambda w: proposals.proposal_merge(
        author=w.author, proposal=w.waiting, into=w.second, group=w.group
    ),
    "proposals.services.group_vote_record": lambda w: proposals.group_vote_record(
        author=w.author, group=w.group, proposal=w.second, yes=1, no=9, abstention=0
    ),
    "proposals.services.priority_set": lambda w: proposals.priority_set(
        actor=w.organiser, proposal=w.own, priority=1
    ),
    # the plenary: highlights and motions
    "proposals.services.highlights_open": lambda w: proposals.highlights_open(
        actor=w.organiser, conference=w.conference, axis=w.new_axis
    ),
    "proposals.services.highlights_close": lambda w: proposals.highlights_close(
        actor=w.organiser, conference=w.conference, axis=w.open_axis
    ),
    "proposals.services.highlight_register": lambda w: proposals.highlight_register(
        author=_staff(w),
        proposal=w.own,
        proposer=w.delegate,
        data={"kind": "modification", "text": "Outro texto."},
    ),
    "proposals.services.highlight_decide": lambda w: proposals.highlight_decide(
        actor=w.organiser, highlight=w.highlight, result="proposed"
    ),
    "proposals.services.en_bloc_record": lambda w: proposals.en_bloc_record(
        actor=w.organiser, conference=w.conference, axis=w.axis, result="approved"
    ),
    "proposals.services.en_bloc_record_all": lambda w: proposals.en_bloc_record_all(
        actor=w.organiser, conference=w.conference, result="approved"
    ),
    "proposals.services.motions_deadline_set": lambda w: proposals.motions_deadline_set(
        actor=w.organiser,
        conference=w.conference,
        deadline=timezone.now() + dt.timedelta(days=1),
    ),
    "proposals.services.motion_submit": lambda w: proposals.motion_submit(
        author=_staff(w),
        conference=w.conference,
        proposer=w.delegate,
        data={"kind": "support", "addressee": "Prefeitura", "text": "Outra moção."},
    ),
    "proposals.services.motion_sign": lambda w: proposals.motion_sign(
        author=_staff(w), motion=w.motion, registration=w.rapporteur
    ),
    "proposals.services.motions_close": lambda w: proposals.motions_close(
        actor=w.organiser, conference=w.conference
    ),
    "proposals.services.motion_decide": lambda w: proposals.motion_decide(
        actor=w.organiser, motion=w.motion, result="approved"
    ),
    # polls
    "voting.services.settings_save": lambda w: voting.settings_save(
        actor=w.organiser,
        conference=w.conference,
        data={"majority": "absolute", "quorum": "none", "mode": "secret", "allow_change": False},
    ),
    "voting.services.poll_create": lambda w: voting.poll_create(
        actor=w.organiser, conference=w.conference, item="free", question="Mais uma?"
    ),
    "voting.services.poll_open": lambda w: voting.poll_open(actor=w.organiser, poll=w.poll),
    "voting.services.poll_close": lambda w: voting.poll_close(actor=w.organiser, poll=w.poll),
    "voting.services.analog_counts_enter": lambda w: voting.analog_counts_enter(
        actor=w.organiser,
        poll=w.counted,
        counts=dict.fromkeys(w.counted.options.values_list("key", flat=True), 1),
    ),
    "voting.services.poll_publish": lambda w: voting.poll_publish(
        actor=w.organiser, poll=w.counted
    ),
    # candidacies, elections, the delegate list
    "delegates.elections.candidacy_register": lambda w: elections.candidacy_register(
        actor=w.organiser, registration=w.hopeful
    ),
    "delegates.elections.candidacy_withdraw": lambda w: elections.candidacy_withdraw(
        actor=w.organiser, candidacy=w.candidacy
    ),
    "delegates.elections.nominate": lambda w: elections.nominate(
        actor=w.organiser, registration=w.government, role="titular"
    ),
    "delegates.elections.election_start": lambda w: elections.election_start(
        actor=w.organiser, conference=w.conference, segment="users", method="acclamation"
    ),
    "delegates.elections.election_record": lambda w: elections.election_record(
        actor=w.organiser, election=w.election
    ),
    "delegates.elections.election_cancel": lambda w: elections.election_cancel(
        actor=w.organiser, election=w.election, reason="Erro na votação"
    ),
    "delegates.elections.roles_set": lambda w: elections.roles_set(
        actor=w.organiser,
        conference=w.conference,
        segment="users",
        roles=dict.fromkeys(_roles(w, "users"), ""),
        reason="Decisão da plenária",
    ),
    "delegates.elections.list_confirm": lambda w: elections.list_confirm(
        actor=w.organiser, conference=w.conference, justification="Decisão da plenária"
    ),
    # segments whose delegates are chosen in their own forum
    "delegates.forums.segment_choice_set": lambda w: forums.segment_choice_set(
        actor=w.organiser,
        conference=w.conference,
        segment="entities",
        how="forum",
        forum_date=dt.date(2025, 5, 20),
        forum_act="Ata da assembleia do fórum",
    ),
    "delegates.forums.forum_delegate_record": lambda w: forums.forum_delegate_record(
        actor=w.organiser, conference=w.conference, registration=w.replacing, role="titular"
    ),
    # the council's own election
    "delegates.council.council_candidacy_add": lambda w: council.council_candidacy_add(
        actor=w.organiser, registration=w.hopeful
    ),
    "delegates.council.council_candidacy_withdraw": lambda w: council.council_candidacy_withdraw(
        actor=w.organiser, candidacy=w.council_candidacy
    ),
    "delegates.council.council_election_start": lambda w: council.council_election_start(
        actor=w.organiser, conference=w.conference, segment="users", method="acclamation"
    ),
    "delegates.council.council_election_record": lambda w: council.council_election_record(
        actor=w.organiser, election=w.council_election
    ),
    "delegates.council.council_election_cancel": lambda w: council.council_election_cancel(
        actor=w.organiser, election=w.council_election, reason="Erro na votação"
    ),
    # the hand-over changes the registrations of the RECEIVING conference, closed here too;
    # from a closed sender to an open receiver it goes on (tested below)
    "delegates.handover.send": lambda w: handover.send(actor=w.organiser, conference=w.conference),
    # the evaluation
    "evaluation.services.form_create": lambda w: evaluation.form_create(
        actor=w.organiser, conference=w.conference
    ),
    "evaluation.services.question_add": lambda w: evaluation.question_add(
        actor=w.organiser, form=w.form, data={"kind": "scale", "text": "Mais uma?"}
    ),
    "evaluation.services.question_update": lambda w: evaluation.question_update(
        actor=w.organiser, question=w.question, data={"kind": "text", "text": "Outra"}
    ),
    "evaluation.services.question_move": lambda w: evaluation.question_move(
        actor=w.organiser, question=w.question, up=False
    ),
    "evaluation.services.question_remove": lambda w: evaluation.question_remove(
        actor=w.organiser, question=w.question
    ),
    "evaluation.services.answer_submit": lambda w: evaluation.answer_submit(
        registration=w.delegate, form=w.form, values={f"q{w.question.pk}": 5}
    ),
    "evaluation.services.paper_answer_add": lambda w: evaluation.paper_answer_add(
        actor=w.organiser, form=w.form, values={f"q{w.question.pk}": 5}
    ),
    "delegates.handover.replace": lambda w: handover.replace(
        actor=w.organiser,
        titular=w.titular_sent,
        suplente=w.suplente_sent,
        on=timezone.localdate(),
        reason="Renúncia",
    ),
}


def _service_modules():
    names = [
        f"plenaria.{found.name}.services"
        for found in pkgutil.iter_modules(plenaria.__path__)
        if found.ispkg and importlib.util.find_spec(f"plenaria.{found.name}.services")
    ]
    return [importlib.import_module(name) for name in [*names, *OTHER_SERVICE_MODULES]]


def _modules_of(module):
    """A services module, or every module of a services package (``_common`` too)."""
    yield module
    for found in pkgutil.iter_modules(getattr(module, "__path__", [])):
        yield from _modules_of(importlib.import_module(f"{module.__name__}.{found.name}"))


def _public_services() -> set[str]:
    """Public functions of the services, named by the module callers import them from:
    a package's (``participants.services.checkin``), whichever of its modules holds it."""
    found = set()
    for top in _service_modules():
        short = top.__name__.removeprefix("plenaria.")
        for module in _modules_of(top):
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if function.__module__ == module.__name__ and not name.startswith("_"):
                    found.add(f"{short}.{name}")
    return found


def test_a_services_package_re_exports_every_public_service():
    """``services.registration_create`` keeps working wherever the function lives."""
    missing = []
    for top in _service_modules():
        for module in _modules_of(top):
            for name, function in inspect.getmembers(module, inspect.isfunction):
                public = function.__module__ == module.__name__ and not name.startswith("_")
                if public and getattr(top, name, None) is not function:
                    missing.append(f"{module.__name__}.{name}")
    assert missing == []


WATCHED_APPS = [
    "conferences",
    "participants",
    "proposals",
    "voting",
    "delegates",
    "evaluation",
    "core",
]


def _database() -> dict[str, list[dict]]:
    """Every row of every table a conference's services can write (audit log included)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models()
    }


@pytest.fixture
def closed_world(
    conference,  # noqa: F811
    axis,  # noqa: F811
    shift,  # noqa: F811
    enrol,  # noqa: F811
    rapporteur,  # noqa: F811
    group,  # noqa: F811
    as_rapporteur,  # noqa: F811
    written,  # noqa: F811
    organiser,
    state_conference,  # noqa: F811
    confirmed_list,  # noqa: F811
):
    """A municipal conference with something of everything, then closed; its state
    conference (which received its delegates) closed as well."""
    w = SimpleNamespace(
        conference=conference,
        axis=axis,
        shift=shift,
        group=group,
        rapporteur=rapporteur,
        author=as_rapporteur,
        organiser=organiser,
    )
    staff = proposals.Author(user=organiser)
    axes = list(conference.edition.axes.order_by("number"))
    w.new_axis, w.open_axis = axes[1], axes[2]

    # the delegates elected and handed over to the state conference
    confirmed_list(
        [
            ("Ana", "users", "titular"),
            ("Bia", "users", "suplente"),
            ("Gil", "government", "titular"),
            ("Gina", "government", "suplente"),
        ]
    )
    sent = handover.send(actor=organiser, conference=conference)
    w.titular_sent, w.suplente_sent = (
        Delegation.objects.get(handover=sent, registration__name=name) for name in ("Ana", "Bia")
    )

    # registrations, check-ins, substitutions
    w.delegate = enrol("Dora", segment="users")
    w.hopeful = enrol("Eva", segment="users")
    w.absent = enrol("Ivo", segment="users", present=False)
    w.substitute = enrol("Sol", segment="users", is_substitute=True)
    w.replacing = enrol("Rosa", segment="entities", is_substitute=True)
    participants.substitute_replace(
        actor=organiser,
        substitute=w.replacing,
        titular=enrol("Edu", segment="entities", present=False),
    )
    w.guest = enrol("Célia", category="guest", present=False)
    w.government = enrol("Gestora", segment="government")
    w.event = conferences.preparatory_event_save(actor=organiser, conference=conference, data=EVENT)
    w.attendance = participants.attendance_add(
        actor=organiser,
        event=w.event,
        person_data=person_data(cpf=None, name="Morador", phone="38980000001"),
        data={"segment": "users", "organisation": ""},
    )

    # groups and proposals
    w.own = approve_in_groups(written("Ampliar o CRAS da zona rural."), group)
    w.second = written("Criar o segundo CREAS.")
    w.waiting = proposals.proposal_submit(
        actor=organiser, conference=conference, data=proposal_data(axis=axis, text="Coletada.")
    )

    # the plenary: a highlight to decide on the first axis, a window open on the third
    proposals.highlights_open(actor=organiser, conference=conference, axis=axis)
    w.highlight = proposals.highlight_register(
        author=staff, proposal=w.own, proposer=w.delegate, data={"kind": "suppression"}
    )
    proposals.highlights_close(actor=organiser, conference=conference, axis=axis)
    proposals.highlights_open(actor=organiser, conference=conference, axis=w.open_axis)
    w.motion = proposals.motion_submit(
        author=staff,
        conference=conference,
        proposer=w.delegate,
        data={"kind": "support", "addressee": "Prefeitura", "text": "Moção de apoio."},
    )

    # polls: one not yet opened, one counted by cards and closed
    w.poll = voting.poll_create(
        actor=organiser, conference=conference, item=Poll.Item.REGIMENTO, mode="analog"
    )
    w.counted = voting.poll_create(
        actor=organiser, conference=conference, item=Poll.Item.FREE, question="Intervalo?"
    )
    voting.poll_open(actor=organiser, poll=w.counted)
    voting.poll_close(actor=organiser, poll=w.counted)

    # candidacies and an election started (its poll not yet opened)
    w.candidacy = elections.candidacy_register(actor=organiser, registration=w.delegate)
    elections.candidacy_register(actor=organiser, registration=rapporteur)
    w.election = elections.election_start(
        actor=organiser, conference=conference, segment="workers", method="vote", mode="analog"
    )

    # the council's own election: its law's seats, a candidacy in each of two segments,
    # the workers' election started (its poll not yet opened)
    territory.council_seats_set(
        actor=organiser,
        council=conference.municipality.council,
        law="Lei municipal nº 1.234/2012",
        seats={"users": (1, 1), "workers": (1, 1)},
    )
    w.council_candidacy = council.council_candidacy_add(actor=organiser, registration=w.delegate)
    council.council_candidacy_add(actor=organiser, registration=rapporteur)
    w.council_election = council.council_election_start(
        actor=organiser, conference=conference, segment="workers", method="vote", mode="analog"
    )

    # the list confirmed again after the last candidacies, as the plenary closes
    elections.list_confirm(actor=organiser, conference=conference, justification="Plenária")

    # the evaluation's form, one question answered on paper
    w.form = evaluation.form_create(actor=organiser, conference=conference)
    w.question = w.form.questions.order_by("position").first()
    evaluation.paper_answer_add(actor=organiser, form=w.form, values={f"q{w.question.pk}": 4})

    conferences.conference_advance(actor=organiser, conference=conference, to_status="closed")
    conference_to(state_conference, Status.CLOSED, actor=organiser)
    return w


def test_every_service_is_walked_or_exempt_with_its_reason():
    public = _public_services()
    forgotten = public - set(CALLS) - set(EXEMPT)
    assert not forgotten, (
        f"New services {sorted(forgotten)}: call conferences.services.conference_for_write "
        "first and add them to CALLS, or say in EXEMPT why a closed conference may change."
    )
    assert (set(CALLS) | set(EXEMPT)) <= public, "a listed service no longer exists"
    assert not set(CALLS) & set(EXEMPT)
    assert all(reason.strip() for reason in EXEMPT.values())


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_closed_conference_refuses_every_change(name, closed_world):
    before = _database()
    with pytest.raises(ValidationError) as error:
        CALLS[name](closed_world)
    assert error.value.messages == [LOCKED]
    assert error.value.error_list[0].code == "locked"
    assert _database() == before


def test_reopening_lets_the_same_change_through(closed_world):
    """The lock is the status, not the data: reopened, the conference changes again."""
    w = closed_world
    conferences.conference_reopen(
        actor=w.organiser, conference=w.conference, to_status="in_progress", reason="Erro na ata"
    )
    CALLS["participants.services.checkin"](w)
    assert w.guest.checkins.filter(shift=w.shift).exists()


def test_a_closed_conference_still_hands_its_delegates_over_to_an_open_parent(closed_world):
    w = closed_world
    conferences.conference_reopen(
        actor=w.organiser,
        conference=w.conference.parent,
        to_status=Status.CONVOKED,
        reason="Recebe as listas de novo",
    )
    sent = handover.send(actor=w.organiser, conference=w.conference)
    assert sent.version == 2 and sent.receiver_id == w.conference.parent_id


def test_a_conference_does_not_close_while_a_poll_is_open(
    conference,  # noqa: F811
    organiser,
):
    poll = voting.poll_create(actor=organiser, conference=conference, item="regimento")
    voting.poll_open(actor=organiser, poll=poll)
    with pytest.raises(ValidationError, match=f"Encerre a votação {poll.number} no painel"):
        conferences.conference_advance(actor=organiser, conference=conference, to_status="closed")
    conference.refresh_from_db()
    assert conference.status == Status.IN_PROGRESS
    voting.poll_close(actor=organiser, poll=poll)
    closed = conferences.conference_advance(
        actor=organiser, conference=conference, to_status="closed"
    )
    assert closed.status == Status.CLOSED


# The pages show the message, never a 500 --------------------------------------------------


def _posts(w):
    """(who, url, data) of a write on each kind of page of the closed conference."""
    pk = w.conference.pk
    return {
        "act": (
            "organiser",
            reverse("conferences:act", args=[pk]),
            {
                "kind": "resolution",
                "number": "2/2025",
                "date": "2025-04-01",
                "signatories": "Presidente do CMAS",
                "publication_url": "https://example.org/diario",
            },
        ),
        "credentialing": (
            "organiser",
            reverse("participants:credentialing_confirm", args=[pk]),
            {"turno": w.shift.pk, "registration": w.guest.pk},
        ),
        "cancellation": ("organiser", reverse("participants:cancel", args=[pk, w.guest.pk]), {}),
        "substitution": (
            "organiser",
            reverse("participants:substitution", args=[pk, w.substitute.pk]),
            {"titular": w.absent.pk},
        ),
        "event attendance": (
            "organiser",
            reverse("participants:event_elect", args=[w.event.pk]),
            {"attendance": [w.attendance.pk]},
        ),
        "attendees registered": (
            "organiser",
            reverse("participants:from_attendance_register", args=[pk]),
            {
                "attendance": [w.attendance.pk],
                f"category-{w.attendance.pk}": "guest",
                f"segment-{w.attendance.pk}": "users",
            },
        ),
        "group balancing": ("organiser", reverse("proposals:balance", args=[pk]), {}),
        "group drop": (
            "rapporteur",
            reverse("proposals:drop", args=[w.group.pk, w.waiting.pk]),
            {},
        ),
        "priority": (
            "organiser",
            reverse("proposals:consolidated", args=[pk]),
            {"proposal": w.own.pk, "priority": 1},
        ),
        "highlight window": (
            "organiser",
            reverse("proposals:highlights_open", args=[pk, w.new_axis.pk]),
            {},
        ),
        "motions closing": (
            "organiser",
            reverse("proposals:motions_close", args=[pk]),
            {},
        ),
        "signature": (
            "rapporteur",
            reverse("proposals:participant_sign", args=[w.rapporteur.code, w.motion.pk]),
            {},
        ),
        "new poll": (
            "organiser",
            reverse("voting:poll_create", args=[pk]),
            {"item": "free", "question": "Mais uma?", "mode": "analog"},
        ),
        "delegate list": (
            "organiser",
            reverse("delegates:candidacy_withdraw", args=[pk, w.candidacy.pk]),
            {},
        ),
        "candidacy": (
            "rapporteur",
            reverse("delegates:withdraw", args=[w.rapporteur.code]),
            {},
        ),
    }


def test_every_kind_of_page_shows_the_message_on_a_closed_conference(closed_world):
    w = closed_world
    clients = {"organiser": client_for(w.organiser), "rapporteur": participant_client(w.rapporteur)}
    before = _database()
    for what, (who, url, data) in _posts(w).items():
        response = clients[who].post(url, data, follow=True)
        assert response.status_code < 500, what
        assert LOCKED in response.content.decode(), what
    after = _database()
    assert {label for label, rows in after.items() if rows != before[label]} == set()


def test_the_admin_shows_a_closed_conferences_record_read_only(closed_world, admin_user):
    w = closed_world
    client = client_for(admin_user)
    before = _database()
    change = reverse("admin:proposals_proposal_change", args=[w.own.pk])
    assert client.get(change).status_code == 200  # still readable
    assert client.post(change, {"text": "Outro texto."}).status_code == 403
    delete = reverse("admin:proposals_motion_delete", args=[w.motion.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    added = client.post(
        reverse("admin:proposals_workinggroup_add"),
        {"conference": w.conference.pk, "axis": w.axis.pk, "name": "GT pelo admin"},
    )
    assert added.status_code == 200 and LOCKED in added.content.decode()
    assert _database() == before
