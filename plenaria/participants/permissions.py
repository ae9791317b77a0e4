"""Who sees personal data and who registers people (DESIGN.md: organisers and check-in
staff of that conference; everyone else sees masked values)."""

from plenaria.conferences.models import Conference, ConferenceRole
from plenaria.conferences.permissions import can_write_conference


def _has_checkin_role(user, conference: Conference) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and ConferenceRole.objects.filter(
            conference=conference, user=user, role=ConferenceRole.Role.CHECKIN
        ).exists()
    )


def can_register_people(user, conference: Conference) -> bool:
    return can_write_conference(user, conference) or _has_checkin_role(user, conference)


def can_see_personal_data(user, conference: Conference) -> bool:
    return can_register_people(user, conference)
