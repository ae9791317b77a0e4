"""Pure rules of a conference (DOMAIN.md §2–3): when it is closed to changes, and the
warnings that never block saving.

Each ``*_warnings`` returns a list of pt-BR warning texts (translated strings); an empty
list means the rule holds. Numbers come from the edition (configuration), not code.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference, Status
from plenaria.core.models import Sector
from plenaria.editions.models import Nature

# After closing, the record is what the conference decided: changing it needs a reopening
# (conferences.services.conference_for_write applies this to every write).
LOCKED_STATUSES = frozenset({Status.CLOSED, Status.REPORT_SUBMITTED})


def is_locked(conference: Conference) -> bool:
    return conference.status in LOCKED_STATUSES


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


def periodicity_warnings(
    start: dt.date,
    nature: str,
    previous: Iterable[PastConference],
    *,
    ordinary_years: int = 4,
    extraordinary_years: int = 2,
) -> list[str]:
    """NOB-SUAS 2012, art. 117: ordinary every ``ordinary_years``; an extraordinary
    one no sooner than ``extraordinary_years`` after the previous conference.

    Intervals are counted in calendar years, as councils count cycles.
    """
    earlier = sorted((p for p in previous if p.start < start), key=lambda p: p.start)
    if not earlier:
        return []
    warnings = []
    last = earlier[-1]
    if nature == Nature.EXTRAORDINARY:
        gap = start.year - last.start.year
        if gap < extraordinary_years:
            warnings.append(
                _(
                    "The previous conference was in %(year)s, %(gap)s year(s) ago; an "
                    "extraordinary conference needs at least %(min)s years (NOB-SUAS 2012, "
                    "art. 117)."
                )
                % {"year": last.start.year, "gap": gap, "min": extraordinary_years}
            )
        return warnings
    ordinaries = [p for p in earlier if p.nature == Nature.ORDINARY]
    if ordinaries:
        gap = start.year - ordinaries[-1].start.year
        if gap != ordinary_years:
            warnings.append(
                _(
                    "The previous ordinary conference was in %(year)s, %(gap)s year(s) ago; "
                    "ordinary conferences are held every %(every)s years (NOB-SUAS 2012, "
                    "art. 117)."
                )
                % {"year": ordinaries[-1].start.year, "gap": gap, "every": ordinary_years}
            )
    return warnings


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
