"""Who runs the plenary and who writes in a working group."""

from plenaria.conferences.models import Conference, ConferenceRole
from plenaria.conferences.permissions import can_write_conference, conference_roles


def can_run_plenary(user, conference: Conference) -> bool:
    """The presiding table (mesa) and the organisers: highlight windows, en-bloc and
    highlight results, motions' deadline and closing, entries on delegates' behalf."""
    return can_write_conference(user, conference) or ConferenceRole.Role.TABLE in conference_roles(
        user, conference
    )


def can_write_in_groups(user, conference: Conference) -> bool:
    """Staff who may write in every group: organisers, the table, rapporteur accounts."""
    return can_run_plenary(user, conference) or ConferenceRole.Role.RAPPORTEUR in conference_roles(
        user, conference
    )


def writes_in_group(user, participant, group) -> bool:
    """The group's rapporteur or coordinator on their phone, or staff."""
    if participant is not None and participant.pk in {
        group.rapporteur_id,
        group.coordinator_id,
    }:
        return True
    return can_write_in_groups(user, group.conference)
