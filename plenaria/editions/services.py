"""Writes of editions and state calendars: keyword-only, one transaction, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from plenaria.core.audit import record, snapshot
from plenaria.core.models import AuditEntry
from plenaria.editions import rules
from plenaria.editions.models import (
    STATE_CALENDAR_FIELDS,
    Axis,
    CalendarWindow,
    Edition,
    StateCalendar,
)
from plenaria.editions.selectors import national_windows
from plenaria.territory.models import Level, State

EDITION_FIELDS = ("number", "year", "nature", "theme")


def _context(edition: Edition) -> str:
    return f"edition:{edition.pk}"


def _calendar_of(edition: Edition) -> dict:
    """What the audit entry shows of the axes and windows."""
    return {
        "axes": [a.title for a in edition.axes.order_by("number")],
        "windows": {w.level: str(w) for w in edition.windows.all()},
    }


def _set_axes(edition: Edition, axes: list[str]) -> None:
    for number, title in enumerate(axes, start=1):
        Axis.objects.update_or_create(edition=edition, number=number, defaults={"title": title})
    try:
        edition.axes.filter(number__gt=len(axes)).delete()
    except ProtectedError:
        raise ValidationError(
            {"axes": _("An axis that already has proposals cannot be removed.")}
        ) from None


def _set_windows(edition: Edition, windows: dict) -> None:
    for level, (start, end) in windows.items():
        if start and end:
            CalendarWindow.objects.update_or_create(
                edition=edition, level=level, defaults={"start": start, "end": end}
            )
        else:
            edition.windows.filter(level=level).delete()


@transaction.atomic
def edition_save(
    *, actor, edition: Edition | None = None, data: dict, axes: list[str], windows: dict
) -> Edition:
    """Create or change an edition: its number, year, nature and theme, its axes in order
    (axis N is the Nth title) and its window per level (blank: not informed)."""
    errors = rules.edition_window_errors(windows)
    if errors:
        raise ValidationError({f"{level}_end": message for level, message in errors.items()})
    creating = edition is None
    edition = edition or Edition()
    before = {} if creating else {**snapshot(edition, EDITION_FIELDS), **_calendar_of(edition)}
    for name in EDITION_FIELDS:
        setattr(edition, name, data[name])
    edition.full_clean()
    edition.save()
    _set_axes(edition, axes)
    _set_windows(edition, windows)
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        obj=edition,
        before=before,
        after={**snapshot(edition, EDITION_FIELDS), **_calendar_of(edition)},
        context=_context(edition),
    )
    return edition


@transaction.atomic
def state_calendar_save(*, actor, edition: Edition, state: State, data: dict) -> StateCalendar:
    """Set a state's calendar for an edition, inside the national windows."""
    errors = rules.state_calendar_errors(
        municipal=(data.get("municipal_start"), data.get("municipal_end")),
        conference=(data.get("conference_start"), data.get("conference_end")),
        handover_deadline=data.get("handover_deadline"),
        report_deadline=data.get("report_deadline"),
        national=national_windows(edition),
        labels={level: str(label).lower() for level, label in Level.choices},
    )
    if errors:
        raise ValidationError(errors)
    calendar = (
        StateCalendar.objects.select_for_update().filter(edition=edition, state=state).first()
    )
    creating = calendar is None
    calendar = calendar or StateCalendar(edition=edition, state=state)
    before = {} if creating else snapshot(calendar, STATE_CALENDAR_FIELDS)
    for name in STATE_CALENDAR_FIELDS:
        setattr(calendar, name, data.get(name))
    calendar.full_clean()
    calendar.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        obj=calendar,
        before=before,
        after=snapshot(calendar, STATE_CALENDAR_FIELDS),
        context=_context(edition),
    )
    return calendar
