"""Who reads and who sets seat tables: the state council for its municipalities, the
national council for the states (their organiser members write). Who changes a
conference's delegate list, exports its contacts and replaces the delegates it
received; the seat table, candidacy, election and hand-over a URL names, each loaded
through the object above it."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.permissions import can_write_conference, get_conference_for_user
from plenaria.conferences.selectors import conference_council
from plenaria.core.permissions import get_object_for_user, refused_with, require, worded
from plenaria.delegates.models import Candidacy, Election, HandOver
from plenaria.editions.models import Edition
from plenaria.participants.permissions import can_handle_personal_data
from plenaria.proposals.permissions import can_run_plenary
from plenaria.territory.models import State
from plenaria.territory.permissions import can_edit_council
from plenaria.territory.selectors import user_scope


def can_read_table(user, state: State | None) -> bool:
    scope = user_scope(user)
    if scope.is_admin or scope.national_reader:
        return True
    # a state council reads its own table and its line of the national one
    return bool(scope.read_state_ids) if state is None else scope.reads_state(state.pk)


def can_write_table(user, state: State | None) -> bool:
    scope = user_scope(user)
    if state is None:
        return scope.is_admin or scope.national_writer
    return scope.is_admin or state.pk in scope.write_state_ids


can_change_table = worded(can_write_table, _("You may read this seat table but not change it."))
# The presiding table and the organisers run the list: candidacies, elections, sending.
can_change_list = worded(
    can_run_plenary, _("Only the presiding table and the organisers change the list.")
)


@refused_with(_("Only the council's organisers write the elected into its members."))
def can_write_council_members(user, conference) -> bool:
    """The council elected at the conference keeps its own members: the table runs the
    council election, but only the council's organisers write the result into them
    (as on the council's own page)."""
    council = conference_council(conference)
    return council is not None and can_edit_council(user, council)


# The delegates' contacts and accessibility needs are personal data.
can_export_contacts = worded(can_handle_personal_data, _("Only the organisers export contacts."))


def _replaces(user, sent: HandOver) -> bool:
    """The receiving conference's organisers, or who runs the sending one's list."""
    return can_write_conference(user, sent.receiver) or can_run_plenary(user, sent.conference)


can_replace_delegates = worded(
    _replaces, _("Only the organisers of either conference replace delegates.")
)


def get_seat_table_for_user(user, year, uf=None, *, action=None) -> tuple[Edition, State | None]:
    """The edition and the state (None: the national table) a seat table URL names:
    404 for who may not read that table, 403 when ``action`` is not allowed."""
    edition = get_object_or_404(Edition, year=year)
    state = get_object_or_404(State, abbreviation=uf.upper()) if uf else None
    if not can_read_table(user, state):
        raise Http404
    require(user, action, state)
    return edition, state


def get_candidacy_for_user(user, conference_pk, pk, *, action=None) -> Candidacy:
    """A candidacy of the conference named before it (404 otherwise); ``action`` is a
    predicate on the conference."""
    conference = get_conference_for_user(user, conference_pk, action=action)
    return get_object_or_404(conference.candidacies.select_related("conference"), pk=pk)


def get_election_for_user(user, conference_pk, pk, *, action=None) -> Election:
    """An election of the conference named before it (404 otherwise); ``action`` is a
    predicate on the conference."""
    conference = get_conference_for_user(user, conference_pk, action=action)
    return get_object_or_404(conference.elections.select_related("conference"), pk=pk)


def _already_scoped(user, sent: HandOver) -> bool:
    """True for any list of ``receiver.handovers_received``: reading the receiving
    conference (checked just before) is reading what it received. Only for that
    queryset: it checks nothing by itself."""
    return True


def get_handover_for_user(user, conference_pk, pk, *, action=None) -> HandOver:
    """A list the conference named before it received (404 otherwise); ``action`` is a
    predicate on the hand-over (such as ``can_replace_delegates``)."""
    receiver = get_conference_for_user(user, conference_pk)
    sent = get_object_for_user(
        # receiver is set on each row at once: the action (e.g. _replaces) reads it.
        receiver.handovers_received.select_related(
            "receiver", "conference__municipality", "conference__state"
        ),
        pk,
        user,
        can_read=_already_scoped,
        action=action,
    )
    sent.receiver = receiver
    return sent


def get_council_candidacy_for_user(user, conference_pk, pk, *, action=None):
    """A council candidacy of the conference named before it (404 otherwise)."""
    conference = get_conference_for_user(user, conference_pk, action=action)
    return get_object_or_404(conference.council_candidacies.select_related("conference"), pk=pk)


def get_council_election_for_user(user, conference_pk, pk, *, action=None):
    """A council election of the conference named before it (404 otherwise)."""
    conference = get_conference_for_user(user, conference_pk, action=action)
    return get_object_or_404(conference.council_elections.select_related("conference"), pk=pk)
