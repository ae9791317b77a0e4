"""Who runs a conference's polls, who exports its named votes, who follows its plenary
live; the poll a URL names, loaded through its conference."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import can_read_conference, get_conference_for_user
from plenaria.core.permissions import worded
from plenaria.participants.access import participant_in
from plenaria.proposals.permissions import can_run_plenary
from plenaria.voting.models import Poll

# The presiding table and the organisers; each screen says it in its own words.
can_run_polls = worded(can_run_plenary, _("Only the presiding table runs the plenary."))
can_export_named_votes = worded(can_run_plenary, _("Only the presiding table exports named votes."))


def get_poll_for_user(user, conference_pk, pk, *, action=None) -> Poll:
    """The poll named in a URL, of the conference named before it: 404 for who may not
    read the conference or when the poll is another conference's, 403 when the user
    reads it but may not do ``action`` (a predicate on the conference)."""
    conference = get_conference_for_user(user, conference_pk, action=action)
    poll = conference.polls.filter(pk=pk).first()
    if poll is None:
        raise Http404
    poll.conference = conference  # already loaded, and the services read it
    return poll


def get_conference_to_follow(request, pk) -> Conference:
    """The conference whose plenary the request follows (state, live stream): its
    management readers and the participants whose session opened a registration in
    it. 404 for everyone else: a draft's existence is not told."""
    conference = Conference.objects.filter(pk=pk).first()
    if conference is None:
        raise Http404
    if not (
        can_read_conference(request.user, conference)
        or participant_in(request, conference) is not None
    ):
        raise Http404
    return conference
