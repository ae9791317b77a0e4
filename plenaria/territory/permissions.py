"""Who may read and change a council's own settings (its periodicity)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from plenaria.core.permissions import get_object_for_user, refused_with
from plenaria.territory.models import Council
from plenaria.territory.selectors import active_council_memberships


def _membership(user, council: Council):
    return active_council_memberships(user).filter(council=council).first()


def can_read_council(user, council: Council) -> bool:
    """The council's members in their term (and administrators) see its settings."""
    if getattr(user, "is_superuser", False):
        return True
    return getattr(user, "is_authenticated", False) and _membership(user, council) is not None


@refused_with(_("Only the council's organisers change its settings."))
def can_edit_council(user, council: Council) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    membership = getattr(user, "is_authenticated", False) and _membership(user, council)
    return bool(membership and membership.is_organiser)


def get_council_for_user(user, pk, *, action=None) -> Council:
    """The council named in a URL, or 404 for who is not its member; 403 when the user
    reads it but may not do ``action``."""
    return get_object_for_user(
        Council.objects.select_related("state", "municipality"),
        pk,
        user,
        can_read=can_read_council,
        action=action,
    )


def get_council_member_for_user(user, council_pk, pk, *, action=None):
    """A member of the council named before it (404 otherwise); ``action`` is a
    predicate on the council."""
    council = get_council_for_user(user, council_pk, action=action)
    return get_object_or_404(council.members.select_related("council"), pk=pk)
