"""What the final report holds, read from what the other apps recorded (issue 18,
part 1). ``report_contents`` reads it in a constant number of queries; the people in it
are counted, never named (the delegates' names are on the delegate list, published
apart: delegates.documents)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from plenaria.conferences.models import (
    CommissionMember,
    Conference,
    ConvocationAct,
    PreparatoryEvent,
    ProgrammeItem,
)
from plenaria.conferences.selectors import conference_council
from plenaria.delegates import rules as delegate_rules
from plenaria.delegates.models import Candidacy, DelegateList
from plenaria.editions.models import Sphere
from plenaria.evaluation import selectors as evaluation_selectors
from plenaria.participants.models import (
    AccessibilityNeed,
    Category,
    CheckIn,
    Registration,
    Segment,
    SelfDeclaration,
)
from plenaria.participants.selectors import NO_SEGMENT_LABEL
from plenaria.proposals.models import Motion, Proposal
from plenaria.records import rules
from plenaria.records.models import NarrativePart
from plenaria.territory.models import Level


@dataclass
class CountRow:
    label: str
    registered: int
    credentialed: int


@dataclass
class Participation:
    registered: int = 0
    credentialed: int = 0
    by_segment: list[CountRow] = field(default_factory=list)
    by_category: list[CountRow] = field(default_factory=list)
    by_need: list[CountRow] = field(default_factory=list)
    by_declaration: list[CountRow] = field(default_factory=list)
    declared_any: CountRow | None = None


@dataclass
class Deliberation:
    axis_number: int
    axis_title: str
    sphere: str
    sphere_label: str
    kind_label: str
    is_recommendation: bool
    number: int
    text: str
    priority: int | None


@dataclass
class SphereBlock:
    label: str
    deliberations: list[Deliberation]


@dataclass
class AxisBlock:
    number: int
    title: str
    spheres: list[SphereBlock]


@dataclass
class DelegateRow:
    segment: str
    titulares: int
    suplentes: int
    in_quota: int


@dataclass
class Delegates:
    rows: list[DelegateRow]
    titulares: int
    suplentes: int
    in_quota: int
    confirmed_at: object = None
    problems: list[str] = field(default_factory=list)
    justification: str = ""


@dataclass
class ReportContents:
    conference: Conference
    council: str
    porte: str
    act: ConvocationAct | None
    commission: list[CommissionMember]
    events: list[PreparatoryEvent]
    events_participants: int
    participation: Participation
    programme: list[ProgrammeItem]
    deliberations: list[Deliberation]
    axes: list[AxisBlock]
    motions: list[Motion]
    delegates: Delegates
    narrative: list[NarrativePart]
    # The evaluation's results (evaluation.selectors.Results), None without a form.
    evaluation: object | None = None

    @property
    def narrative_filled(self) -> bool:
        return all(part.text.strip() for part in self.narrative)


def evaluation_results(conference: Conference) -> object | None:
    """The evaluation's results (issue 18, part 3), or None when the conference has no
    evaluation form or its results cannot be read yet: then the report has no
    evaluation section."""
    results = evaluation_selectors.readable_results(conference)
    return results if results.exists and not results.hidden else None


def narrative_of(conference: Conference) -> list[NarrativePart]:
    """Every narrative part in the report's order; an unsaved empty one (version 0) for
    a part nobody wrote yet, so a GET writes nothing."""
    saved = {
        part.part: part
        for part in NarrativePart.objects.filter(conference=conference).select_related("updated_by")
    }
    return [
        saved.get(value) or NarrativePart(conference=conference, part=value)
        for value in rules.Part.values
    ]


def _participation(conference: Conference) -> Participation:
    """Counts by segment, category, accessibility need and quota self-declaration, of
    the registrations not cancelled and of those credentialed (checked in at least
    once). One query over four columns; no name is read."""
    rows = (
        Registration.objects.filter(conference=conference)
        .exclude(status=Registration.Status.CANCELLED)
        .annotate(credentialed=Exists(CheckIn.objects.filter(registration=OuterRef("pk"))))
        .values_list(
            "segment", "category", "accessibility_needs", "self_declarations", "credentialed"
        )
        .order_by()
    )
    registered: Counter = Counter()
    credentialed: Counter = Counter()
    for segment, category, needs, declarations, present in rows.iterator(chunk_size=2000):
        keys = [("total", ""), ("segment", segment), ("category", category)]
        keys += [("need", need) for need in needs or []]
        keys += [("declaration", d) for d in declarations or []]
        if declarations:
            keys.append(("declared", ""))
        registered.update(keys)
        if present:
            credentialed.update(keys)

    def table(kind: str, choices) -> list[CountRow]:
        return [
            CountRow(str(label), registered[(kind, value)], credentialed[(kind, value)])
            for value, label in choices
        ]

    segments = [*Segment.choices]
    if registered[("segment", "")]:
        segments.append(("", NO_SEGMENT_LABEL))
    categories = [
        (value, label)
        for value, label in Category.choices
        if registered[("category", value)] or value == Category.DELEGATE
    ]
    return Participation(
        registered=registered[("total", "")],
        credentialed=credentialed[("total", "")],
        by_segment=table("segment", segments),
        by_category=table("category", categories),
        by_need=[r for r in table("need", AccessibilityNeed.choices) if r.registered],
        by_declaration=table("declaration", SelfDeclaration.choices),
        declared_any=CountRow("", registered[("declared", "")], credentialed[("declared", "")]),
    )


def _deliberations(conference: Conference) -> list[Deliberation]:
    """The approved deliberations in the national forms' order: axis, sphere, the
    plenary's priority (unranked last), number."""
    spheres = dict(Sphere.choices)
    sphere_order = {value: i for i, value in enumerate(Sphere.values)}
    kinds = dict(Proposal.Kind.choices)
    rows = (
        Proposal.objects.filter(conference=conference, final_status=Proposal.Result.APPROVED)
        .values_list("axis__number", "axis__title", "sphere", "kind", "number", "text", "priority")
        .order_by()
    )
    found = [
        Deliberation(
            axis_number=axis_number,
            axis_title=axis_title,
            sphere=sphere,
            sphere_label=str(spheres.get(sphere, sphere)),
            kind_label=str(kinds.get(kind, kind)),
            is_recommendation=kind == Proposal.Kind.RECOMMENDATION,
            number=number,
            text=text,
            priority=priority,
        )
        for axis_number, axis_title, sphere, kind, number, text, priority in rows.iterator(
            chunk_size=2000
        )
    ]
    found.sort(
        key=lambda d: (
            d.axis_number,
            sphere_order.get(d.sphere, 99),
            d.priority is None,
            d.priority or 0,
            d.number,
        )
    )
    return found


def _by_axis(deliberations: list[Deliberation]) -> list[AxisBlock]:
    axes: list[AxisBlock] = []
    for item in deliberations:
        if not axes or axes[-1].number != item.axis_number:
            axes.append(AxisBlock(item.axis_number, item.axis_title, []))
        spheres = axes[-1].spheres
        if not spheres or spheres[-1].label != item.sphere_label:
            spheres.append(SphereBlock(item.sphere_label, []))
        spheres[-1].deliberations.append(item)
    return axes


def _delegates(conference: Conference) -> Delegates:
    """Titulares and suplentes elected, by segment, and how many count for the
    diversity quota (a self-declaration given); the table's justification where the list
    falls short. Counts only."""
    seats: Counter = Counter()
    quota: Counter = Counter()
    for segment, role, declarations in (
        Candidacy.objects.filter(conference=conference)
        .exclude(role="")
        .values_list("segment", "role", "registration__self_declarations")
        .order_by()
    ):
        seats[(segment, role)] += 1
        if declarations:
            quota[segment] += 1
    labels = dict(Segment.choices)
    order = [*delegate_rules.CIVIL_SOCIETY, delegate_rules.GOVERNMENT]
    rows = [
        DelegateRow(
            str(labels.get(segment, segment)),
            seats[(segment, delegate_rules.TITULAR)],
            seats[(segment, delegate_rules.SUPLENTE)],
            quota[segment],
        )
        for segment in order
    ]
    confirmation = DelegateList.objects.filter(conference=conference).first()
    return Delegates(
        rows=rows,
        titulares=sum(r.titulares for r in rows),
        suplentes=sum(r.suplentes for r in rows),
        in_quota=sum(r.in_quota for r in rows),
        confirmed_at=confirmation.confirmed_at if confirmation else None,
        problems=list(confirmation.problems) if confirmation else [],
        justification=confirmation.justification if confirmation else "",
    )


def report_contents(conference: Conference) -> ReportContents:
    """Everything the final report shows, in a constant number of queries (the
    conference is read with its edition and territory: get_conference_for_user)."""
    council = conference_council(conference)
    events = list(
        PreparatoryEvent.objects.filter(conference=conference)
        .annotate(participants=Count("attendances"))
        .order_by("date", "start_time", "pk")
    )
    deliberations = _deliberations(conference)
    return ReportContents(
        conference=conference,
        council=council.name if council else "",
        porte=(
            conference.municipality.get_porte_display()
            if conference.level == Level.MUNICIPAL
            else ""
        ),
        act=ConvocationAct.objects.filter(conference=conference).first(),
        commission=list(
            CommissionMember.objects.filter(conference=conference).order_by("is_alternate", "pk")
        ),
        events=events,
        events_participants=sum(e.participants for e in events),
        participation=_participation(conference),
        programme=list(
            ProgrammeItem.objects.filter(conference=conference).order_by("date", "start_time", "pk")
        ),
        deliberations=deliberations,
        axes=_by_axis(deliberations),
        motions=list(
            Motion.objects.filter(
                conference=conference, final_status=Proposal.Result.APPROVED
            ).order_by("number")
        ),
        delegates=_delegates(conference),
        narrative=narrative_of(conference),
        evaluation=evaluation_results(conference),
    )
