"""Reads of the editions' rule sets."""

from plenaria.editions.models import DeliberationRules, StateCalendar


def deliberation_rules_for(conference) -> DeliberationRules:
    """The rules a conference deliberates by: its state's own set for the edition, else
    the edition's, else the defaults (an unsaved rule set)."""
    sets = {
        r.state_id: r
        for r in DeliberationRules.objects.filter(edition_id=conference.edition_id).select_related(
            "edition", "state"
        )
    }
    return (
        sets.get(conference.state_id)
        or sets.get(None)
        or DeliberationRules(edition=conference.edition)
    )


def window_for(edition, level: str, state_id: int | None):
    """The window a conference of ``level`` in the state keeps to: the state council's
    own (municipal conferences, the state conference) when set, else the national one.
    Returns (start, end, state calendar or None), or None when neither is informed."""
    if state_id:
        own = StateCalendar.objects.filter(edition=edition, state_id=state_id).first()
        window = own.window(level) if own else None
        if window:
            return (*window, own)
    national = edition.windows.filter(level=level).first()
    return (national.start, national.end, None) if national else None


def state_calendars_for(edition, state_ids) -> list[StateCalendar]:
    return list(
        StateCalendar.objects.filter(edition=edition, state_id__in=state_ids)
        .select_related("state")
        .order_by("state__name")
    )


def national_windows(edition) -> dict:
    """{level: (start, end)} of the edition's national calendar."""
    return {w.level: (w.start, w.end) for w in edition.windows.all()}
