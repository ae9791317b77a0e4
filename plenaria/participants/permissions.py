"""Who sees personal data and who registers people (DESIGN.md: organisers and check-in
staff of that conference; everyone else sees masked values)."""

from plenaria.conferences.models import Conference, ConferenceRole
from plenaria.conferences.permissions import can_write_conference, conference_roles


def can_register_people(user, conference: Conference) -> bool:
    return can_write_conference(
        user, conference
    ) or ConferenceRole.Role.CHECKIN in conference_roles(user, conference)


def can_see_personal_data(user, conference: Conference) -> bool:
    """Read contacts and documents unmasked, and search by CPF."""
    return can_register_people(user, conference)


def can_handle_personal_data(user, conference: Conference) -> bool:
    """Export a person's data or erase them (LGPD requests): only the organisers, who
    answer for the council that controls the data; check-in staff register and
    credential people but do not."""
    return can_write_conference(user, conference)
