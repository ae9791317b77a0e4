"""Monitoring: which municipalities convoked, held and reported their conference.

Every read here is a fixed number of queries, whatever the number of rows.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, F, FilteredRelation, Q, Value, When
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference, Status
from plenaria.core.collation import by
from plenaria.editions.models import Edition
from plenaria.territory.models import Level, Municipality, State
from plenaria.territory.rules import population_range


class Situation(models.TextChoices):
    NONE = "none", _("No conference")
    DRAFT = "draft", _("Draft")
    CONVOKED = "convoked", _("Convoked")
    HELD = "held", _("Held")
    REPORTED = "report_submitted", _("Report submitted")


SITUATION_OF_STATUS: dict[str, str] = {
    Status.DRAFT: Situation.DRAFT,
    Status.CONVOKED: Situation.CONVOKED,
    Status.REGISTRATION_OPEN: Situation.CONVOKED,
    Status.IN_PROGRESS: Situation.CONVOKED,
    Status.CLOSED: Situation.HELD,
    Status.REPORT_SUBMITTED: Situation.REPORTED,
}


def _situation_case(field: str) -> Case:
    whens = [When(**{f"{field}__isnull": True}, then=Value(Situation.NONE.value))]
    for situation in Situation:
        if situation == Situation.NONE:
            continue
        statuses = [s for s, sit in SITUATION_OF_STATUS.items() if sit == situation]
        whens.append(When(**{f"{field}__in": statuses}, then=Value(situation.value)))
    return Case(*whens, output_field=models.CharField())


@dataclass
class Filters:
    association_ids: list[int] | None = None  # None: no restriction
    porte: str = ""
    situation: str = ""


def municipalities_with_situation(state: State, edition: Edition, filters: Filters):
    """(rows, counts): the municipalities of the state with their conference in the
    edition, filtered; counts per situation over the same filters except situation."""
    # One LEFT JOIN: a municipality has at most one municipal conference per edition
    # (a unique constraint), and the CASE reads a joined column, not a subquery.
    qs = (
        Municipality.objects.filter(state=state)
        .annotate(
            edition_conference=FilteredRelation(
                "conferences",
                condition=Q(conferences__edition=edition, conferences__level=Level.MUNICIPAL),
            )
        )
        .annotate(
            conference_id=F("edition_conference__id"),
            conference_status=F("edition_conference__status"),
            conference_start=F("edition_conference__start_date"),
        )
        .annotate(situation=_situation_case("conference_status"))
    )
    if filters.association_ids is not None:
        qs = qs.filter(associations__in=filters.association_ids).distinct()
    if filters.porte == "unknown":
        qs = qs.filter(population__isnull=True)
    elif filters.porte:
        low, high = population_range(filters.porte)
        qs = qs.filter(population__gte=low)
        if high is not None:
            qs = qs.filter(population__lte=high)
    counts = {s.value: 0 for s in Situation}
    for row in qs.order_by().values("situation").annotate(n=Count("pk", distinct=True)):
        counts[row["situation"]] = row["n"]
    if filters.situation:
        qs = qs.filter(situation=filters.situation)
    return qs.order_by(by("name")), counts


@dataclass
class StateRow:
    state: State
    municipalities: int
    counts: dict[str, int]
    state_conference: Conference | None


def states_with_counts(edition: Edition) -> list[StateRow]:
    """Every state with how many of its municipalities are in each situation."""
    per_state = {
        row["state_id"]: row["n"]
        for row in Municipality.objects.order_by().values("state_id").annotate(n=Count("pk"))
    }
    aggregates = {
        situation.value: Count(
            "pk",
            filter=Q(status__in=[s for s, sit in SITUATION_OF_STATUS.items() if sit == situation]),
        )
        for situation in Situation
        if situation != Situation.NONE
    }
    by_state = {
        row["state_id"]: row
        for row in Conference.objects.filter(edition=edition, level=Level.MUNICIPAL)
        .order_by()
        .values("state_id")
        .annotate(**aggregates)
    }
    state_conferences = {
        c.state_id: c for c in Conference.objects.filter(edition=edition, level=Level.STATE)
    }
    rows = []
    for state in State.objects.all():
        found = by_state.get(state.pk, {})
        counts = {s.value: found.get(s.value, 0) for s in Situation if s != Situation.NONE}
        total = per_state.get(state.pk, 0)
        counts[Situation.NONE.value] = total - sum(counts.values())
        rows.append(StateRow(state, total, counts, state_conferences.get(state.pk)))
    return rows
