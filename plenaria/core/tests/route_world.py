"""The world the route matrix (test_route_matrix.py) walks: the Montes Claros municipal
conference in progress with one of everything a URL can name, Janaúba's conference
beside it, the state conference of MG that receives Montes Claros' delegates and the
AMAMS association with a regional meeting. Built through the services, as people
would build it."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from plenaria.conferences import services as conference_services
from plenaria.conferences.models import Conference, ConferenceRole, PreparatoryEvent, Shift, Status
from plenaria.conftest import EXAMPLE_REGIMENTO
from plenaria.core import jobs
from plenaria.core.models import Job
from plenaria.delegates import council, elections, handover
from plenaria.delegates import services as seat_services
from plenaria.delegates.models import HandOver
from plenaria.delegates.rules import DEFAULT_REMAINDER_ORDER
from plenaria.editions.models import Edition
from plenaria.evaluation import services as evaluation_services
from plenaria.participants import services as participant_services
from plenaria.participants.models import Attendance, Registration
from plenaria.participants.rules import cpf_with_digits
from plenaria.proposals import services as proposal_services
from plenaria.proposals.models import Highlight, Motion, Proposal, WorkingGroup
from plenaria.territory import services as territory_services
from plenaria.territory.models import Association, Level, Municipality
from plenaria.territory.rules import Porte
from plenaria.voting import services as voting_services
from plenaria.voting.models import Poll

START = dt.date(2025, 6, 10)  # a past conference: its certificates can be issued


@dataclass
class World:
    conference: Conference
    other_conference: Conference  # Janaúba's
    state_conference: Conference
    shift: Shift
    participant: Registration  # the persona "participant of this conference"
    other_participant: Registration  # a participant of Janaúba's conference
    subject: Registration  # whose personal data are exported, erased, edited, cancelled
    substitute: Registration
    absent_titular: Registration
    event: PreparatoryEvent
    attendance: Attendance
    regional_meeting: PreparatoryEvent
    association: Association
    group: WorkingGroup
    proposal: Proposal
    highlight: Highlight
    motion: Motion
    poll: Poll
    handover: HandOver
    job: Job  # the organiser's badges, done, with its file
    failed_job: Job  # the organiser's, failed: it can run again
    staff: dict = field(default_factory=dict)  # role → user with that ConferenceRole


def _person(name: str, n: int, **extra) -> dict:
    data = {
        "name": name,
        "social_name": "",
        "cpf": None,
        "nis": "",
        "other_document": "",
        "birth_date": dt.date(1980, 1, 1) + dt.timedelta(days=n),
        "phone": f"3899900{n:04d}",
        "email": "",
        "municipality": None,
    }
    data.update(extra)
    return data


def _register(actor, conference, name, n, *, segment="users", category="delegate", **extra):
    person_extra = {k: extra.pop(k) for k in ("cpf", "email") if k in extra}
    return participant_services.registration_create(
        actor=actor,
        conference=conference,
        origin=Registration.Origin.STAFF,
        person_data=_person(name, n, **person_extra),
        data={
            "segment": segment,
            "organisation": "",
            "category": category,
            "accessibility_needs": [],
            "accessibility_other": "",
            "self_declarations": [],
            "consent": True,
            **extra,
        },
    )


def _held_conference(actor, *, edition, municipality, title) -> tuple[Conference, Shift]:
    """A municipal conference convoked by an act, taken step by step to "in progress",
    with one shift."""
    conference = conference_services.conference_create(
        actor=actor,
        edition=edition,
        level=Level.MUNICIPAL,
        municipality=municipality,
        data={"title": title, "start_date": START, "end_date": START + dt.timedelta(days=1)},
    )
    conference_services.regimento_rules_save(
        actor=actor, conference=conference, data=dict(EXAMPLE_REGIMENTO)
    )
    conference_services.convocation_act_save(
        actor=actor,
        conference=conference,
        data={
            "kind": "resolution",
            "number": "1/2025",
            "date": dt.date(2025, 4, 1),
            "signatories": "Presidente do CMAS",
            "publication_url": "https://example.org/diario",
            "document": SimpleUploadedFile(
                "ato.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
            ),
        },
    )
    for status in (Status.CONVOKED, Status.REGISTRATION_OPEN, Status.IN_PROGRESS):
        conference = conference_services.conference_advance(
            actor=actor, conference=conference, to_status=status
        )
    shift = Shift(
        conference=conference, name="Manhã", date=START, start_time=dt.time(8), end_time=dt.time(12)
    )
    conference_services.conference_items_save(
        actor=actor, conference=conference, model=Shift, changed=[shift], deleted=[]
    )
    return conference, shift


def _event_data(**extra) -> dict:
    data = {
        "kind": PreparatoryEvent.Kind.PRE_CONFERENCE,
        "title": "Pré-conferência do CRAS Vila Operária",
        "date": START - dt.timedelta(days=20),
        "start_time": dt.time(14),
        "end_time": dt.time(17),
        "place": "CRAS Vila Operária",
        "territory_kind": PreparatoryEvent.TerritoryKind.CRAS_AREA,
        "territory": "Vila Operária",
        "team": "Equipe do CRAS",
    }
    data.update(extra)
    return data


def build(
    *,
    organiser,
    outsider,
    state_organiser,
    admin,
    association: Association,
    staff: dict,
) -> World:
    """``staff`` maps a ConferenceRole to the user who holds it in Montes Claros."""
    edition = Edition.objects.get(year=2025)
    montes_claros = Municipality.objects.get(ibge_code=3143302)
    janauba = Municipality.objects.get(ibge_code=3135100)
    state = montes_claros.state

    state_conference = conference_services.conference_create(
        actor=state_organiser,
        edition=edition,
        level=Level.STATE,
        state=state,
        data={
            "title": "Conferência Estadual de Assistência Social de MG",
            "start_date": dt.date(2025, 9, 10),
            "end_date": dt.date(2025, 9, 12),
        },
    )
    conference, shift = _held_conference(
        organiser,
        edition=edition,
        municipality=montes_claros,
        title="XV Conferência Municipal de Assistência Social de Montes Claros",
    )
    other, other_shift = _held_conference(
        outsider,
        edition=edition,
        municipality=janauba,
        title="Conferência Municipal de Assistência Social de Janaúba",
    )
    for role, user in staff.items():
        # Roles are given in the admin: there is no service for them.
        ConferenceRole.objects.create(conference=conference, user=user, role=role)

    # People: delegates present in the shift, an absent titular and a suplente.
    participant = _register(organiser, conference, "Delegada Ana", 1)
    rapporteur = _register(organiser, conference, "Relatora Rita", 2, segment="workers")
    candidate = _register(organiser, conference, "Delegada Bia", 3)
    absent_titular = _register(organiser, conference, "Titular Tião", 4)
    substitute = _register(organiser, conference, "Suplente Sara", 5, is_substitute=True)
    subject = _register(
        organiser,
        conference,
        "Paula Pereira",
        6,
        category="guest",
        cpf=cpf_with_digits("529982247"),
        email="paula@exemplo.org",
    )
    for registration in (participant, rapporteur, candidate, substitute, subject):
        participant_services.checkin(actor=organiser, registration=registration, shift=shift)
    other_participant = _register(outsider, other, "Delegado de Janaúba", 7)
    participant_services.checkin(actor=outsider, registration=other_participant, shift=other_shift)

    # A preparatory event with its attendance list, and the association's regional meeting.
    event = conference_services.preparatory_event_save(
        actor=organiser, conference=conference, data=_event_data()
    )
    attendance = participant_services.attendance_add(
        actor=organiser,
        event=event,
        person_data=_person("Vera Vieira", 8),
        data={"segment": "users", "organisation": ""},
    )
    regional_meeting = conference_services.preparatory_event_save(
        actor=state_organiser,
        association=association,
        data=_event_data(
            kind=PreparatoryEvent.Kind.REGIONAL_MEETING,
            title="Encontro regional da AMAMS",
            place="Sede da AMAMS",
            territory_kind=PreparatoryEvent.TerritoryKind.REGION,
            territory="Norte de Minas",
        ),
    )

    # Deliberation: a group, a proposal it approved, a highlight on it, a motion.
    axis = edition.axes.order_by("number").first()
    group = proposal_services.group_save(
        actor=organiser,
        conference=conference,
        data={"axis": axis, "name": "GT 1", "room": "Sala 2", "rapporteur": rapporteur},
    )
    proposal_services.member_join(registration=participant, group=group, chosen=True)
    as_rapporteur = proposal_services.Author(registration=rapporteur)
    proposal = proposal_services.proposal_write(
        author=as_rapporteur,
        group=group,
        data={"sphere": "municipal", "kind": "new", "text": "Ampliar o CRAS da zona rural."},
    )
    proposal = proposal_services.group_vote_record(
        author=as_rapporteur, group=group, proposal=proposal, yes=8, no=1, abstention=1
    )
    proposal_services.highlights_open(actor=staff["table"], conference=conference, axis=axis)
    as_participant = proposal_services.Author(registration=participant)
    highlight = proposal_services.highlight_register(
        author=as_participant,
        proposal=proposal,
        proposer=participant,
        data={"kind": "modification", "text": "Ampliar e qualificar o CRAS da zona rural."},
    )
    motion = proposal_services.motion_submit(
        author=as_participant,
        conference=conference,
        proposer=participant,
        data={
            "kind": "repudiation",
            "addressee": "Câmara Municipal",
            "text": "Repúdio ao corte no orçamento da assistência social.",
        },
    )

    # Voting: an open poll the participant may vote in.
    poll = voting_services.poll_create(
        actor=staff["table"], conference=conference, item="free", question="Aprovar o regimento?"
    )
    poll = voting_services.poll_open(actor=staff["table"], poll=poll)

    # Delegates: the state's seat table, an election by acclamation, the list confirmed
    # and handed over to the state conference.
    seat_services.save_table(
        actor=state_organiser,
        edition=edition,
        state=state,
        data=seat_services.TableInput(
            list(DEFAULT_REMAINDER_ORDER),
            portes={porte: seat_services.Count(2, 2) for porte in Porte.values},
        ),
    )
    for registration in (participant, candidate):
        elections.candidacy_register(actor=None, registration=registration)
    elections.election_start(
        actor=organiser, conference=conference, segment="users", method="acclamation"
    )
    elections.list_confirm(
        actor=organiser, conference=conference, justification="Decisão da plenária"
    )
    sent = handover.send(actor=organiser, conference=conference)
    # The council's own election: its law's seats, the same two standing for the
    # council, the users' segment elected by acclamation (recorded, not yet written).
    territory_services.council_seats_set(
        actor=organiser,
        council=conference.municipality.council,
        law="Lei municipal nº 1.234/2012",
        seats={"users": (1, 1)},
    )
    for registration in (participant, candidate):
        council.council_candidacy_add(actor=organiser, registration=registration)
    council.council_election_start(
        actor=organiser, conference=conference, segment="users", method="acclamation"
    )
    badges = {"conference": conference.pk, "category": "", "ids": []}
    job = jobs.start(
        owner=organiser,
        kind="participants.badges",
        label="Crachás",
        params=badges,
        conference_key=conference.pk,
    )
    job.file.save("crachas.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    job.status, job.file_name, job.content_type = Job.Status.DONE, "crachas.pdf", "application/pdf"
    job.save()
    failed_job = Job.objects.create(
        owner=organiser,
        kind="participants.badges",
        label="Crachás",
        params=badges,
        conference_key=conference.pk,
        status=Job.Status.FAILED,
        error="Nenhuma inscrição confirmada para imprimir.",
    )
    # the evaluation's form, not yet answered by the participant persona
    evaluation_services.form_create(actor=organiser, conference=conference)

    return World(
        conference=conference,
        other_conference=other,
        state_conference=state_conference,
        shift=shift,
        participant=participant,
        other_participant=other_participant,
        subject=subject,
        substitute=substitute,
        absent_titular=absent_titular,
        event=event,
        attendance=attendance,
        regional_meeting=regional_meeting,
        association=association,
        group=group,
        proposal=proposal,
        highlight=highlight,
        motion=motion,
        poll=poll,
        handover=sent,
        job=job,
        failed_job=failed_job,
        staff=staff,
    )
