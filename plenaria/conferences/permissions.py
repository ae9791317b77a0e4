"""Who may read (manage pages) and write a conference."""

from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference, ConferenceRole, PreparatoryEvent
from plenaria.core.permissions import get_object_for_user, refused_with
from plenaria.territory.models import Level
from plenaria.territory.selectors import Scope, user_scope


def _reaches(scope: Scope, conference: Conference) -> bool:
    if scope.is_admin or scope.national_reader:
        return True
    if conference.level == Level.NATIONAL:
        return False
    if conference.state_id in scope.read_state_ids:
        return True
    if conference.level == Level.MUNICIPAL:
        return conference.municipality_id in scope.read_municipality_ids
    if conference.level == Level.REGIONAL:
        return conference.association_id in scope.read_association_ids
    return False


def _organises(scope: Scope, conference: Conference) -> bool:
    if scope.is_admin:
        return True
    if conference.level == Level.NATIONAL:
        return scope.national_writer
    if conference.level == Level.STATE:
        return conference.state_id in scope.write_state_ids
    if conference.level == Level.REGIONAL:
        return (
            conference.state_id in scope.write_state_ids
            or conference.association_id in scope.write_association_ids
        )
    return conference.municipality_id in scope.write_municipality_ids


def conference_roles(user, conference: Conference) -> frozenset[str]:
    """The user's roles in this conference (organiser, rapporteur, table, check-in).

    All of the user's roles are read in one query, the first time a request asks, and
    kept on the user object for the rest of the request (as ``user_scope`` does)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    roles = getattr(user, "_plenaria_conference_roles", None)
    if roles is None:
        found: dict[int, set[str]] = defaultdict(set)
        for conference_id, role in ConferenceRole.objects.filter(user=user).values_list(
            "conference_id", "role"
        ):
            found[conference_id].add(role)
        roles = {pk: frozenset(names) for pk, names in found.items()}
        user._plenaria_conference_roles = roles
    return roles.get(conference.pk, frozenset())


def _has_role(user, conference: Conference, role: str | None = None) -> bool:
    """Whether the user holds ``role`` (any role when None) in this conference."""
    roles = conference_roles(user, conference)
    return role in roles if role else bool(roles)


def can_read_conference(user, conference: Conference) -> bool:
    """Read the management pages: drafts, warnings, history. Anyone with a role in the
    conference (organiser, rapporteur, table, check-in) reads them."""
    return _reaches(user_scope(user), conference) or _has_role(user, conference)


def can_write_conference(user, conference: Conference) -> bool:
    return _organises(user_scope(user), conference) or _has_role(
        user, conference, ConferenceRole.Role.ORGANISER
    )


@refused_with(_("You do not have the organiser role in any council."))
def can_create_conferences(user) -> bool:
    """Organisers of any council (or association) create the conferences they organise."""
    return user_scope(user).can_organise_anything


def get_conference_for_user(user, pk, *, action=None) -> Conference:
    """The conference named in a URL, or 404 for who may not read it; 403 when the user
    reads it but may not do ``action`` (a predicate such as ``can_write_conference``)."""
    return get_object_for_user(
        Conference.objects.select_related(
            "edition", "state", "municipality", "association", "parent"
        ),
        pk,
        user,
        can_read=can_read_conference,
        action=action,
    )


def can_see_public_page(user, conference: Conference) -> bool:
    """The public page (and the act) of a convoked conference is everyone's; before
    that, its readers preview it."""
    return conference.is_public or can_read_conference(user, conference)


def get_public_conference(user, pk) -> Conference:
    """The conference of a public URL, or 404 for who may not see it yet."""
    return get_object_for_user(
        Conference.objects.select_related("edition", "state", "municipality", "association"),
        pk,
        user,
        can_read=can_see_public_page,
    )


def conferences_readable_by(user) -> QuerySet[Conference]:
    """Every conference whose management pages the user may open."""
    scope = user_scope(user)
    qs = Conference.objects.all()
    if scope.is_admin or scope.national_reader:
        return qs
    condition = (
        Q(state_id__in=scope.read_state_ids)
        | Q(level=Level.MUNICIPAL, municipality_id__in=scope.read_municipality_ids)
        | Q(level=Level.REGIONAL, association_id__in=scope.read_association_ids)
    )
    if getattr(user, "is_authenticated", False):
        condition |= Q(roles__user=user)
    return qs.filter(condition).distinct()


def can_read_event(user, event: PreparatoryEvent) -> bool:
    if event.conference_id:
        return can_read_conference(user, event.conference)
    scope = user_scope(user)
    return (
        scope.reads_state(event.association.state_id)
        or event.association_id in scope.read_association_ids
    )


def can_write_event(user, event: PreparatoryEvent) -> bool:
    """Organisers of the conference; for a regional meeting, the association's
    organisers (and the state council's)."""
    if event.conference_id:
        return can_write_conference(user, event.conference)
    scope = user_scope(user)
    return (
        scope.is_admin
        or event.association_id in scope.write_association_ids
        or event.association.state_id in scope.write_state_ids
    )


def get_event_for_user(user, pk, *, action=None) -> PreparatoryEvent:
    """The event named in a URL, or 404 for who may not read it; 403 when the user
    reads it but may not do ``action`` (a predicate such as ``can_write_event``)."""
    return get_object_for_user(
        PreparatoryEvent.objects.select_related(
            "conference__state", "conference__municipality", "association__state"
        ),
        pk,
        user,
        can_read=can_read_event,
        action=action,
    )
