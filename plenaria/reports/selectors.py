"""Monitoring: the stage each municipality's conference has reached, and whether it
handed its delegates over.

Every read here is a fixed number of queries, whatever the number of rows.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference, Status
from plenaria.core.collation import by, sort_key
from plenaria.delegates.models import HandOver
from plenaria.editions.models import Edition
from plenaria.territory.models import Level, Municipality, State
from plenaria.territory.rules import population_range


class Situation(models.TextChoices):
    """The real stage of a municipality's conference in the edition: its status, or
    none. The labels are the statuses' own."""

    NONE = "none", _("No conference")
    DRAFT = Status.DRAFT.value, Status.DRAFT.label
    CONVOKED = Status.CONVOKED.value, Status.CONVOKED.label
    REGISTRATION_OPEN = Status.REGISTRATION_OPEN.value, Status.REGISTRATION_OPEN.label
    IN_PROGRESS = Status.IN_PROGRESS.value, Status.IN_PROGRESS.label
    CLOSED = Status.CLOSED.value, Status.CLOSED.label
    REPORTED = Status.REPORT_SUBMITTED.value, Status.REPORT_SUBMITTED.label


# Not a stage: a conference at any stage from closing on may have handed its delegate
# list over (delegates/handover.py); the filter and the counts offer it beside them.
DELEGATES_SENT = "delegates_sent"
DELEGATES_SENT_LABEL = _("Delegates sent")

# Rows of the state's table per page: a phone scrolls a few screens, not 35,000 px.
PAGE_SIZE = 50


def _search_ids(state: State, search: str) -> list[int]:
    """The state's municipalities whose name contains ``search``, accents and case
    ignored the way ``core.collation`` compares names. One query of (id, name) pairs
    (853 at most): the same on SQLite and PostgreSQL, no extension needed."""
    wanted = sort_key(search)[0]
    return [
        pk
        for pk, name in Municipality.objects.filter(state=state).values_list("pk", "name")
        if wanted in sort_key(name)[0]
    ]


@dataclass
class Filters:
    association_ids: list[int] | None = None  # None: no restriction
    porte: str = ""
    situation: str = ""
    search: str = ""


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
        .annotate(
            situation=Coalesce("conference_status", Value(Situation.NONE.value)),
            delegates_sent=Exists(
                HandOver.objects.filter(conference_id=OuterRef("conference_id"), current=True)
            ),
        )
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
    counts[DELEGATES_SENT] = 0
    grouped = (
        qs.order_by().values("situation", "delegates_sent").annotate(n=Count("pk", distinct=True))
    )
    for row in grouped:
        counts[row["situation"]] += row["n"]
        if row["delegates_sent"]:
            counts[DELEGATES_SENT] += row["n"]
    # The counts are the state's (within the user's reach and the porte and region
    # chosen), not the search's nor the page's: the name search finds, it does not filter
    # the picture.
    if filters.search.strip():
        qs = qs.filter(pk__in=_search_ids(state, filters.search.strip()))
    if filters.situation == DELEGATES_SENT:
        qs = qs.filter(delegates_sent=True)
    elif filters.situation:
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
        situation.value: Count("pk", filter=Q(status=situation.value))
        for situation in Situation
        if situation != Situation.NONE
    }
    aggregates[DELEGATES_SENT] = Count(
        "pk", filter=Q(Exists(HandOver.objects.filter(conference=OuterRef("pk"), current=True)))
    )
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
        counts[DELEGATES_SENT] = found.get(DELEGATES_SENT, 0)
        rows.append(StateRow(state, total, counts, state_conferences.get(state.pk)))
    return rows
