"""The hand-over of a confirmed delegate list to the parent conference (municipal →
state → national), and the replacement of a titular by a suplente before it.

Each delegate sent becomes a pre-registered delegate of the parent conference: the same
Person (the CPF link), a registration with origin "hand-over" holding the parent's own
copy of the delegate's data, ready for its credentialing.
Sending again makes a new version (the old one kept) and brings the parent's
registrations in step: new delegates registered, those who left cancelled."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.delegates import rules
from plenaria.delegates.elections import _lock, _refuse_stray
from plenaria.delegates.models import Candidacy, Delegation, HandOver
from plenaria.participants import services as participants
from plenaria.participants.models import Category, CheckIn, Registration

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    delegates=gettext_lazy("delegates sent"),
    left=gettext_lazy("registrations cancelled at the parent conference"),
    replaced=gettext_lazy("titular replaced"),
    by=gettext_lazy("replaced by"),
    on=gettext_lazy("on"),
)


def _origin_text(registration: Registration) -> str:
    """How a person is already registered at the parent conference, for the message."""
    if registration.origin == Registration.Origin.HANDOVER:
        sent = registration.delegations.select_related("handover__conference").first()
        if sent is not None:
            return _("sent by %(place)s") % {"place": sent.handover.conference.territory_name}
    return str(registration.get_origin_display()).lower()


def _clashes(receiver: Conference, elected: list[Candidacy], ours: set[int]) -> list[str]:
    """Delegates already registered at the parent conference other than by this
    conference's previous hand-over: elected in two places, or registered there
    otherwise. Each is one message."""
    persons = {c.registration.person_id: c for c in elected}
    found = (
        Registration.objects.filter(conference=receiver, person_id__in=persons)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(pk__in=ours)
    )
    return [
        _(
            "%(name)s is already registered at “%(receiver)s” (%(how)s): a delegate "
            "cannot be sent by two conferences."
        )
        # the name as this conference holds it, not the parent's copy
        % {
            "name": persons[r.person_id].registration.display_name,
            "receiver": receiver.title,
            "how": _origin_text(r),
        }
        for r in found
    ]


def _register(actor, receiver: Conference, candidacy: Candidacy, current) -> Registration:
    """The delegate's registration at the parent conference: the one this conference
    sent before, a cancelled one brought back, or a new one."""
    source = candidacy.registration
    registration = current or (
        Registration.objects.filter(conference=receiver, person_id=source.person_id).first()
    )
    # What the list decides: the seat. Set again at every sending.
    seat = {
        "segment": source.segment,
        "category": Category.DELEGATE,
        "status": Registration.Status.CONFIRMED,
        "is_substitute": candidacy.role == rules.SUPLENTE,
        "origin": Registration.Origin.HANDOVER,
    }
    if candidacy.role == rules.TITULAR:
        seat["replaces"] = None  # only a substitute replaces (a check constraint)
    if registration is None:
        return participants.registration_from_handover(
            actor=actor, conference=receiver, source=source, seat=seat
        )
    participants.registration_seat_set(actor=actor, registration=registration, seat=seat)
    return registration


def _erased(elected: list[Candidacy]) -> list[str]:
    """Delegates whose data this conference erased on their request cannot be sent: the
    parent conference could not reach them. The table replaces them first."""
    return [
        _(
            "The data of the delegate of registration %(code)s were erased on request: "
            "replace this delegate on the list before sending it."
        )
        % {"code": c.registration.code}
        for c in elected
        if c.registration.erased_at
    ]


def _check_may_leave(registration: Registration) -> None:
    if CheckIn.objects.filter(registration=registration).exists():
        raise ValidationError(
            _(
                "%(name)s has already been credentialed at the parent conference and "
                "cannot leave the list."
            )
            % {"name": registration.display_name}
        )


@transaction.atomic
def send(*, actor, conference: Conference) -> HandOver:
    """Send the confirmed list to the parent conference, as a new version."""
    listed = _lock(conference)
    if listed.confirmed_at is None:
        raise ValidationError(_("Confirm the delegate list before sending it."))
    _refuse_stray(conference)
    receiver = conference.parent
    if receiver is None:
        raise ValidationError(
            _("The next-level conference has not been created yet: there is nowhere to send.")
        )
    # Serialise the senders of one receiver: two municipalities sending the same person
    # at the same moment must not both succeed. The sender may be closed already (the
    # list is sent after closing); the receiver, whose registrations change, may not.
    conference_for_write(receiver)
    elected = list(
        Candidacy.objects.filter(conference=conference)
        .exclude(role="")
        .select_related("registration")
        .order_by("national_kind", "segment", "role", "rank", "pk")
    )
    if not elected:
        raise ValidationError(_("The list has no delegates to send."))
    previous = (
        HandOver.objects.select_for_update().filter(conference=conference, current=True).first()
    )
    ours = (
        {pk for pk in previous.delegates.values_list("registration_id", flat=True) if pk}
        if previous
        else set()
    )
    problems = _erased(elected) or _clashes(receiver, elected, ours)
    if problems:
        raise ValidationError(problems)
    # The parent's registrations this conference sent before, by the person as this
    # conference knows them (the parent may have erased its copy, and its link with it).
    current = (
        {
            d.person_id: d.registration
            for d in previous.delegates.select_related("registration")
            if d.registration_id
        }
        if previous
        else {}
    )
    version = (
        HandOver.objects.filter(conference=conference).aggregate(n=Max("version"))["n"] or 0
    ) + 1
    if previous:
        previous.current = False
        previous.save(update_fields=["current", "updated_at"])
    handover = HandOver.objects.create(
        conference=conference,
        receiver=receiver,
        version=version,
        sent_by=actor,
        problems=listed.problems,
        justification=listed.justification,
        titulares=sum(1 for c in elected if c.role == rules.TITULAR),
        suplentes=sum(1 for c in elected if c.role == rules.SUPLENTE),
    )
    delegations = []
    for candidacy in elected:
        registration = _register(
            actor, receiver, candidacy, current.pop(candidacy.registration.person_id, None)
        )
        delegations.append(
            Delegation(
                handover=handover,
                person_id=candidacy.registration.person_id,
                segment=candidacy.segment,
                national_kind=candidacy.national_kind,
                role=candidacy.role,
                votes=candidacy.votes,
                in_quota=bool(candidacy.registration.self_declarations),
                registration=registration,
            )
        )
    delegations = Delegation.objects.bulk_create(delegations)
    _carry_replacements(actor, previous, delegations)
    for registration in current.values():  # on the previous version, not on this one
        _check_may_leave(registration)
        participants.registration_seat_set(
            actor=actor, registration=registration, seat={"status": Registration.Status.CANCELLED}
        )
    audit.record(
        actor=actor,
        action="create",
        obj=handover,
        after={
            "version": version,
            "receiver": receiver.pk,
            "delegates": [f"{d.person_id}:{d.role}" for d in delegations],
            "left": [r.pk for r in current.values()],
        },
        context=audit_context(conference),
    )
    return handover


def _carry_replacements(actor, previous: HandOver | None, delegations: list[Delegation]) -> None:
    """A replacement recorded on the previous version stays when the same titular and
    suplente are sent again in those seats: sending a corrected list must not put back
    a titular who resigned."""
    if previous is None:
        return
    by_person = {d.person_id: d for d in delegations}
    for old in previous.delegates.filter(replaced_by__isnull=False).select_related("replaced_by"):
        titular = by_person.get(old.person_id)
        suplente = by_person.get(old.replaced_by.person_id)
        if not (titular and suplente):
            continue
        if (titular.role, suplente.role) != (rules.TITULAR, rules.SUPLENTE):
            continue
        _hand_seat(actor, titular, suplente, old.replaced_on, old.replacement_reason)


def _hand_seat(actor, titular: Delegation, suplente: Delegation, on: dt.date, reason: str) -> None:
    """The suplente takes the titular's seat: recorded on the titular's row; at the parent
    the titular's registration is cancelled and the suplente's becomes a titular's."""
    titular.replaced_on, titular.replacement_reason, titular.replaced_by = on, reason, suplente
    titular.save(update_fields=["replaced_on", "replacement_reason", "replaced_by"])
    for registration_id, seat in (
        (titular.registration_id, {"status": Registration.Status.CANCELLED}),
        (suplente.registration_id, {"is_substitute": False, "replaces": None}),
    ):
        if registration_id:  # the parent may have erased its copy, and its link with it
            participants.registration_seat_set(
                actor=actor,
                registration=Registration.objects.select_for_update().get(pk=registration_id),
                seat=seat,
            )


@transaction.atomic
def replace(
    *, actor, titular: Delegation, suplente: Delegation, on: dt.date | None, reason: str
) -> Delegation:
    """A suplente takes the seat of a titular before the parent conference, with the
    date and the reason."""
    # The parent's registrations change: its rule, and its lock before the hand-over's.
    conference_for_write(HandOver.objects.get(pk=titular.handover_id).receiver_id)
    handover = HandOver.objects.select_for_update().get(pk=titular.handover_id)
    titular = Delegation.objects.select_related("registration").get(pk=titular.pk)
    suplente = Delegation.objects.select_related("registration").get(pk=suplente.pk)
    errors = {}
    reason = " ".join((reason or "").split())
    if not reason:
        errors["reason"] = _("Say why the titular is replaced.")
    if on is None:
        errors["on"] = _("Give the date of the replacement.")
    elif on > timezone.localdate():
        errors["on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    if not handover.current:
        raise ValidationError(_("This version of the list was replaced by a newer one."))
    if titular.role != rules.TITULAR or titular.replaced_by_id:
        raise ValidationError(_("Choose a titular still holding the seat."))
    if (
        suplente.handover_id != handover.pk
        or suplente.role != rules.SUPLENTE
        or hasattr(suplente, "replaces")
    ):
        raise ValidationError({"suplente": _("Choose a suplente of the same list not yet used.")})
    if suplente.segment != titular.segment:
        raise ValidationError(
            {"suplente": _("The suplente must be of the titular's segment (parity).")}
        )
    if suplente.national_kind != titular.national_kind:
        raise ValidationError(
            {
                "suplente": _("The suplente must be of the titular's list (%(kind)s).")
                % {"kind": titular.get_national_kind_display()}
            }
        )
    _check_may_leave(titular.registration)
    _hand_seat(actor, titular, suplente, on, reason)
    audit.record(
        actor=actor,
        action="update",
        obj=handover,
        after={"replaced": str(titular), "by": str(suplente), "on": on.isoformat()},
        reason=reason,
        context=audit_context(handover.conference),
    )
    return titular
