"""Who runs the plenary and who writes in a working group, and the loaders that fetch
the objects a deliberation URL names through the conference (or group) above them."""

from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference, ConferenceRole
from plenaria.conferences.permissions import (
    can_read_conference,
    can_write_conference,
    conference_roles,
)
from plenaria.core.permissions import refusal_of, refused_with
from plenaria.editions.models import Axis
from plenaria.participants.access import participant_in
from plenaria.participants.models import Registration
from plenaria.proposals import selectors
from plenaria.proposals.models import Highlight, Motion, Proposal, WorkingGroup


@refused_with(_("Only the presiding table runs the plenary."))
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


# The same staff, under the sentence each refused page gives.
@refused_with(_("Only the organisers create working groups."))
def can_create_groups(user, conference: Conference) -> bool:
    return can_write_in_groups(user, conference)


@refused_with(_("Only the organisers distribute participants."))
def can_distribute_participants(user, conference: Conference) -> bool:
    return can_write_in_groups(user, conference)


@refused_with(_("Only the organisers enter proposals."))
def can_enter_proposals(user, conference: Conference) -> bool:
    return can_write_in_groups(user, conference)


@refused_with(_("Only the organisers set priorities."))
def can_set_priorities(user, conference: Conference) -> bool:
    return can_write_in_groups(user, conference)


# --- a working group, opened by staff or by a participant on the phone -----------------


class Visitor(NamedTuple):
    """Who opened a group's page: the account (possibly anonymous) and the participant
    whose session (code + PIN) opened the group's conference on this device, if any."""

    user: object
    participant: Registration | None


def _reads(visitor: Visitor, conference: Conference) -> bool:
    """Readers of the conference, and its participants on their phones."""
    return visitor.participant is not None or can_read_conference(visitor.user, conference)


def reads_group(visitor: Visitor, group: WorkingGroup) -> bool:
    """Who reads the group's page: writers in it, the conference's readers and
    participants."""
    return writes_in_group(visitor, group) or _reads(visitor, group.conference)


@refused_with(_("Only the group's rapporteur changes its list."))
def writes_in_group(visitor: Visitor, group: WorkingGroup) -> bool:
    """The group's rapporteur or coordinator on their phone, or staff."""
    participant = visitor.participant
    if participant is not None and participant.pk in {group.rapporteur_id, group.coordinator_id}:
        return True
    return can_write_in_groups(visitor.user, group.conference)


@refused_with(_("Only the group's rapporteur writes its proposals."))
def writes_proposals_in_group(visitor: Visitor, group: WorkingGroup) -> bool:
    return writes_in_group(visitor, group)


def _allow(visitor: Visitor, obj, *, can_read, action) -> None:
    """404 for who may not know the object, 403 for who reads it but may not act."""
    if action is not None and action(visitor, obj):
        return
    if not can_read(visitor, obj):
        raise Http404
    if action is not None:
        raise PermissionDenied(refusal_of(action))


def get_group_for_visitor(request, pk, *, action=None) -> tuple[WorkingGroup, Visitor]:
    """The group named in a URL and who opened it. Writers always read it."""
    group = get_object_or_404(
        WorkingGroup.objects.select_related(
            "conference__edition", "axis", "coordinator", "rapporteur"
        ),
        pk=pk,
    )
    visitor = Visitor(request.user, participant_in(request, group.conference))
    _allow(visitor, group, can_read=reads_group, action=action)
    return group, visitor


def get_worklist_proposal(group: WorkingGroup, pk) -> Proposal:
    """A proposal of the group's own worklist (its axis); any other id is unknown here."""
    return get_object_or_404(
        selectors.group_proposals(group).select_related("conference", "axis"), pk=pk
    )


@refused_with(_("Only the group's rapporteur changes its proposals."))
def edits_proposal(visitor: Visitor, proposal: Proposal) -> bool:
    if proposal.group is not None:
        return writes_in_group(visitor, proposal.group)
    return can_write_in_groups(visitor.user, proposal.conference)


def get_proposal_for_visitor(request, pk, *, action=None) -> tuple[Proposal, Visitor]:
    """The proposal named in a URL: a participant of the conference reads it on the
    group's page, so only editing is refused to them (403)."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("conference__edition", "axis", "group"), pk=pk
    )
    visitor = Visitor(request.user, participant_in(request, proposal.conference))
    _allow(
        visitor,
        proposal,
        can_read=lambda v, p: edits_proposal(v, p) or _reads(v, p.conference),
        action=action,
    )
    return proposal, visitor


def get_earlier_search_conference(request, pk) -> Conference:
    """The conference whose earlier deliberations are searched: its readers and its
    participants (the proposal form on the phone)."""
    conference = get_object_or_404(Conference, pk=pk)
    if not (can_read_conference(request.user, conference) or participant_in(request, conference)):
        raise Http404
    return conference


# --- objects of the plenary, through their conference ----------------------------------


def get_axis_of(conference: Conference, pk) -> Axis:
    """An axis of the conference's edition."""
    return get_object_or_404(Axis, pk=pk, edition_id=conference.edition_id)


def get_highlight_of(conference: Conference, pk) -> Highlight:
    return get_object_or_404(Highlight, pk=pk, proposal__conference=conference)


def get_motion_of(conference: Conference, pk) -> Motion:
    return get_object_or_404(Motion, pk=pk, conference=conference)


def get_proposal_of(conference: Conference, pk) -> Proposal:
    return get_object_or_404(Proposal, pk=pk, conference=conference)


def get_group_of(conference: Conference, pk) -> WorkingGroup:
    return get_object_or_404(WorkingGroup, pk=pk, conference=conference)
