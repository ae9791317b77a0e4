"""The groups' votes on a proposal and the aggregation across the groups of its axis."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plenaria.conferences.rules import audit_context
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.proposals import rules, selectors
from plenaria.proposals.models import GroupVote, Proposal, WorkingGroup
from plenaria.proposals.services._common import Author, _groups_in_use


@transaction.atomic
def group_vote_record(
    *, author: Author, group: WorkingGroup, proposal: Proposal, yes: int, no: int, abstention: int
) -> Proposal:
    """Record (or correct) the group's counts and apply the aggregation rule across
    the groups of the axis."""
    _groups_in_use(conference_for_write(group.conference_id))
    if proposal.conference_id != group.conference_id or proposal.axis_id != group.axis_id:
        raise ValidationError(_("This proposal belongs to another axis."))
    if proposal.status != Proposal.Status.ADOPTED:
        raise ValidationError(_("Only proposals in the group's list are voted."))
    if proposal.final_status:
        raise ValidationError(_("The plenary has decided this proposal: its text is final."))
    if min(yes, no, abstention) < 0 or yes + no + abstention == 0:
        raise ValidationError(_("Enter the counts: at least one vote."))
    selectors.aggregation_rule(proposal.conference)  # refused before anything is written
    GroupVote.objects.update_or_create(
        proposal=proposal, group=group, defaults={"yes": yes, "no": no, "abstention": abstention}
    )
    return _aggregate(author, proposal)


def _aggregate(author: Author, proposal: Proposal) -> Proposal:
    conference = proposal.conference
    rule = selectors.aggregation_rule(conference)
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
