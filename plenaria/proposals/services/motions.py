"""Motions: the deadline, submitting, signing, closing and the plenary's vote."""

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
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.participants.models import Registration
from plenaria.participants.selectors import credentialed_delegates
from plenaria.proposals import rules, selectors
from plenaria.proposals.models import Motion, Plenary, Signature
from plenaria.proposals.selectors import motions_with_signatures
from plenaria.proposals.services._common import (
    Author,
    Result,
    _clean_text,
    _must_be_credentialed,
    _revise,
    _vote_note,
)

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    motion=gettext_lazy("motion"),
    motions_deadline=gettext_lazy("deadline for motions"),
)


def _plenary_for_write(conference: Conference) -> Plenary:
    """The final plenary's row, locked; made here, by the first write that needs it."""
    plenary, _created = Plenary.objects.select_for_update().get_or_create(conference=conference)
    return plenary


@transaction.atomic
def motions_deadline_set(*, actor, conference: Conference, deadline) -> Plenary:
    conference = conference_for_write(conference)
    plenary = _plenary_for_write(conference)
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
    plenary = _plenary_for_write(conference)
    if not rules.motions_open(plenary, timezone.now()):
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
    plenary = selectors.plenary_of(conference)
    if not rules.motions_open(plenary, timezone.now()):
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
    plenary = _plenary_for_write(conference)
    if plenary.motions_closed_at:
        raise ValidationError(_("Motions are already closed."))
    plenary.motions_closed_at = timezone.now()
    plenary.delegates_at_closing = credentialed_delegates(conference).count()
    plenary.share_at_closing = regimento_rules(conference).motion_signature_share.value
    plenary.save()
    audit.record(
        actor=actor, action="update", obj=plenary, before={}, context=audit_context(conference)
    )
    return plenary


@transaction.atomic
def motion_decide(*, actor, motion: Motion, result: str, vote: str = "") -> Motion:
    vote = _vote_note(vote)
    conference = conference_for_write(motion.conference_id)
    plenary = selectors.plenary_of(conference)
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
