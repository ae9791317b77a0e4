"""Reads of the plenary's polls: the current poll, its live counts, who has not voted."""

from django.db.models import Case, Count, IntegerField, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.selectors import regimento_rules
from plenaria.core.collation import by
from plenaria.editions.models import Axis
from plenaria.participants.models import Registration
from plenaria.participants.selectors import credentialed_delegates, current_shift, quorum_shift
from plenaria.proposals import selectors as deliberation_selectors
from plenaria.proposals.models import AxisPlenary, Highlight, Motion
from plenaria.proposals.selectors import motions_with_signatures
from plenaria.voting.models import Poll, SecretTally, Voter, VotingSettings


def entitled_voters(poll: Poll) -> QuerySet[Registration]:
    """Who votes in the poll: the delegates credentialed in the shift it runs in (fixed
    when it opened; in any shift where the regimento said so then), only those of the
    poll's segment in an election where the regimento says so."""
    shift = None if poll.entitled_any_shift else poll.shift_id
    voters = credentialed_delegates(poll.conference_id, shift=shift)
    return voters.filter(segment=poll.segment) if poll.segment else voters


def may_vote(poll: Poll, registration: Registration) -> bool:
    return entitled_voters(poll).filter(pk=registration.pk).exists()


def missing_shift_checkin(poll: Poll, registration: Registration) -> bool:
    """A delegate with vote right who is not entitled only because they were credentialed
    in another shift, not in the poll's: the desk can credential them in this one."""
    if poll.entitled_any_shift or poll.shift_id is None:
        return False
    return credentialed_delegates(poll.conference_id).filter(pk=registration.pk).exists()


def _on_stage(conference_id: int) -> QuerySet[Poll]:
    """Polls the plenary has seen, the open one first, then the most recent."""
    return (
        Poll.objects.filter(conference_id=conference_id)
        .exclude(state=Poll.State.CREATED)
        .order_by(
            Case(
                When(state=Poll.State.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-number",
        )
    )


def current_poll(conference_id: int) -> Poll | None:
    """The poll the plenary is on: the open one, else the last one closed or published."""
    return _on_stage(conference_id).select_related("conference", "shift").first()


def quorum_base_now(conference: Conference) -> QuerySet[Registration]:
    """Who a poll opened now would count as entitled: the delegates credentialed in the
    current shift (or in any shift, where the regimento says so)."""
    shift = current_shift(conference, timezone.localtime())
    return credentialed_delegates(conference, shift=quorum_shift(conference, shift))


def live_state(conference_id: int) -> dict:
    """What every live page needs to know whether to redraw: small, the same JSON for
    every client (no names, no partial result of a secret poll). Two queries."""
    poll = _on_stage(conference_id).annotate(cast=Count("voters")).first()
    if poll is None:
        present = quorum_base_now(Conference.objects.get(pk=conference_id)).count()
        return {"poll": None, "state": None, "cast": 0, "present": present}
    poll.conference = Conference(pk=conference_id)
    present = entitled_voters(poll).count()
    return {"poll": poll.pk, "state": poll.state, "cast": poll.cast, "present": present}


def not_voted(poll: Poll) -> list[Registration]:
    """Entitled delegates without a ballot yet (for the table while the poll is open)."""
    return list(
        entitled_voters(poll)
        .exclude(pk__in=Voter.objects.filter(poll=poll).values("registration_id"))
        .order_by(by("name"))
    )


def results(poll: Poll) -> list[dict]:
    """Options with votes and share of the votes cast, for bars; only once counted."""
    options = list(poll.options.all())
    total = sum(o.votes for o in options)
    return [
        {"option": o, "votes": o.votes, "percent": round(100 * o.votes / total) if total else 0}
        for o in options
    ]


def votable_now(conference: Conference) -> dict:
    """What the plenary can vote now, for the poll form: axes whose highlight window
    closed without an en-bloc result (with the plenary method, also all axes at once),
    highlights not yet voted, qualified motions."""
    closed = AxisPlenary.objects.filter(
        conference=conference, highlights_closed_at__isnull=False, en_bloc_result=""
    ).values("axis_id")
    qualified = [m.pk for m in motions_with_signatures(conference) if m.qualifies]
    return {
        "axes": Axis.objects.filter(pk__in=closed),
        "highlights": Highlight.objects.filter(proposal__conference=conference, result="")
        .select_related("proposal__axis")
        .order_by("number"),
        "motions": Motion.objects.filter(pk__in=qualified, final_status=""),
        "all_axes": regimento_rules(conference).plenary_method,
    }


def settings_for(conference: Conference) -> VotingSettings:
    """The conference's voting rules: the stored row, or the defaults (unsaved) until the
    table first saves them, so a page that shows them writes nothing."""
    found = VotingSettings.objects.filter(conference=conference).first()
    return found or VotingSettings(conference=conference)


def recount(poll: Poll) -> dict[str, int]:
    """The tally from the stored ballots: voter rows (open) or the counters (secret)."""
    if poll.is_secret:
        rows = SecretTally.objects.filter(poll=poll).values("option__key").annotate(n=Sum("count"))
    else:
        rows = Voter.objects.filter(poll=poll).values("option__key").annotate(n=Count("id"))
    counts = {o.key: 0 for o in poll.options.all()}
    counts.update({row["option__key"]: row["n"] for row in rows})
    return counts


def summary(poll: Poll) -> str:
    """One line for the proposal's or motion's history: which poll, which counts."""
    counts = ", ".join(f"{o.label}: {o.votes}" for o in poll.options.all())
    return _("Poll %(n)s (%(mode)s): %(counts)s") % {
        "n": poll.number,
        "mode": poll.get_mode_display(),
        "counts": counts,
    }


def highlight_outcomes(poll: Poll | None) -> list[dict]:
    """For a highlight's poll, its options in their order, each with what the proposal
    will say if it wins (console, phone, projector); empty for any other poll."""
    if poll is None or poll.item != Poll.Item.HIGHLIGHT or not poll.highlight_id:
        return []
    highlight = Highlight.objects.select_related("proposal").get(pk=poll.highlight_id)
    meaning = {o["key"]: o for o in deliberation_selectors.highlight_outcomes(highlight)}
    return [
        {**meaning[option.key], "label": option.label}
        for option in poll.options.all()
        if option.key in meaning
    ]
