"""A conference with something of every part of the report, and another conference
(Janaúba) whose data must never appear in it."""

import datetime as dt
import itertools
from types import SimpleNamespace

import pytest

from plenaria.conferences.models import PreparatoryEvent, ProgrammeItem, Shift, Status
from plenaria.delegates.models import Candidacy
from plenaria.participants.models import Attendance, CheckIn, Person, Registration
from plenaria.proposals.models import Motion, Proposal

_codes = itertools.count(1)


def registration(conference, name, *, segment="users", category="delegate", **extra):
    return Registration.objects.create(
        conference=conference,
        person=Person.objects.create(),
        name=name,
        phone="38999990000",
        code=f"R{next(_codes):08d}",
        segment=segment,
        category=category,
        origin="staff",
        **extra,
    )


def fill(conference, *, prefix: str, axis_count: int = 2):
    """Registrations (some credentialed, with needs and declarations), a preparatory
    event with its attendance, programme, approved and rejected deliberations, motions
    and elected delegates."""
    shift = Shift.objects.create(
        conference=conference,
        name="Manhã",
        date=conference.start_date,
        start_time=dt.time(8),
        end_time=dt.time(12),
    )
    people = [
        registration(conference, f"{prefix} Usuária Um", self_declarations=["black"]),
        registration(
            conference,
            f"{prefix} Trabalhador Dois",
            segment="workers",
            accessibility_needs=["libras"],
        ),
        registration(conference, f"{prefix} Governo Três", segment="government"),
        registration(conference, f"{prefix} Convidada Quatro", category="guest"),
        registration(conference, f"{prefix} Cancelada", status=Registration.Status.CANCELLED),
    ]
    for person in people[:3]:
        CheckIn.objects.create(registration=person, shift=shift)
    event = PreparatoryEvent.objects.create(
        conference=conference,
        kind="pre_conference",
        title=f"{prefix} Pré-conferência CRAS",
        date=conference.start_date - dt.timedelta(days=20),
        start_time=dt.time(8),
        end_time=dt.time(12),
        place="CRAS Centro",
        territory_kind="cras_area",
        territory="Área do CRAS Centro",
        team="Equipe do CRAS",
    )
    for n in range(3):
        Attendance.objects.create(
            event=event,
            person=Person.objects.create(),
            name=f"{prefix} Presente {n}",
            phone="38999990000",
            code=f"A{next(_codes):08d}",
            segment="users",
        )
    ProgrammeItem.objects.create(
        conference=conference,
        date=conference.start_date,
        start_time=dt.time(8),
        kind="opening",
        title=f"{prefix} Abertura",
    )
    axes = list(conference.edition.axes.order_by("number")[:axis_count])
    # numbers follow what the conference holds: a second fill adds to the first
    number = itertools.count(Proposal.objects.filter(conference=conference).count() + 1)
    motion = Motion.objects.filter(conference=conference).count()
    for axis in axes:
        for sphere, priority in (("federal", None), ("municipal", 2), ("municipal", 1)):
            Proposal.objects.create(
                conference=conference,
                axis=axis,
                sphere=sphere,
                number=next(number),
                text=f"{prefix} deliberação eixo {axis.number} {sphere} {priority}",
                origin="group",
                status="adopted",
                final_status=Proposal.Result.APPROVED,
                priority=priority,
            )
    Proposal.objects.create(
        conference=conference,
        axis=axes[0],
        sphere="state",
        number=next(number),
        text=f"{prefix} rejeitada",
        origin="group",
        status="adopted",
        final_status=Proposal.Result.REJECTED,
    )
    Motion.objects.create(
        conference=conference,
        number=motion + 1,
        kind="apoio",
        addressee="Câmara Municipal",
        text=f"{prefix} moção aprovada",
        proposer=people[0],
        final_status=Proposal.Result.APPROVED,
    )
    Motion.objects.create(
        conference=conference,
        number=motion + 2,
        kind="repudio",
        addressee="Ninguém",
        text=f"{prefix} moção rejeitada",
        proposer=people[0],
        final_status=Proposal.Result.REJECTED,
    )
    Candidacy.objects.create(
        conference=conference,
        registration=people[0],
        segment="users",
        kind="candidate",
        role="titular",
    )
    Candidacy.objects.create(
        conference=conference,
        registration=people[1],
        segment="workers",
        kind="candidate",
        role="suplente",
    )
    return SimpleNamespace(people=people, event=event, shift=shift)


@pytest.fixture
def report_world(make_conference, janauba, outsider, organiser):
    conference = make_conference(status=Status.CLOSED)
    other = make_conference(
        actor=outsider, municipality=janauba, title="Conferência de Janaúba", status=Status.CLOSED
    )
    here = fill(conference, prefix="MOC")
    fill(other, prefix="JAN")
    return SimpleNamespace(conference=conference, other=other, here=here, organiser=organiser)
