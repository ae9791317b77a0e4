"""Reads of the plenary's polls: the current poll, its live counts, who has not voted."""

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from plenaria.conferences.models import Conference
from plenaria.participants.models import Registration
from plenaria.participants.selectors import credentialed_delegates
from plenaria.voting.models import Poll, Voter


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
    return _on_stage(conference_id).select_related("conference").first()


def live_state(conference_id: int) -> dict:
    """What every live page needs to know whether to redraw: small, the same JSON for
    every client (no names, no partial result of a secret poll). Two queries."""
    poll = _on_stage(conference_id).annotate(cast=Count("voters")).first()
    present = credentialed_delegates(Conference(pk=conference_id)).count()
    if poll is None:
        return {"poll": None, "state": None, "cast": 0, "present": present}
    return {"poll": poll.pk, "state": poll.state, "cast": poll.cast, "present": present}


def not_voted(poll: Poll) -> list[Registration]:
    """Entitled delegates without a ballot yet (for the table while the poll is open)."""
    return list(
        credentialed_delegates(poll.conference)
        .exclude(pk__in=Voter.objects.filter(poll=poll).values("registration_id"))
        .select_related("person")
        .order_by("person__name")
    )


def results(poll: Poll) -> list[dict]:
    """Options with votes and share of the votes cast, for bars; only once counted."""
    options = list(poll.options.all())
    total = sum(o.votes for o in options)
    return [
        {"option": o, "votes": o.votes, "percent": round(100 * o.votes / total) if total else 0}
        for o in options
    ]
