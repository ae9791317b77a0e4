"""Reads of the editions' rule sets."""

from plenaria.editions.models import DeliberationRules


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
