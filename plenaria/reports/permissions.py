"""Who follows the conferences of which territory (monitoring): the national council
every state; a state council its state; an association its member municipalities."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.core.collation import by
from plenaria.core.permissions import refused_with
from plenaria.editions.models import Edition
from plenaria.territory.models import Association, State
from plenaria.territory.selectors import user_scope


@refused_with(gettext_lazy("Only the national council follows all states."))
def can_follow_all_states(user) -> bool:
    scope = user_scope(user)
    return scope.is_admin or scope.national_reader


def widest_view_for(user) -> str:
    """The address of the widest monitoring view the user's roles reach; 403 for who
    reaches none."""
    scope = user_scope(user)
    if can_follow_all_states(user):
        return reverse("reports:national")
    if scope.read_state_ids:
        state = State.objects.filter(pk__in=scope.read_state_ids).order_by(by("name")).first()
        return reverse("reports:state", kwargs={"uf": state.abbreviation.lower()})
    if scope.read_association_ids:
        association = (
            Association.objects.filter(pk__in=scope.read_association_ids)
            .select_related("state")
            .first()
        )
        return reverse("reports:state", kwargs={"uf": association.state.abbreviation.lower()})
    raise PermissionDenied(_("Monitoring is for state and national councils and associations."))


def get_state_for_user(user, uf: str) -> tuple[State, QuerySet[Association], list[int] | None]:
    """The state of the URL, the associations the user may filter by, and the ids
    the view is restricted to (None when the user reads the whole state). 404 for an
    unknown state, 403 for who reaches none of it."""
    state = get_object_or_404(State, abbreviation=uf.upper())
    scope = user_scope(user)
    associations = Association.objects.filter(state=state)
    if scope.reads_state(state.pk):
        return state, associations, None
    associations = associations.filter(pk__in=scope.read_association_ids)
    restricted_to = list(associations.values_list("pk", flat=True))
    if not restricted_to:
        raise PermissionDenied(_("Your roles do not reach this state."))
    return state, associations, restricted_to


def get_edition(year) -> Edition:
    """The edition asked for, else the latest; with none registered there is nothing to
    follow (403, as the monitoring pages always answered)."""
    edition = Edition.objects.filter(year=year).first() if year and year < 10_000 else None
    edition = edition or Edition.objects.first()
    if edition is None:
        raise PermissionDenied(_("No national edition has been registered yet."))
    return edition
