"""Who registers people, who sees and handles their personal data (DESIGN.md: the
organisers and check-in staff of that conference; everyone else sees masked values),
who runs preparatory events; and the loaders that fetch the registrations,
associations and attendances a URL names through the object above them."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference, ConferenceRole, PreparatoryEvent
from plenaria.conferences.permissions import (
    can_write_conference,
    can_write_event,
    conference_roles,
    get_conference_for_user,
    get_event_for_user,
)
from plenaria.conferences.visibility import public_page_q
from plenaria.core.permissions import get_object_for_user, refused_with
from plenaria.participants.models import Attendance, Registration
from plenaria.territory.models import Association
from plenaria.territory.selectors import user_scope


@refused_with(_("Only organisers and check-in staff register people."))
def can_register_people(user, conference: Conference) -> bool:
    return can_write_conference(
        user, conference
    ) or ConferenceRole.Role.CHECKIN in conference_roles(user, conference)


def can_see_personal_data(user, conference: Conference) -> bool:
    """Read contacts and documents unmasked, and search by CPF."""
    return can_register_people(user, conference)


@refused_with(_("Only the organisers of this conference handle personal data."))
def can_handle_personal_data(user, conference: Conference) -> bool:
    """Export a person's data or erase them (LGPD requests): only the organisers, who
    answer for the council that controls the data; check-in staff register and
    credential people but do not."""
    return can_write_conference(user, conference)


def get_conference_for_registration(pk) -> Conference:
    """The conference of the public registration form: 404 until it is convoked (not
    even its organisers register there before; they use the staff form)."""
    return get_object_or_404(
        Conference.objects.select_related("edition", "state", "municipality").filter(
            public_page_q()
        ),
        pk=pk,
    )


# The check-in desk's staff, under the sentence each refused page gives.
@refused_with(_("Only organisers and check-in staff hand out PINs."))
def can_hand_out_pins(user, conference: Conference) -> bool:
    return can_register_people(user, conference)


@refused_with(_("Only organisers and check-in staff unlock PINs."))
def can_unlock_pins(user, conference: Conference) -> bool:
    return can_register_people(user, conference)


def get_registration_for_user(
    user, pk, registration_pk, *, action=None, substitute: bool = False
) -> Registration:
    """A registration of the conference ``pk`` (404 when it belongs to another one or
    the user may not know the conference; 403 when ``action`` is refused). With
    ``substitute``, only a substitute delegate's registration is found."""
    conference = get_conference_for_user(user, pk, action=action)
    registrations = Registration.objects.select_related("conference", "person", "replaces")
    if substitute:
        registrations = registrations.filter(is_substitute=True)
    return get_object_or_404(registrations, pk=registration_pk, conference=conference)


# --- preparatory events and regional meetings -----------------------------------------


def can_read_association(user, association: Association) -> bool:
    scope = user_scope(user)
    return scope.reads_state(association.state_id) or association.pk in scope.read_association_ids


@refused_with(_("Only the organisers create events."))
def can_create_events(user, owner: Conference | Association) -> bool:
    """Whoever may change an event of this owner (a conference, or an association for
    its regional meetings) may create one."""
    if isinstance(owner, Conference):
        return can_write_event(user, PreparatoryEvent(conference=owner))
    return can_write_event(user, PreparatoryEvent(association=owner))


@refused_with(_("Only the organisers change the attendance list."))
def can_change_attendance(user, event: PreparatoryEvent) -> bool:
    return can_write_event(user, event)


def get_association_for_user(user, pk, *, action=None) -> Association:
    """The association named in a URL: 404 for outsiders, who need not learn what it
    holds; 403 when its readers may not do ``action``."""
    return get_object_for_user(
        Association.objects.select_related("state"),
        pk,
        user,
        can_read=can_read_association,
        action=action,
    )


def get_attendance_for_user(user, pk, attendance_pk, *, action=can_write_event) -> Attendance:
    """An attendance of the event ``pk``, for its organisers (who answer for the list)."""
    event = get_event_for_user(user, pk, action=action)
    return get_object_or_404(
        Attendance.objects.select_related("event"), pk=attendance_pk, event=event
    )


@refused_with(_("Only organisers and check-in staff print these documents."))
def can_print_documents(user, conference: Conference) -> bool:
    """Badges, attendance lists and certificates of the conference."""
    return can_register_people(user, conference)
