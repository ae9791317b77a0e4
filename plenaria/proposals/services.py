"""Every write of working groups, proposals, highlights and motions.

Who writes is an ``Author``: a staff account (organiser, table, rapporteur role) or a
participant who opened their page with code + PIN (the group's rapporteur, a delegate
raising a highlight or signing a motion). Texts keep their history in ``Revision``.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.selectors import regimento_rules
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.editions.models import Axis
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.participants.models import Registration
from plenaria.participants.selectors import credentialed_delegates
from plenaria.proposals import rules
from plenaria.proposals.models import (
    TEXT_LIMIT,
    AxisPlenary,
    GroupVote,
    Highlight,
    Membership,
    Motion,
    Plenary,
    Proposal,
    Revision,
    Signature,
    WorkingGroup,
)
from plenaria.proposals.selectors import (
    earlier_deliberations,
    in_consolidation,
    is_credentialed_delegate,
    motions_with_signatures,
)

Result = Proposal.Result


@dataclass(frozen=True)
class Author:
    user: Any = None  # a staff account, or None
    registration: Registration | None = None  # a participant on their phone

    @property
    def name(self) -> str:
        if self.registration is not None:
            return self.registration.display_name
        if self.user is None:
            return _("Plenária (automatic)")
        return self.user.get_full_name() or self.user.get_username()


class StaleEdit(Exception):
    """The text changed since the editor opened it: nothing was saved."""

    def __init__(self, current: Proposal | Motion):
        super().__init__("stale")
        self.current = current


def _clean_text(value: str, field: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("Write the text: it cannot be empty.")})
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            {field: _("At most %(n)s characters: split it in two.") % {"n": TEXT_LIMIT}}
        )
    return text


def _revise(obj: Proposal | Motion, *, author: Author, reason: str, highlight=None) -> None:
    field = "proposal" if isinstance(obj, Proposal) else "motion"
    Revision.objects.create(
        **{field: obj},
        version=obj.version,
        text=obj.text,
        # A participant is named through their registration, so erasing their data
        # leaves no name in the history; a staff account's name is kept as text.
        by="" if author.registration is not None else author.name,
        author=author.registration,
        reason=reason,
        highlight=highlight,
    )


# Working groups ----------------------------------------------------------------------


def _participant_of(conference: Conference, registration: Registration | None, field: str):
    if registration is not None and registration.conference_id != conference.pk:
        raise ValidationError({field: _("This person is not registered in this conference.")})


@transaction.atomic
def group_save(
    *, actor, conference: Conference, data: dict[str, Any], group: WorkingGroup | None = None
) -> WorkingGroup:
    conference_for_write(conference)
    if group is not None and group.conference_id != conference.pk:
        raise ValidationError(_("This group belongs to another conference."))
    if data["axis"].edition_id != conference.edition_id:
        raise ValidationError({"axis": _("This axis belongs to another edition.")})
    _participant_of(conference, data.get("coordinator"), "coordinator")
    _participant_of(conference, data.get("rapporteur"), "rapporteur")
    before = audit.snapshot(group) if group else None
    group = group or WorkingGroup(conference=conference)
    for field in ("axis", "name", "room", "coordinator", "rapporteur"):
        setattr(group, field, data.get(field) or ("" if field in {"name", "room"} else None))
    group.name = group.name.strip()
    group.full_clean()
    group.save()
    audit.record(
        actor=actor,
        action="update" if before else "create",
        obj=group,
        before=before,
        context=audit_context(conference),
    )
    for person in (group.coordinator, group.rapporteur):
        if person is not None:
            Membership.objects.update_or_create(registration=person, defaults={"group": group})
    return group


@transaction.atomic
def member_join(
    *, registration: Registration, group: WorkingGroup, chosen: bool, actor=None
) -> Membership:
    """A participant joins a group on their phone (``chosen``), or staff place them."""
    conference_for_write(group.conference_id)
    if registration.conference_id != group.conference_id:
        raise ValidationError(_("This person is not registered in this conference."))
    before = Membership.objects.filter(registration=registration).values_list("group_id", flat=True)
    before = {"group": before[0]} if before else {}
    membership, _created = Membership.objects.update_or_create(
        registration=registration, defaults={"group": group, "chosen": chosen}
    )
    audit.record(
        actor=actor,
        action="update" if before else "create",
        obj=membership,
        before=before,
        after={"group": group.pk, "registration": registration.code, "chosen": chosen},
        context=audit_context(group.conference),
    )
    return membership


@transaction.atomic
def members_balance(*, actor, conference: Conference) -> int:
    """Place every confirmed participant without a group so that each group gets an
    even share of each segment; those already placed stay. Returns how many moved in."""
    conference_for_write(conference)
    groups = list(WorkingGroup.objects.filter(conference=conference).order_by("pk"))
    if not groups:
        raise ValidationError(_("Create the working groups first."))
    load = {g.pk: Counter() for g in groups}
    for group_id, segment in Membership.objects.filter(group__conference=conference).values_list(
        "group_id", "registration__segment"
    ):
        load[group_id][segment] += 1
    waiting = Registration.objects.filter(
        conference=conference,
        status=Registration.Status.CONFIRMED,
        membership__isnull=True,
    ).order_by("segment", "name")
    placed = rules.balance(load, waiting.values_list("pk", "segment"))
    Membership.objects.bulk_create(
        Membership(registration_id=person, group_id=group) for person, group in placed.items()
    )
    audit.record(
        actor=actor,
        action="update",
        obj=conference,
        before={},
        after={"working_groups_balanced": len(placed)},
        context=audit_context(conference),
    )
    return len(placed)


# Proposals -----------------------------------------------------------------------------


def _check_sphere(conference: Conference, sphere: str) -> None:
    if sphere not in deliberation_rules_for(conference).spheres:
        raise ValidationError({"sphere": _("This edition does not use this sphere.")})


def _check_axis(conference: Conference, axis: Axis) -> None:
    if axis.edition_id != conference.edition_id:
        raise ValidationError({"axis": _("This axis belongs to another edition.")})


def _check_refers_to(conference: Conference, kind: str, refers_to: Proposal | None) -> None:
    if kind != Proposal.Kind.RECOMMENDATION:
        if refers_to is not None:
            raise ValidationError({"refers_to": _("Only a recommendation refers to one.")})
        return
    if refers_to is None:
        raise ValidationError(
            {"refers_to": _("Choose the earlier deliberation this recommendation refers to.")}
        )
    if not earlier_deliberations(conference).filter(pk=refers_to.pk).exists():
        raise ValidationError(
            {"refers_to": _("Choose an approved deliberation of an earlier conference here.")}
        )


def _proposal_fields(conference: Conference, data: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "sphere": data["sphere"],
        "kind": data.get("kind") or Proposal.Kind.NEW,
        "text": _clean_text(data.get("text", ""), "text"),
        "justification": _clean_text(
            data.get("justification", ""), "justification", required=False
        ),
        "refers_to": data.get("refers_to"),
    }
    _check_sphere(conference, fields["sphere"])
    _check_refers_to(conference, fields["kind"], fields["refers_to"])
    return fields


def _new_proposal(conference: Conference, axis: Axis, **fields) -> Proposal:
    # Numbers follow the order of writing within the axis; the lock keeps two
    # rapporteurs writing at once from taking the same number.
    Conference.objects.select_for_update().filter(pk=conference.pk).first()
    number = rules.next_number(
        Proposal.objects.filter(conference=conference, axis=axis).values_list("number", flat=True)
    )
    proposal = Proposal(conference=conference, axis=axis, number=number, **fields)
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_write(*, author: Author, group: WorkingGroup, data: dict[str, Any]) -> Proposal:
    """The rapporteur writes a proposal in the group's list."""
    conference = conference_for_write(group.conference_id)
    proposal = _new_proposal(
        conference,
        group.axis,
        origin=Proposal.Origin.GROUP,
        group=group,
        status=Proposal.Status.ADOPTED,
        **_proposal_fields(conference, data),
    )
    _revise(proposal, author=author, reason=_("Written in %(group)s") % {"group": group})
    audit.record(
        actor=author.user, action="create", obj=proposal, context=audit_context(conference)
    )
    return proposal


@transaction.atomic
def proposal_submit(*, actor, conference: Conference, data: dict[str, Any]) -> Proposal:
    """A proposal collected at a preparatory event or sent before the conference: it
    waits in the group of its axis to be adopted, merged or dropped."""
    conference = conference_for_write(conference)
    event = data.get("event")
    if event is not None and event.conference_id != conference.pk:
        raise ValidationError({"event": _("This event belongs to another conference.")})
    if data["axis"].edition_id != conference.edition_id:
        raise ValidationError({"axis": _("This axis belongs to another edition.")})
    proposal = _new_proposal(
        conference,
        data["axis"],
        origin=Proposal.Origin.PREPARATORY if event else Proposal.Origin.SUBMITTED,
        event=event,
        status=Proposal.Status.PROPOSED,
        **_proposal_fields(conference, data),
    )
    reason = _("Collected at %(event)s") % {"event": event.title} if event else _("Submitted")
    _revise(proposal, author=Author(user=actor), reason=reason)
    audit.record(actor=actor, action="create", obj=proposal, context=audit_context(conference))
    return proposal


@transaction.atomic
def proposal_edit(
    *, author: Author, proposal: Proposal, data: dict[str, Any], version: int
) -> Proposal:
    """Change a proposal's text; ``version`` is the one the editor opened. When someone
    saved in between, raise ``StaleEdit`` with the current text: nothing is overwritten."""
    conference = conference_for_write(proposal.conference_id)
    if proposal.final_status:
        raise ValidationError(_("The plenary has decided this proposal: its text is final."))
    fields = _proposal_fields(conference, data)
    before = audit.snapshot(proposal)
    updated = Proposal.objects.filter(pk=proposal.pk, version=version).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleEdit(Proposal.objects.select_related("axis").get(pk=proposal.pk))
    proposal.refresh_from_db()
    if proposal.text != before["text"]:
        _revise(proposal, author=author, reason=_("Edited"))
    audit.record(
        actor=author.user,
        action="update",
        obj=proposal,
        before=before,
        context=audit_context(conference),
    )
    return proposal


def _set_status(author: Author, proposal: Proposal, status: str, **extra) -> Proposal:
    if proposal.final_status:
        raise ValidationError(_("The plenary has decided this proposal: its text is final."))
    return audit.update_audited(
        proposal,
        actor=author.user,
        changes={"status": status, **extra},
        context=audit_context(proposal.conference),
    )


def in_groups_hands(group: WorkingGroup, proposal: Proposal) -> bool:
    """What a group may drop or merge: a proposal of its axis still waiting for the
    groups, or one of its own list. Another group's proposal is not its to change,
    whatever id is posted."""
    if proposal.conference_id != group.conference_id or proposal.axis_id != group.axis_id:
        return False
    return proposal.status == Proposal.Status.PROPOSED or proposal.group_id == group.pk


def _check_in_groups_hands(group: WorkingGroup, proposal: Proposal) -> None:
    if not in_groups_hands(group, proposal):
        raise ValidationError(_("This proposal belongs to another group."))


@transaction.atomic
def proposal_adopt(*, author: Author, proposal: Proposal, group: WorkingGroup) -> Proposal:
    conference_for_write(group.conference_id)
    if proposal.axis_id != group.axis_id or proposal.conference_id != group.conference_id:
        raise ValidationError(_("This proposal belongs to another axis."))
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("Only a proposal waiting for the groups can be adopted."))
    return _set_status(author, proposal, Proposal.Status.ADOPTED, group=group)


@transaction.atomic
def proposal_drop(*, author: Author, proposal: Proposal, group: WorkingGroup) -> Proposal:
    conference_for_write(group.conference_id)
    _check_in_groups_hands(group, proposal)
    return _set_status(author, proposal, Proposal.Status.DROPPED, group_result="")


@transaction.atomic
def proposal_merge(
    *, author: Author, proposal: Proposal, into: Proposal, group: WorkingGroup
) -> Proposal:
    """Merge ``proposal`` into ``into`` (the group rewrites ``into`` to cover both)."""
    conference_for_write(group.conference_id)
    _check_in_groups_hands(group, proposal)
    if into.pk == proposal.pk or into.axis_id != proposal.axis_id:
        raise ValidationError({"into": _("Choose another proposal of the same axis.")})
    # Only into the group's own text: it is the group that rewrites it to cover both.
    if into.group_id != group.pk or into.status != Proposal.Status.ADOPTED:
        raise ValidationError({"into": _("Choose a proposal in the group's list.")})
    return _set_status(author, proposal, Proposal.Status.MERGED, merged_into=into, group_result="")


@transaction.atomic
def group_vote_record(
    *, author: Author, group: WorkingGroup, proposal: Proposal, yes: int, no: int, abstention: int
) -> Proposal:
    """Record (or correct) the group's counts and apply the aggregation rule across
    the groups of the axis."""
    conference_for_write(group.conference_id)
    if proposal.conference_id != group.conference_id or proposal.axis_id != group.axis_id:
        raise ValidationError(_("This proposal belongs to another axis."))
    if proposal.status != Proposal.Status.ADOPTED:
        raise ValidationError(_("Only proposals in the group's list are voted."))
    if proposal.final_status:
        raise ValidationError(_("The plenary has decided this proposal: its text is final."))
    if min(yes, no, abstention) < 0 or yes + no + abstention == 0:
        raise ValidationError(_("Enter the counts: at least one vote."))
    aggregation_rule(proposal.conference)  # refused before anything is written
    GroupVote.objects.update_or_create(
        proposal=proposal, group=group, defaults={"yes": yes, "no": no, "abstention": abstention}
    )
    return _aggregate(author, proposal)


def aggregation_rule(conference: Conference) -> rules.Aggregation:
    """The regimento's aggregation rule; refused while any of its numbers is unset
    (nothing is assumed in its place)."""
    config = regimento_rules(conference)
    if not config.aggregation_set:
        raise ValidationError(
            _(
                "The regimento's rule for counting the groups' votes is not set yet (the share "
                "that approves directly, the share that goes to the plenary, and whether "
                "abstentions count). The conference's staff set it under Rules of the regimento."
            )
        )
    return rules.Aggregation(
        config.direct_approval_share.value,
        config.plenary_share.value,
        config.abstentions_count.value,
    )


def _aggregate(author: Author, proposal: Proposal) -> Proposal:
    conference = proposal.conference
    rule = aggregation_rule(conference)
    groups = WorkingGroup.objects.filter(conference=conference, axis=proposal.axis_id).count()
    votes = [
        rules.GroupVote(v.yes, v.no, v.abstention)
        for v in GroupVote.objects.filter(proposal=proposal)
    ]
    result = rules.aggregate(votes, groups, rule)
    before = audit.snapshot(proposal, ["group_result"])
    Proposal.objects.filter(pk=proposal.pk).update(group_result=result.value)
    proposal.group_result = result.value
    audit.record(
        actor=author.user,
        action="update",
        obj=proposal,
        before=before,
        context=audit_context(conference),
    )
    return proposal


@transaction.atomic
def priority_set(*, actor, proposal: Proposal, priority: int | None) -> Proposal:
    """The plenary's order for an axis over the cap: the first ``cap`` are forwarded."""
    conference_for_write(proposal.conference_id)
    if priority is not None and priority < 1:
        raise ValidationError({"priority": _("Use 1 for the first.")})
    return audit.update_audited(
        proposal,
        actor=actor,
        changes={"priority": priority},
        context=audit_context(proposal.conference),
    )


# Highlights ----------------------------------------------------------------------------


def axis_plenary(conference: Conference, axis: Axis, *, lock: bool = False) -> AxisPlenary:
    qs = AxisPlenary.objects.select_for_update() if lock else AxisPlenary.objects
    plenary, _created = qs.get_or_create(conference=conference, axis=axis)
    return plenary


@transaction.atomic
def highlights_open(*, actor, conference: Conference, axis: Axis) -> AxisPlenary:
    conference = conference_for_write(conference)
    _check_axis(conference, axis)
    plenary = axis_plenary(conference, axis, lock=True)
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
    plenary = axis_plenary(conference, axis, lock=True)
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


def _must_be_credentialed(conference: Conference, registration: Registration, field: str):
    if not is_credentialed_delegate(conference, registration):
        raise ValidationError(
            {field: _("Only credentialed delegates with vote right may do this.")}
        )


@transaction.atomic
def highlight_register(
    *, author: Author, proposal: Proposal, proposer: Registration, data: dict[str, Any]
) -> Highlight:
    """A delegate (or the table on their behalf) raises a highlight while the axis'
    window is open, on a proposal of the consolidated list."""
    conference = conference_for_write(proposal.conference_id)
    plenary = axis_plenary(conference, proposal.axis, lock=True)
    if not plenary.window_open:
        raise ValidationError(_("The highlight window of this axis is closed."))
    if not in_consolidation(Proposal.objects.filter(pk=proposal.pk)).exists():
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
    conference_for_write(highlight.proposal.conference_id)
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("conference", "axis")
        .get(pk=highlight.proposal_id)
    )
    conference = proposal.conference
    plenary = axis_plenary(conference, proposal.axis)
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


@transaction.atomic
def en_bloc_record(*, actor, conference: Conference, axis: Axis, result: str, vote: str = ""):
    """The one vote on every proposal of the axis nobody highlighted."""
    conference = conference_for_write(conference)
    _check_axis(conference, axis)
    plenary = axis_plenary(conference, axis, lock=True)
    if not plenary.highlights_closed_at:
        raise ValidationError(_("Close the highlight window before the en-bloc vote."))
    if plenary.en_bloc_result:
        raise ValidationError(_("The en-bloc vote of this axis is already recorded."))
    if result not in {Result.APPROVED, Result.REJECTED}:
        raise ValidationError(_("Choose the result of the vote."))
    untouched = in_consolidation(
        Proposal.objects.filter(conference=conference, axis=axis, highlights__isnull=True)
    )
    count = untouched.update(final_status=result, updated_at=timezone.now())
    plenary.en_bloc_result = result
    plenary.save()
    audit.record(
        actor=actor,
        action="update",
        obj=conference,
        before={},
        after={"en_bloc": f"{axis}: {result} ({count})"},
        reason=vote,
        context=audit_context(conference),
    )
    return count


# Motions -------------------------------------------------------------------------------


def plenary_of(conference: Conference, *, lock: bool = False) -> Plenary:
    qs = Plenary.objects.select_for_update() if lock else Plenary.objects
    plenary, _created = qs.get_or_create(conference=conference)
    return plenary


def motions_open(plenary: Plenary) -> bool:
    if plenary.motions_closed_at:
        return False
    return plenary.motions_deadline is None or timezone.now() <= plenary.motions_deadline


@transaction.atomic
def motions_deadline_set(*, actor, conference: Conference, deadline) -> Plenary:
    conference = conference_for_write(conference)
    plenary = plenary_of(conference, lock=True)
    if plenary.motions_closed_at:
        raise ValidationError({"deadline": _("Motions are already closed.")})
    return audit.update_audited(
        plenary,
        actor=actor,
        changes={"motions_deadline": deadline},
        context=audit_context(conference),
    )


@transaction.atomic
def motion_submit(
    *, author: Author, conference: Conference, proposer: Registration, data: dict[str, Any]
) -> Motion:
    """A delegate submits a motion; it carries the proposer's own signature."""
    conference = conference_for_write(conference)
    plenary = plenary_of(conference, lock=True)
    if not motions_open(plenary):
        raise ValidationError(_("The deadline for motions has passed."))
    if proposer.conference_id != conference.pk:
        raise ValidationError({"proposer": _("This person is not registered in this conference.")})
    _must_be_credentialed(conference, proposer, "proposer")
    if data["kind"] not in deliberation_rules_for(conference).motion_types:
        raise ValidationError({"kind": _("This edition does not use this type of motion.")})
    motion = Motion(
        conference=conference,
        number=rules.next_number(
            Motion.objects.filter(conference=conference).values_list("number", flat=True)
        ),
        kind=data["kind"],
        addressee=(data.get("addressee") or "").strip(),
        text=_clean_text(data.get("text", ""), "text"),
        justification=_clean_text(data.get("justification", ""), "justification", required=False),
        proposer=proposer,
        entered_by=author.user,
    )
    motion.full_clean()
    motion.save()
    Signature.objects.create(motion=motion, registration=proposer, entered_by=author.user)
    _revise(motion, author=author, reason=_("Submitted"))
    audit.record(actor=author.user, action="create", obj=motion, context=audit_context(conference))
    return motion


@transaction.atomic
def motion_sign(*, author: Author, motion: Motion, registration: Registration) -> Signature:
    """A credentialed delegate signs (on the phone, or staff enters the paper)."""
    conference = conference_for_write(motion.conference_id)
    plenary = plenary_of(conference)
    if not motions_open(plenary):
        raise ValidationError(_("Motions are closed: signatures are no longer collected."))
    if registration.conference_id != conference.pk:
        raise ValidationError({"registration": _("This person is not registered here.")})
    _must_be_credentialed(conference, registration, "registration")
    if Signature.objects.filter(motion=motion, registration=registration).exists():
        raise ValidationError({"registration": _("This delegate has already signed this motion.")})
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                motion=motion, registration=registration, entered_by=author.user
            )
    except IntegrityError:  # the same signature sent twice at once
        raise ValidationError(
            {"registration": _("This delegate has already signed this motion.")}
        ) from None
    # Signatures decide whether a motion reaches the plenary: who entered each, and when.
    audit.record(
        actor=author.user,
        action="create",
        obj=signature,
        after={"motion": motion.number, "registration": registration.code},
        context=audit_context(conference),
    )
    return signature


@transaction.atomic
def motions_close(*, actor, conference: Conference) -> Plenary:
    """Close motions: the credentialed delegates counted now fix the threshold."""
    conference = conference_for_write(conference)
    plenary = plenary_of(conference, lock=True)
    if plenary.motions_closed_at:
        raise ValidationError(_("Motions are already closed."))
    plenary.motions_closed_at = timezone.now()
    plenary.delegates_at_closing = credentialed_delegates(conference).count()
    plenary.save()
    audit.record(
        actor=actor, action="update", obj=plenary, before={}, context=audit_context(conference)
    )
    return plenary


@transaction.atomic
def motion_decide(*, actor, motion: Motion, result: str, vote: str = "") -> Motion:
    conference = conference_for_write(motion.conference_id)
    plenary = plenary_of(conference)
    if not plenary.motions_closed_at:
        raise ValidationError(_("Close the motions before voting them."))
    qualified = {m.pk for m in motions_with_signatures(conference) if m.qualifies}
    if motion.pk not in qualified:
        raise ValidationError(_("This motion did not reach the signatures it needs."))
    if result not in {Result.APPROVED, Result.REJECTED}:
        raise ValidationError(_("Choose the result of the vote."))
    return audit.update_audited(
        motion,
        actor=actor,
        changes={"final_status": result},
        reason=vote,
        context=audit_context(conference),
    )
