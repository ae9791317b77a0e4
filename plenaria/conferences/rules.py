"""Pure rules of a conference (DOMAIN.md §2–3): when it is closed to changes, and the
warnings that never block saving.

Each ``*_warnings`` returns a list of pt-BR warning texts (translated strings); an empty
list means the rule holds. Numbers come from configuration (the edition's windows, the
council's own periodicity), except the limits the law fixes (NOB-SUAS 2012, art. 117).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenaria.conferences.models import STATUS_ORDER, Conference, Status
from plenaria.core.models import Sector
from plenaria.editions.models import Method, Nature
from plenaria.territory.rules import MAX_CONFERENCE_GAP_YEARS

# After closing, the record is what the conference decided: changing it needs a reopening
# (conferences.services.conference_for_write applies this to every write).
LOCKED_STATUSES = frozenset({Status.CLOSED, Status.REPORT_SUBMITTED})


def is_locked(conference: Conference) -> bool:
    return conference.status in LOCKED_STATUSES


def uses_plenary_method(method: str | None) -> bool:
    """Whether proposals go straight to the final plenary, without working groups
    (DOMAIN.md §3, §5: small municipalities' pre-conferences write the proposals and the
    plenary approves them). The regimento says so; where no rule set says anything the
    conference works through the groups, as every conference did before the rule."""
    return method == Method.PLENARY


def within_days(date: dt.date, conference: Conference) -> bool:
    """Shifts and programme items happen on the conference's days."""
    return conference.start_date <= date <= conference.end_date


def audit_context(conference: Conference) -> str:
    """The audit context of what a conference holds: its history page reads it."""
    return f"conference:{conference.pk}"


def event_context(event) -> str:
    """The audit context of a preparatory event (its own history, with or without a
    conference)."""
    return f"event:{event.pk}"


def _d(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def window_warnings(
    start: dt.date,
    end: dt.date,
    window: tuple[dt.date, dt.date] | None,
    level_label: str,
    *,
    set_by_state: str = "",
) -> list[str]:
    """Dates outside the edition's window for the conference's level, or outside the
    state council's own window when ``set_by_state`` names the state that set it
    (DOMAIN.md §2: the software warns, it does not forbid)."""
    if window is None:
        return []
    w_start, w_end = window
    if start < w_start or end > w_end:
        if set_by_state:
            message = _(
                "The dates (%(start)s to %(end)s) fall outside the period the state council "
                "of %(state)s sets for the %(level)s stage (%(w_start)s to %(w_end)s). The "
                "conference may still be held, but the state council should be told."
            )
        else:
            message = _(
                "The dates (%(start)s to %(end)s) fall outside the period the edition sets "
                "for the %(level)s stage (%(w_start)s to %(w_end)s). The conference may still "
                "be held, but the state council should be told."
            )
        return [
            message
            % {
                "state": set_by_state,
                "start": _d(start),
                "end": _d(end),
                "level": level_label,
                "w_start": _d(w_start),
                "w_end": _d(w_end),
            }
        ]
    return []


@dataclass(frozen=True)
class PastConference:
    start: dt.date
    nature: str


# DOMAIN.md §3: "an extraordinary one may be convoked every 2 years by a majority of the
# council" (NOB-SUAS 2012, art. 117).
EXTRAORDINARY_MIN_GAP_YEARS = 2


def periodicity_warnings(
    start: dt.date,
    nature: str,
    previous: Iterable[PastConference],
    *,
    council_period: int | None = None,
) -> list[str]:
    """NOB-SUAS 2012, art. 117 (DOMAIN.md §3): "ordinary conferences every 4 years; an
    extraordinary one may be convoked every 2 years by a majority of the council". The
    council sets its own periodicity; the rule is only that conferences are not more
    than four years apart (issue 17, item 3). So a gap warns only when it exceeds four
    years or the council's own period (``council_period``, None when the council set
    none), and an extraordinary conference warns when it comes less than two years after
    the previous one. Meeting in 2023 and again in 2025 is fine.

    Intervals are counted in calendar years, as councils count cycles.
    """
    earlier = sorted((p for p in previous if p.start < start), key=lambda p: p.start)
    if not earlier:
        return []
    last = earlier[-1]
    gap = start.year - last.start.year
    if nature == Nature.EXTRAORDINARY and gap < EXTRAORDINARY_MIN_GAP_YEARS:
        return [
            ngettext(
                "The previous conference was in %(year)s, %(gap)s year ago; an "
                "extraordinary conference needs at least %(min)s years (NOB-SUAS 2012, "
                "art. 117).",
                "The previous conference was in %(year)s, %(gap)s years ago; an "
                "extraordinary conference needs at least %(min)s years (NOB-SUAS 2012, "
                "art. 117).",
                gap,
            )
            % {"year": last.start.year, "gap": gap, "min": EXTRAORDINARY_MIN_GAP_YEARS}
        ]
    if gap > MAX_CONFERENCE_GAP_YEARS:
        return [
            _(
                "The previous conference was in %(year)s, %(gap)s years ago; conferences "
                "may not be more than %(max)s years apart (NOB-SUAS 2012, art. 117)."
            )
            % {"year": last.start.year, "gap": gap, "max": MAX_CONFERENCE_GAP_YEARS}
        ]
    if council_period and gap > council_period:
        return [
            # gap > council_period >= 1: "years ago" is always plural, the period not.
            ngettext(
                "The previous conference was in %(year)s, %(gap)s years ago; the council "
                "holds its conferences every year.",
                "The previous conference was in %(year)s, %(gap)s years ago; the council "
                "holds its conferences every %(period)s years.",
                council_period,
            )
            % {"year": last.start.year, "gap": gap, "period": council_period}
        ]
    return []


def parent_warnings(end: dt.date, parent_start: dt.date | None, parent_title: str) -> list[str]:
    """A conference must end before the next-level conference it feeds starts."""
    if parent_start is not None and end >= parent_start:
        return [
            _(
                "The conference ends on %(end)s, but “%(parent)s”, which receives its "
                "deliberations and delegates, starts on %(parent_start)s."
            )
            % {"end": _d(end), "parent": parent_title, "parent_start": _d(parent_start)}
        ]
    return []


def parity_warnings(sectors: Iterable[str]) -> list[str]:
    """Parity of the organising commission's titular members (government = civil society)."""
    sectors = list(sectors)
    if not sectors:
        return []
    government = sum(1 for s in sectors if s == Sector.GOVERNMENT)
    civil = sum(1 for s in sectors if s == Sector.CIVIL_SOCIETY)
    if government != civil:
        return [
            _(
                "The organising commission has %(gov)s government and %(civil)s civil-society "
                "titular members; parity asks for the same number on each side."
            )
            % {"gov": government, "civil": civil}
        ]
    return []


def advance_effects(to_status: str) -> str:
    """What moving to ``to_status`` changes, said before the organiser confirms it: the
    steps forward are taken in one click each and some cannot be taken back silently."""
    return {
        Status.CONVOKED: _(
            "The conference and its convocation act appear on the public page, and it can "
            "no longer be deleted, only reopened."
        ),
        Status.REGISTRATION_OPEN: _("Anyone can register on the conference's public page."),
        Status.IN_PROGRESS: _(
            "Registration on the public page closes; the desk still registers and "
            "credentials people, and the plenary votes."
        ),
        Status.CLOSED: _(
            "Registrations, votes, proposals and lists can no longer change until the "
            "conference is reopened, with a reason kept in the history."
        ),
        Status.REPORT_SUBMITTED: _(
            "The state council's monitoring counts the conference's report as sent, and "
            "nothing can change until the conference is reopened."
        ),
    }.get(to_status, "")


def next_status(status: str) -> str | None:
    index = STATUS_ORDER.index(status)
    return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None
