"""Reads of proposals and motions, in a fixed number of queries whatever their number."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.selectors import regimento_rules
from plenaria.editions.models import Axis, Sphere
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.participants.selectors import credentialed_delegates
from plenaria.proposals import rules
from plenaria.proposals.models import (
    AxisPlenary,
    GroupVote,
    Highlight,
    Motion,
    Plenary,
    Proposal,
    Revision,
    WorkingGroup,
)
from plenaria.territory.models import Level

FORWARDED = [Proposal.Result.APPROVED, Proposal.Result.PLENARY]
CONSOLIDATED_FIELDS = (
    "id",
    "conference_id",
    "axis_id",
    "number",
    "sphere",
    "kind",
    "origin",
    "text",
    "group_result",
    "final_status",
    "priority",
    "refers_to_id",
)


# With the plenary method (no working groups) these enter the plenary's list as they are
# collected: nobody adopts, merges or counts them before.
DIRECT_ORIGINS = [Proposal.Origin.PREPARATORY, Proposal.Origin.SUBMITTED]


def method_lock(conference: Conference) -> str | None:
    """Why the conference's methodology can no longer change: once the final plenary has
    opened highlights or voted en bloc on an axis, which proposals it handles is decided
    (conferences.services.METHOD_LOCKS asks)."""
    begun = AxisPlenary.objects.filter(conference=conference).filter(
        Q(highlights_opened_at__isnull=False) | ~Q(en_bloc_result="")
    )
    if begun.exists():
        return _(
            "The final plenary has begun (highlights opened or an en-bloc vote): the "
            "methodology can no longer change."
        )
    return None


def consolidation_q(*, plenary_method: bool = False) -> Q:
    """Proposals the groups sent on (approved directly or to be decided by the
    plenary); with the plenary method, also those of the preparatory events and those
    sent before, not dropped or merged, that no group handled."""
    sent_on = Q(status=Proposal.Status.ADOPTED, group_result__in=FORWARDED)
    if not plenary_method:
        return sent_on
    return sent_on | Q(
        status__in=[Proposal.Status.PROPOSED, Proposal.Status.ADOPTED],
        origin__in=DIRECT_ORIGINS,
        group_result="",
    )


def in_consolidation(qs: QuerySet[Proposal], *, plenary_method: bool = False) -> QuerySet[Proposal]:
    return qs.filter(consolidation_q(plenary_method=plenary_method))


def plenary_list(conference: Conference) -> QuerySet[Proposal]:
    """The proposals of the conference's final plenary, by its regimento's method."""
    return in_consolidation(
        Proposal.objects.filter(conference=conference),
        plenary_method=regimento_rules(conference).plenary_method,
    )


@dataclass
class SphereBlock:
    sphere: str
    label: str
    proposals: list[Proposal]
    cap: int | None

    @property
    def over_by(self) -> int:
        return max(0, len(self.proposals) - self.cap) if self.cap else 0


@dataclass
class AxisBlock:
    axis: Axis
    spheres: list[SphereBlock] = field(default_factory=list)
    plenary: AxisPlenary | None = None

    @property
    def count(self) -> int:
        return sum(len(s.proposals) for s in self.spheres)

    @property
    def over_cap(self) -> bool:
        return any(s.over_by for s in self.spheres)


def consolidated(conference: Conference) -> list[AxisBlock]:
    """The consolidated list per axis and sphere, in the plenary's order (priority
    where it was given, then number); axes over the cap are flagged. Four queries."""
    config = deliberation_rules_for(conference)
    regimento = regimento_rules(conference)
    cap = regimento.max_per_axis_sphere.value
    labels = dict(Sphere.choices)
    axes = list(Axis.objects.filter(edition_id=conference.edition_id))
    axis_by_id = {axis.pk: axis for axis in axes}
    # Only the columns the list shows, and the year of a recommended deliberation as an
    # annotation: with 2,000 items, building fewer objects is most of the time saved.
    proposals = (
        in_consolidation(
            Proposal.objects.filter(conference=conference),
            plenary_method=regimento.plenary_method,
        )
        .only(*CONSOLIDATED_FIELDS)
        .annotate(
            refers_year=ExtractYear("refers_to__conference__start_date"),
            event_title=F("event__title"),
        )
        .order_by("axis__number", F("priority").asc(nulls_last=True), "number")
    )
    # Labels resolved once, not per row: the list is read aloud with 2,000 items.
    kinds, origins = dict(Proposal.Kind.choices), dict(Proposal.Origin.choices)
    results = dict(Proposal.Result.choices)
    by_axis: dict[int, dict[str, list[Proposal]]] = {}
    for proposal in proposals:
        proposal.axis = axis_by_id[proposal.axis_id]
        proposal.kind_label = kinds[proposal.kind]
        proposal.origin_label = origins[proposal.origin]
        proposal.result_label = results.get(proposal.group_result, "")
        by_axis.setdefault(proposal.axis_id, {}).setdefault(proposal.sphere, []).append(proposal)
    plenaries = {p.axis_id: p for p in AxisPlenary.objects.filter(conference=conference)}
    blocks = []
    for axis in axes:
        spheres = by_axis.get(axis.pk, {})
        block = AxisBlock(axis=axis, plenary=plenaries.get(axis.pk))
        for sphere in config.spheres:
            block.spheres.append(
                SphereBlock(
                    sphere,
                    labels.get(sphere, sphere),
                    spheres.get(sphere, []),
                    cap,
                )
            )
        blocks.append(block)
    return blocks


@dataclass
class ConsoleAxis:
    """One axis on the table's console: its window, how many proposals it has and
    only those that took highlights, each highlight with its word-level diff."""

    axis: Axis
    plenary: AxisPlenary | None
    count: int
    highlighted: list[Proposal]


def plenary_console(conference: Conference) -> list[ConsoleAxis]:
    """What the table reads during the highlights, in six queries; the proposals
    without highlights are only counted (they go en bloc)."""
    listed = plenary_list(conference)
    counts = dict(listed.values_list("axis_id").annotate(n=Count("id")).order_by())
    highlighted = (
        listed.filter(
            pk__in=Highlight.objects.filter(proposal__conference=conference).values("proposal_id")
        )
        .select_related("axis")
        .prefetch_related(
            Prefetch("highlights", Highlight.objects.select_related("proposer")), "revisions"
        )
        .order_by(F("priority").asc(nulls_last=True), "number")
    )
    spheres = dict(Sphere.choices)
    by_axis: dict[int, list[Proposal]] = {}
    for proposal in highlighted:
        proposal.sphere_label = spheres.get(proposal.sphere, proposal.sphere)
        revisions = list(proposal.revisions.all())
        for highlight in proposal.highlights.all():
            highlight.proposal = proposal
            highlight.diff = highlight_diff(highlight, revisions)
            highlight.outcomes = highlight_outcomes(highlight, revisions)
        by_axis.setdefault(proposal.axis_id, []).append(proposal)
    plenaries = {p.axis_id: p for p in AxisPlenary.objects.filter(conference=conference)}
    return [
        ConsoleAxis(axis, plenaries.get(axis.pk), counts.get(axis.pk, 0), by_axis.get(axis.pk, []))
        for axis in Axis.objects.filter(edition_id=conference.edition_id)
    ]


def earlier_deliberations(conference: Conference) -> QuerySet[Proposal]:
    """Approved deliberations of earlier conferences of the same territory and level:
    what a recommendation may point to."""
    qs = Proposal.objects.filter(
        final_status=Proposal.Result.APPROVED,
        conference__level=conference.level,
        conference__start_date__lt=conference.start_date,
    )
    if conference.level == Level.MUNICIPAL:
        qs = qs.filter(conference__municipality_id=conference.municipality_id)
    elif conference.level == Level.REGIONAL:
        qs = qs.filter(conference__association_id=conference.association_id)
    elif conference.level == Level.STATE:
        qs = qs.filter(conference__state_id=conference.state_id)
    return qs.select_related("conference__edition", "axis").order_by(
        "-conference__start_date", "axis__number", "number"
    )


def search_earlier(conference: Conference, query: str, *, limit: int = 20) -> list[Proposal]:
    qs = earlier_deliberations(conference)
    for word in query.split()[:6]:
        qs = qs.filter(text__icontains=word)
    return list(qs[:limit])


def group_proposals(group: WorkingGroup) -> QuerySet[Proposal]:
    """The proposals a group's page may act on: those of its conference and axis."""
    return Proposal.objects.filter(conference_id=group.conference_id, axis_id=group.axis_id)


def group_worklist(group: WorkingGroup) -> dict:
    """What a group works on: the axis' proposals in its list, those waiting to be
    adopted, and this group's counts on each. Fixed queries."""
    axis_groups = WorkingGroup.objects.filter(
        conference_id=group.conference_id, axis_id=group.axis_id
    ).count()
    proposals = (
        group_proposals(group)
        .filter(status__in=[Proposal.Status.ADOPTED, Proposal.Status.PROPOSED])
        .select_related("axis", "event", "group", "refers_to__conference")
        .prefetch_related(Prefetch("votes", GroupVote.objects.filter(group=group), "mine"))
        .annotate(groups_voted=Count("votes"))
        .order_by("number")
    )
    adopted, waiting = [], []
    for proposal in proposals:
        proposal.my_vote = proposal.mine[0] if proposal.mine else None
        (adopted if proposal.status == Proposal.Status.ADOPTED else waiting).append(proposal)
    # A waiting proposal merges only into this group's own texts: the group rewrites it.
    own = [p for p in adopted if p.group_id == group.pk]
    return {"adopted": adopted, "own": own, "waiting": waiting, "axis_groups": axis_groups}


def credentialed_count(conference: Conference) -> int:
    return credentialed_delegates(conference).count()


def is_credentialed_delegate(conference: Conference, registration) -> bool:
    """Whether the person may raise highlights and submit or sign motions."""
    return credentialed_delegates(conference).filter(pk=registration.pk).exists()


def text_voted_on(highlight: Highlight, revisions: list[Revision] | None = None) -> str:
    """The proposal's text the highlight was voted against: its text now, until the
    highlight is approved and changes it; then the text it had before (its revisions,
    in version order, keep it), so a decided highlight still reads what was voted.
    ``revisions`` are the proposal's, when the caller fetched them already."""
    if highlight.result != Highlight.Result.PROPOSED:
        return highlight.proposal.text
    if revisions is None:
        revisions = list(Revision.objects.filter(proposal_id=highlight.proposal_id))
    applied = next((r for r in revisions if r.highlight_id == highlight.pk), None)
    before = [r for r in revisions if applied is not None and r.version < applied.version]
    # a suppression or a new item left the text as it was
    return before[-1].text if before else highlight.proposal.text


def highlight_diff(
    highlight: Highlight, revisions: list[Revision] | None = None
) -> list[tuple[str, str]]:
    """What the plenary reads for a highlight: the proposal's text against the text
    the proposal would have if the highlight were approved."""
    original = text_voted_on(highlight, revisions)
    if highlight.kind == Highlight.Kind.SUPPRESSION:
        return rules.word_diff(original, "")
    if highlight.as_new_item:
        return rules.word_diff("", highlight.text)
    return rules.word_diff(original, rules.text_with(highlight.kind, original, highlight.text))


def highlight_outcomes(highlight: Highlight, revisions: list[Revision] | None = None) -> list[dict]:
    """The two choices of a highlight's vote in the order the table reads them (the
    highlight first), each with what the proposal will say if it wins (the same
    before and after the vote)."""
    original = text_voted_on(highlight, revisions)
    approved = rules.outcome_if_approved(
        highlight.kind, original, highlight.text, as_new_item=highlight.as_new_item
    )
    return [
        {"key": Highlight.Result.PROPOSED, "label": _("Approve the highlight"), **approved},
        {
            "key": Highlight.Result.ORIGINAL,
            "label": _("Keep the original text"),
            "text": original,
            "new": "",
        },
    ]


def motions_with_signatures(conference: Conference) -> list[Motion]:
    """Motions with their signature count and whether they reach the threshold: of the
    delegates counted at closing, or of those credentialed now while still open."""
    plenary = Plenary.objects.filter(conference=conference).first()
    closed = plenary is not None and plenary.motions_closed_at is not None
    base = plenary.delegates_at_closing if closed else credentialed_count(conference)
    share = plenary.share_at_closing if closed else None
    if share is None:  # still open (or closed before the share was kept)
        share = regimento_rules(conference).motion_signature_share.value
    # unset by the regimento: nothing qualifies (no share is assumed)
    needed = rules.signatures_needed(base, share) if share is not None else None
    motions = list(
        Motion.objects.filter(conference=conference)
        .select_related("proposer")
        .annotate(signature_count=Count("signatures"))
        .order_by("number")
    )
    for motion in motions:
        motion.needed = needed
        motion.base = base
        motion.qualifies = share is not None and rules.motion_qualifies(
            motion.signature_count, base, share
        )
    return motions


def final_deliberations(conference: Conference) -> dict:
    """The approved deliberations by axis and sphere (new / recommendation) and the
    approved motions: the input of the final report."""
    labels = dict(Sphere.choices)
    rows = (
        Proposal.objects.filter(conference=conference, final_status=Proposal.Result.APPROVED)
        .select_related("axis", "refers_to__conference")
        .prefetch_related(Prefetch("revisions", Revision.objects.select_related("author")))
        .order_by("axis__number", "sphere", F("priority").asc(nulls_last=True), "number")
    )
    axes: dict[int, dict] = {}
    for proposal in rows:
        axis = axes.setdefault(proposal.axis_id, {"axis": proposal.axis, "spheres": {}})
        axis["spheres"].setdefault(labels.get(proposal.sphere, proposal.sphere), []).append(
            proposal
        )
    motions = (
        Motion.objects.filter(conference=conference, final_status=Proposal.Result.APPROVED)
        .prefetch_related(Prefetch("revisions", Revision.objects.select_related("author")))
        .order_by("number")
    )
    pending = Q(final_status="", status=Proposal.Status.ADOPTED)
    if regimento_rules(conference).plenary_method:
        pending |= Q(final_status="") & consolidation_q(plenary_method=True)
    counts = Proposal.objects.filter(conference=conference).aggregate(
        approved=Count("pk", filter=Q(final_status=Proposal.Result.APPROVED)),
        rejected=Count("pk", filter=Q(final_status=Proposal.Result.REJECTED)),
        pending=Count("pk", filter=pending),
    )
    return {"axes": list(axes.values()), "motions": list(motions), "counts": counts}


# The plenary rows of a conference are made by the first write that needs them; a page
# reads the stored row or an unsaved empty one, so a GET writes nothing.


def axis_plenary(conference: Conference, axis: Axis) -> AxisPlenary:
    """The highlight window and en-bloc result of an axis (unsaved and empty before the
    table first opens the window)."""
    found = AxisPlenary.objects.filter(conference=conference, axis=axis).first()
    return found or AxisPlenary(conference=conference, axis=axis)


def plenary_of(conference: Conference) -> Plenary:
    """The motions' deadline and closing of the final plenary (unsaved and empty before
    the table first sets them)."""
    return Plenary.objects.filter(conference=conference).first() or Plenary(conference=conference)


def aggregation_rule(conference: Conference) -> rules.Aggregation:
    """The regimento's aggregation rule; refused while any of its numbers is unset
    (nothing is assumed in its place)."""
    config = regimento_rules(conference)
    if not config.aggregation_set:
        raise ValidationError(
            _(
                "The regimento's rule for counting the groups' votes is not set yet (the share "
                "that approves directly, the share that goes to the plenary, and whether "
                "abstentions count). The conference's staff set it under Rules of the regimento."
            )
        )
    return rules.Aggregation(
        config.direct_approval_share.value,
        config.plenary_share.value,
        config.abstentions_count.value,
    )


@dataclass
class EnBlocPending:
    """For the single en-bloc vote of all axes: the axes it would cover (listed
    proposals, no en-bloc result yet) and, of those, the ones whose highlight window is
    not closed yet (the vote waits for them)."""

    axes: list[Axis]
    still_open: list[Axis]


def en_bloc_pending(conference: Conference) -> EnBlocPending:
    with_proposals = set(plenary_list(conference).values_list("axis_id", flat=True).distinct())
    plenaries = {p.axis_id: p for p in AxisPlenary.objects.filter(conference=conference)}
    axes, still_open = [], []
    for axis in Axis.objects.filter(edition_id=conference.edition_id, pk__in=with_proposals):
        plenary = plenaries.get(axis.pk)
        if plenary is not None and plenary.en_bloc_result:
            continue
        axes.append(axis)
        if plenary is None or not plenary.highlights_closed_at:
            still_open.append(axis)
    return EnBlocPending(axes, still_open)
