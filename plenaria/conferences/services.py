"""Every write on conferences. Keyword-only, atomic, validated, audited."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenaria.conferences import rules, selectors
from plenaria.conferences.models import (
    EDITABLE_FIELDS,
    EVENT_FIELDS,
    REGIMENTO_RULE_FIELDS,
    STATUS_ORDER,
    CommissionMember,
    Conference,
    ConferenceRules,
    ConvocationAct,
    PreparatoryEvent,
    ProgrammeItem,
    Shift,
    Status,
)
from plenaria.conferences.rules import audit_context, event_context
from plenaria.conferences.selectors import regimento_rules, regimento_rules_of
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.editions.models import Edition
from plenaria.territory.models import Association, Level, Municipality, State


def check_not_locked(conference: Conference) -> None:
    if rules.is_locked(conference):
        raise ValidationError(
            _("The conference is closed: reopen it to change its data."), code="locked"
        )


def conference_for_write(conference: Conference | int) -> Conference:
    """The one rule of a closed conference, called first by every service that changes
    anything a conference holds (its own data, registrations, check-ins, groups,
    proposals, motions, polls, delegates): returns the conference read under its row
    lock, or refuses while it is closed. Holding the lock to the end of the caller's
    transaction means a conference cannot close half-way through a change.

    Exempt, each for its reason: conference_advance and conference_reopen (the life of
    the conference itself: closed → report submitted, and the way back), the hand-over
    from a closed conference (the list is usually sent after closing; the receiving
    conference is checked here), certificates and exports (they read the record), the
    erasure of a person's data on request (LGPD art. 18), and ballots (they only go into
    an open poll, and a conference does not close while a poll is open)."""
    pk = conference.pk if isinstance(conference, Conference) else conference
    # savepoint=False: inside the caller's transaction the lock lasts until it commits;
    # outside one the check still holds at the moment of the write.
    with transaction.atomic(savepoint=False):
        current = Conference.objects.select_for_update().get(pk=pk)
    check_not_locked(current)
    return current


def event_for_write(event: PreparatoryEvent) -> PreparatoryEvent:
    """A preparatory event of a conference is part of its record: the same rule. An
    association's event belongs to no conference and is never locked."""
    if event.conference_id:
        conference_for_write(event.conference_id)
    return event


# What organisers edit; edition, level and territory are fixed at creation.
CONFERENCE_FIELDS = [*EDITABLE_FIELDS, "parent"]


@transaction.atomic
def conference_create(
    *,
    actor,
    edition: Edition,
    level: str,
    state: State | None = None,
    municipality: Municipality | None = None,
    association: Association | None = None,
    data: dict[str, Any],
) -> Conference:
    if municipality is not None:
        state = municipality.state
    if association is not None:
        state = association.state
    conference = Conference(
        edition=edition,
        level=level,
        state=state,
        municipality=municipality,
        association=association,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: v for k, v in data.items() if k in CONFERENCE_FIELDS},
    )
    if "parent" not in data:
        conference.parent = selectors.default_parent(
            edition=edition, level=level, state=state, municipality=municipality
        )
    conference.full_clean()
    try:
        with transaction.atomic():
            conference.save()
    except IntegrityError:
        # Another request created the same conference between full_clean and save.
        raise ValidationError(
            _("This territory already has a conference in this edition.")
        ) from None
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=conference,
        context=audit_context(conference),
    )
    _adopt_children(actor, conference)
    return conference


def _adopt_children(actor, conference: Conference) -> None:
    """A new state (national) conference becomes the parent of the conferences of the
    level below that were created before it and still have none."""
    if conference.level == Level.STATE:
        children = Conference.objects.filter(
            edition=conference.edition,
            state=conference.state,
            level__in=[Level.MUNICIPAL, Level.REGIONAL],
            parent__isnull=True,
        )
    elif conference.level == Level.NATIONAL:
        children = Conference.objects.filter(
            edition=conference.edition, level=Level.STATE, parent__isnull=True
        )
    else:
        return
    for child in children.select_for_update():
        child.parent = conference
        child.save(update_fields=["parent", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=child,
            before={"parent": None},
            after={"parent": conference.pk},
            context=audit_context(child),
        )


@transaction.atomic
def conference_update(
    *,
    actor,
    conference: Conference,
    data: dict[str, Any],
    expected_version: dt.datetime | None = None,
) -> Conference:
    """Change the conference's own fields. ``expected_version`` is the ``updated_at``
    the editor saw: when someone saved in between, the change is refused rather than
    silently overwriting theirs."""
    locked = conference_for_write(conference)
    if expected_version is not None and locked.updated_at != expected_version:
        raise ValidationError(
            _(
                "Someone else saved this conference while you were editing it. Reload the "
                "page to see their changes, then apply yours again."
            ),
            code="stale",
        )
    return audit.update_audited(
        locked,
        actor=actor,
        changes={name: value for name, value in data.items() if name in CONFERENCE_FIELDS},
        context=audit_context(locked),
    )


def _set_status(
    actor, conference: Conference, to_status: str, *, action: str, reason: str = ""
) -> Conference:
    return audit.update_audited(
        conference,
        actor=actor,
        action=action,
        changes={"status": to_status},
        reason=reason,
        context=audit_context(conference),
    )


@transaction.atomic
def conference_advance(*, actor, conference: Conference, to_status: str) -> Conference:
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    problems = selectors.transition_problems(locked, to_status)
    if problems:
        raise ValidationError(problems)
    return _set_status(actor, locked, to_status, action=AuditEntry.Action.TRANSITION)


@transaction.atomic
def conference_reopen(*, actor, conference: Conference, to_status: str, reason: str) -> Conference:
    """Move the status back: the only backward move, and always with a reason."""
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    if to_status not in STATUS_ORDER or STATUS_ORDER.index(to_status) >= STATUS_ORDER.index(
        locked.status
    ):
        raise ValidationError({"to_status": _("Choose an earlier status to reopen to.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the conference is being reopened.")})
    return _set_status(
        actor, locked, to_status, action=AuditEntry.Action.REOPEN, reason=reason.strip()
    )


@transaction.atomic
def conference_delete(*, actor, conference: Conference) -> None:
    """Delete a draft created by mistake (wrong edition or territory). Once convoked, a
    conference is public record and is never deleted."""
    locked = conference_for_write(conference)
    if locked.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be deleted."))
    audit.record_deletion(actor=actor, obj=locked, context=audit_context(locked))
    locked.delete()


@transaction.atomic
def convocation_act_save(*, actor, conference: Conference, data: dict[str, Any]) -> ConvocationAct:
    conference = conference_for_write(conference)
    act = ConvocationAct.objects.filter(conference=conference).first()
    before = audit.snapshot(act) if act else {}
    act = act or ConvocationAct(conference=conference)
    for name in ["kind", "number", "date", "signatories", "publication_url", "document"]:
        if name in data:
            setattr(act, name, data[name])
    act.full_clean()
    act.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=act,
        before=before,
        context=audit_context(conference),
    )
    return act


# Why a conference's methodology can no longer change, asked of the apps that hold what
# it decided (the proposals app: a final plenary that has begun). They register here from
# their AppConfig.ready: this app cannot import them (the layers, docs/architecture.md).
METHOD_LOCKS: list[Callable[[Conference], str | None]] = []


@transaction.atomic
def regimento_rules_save(*, actor, conference: Conference, data: dict[str, Any]) -> ConferenceRules:
    """The values the conference's regimento sets (blank: the state's or the edition's
    rule applies). The plenary share cannot exceed the direct approval share, whichever
    level each comes from."""
    conference = conference_for_write(conference)
    method = regimento_rules(conference).plenary_method
    own = regimento_rules_of(conference)
    before = audit.snapshot(own) if own else {}
    own = own or ConferenceRules(conference=conference)
    for name in ["source", *REGIMENTO_RULE_FIELDS]:
        if name in data:
            setattr(own, name, data[name])
    own.source = " ".join((own.source or "").split())
    own.full_clean()
    own.save()
    effective = regimento_rules(conference)
    if effective.plenary_method != method:
        for why_not in filter(None, (lock(conference) for lock in METHOD_LOCKS)):
            raise ValidationError({"method": why_not})
    direct, plenary = effective.direct_approval_share.value, effective.plenary_share.value
    if direct is not None and plenary is not None and plenary > direct:
        raise ValidationError(
            {
                "plenary_share": _(
                    "The share that sends a proposal to the plenary cannot exceed the share "
                    "that approves it directly (%(direct)s%%, %(source)s)."
                )
                % {"direct": int(direct * 100), "source": effective.direct_approval_share.source}
            }
        )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=own,
        before=before,
        context=audit_context(conference),
    )
    return own


def _within_dates(item: models.Model, conference: Conference) -> bool:
    """Shifts and programme items happen on the conference's days."""
    date = getattr(item, "date", None)
    return date is None or rules.within_days(date, conference)


@transaction.atomic
def conference_items_save(
    *,
    actor,
    conference: Conference,
    model: type[models.Model],
    changed: list[models.Model],
    deleted: list[models.Model],
) -> None:
    """Save the rows of one of the conference's lists (commission, shifts, programme)
    from a formset: all or nothing, each change audited."""
    if model not in (CommissionMember, Shift, ProgrammeItem):
        raise ValueError(f"not a conference list: {model}")
    current = conference_for_write(conference)
    outside = [item for item in changed if not _within_dates(item, current)]
    if outside:
        raise ValidationError(
            [
                _("“%(item)s”: %(date)s is outside the conference dates (%(start)s to %(end)s).")
                % {
                    "item": item,
                    "date": date_format(item.date, "SHORT_DATE_FORMAT"),
                    "start": date_format(current.start_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(current.end_date, "SHORT_DATE_FORMAT"),
                }
                for item in outside
            ]
        )
    for item in deleted:
        if item.pk is None or item.conference_id != conference.pk:
            continue
        if isinstance(item, Shift) and item.checkins.exists():
            # check-ins protect their shift (certificate hours, quorum): a message, not a 500
            raise ValidationError(
                _("“%(shift)s” cannot be deleted: check-ins were recorded in it.") % {"shift": item}
            )
        if isinstance(item, Shift) and item.polls.exists():
            # a poll keeps the shift it ran in: its entitled voters were counted from it
            raise ValidationError(
                _("“%(shift)s” cannot be deleted: polls were held in it.") % {"shift": item}
            )
        before = audit.snapshot(item)
        audit.record_deletion(actor=actor, obj=item, context=audit_context(conference))
        item.delete()
    for item in changed:
        if item.pk is not None and item.conference_id not in (None, conference.pk):
            raise ValidationError(_("This row belongs to another conference."))
        item.conference = conference
        before = {}
        if item.pk is not None:
            before = audit.snapshot(model.objects.get(pk=item.pk, conference=conference))
        item.full_clean()
        item.save()
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            obj=item,
            before=before,
            context=audit_context(conference),
        )


@transaction.atomic
def preparatory_event_save(
    *,
    actor,
    data: dict[str, Any],
    event: PreparatoryEvent | None = None,
    conference: Conference | None = None,
    association: Association | None = None,
) -> PreparatoryEvent:
    """Create (for a conference or an association) or edit a preparatory event. A
    conference's pre-conferences happen before it."""
    if event is None:
        event = PreparatoryEvent(conference=conference, association=association)
        before = {}
    else:
        before = audit.snapshot(event, EVENT_FIELDS)
    event_for_write(event)
    for field in EVENT_FIELDS:
        setattr(event, field, data.get(field))
    event.full_clean()
    if event.conference_id and event.date and event.date > event.conference.end_date:
        raise ValidationError(
            {"date": _("A preparatory event happens before the conference ends.")}
        )
    event.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=event,
        before=before,
        after=audit.snapshot(event, EVENT_FIELDS),
        context=event_context(event),
    )
    return event
