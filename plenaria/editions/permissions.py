"""Who reads and who sets editions and state calendars: the national council's
organisers write the edition (theme, axes, national windows); a state council's
organisers write their state's calendar inside it. Any signed-in staff member reads
them (the calendars are public facts of the cycle)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from plenaria.core.permissions import refused_with, require
from plenaria.editions.models import Edition
from plenaria.territory.models import State
from plenaria.territory.selectors import user_scope


@refused_with(_("Only the national council's organisers create and change editions."))
def can_write_editions(user) -> bool:
    scope = user_scope(user)
    return scope.is_admin or scope.national_writer


@refused_with(_("Only the state council's organisers set the state's calendar."))
def can_write_state_calendar(user, state: State) -> bool:
    scope = user_scope(user)
    return scope.is_admin or state.pk in scope.write_state_ids


def get_edition_for_user(user, year, *, action=None) -> Edition:
    """The edition a URL names by its year (404 when none); 403 when ``action`` is
    refused."""
    edition = get_object_or_404(Edition, year=year)
    require(user, action)
    return edition


def get_state_calendar_for_user(user, year, uf, *, action=None) -> tuple[Edition, State]:
    """The edition and state a state-calendar URL names: 404 for who does not read the
    state, 403 when ``action`` is refused."""
    edition = get_object_or_404(Edition, year=year)
    state = State.objects.filter(abbreviation=str(uf).upper()[:2]).first()
    if state is None or not user_scope(user).reads_state(state.pk):
        raise Http404
    require(user, action, state)
    return edition, state
