"""The final plenary on proposals: the highlight window of an axis, highlights raised
and decided, and the en-bloc vote on the rest."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.selectors import regimento_rules
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.editions.models import Axis
from plenaria.participants.models import Registration
from plenaria.proposals import rules, selectors
from plenaria.proposals.models import AxisPlenary, Highlight, Proposal
from plenaria.proposals.selectors import in_consolidation
from plenaria.proposals.services._common import (
    Author,
    Result,
    _clean_text,
    _must_be_credentialed,
    _new_proposal,
    _revise,
    _vote_note,
)

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    highlights_opened=gettext_lazy("highlights opened for"),
    highlights_closed=gettext_lazy("highlights closed for"),
    en_bloc=gettext_lazy("voted en bloc"),
)


def _check_axis(conference: Conference, axis: Axis) -> None:
    if axis.edition_id != conference.edition_id:
        raise ValidationError({"axis": _("This axis belongs to another edition.")})


def _axis_plenary_for_write(conference: Conference, axis: Axis) -> AxisPlenary:
    """The axis' plenary row, locked; made here, by the first write that needs it."""
    plenary, _created = AxisPlenary.objects.select_for_update().get_or_create(
        conference=conference, axis=axis
    )
    return plenary


@transaction.atomic
def highlights_open(*, actor, conference: Conference, axis: Axis) -> AxisPlenary:
    conference = conference_for_write(conference)
    _check_axis(conference, axis)
    plenary = _axis_plenary_for_write(conference, axis)
    if plenary.highlights_closed_at:
        raise ValidationError(_("The highlight window of this axis is already closed."))
    if not plenary.highlights_opened_at:
        plenary.highlights_opened_at = timezone.now()
        plenary.save()
        audit.record(
            actor=actor,
            action="update",
            obj=conference,
            before={},
            after={"highlights_opened": str(axis)},
            context=audit_context(conference),
        )
    return plenary


@transaction.atomic
def highlights_close(*, actor, conference: Conference, axis: Axis) -> AxisPlenary:
    conference = conference_for_write(conference)
    _check_axis(conference, axis)
    plenary = _axis_plenary_for_write(conference, axis)
    if not plenary.window_open:
        raise ValidationError(_("The highlight window of this axis is not open."))
    plenary.highlights_closed_at = timezone.now()
    plenary.save()
    audit.record(
        actor=actor,
        action="update",
        obj=conference,
        before={},
        after={"highlights_closed": str(axis)},
        context=audit_context(conference),
    )
    return plenary


@transaction.atomic
def highlight_register(
    *, author: Author, proposal: Proposal, proposer: Registration, data: dict[str, Any]
) -> Highlight:
    """A delegate (or the table on their behalf) raises a highlight while the axis'
    window is open, on a proposal of the consolidated list."""
    conference = conference_for_write(proposal.conference_id)
    plenary = _axis_plenary_for_write(conference, proposal.axis)
    if not plenary.window_open:
        raise ValidationError(_("The highlight window of this axis is closed."))
    listed = in_consolidation(
        Proposal.objects.filter(pk=proposal.pk),
        plenary_method=regimento_rules(conference).plenary_method,
    )
    if not listed.exists():
        raise ValidationError(_("Only proposals of the consolidated list take highlights."))
    _must_be_credentialed(conference, proposer, "proposer")
    kind = data["kind"]
    text = _clean_text(data.get("text", ""), "text", required=kind != Highlight.Kind.SUPPRESSION)
    if kind == Highlight.Kind.MODIFICATION and text == proposal.text:
        raise ValidationError({"text": _("The new text is the same as the original.")})
    highlight = Highlight(
        proposal=proposal,
        number=rules.next_number(
            Highlight.objects.filter(proposal__conference=conference).values_list(
                "number", flat=True
            )
        ),
        kind=kind,
        text="" if kind == Highlight.Kind.SUPPRESSION else text,
        as_new_item=kind == Highlight.Kind.ADDITION and bool(data.get("as_new_item")),
        proposer=proposer,
        entered_by=author.user,
    )
    highlight.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            highlight.save()
    except IntegrityError:
        raise ValidationError(
            _("Another highlight was registered at the same moment: send again.")
        ) from None
    audit.record(
        actor=author.user, action="create", obj=highlight, context=audit_context(conference)
    )
    return highlight


@transaction.atomic
def highlight_decide(*, actor, highlight: Highlight, result: str, vote: str = "") -> Proposal:
    """Record the plenary's vote on a highlight (original vs proposed text) and carry it
    into the proposal; ``vote`` says which vote decided it (a poll, the counted cards)."""
    vote = _vote_note(vote)
    conference_for_write(highlight.proposal.conference_id)
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("conference", "axis")
        .get(pk=highlight.proposal_id)
    )
    conference = proposal.conference
    plenary = selectors.axis_plenary(conference, proposal.axis)
    if plenary.window_open or not plenary.highlights_closed_at:
        raise ValidationError(_("Close the highlight window before voting the highlights."))
    if highlight.result:
        raise ValidationError(_("This highlight has already been voted."))
    if result not in Highlight.Result.values:
        raise ValidationError(_("Choose the text the plenary approved."))
    highlight.result = result
    highlight.save(update_fields=["result", "updated_at"])
    table = Author(user=actor)
    why = _("Highlight %(n)s (%(kind)s): %(result)s") % {
        "n": highlight.number,
        "kind": highlight.get_kind_display(),
        "result": highlight.get_result_display(),
    }
    if vote:
        why = f"{why} — {vote}"
    if result == Highlight.Result.PROPOSED:
        if highlight.kind == Highlight.Kind.SUPPRESSION:
            proposal.final_status = Result.REJECTED
        elif highlight.as_new_item:
            addition = _new_proposal(
                conference,
                proposal.axis,
                sphere=proposal.sphere,
                text=highlight.text,
                origin=Proposal.Origin.PLENARY,
                status=Proposal.Status.ADOPTED,
                group_result=Result.PLENARY,
                final_status=Result.APPROVED,
            )
            _revise(addition, author=table, reason=why, highlight=highlight)
        else:
            proposal.text = rules.text_with(highlight.kind, proposal.text, highlight.text)
            proposal.version += 1
            _revise(proposal, author=table, reason=why, highlight=highlight)
    if not proposal.final_status and not proposal.highlights.filter(result="").exists():
        proposal.final_status = Result.APPROVED
    proposal.save(update_fields=["text", "version", "final_status", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        obj=highlight,
        before={"result": ""},
        reason=vote,
        context=audit_context(conference),
    )
    return proposal


def _en_bloc_apply(conference: Conference, plenary: AxisPlenary, result: str) -> int:
    untouched = in_consolidation(
        Proposal.objects.filter(
            conference=conference, axis_id=plenary.axis_id, highlights__isnull=True
        ),
        plenary_method=regimento_rules(conference).plenary_method,
    )
    count = untouched.update(final_status=result, updated_at=timezone.now())
    plenary.en_bloc_result = result
    plenary.save()
    return count


@transaction.atomic
def en_bloc_record(*, actor, conference: Conference, axis: Axis, result: str, vote: str = ""):
    """The one vote on every proposal of the axis nobody highlighted."""
    vote = _vote_note(vote)
    conference = conference_for_write(conference)
    _check_axis(conference, axis)
    plenary = _axis_plenary_for_write(conference, axis)
    if not plenary.highlights_closed_at:
        raise ValidationError(_("Close the highlight window before the en-bloc vote."))
    if plenary.en_bloc_result:
        raise ValidationError(_("The en-bloc vote of this axis is already recorded."))
    _check_result(result)
    count = _en_bloc_apply(conference, plenary, result)
    _audit_en_bloc(actor, conference, f"{axis}: {result} ({count})", vote)
    return count


def _check_result(result: str) -> None:
    if result not in {Result.APPROVED, Result.REJECTED}:
        raise ValidationError(_("Choose the result of the vote."))


def _audit_en_bloc(actor, conference: Conference, what: str, vote: str) -> None:
    audit.record(
        actor=actor,
        action="update",
        obj=conference,
        before={},
        after={"en_bloc": what},
        reason=vote,
        context=audit_context(conference),
    )


@transaction.atomic
def en_bloc_record_all(*, actor, conference: Conference, result: str, vote: str = "") -> int:
    """The one vote on every proposal nobody highlighted, of every axis whose en-bloc
    vote is not recorded yet: the plenary method's single en-bloc vote (with the working
    groups, each axis is voted on its own)."""
    vote = _vote_note(vote)
    conference = conference_for_write(conference)
    if not regimento_rules(conference).plenary_method:
        raise ValidationError(
            _("The en-bloc vote of all axes at once is for the plenary method: vote each axis.")
        )
    _check_result(result)
    pending = selectors.en_bloc_pending(conference)
    if pending.still_open:
        raise ValidationError(
            _("Close the highlight window of every axis before the en-bloc vote: %(axes)s.")
            % {"axes": ", ".join(str(axis) for axis in pending.still_open)}
        )
    if not pending.axes:
        raise ValidationError(_("The en-bloc vote of every axis is already recorded."))
    count = 0
    for axis in pending.axes:
        count += _en_bloc_apply(conference, _axis_plenary_for_write(conference, axis), result)
    axes = ", ".join(str(a) for a in pending.axes)
    _audit_en_bloc(actor, conference, f"{axes}: {result} ({count})", vote)
    return count
