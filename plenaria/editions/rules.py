"""Rules of an edition's calendar: pure functions, no database.

The sources: DOMAIN.md §2 (the CNAS fixes "calendar windows per level"; examples 2021 and
2025), §7 (the municipalities' delegate list "goes to the state council by a deadline")
and §8 (the final report goes "to the state council by the deadline")."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

Window = tuple[dt.date, dt.date]


def _d(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def pair_error(start: dt.date | None, end: dt.date | None) -> str:
    """A window needs both ends, the end not before the start ("" when right)."""
    if bool(start) != bool(end):
        return _("Fill in both dates of the period, or neither.")
    if start and end and end < start:
        return _("The end cannot be before the start.")
    return ""


def outside_error(window: Window | None, national: Window | None, level_label: str) -> str:
    """A state's window must sit inside the national window of the same level ("" when
    it does, or when either is unknown)."""
    if not window or not national:
        return ""
    if window[0] < national[0] or window[1] > national[1]:
        return _(
            "The national calendar sets the %(level)s stage from %(start)s to %(end)s: "
            "choose dates inside that period."
        ) % {"level": level_label, "start": _d(national[0]), "end": _d(national[1])}
    return ""


def state_calendar_errors(
    *,
    municipal: tuple[dt.date | None, dt.date | None],
    conference: tuple[dt.date | None, dt.date | None],
    handover_deadline: dt.date | None,
    report_deadline: dt.date | None,
    national: dict[str, Window],
    labels: dict[str, str],
) -> dict[str, str]:
    """The errors, by field, of what a state council sets for its state in an edition.

    - each period has both dates or neither, the end not before the start;
    - the municipal period sits inside the national municipal window and the state
      conference inside the national state window (DOMAIN.md §2: the CNAS fixes them);
    - the municipal conferences end before the state conference starts (the chain runs
      municipal → state, DOMAIN.md §1);
    - the delegate lists arrive by the state conference (§7: they go to the state
      council by a deadline, and the delegates are then registered at it), and neither
      deadline falls before the municipal conferences begin (§7, §8).
    """
    errors: dict[str, str] = {}
    for field, (start, end), level in (
        ("municipal_end", municipal, "municipal"),
        ("conference_end", conference, "state"),
    ):
        message = pair_error(start, end) or outside_error(
            (start, end) if start and end else None, national.get(level), labels[level]
        )
        if message:
            errors[field] = message
    m_start, m_end = municipal
    c_start, _c_end = conference
    ends_ok = "municipal_end" not in errors and "conference_end" not in errors
    if ends_ok and m_end and c_start and m_end >= c_start:
        errors["conference_start"] = _(
            "The state conference starts after the municipal conferences end (%(end)s)."
        ) % {"end": _d(m_end)}
    first = m_start or (national.get("municipal") or (None,))[0]
    for field, deadline in (
        ("handover_deadline", handover_deadline),
        ("report_deadline", report_deadline),
    ):
        if deadline and first and deadline < first:
            errors[field] = _(
                "The deadline cannot come before the municipal conferences begin (%(start)s)."
            ) % {"start": _d(first)}
    if (
        handover_deadline
        and c_start
        and handover_deadline > c_start
        and "handover_deadline" not in errors
    ):
        errors["handover_deadline"] = _(
            "The delegate lists must arrive by the start of the state conference (%(start)s)."
        ) % {"start": _d(c_start)}
    return errors


def edition_window_errors(
    windows: dict[str, tuple[dt.date | None, dt.date | None]],
) -> dict[str, str]:
    """The errors, by level, of an edition's calendar windows: both dates or neither, the
    end not before the start, and each level not starting before the level below it
    starts (the chain runs municipal → regional → state → national, DOMAIN.md §1–2)."""
    errors = {level: m for level, (s, e) in windows.items() if (m := pair_error(s, e))}
    previous = None
    for level, (start, end) in windows.items():
        if level in errors or not (start and end):
            continue
        if previous and start < previous:
            errors[level] = _("This stage cannot start before the stage below it.")
        previous = start
    return errors
