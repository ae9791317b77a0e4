"""Reads of the editions' rule sets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from plenaria.core.collation import by
from plenaria.editions.models import DeliberationRules, StateCalendar


def deliberation_rules_for(conference) -> DeliberationRules:
    """The rules a conference deliberates by: its state's own set for the edition, else
    the edition's, else the defaults (an unsaved rule set)."""
    sets = rule_sets_for(conference)
    return sets[0] if sets else DeliberationRules(edition=conference.edition)


def rule_sets_for(conference) -> list[DeliberationRules]:
    """The rule sets that may speak for a conference, the closest first: its state's
    for the edition, then the edition's."""
    return rule_sets(conference.edition_id, conference.state_id)


def rule_sets(edition_id: int, state_id: int | None) -> list[DeliberationRules]:
    sets = {
        r.state_id: r
        for r in DeliberationRules.objects.filter(edition_id=edition_id).select_related(
            "edition", "state"
        )
    }
    found = [sets.get(state_id)] if state_id else []
    return [r for r in (*found, sets.get(None)) if r is not None]


@dataclass(frozen=True)
class Sourced:
    """A rule's value and where it is written ("" and None when nothing sets it)."""

    value: Any
    source: str

    @property
    def is_set(self) -> bool:
        return self.value is not None


def source_of(rule_set: DeliberationRules) -> str:
    if rule_set.state_id:
        where = _("Rules of the state (%(state)s)") % {"state": rule_set.state.abbreviation}
    else:
        where = _("Rules of the edition (%(year)s)") % {"year": rule_set.edition.year}
    return f"{where} — {rule_set.source}" if rule_set.source else where


def first_set(sets: list[DeliberationRules], field: str) -> Sourced:
    """The value of ``field`` from the first rule set that sets it (a blank falls back)."""
    for rule_set in sets:
        value = getattr(rule_set, field)
        if value is not None:
            return Sourced(value, source_of(rule_set))
    return Sourced(None, "")


def quota_rule(conference) -> tuple[Sourced, Sourced]:
    return quota_rule_of(conference.edition, conference.state_id)


def quota_rule_of(edition, state_id: int | None) -> tuple[Sourced, Sourced]:
    """The edition's diversity quota and whether suplentes count toward it (the state's
    rules, else the edition's), with their sources."""
    share = Sourced(
        edition.diversity_quota,
        edition.diversity_quota_source
        or (_("Rules of the edition (%(year)s)") % {"year": edition.year}),
    )
    if share.value is None:
        share = Sourced(None, "")
    return share, first_set(rule_sets(edition.pk, state_id), "quota_counts_suplentes")


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
        .order_by(by("state__name"))
    )


def national_windows(edition) -> dict:
    """{level: (start, end)} of the edition's national calendar."""
    return {w.level: (w.start, w.end) for w in edition.windows.all()}
