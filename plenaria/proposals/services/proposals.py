"""Proposals: written in a group, collected at a preparatory event or submitted; edited,
adopted, dropped or merged by the groups; the plenary's priority over the cap."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.proposals import rules
from plenaria.proposals.models import Proposal, WorkingGroup
from plenaria.proposals.selectors import earlier_deliberations
from plenaria.proposals.services._common import (
    Author,
    StaleEdit,
    _clean_text,
    _groups_in_use,
    _new_proposal,
    _plenary_list_open,
    _revise,
)


def _check_sphere(conference: Conference, sphere: str) -> None:
    if sphere not in deliberation_rules_for(conference).spheres:
        raise ValidationError({"sphere": _("This edition does not use this sphere.")})


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


@transaction.atomic
def proposal_write(*, author: Author, group: WorkingGroup, data: dict[str, Any]) -> Proposal:
    """The rapporteur writes a proposal in the group's list."""
    conference = conference_for_write(group.conference_id)
    _groups_in_use(conference)
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
    waits in the group of its axis to be adopted, merged or dropped; with the plenary
    method it is in the final plenary's list as it is (``selectors.consolidation_q``)."""
    conference = conference_for_write(conference)
    event = data.get("event")
    if event is not None and event.conference_id != conference.pk:
        raise ValidationError({"event": _("This event belongs to another conference.")})
    if data["axis"].edition_id != conference.edition_id:
        raise ValidationError({"axis": _("This axis belongs to another edition.")})
    _plenary_list_open(conference, data["axis"])
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


def _check_in_groups_hands(group: WorkingGroup, proposal: Proposal) -> None:
    if not rules.in_groups_hands(group, proposal):
        raise ValidationError(_("This proposal belongs to another group."))


@transaction.atomic
def proposal_adopt(*, author: Author, proposal: Proposal, group: WorkingGroup) -> Proposal:
    _groups_in_use(conference_for_write(group.conference_id))
    if proposal.axis_id != group.axis_id or proposal.conference_id != group.conference_id:
        raise ValidationError(_("This proposal belongs to another axis."))
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("Only a proposal waiting for the groups can be adopted."))
    return _set_status(author, proposal, Proposal.Status.ADOPTED, group=group)


@transaction.atomic
def proposal_drop(*, author: Author, proposal: Proposal, group: WorkingGroup) -> Proposal:
    _groups_in_use(conference_for_write(group.conference_id))
    _check_in_groups_hands(group, proposal)
    return _set_status(author, proposal, Proposal.Status.DROPPED, group_result="")


@transaction.atomic
def proposal_merge(
    *, author: Author, proposal: Proposal, into: Proposal, group: WorkingGroup
) -> Proposal:
    """Merge ``proposal`` into ``into`` (the group rewrites ``into`` to cover both)."""
    _groups_in_use(conference_for_write(group.conference_id))
    _check_in_groups_hands(group, proposal)
    if into.pk == proposal.pk or into.axis_id != proposal.axis_id:
        raise ValidationError({"into": _("Choose another proposal of the same axis.")})
    # Only into the group's own text: it is the group that rewrites it to cover both.
    if into.group_id != group.pk or into.status != Proposal.Status.ADOPTED:
        raise ValidationError({"into": _("Choose a proposal in the group's list.")})
    return _set_status(author, proposal, Proposal.Status.MERGED, merged_into=into, group_result="")


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
