"""Registering a person in a conference (online or by staff), the confirmation e-mail,
correcting a registration and cancelling it (with the waiting list moving up)."""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.documents import qr_png
from plenaria.core.models import AuditEntry
from plenaria.core.site import absolute_url
from plenaria.participants import rules, selectors
from plenaria.participants.models import Category, Registration
from plenaria.participants.services._common import (
    AUDITED_REGISTRATION_FIELDS,
    ONLINE_STATUSES,
    REGISTRATION_FIELDS,
    STAFF_STATUSES,
    _drop_if_unused,
    _fill_personal,
    _new_code,
    _person_for,
    _registration_blank,
    _save_new_registration,
)

logger = logging.getLogger(__name__)


class DuplicateRegistration(ValidationError):
    """The person is already registered in the conference."""

    def __init__(self, message: str, registration: Registration):
        super().__init__(message, code="duplicate")
        self.registration = registration


def _duplicate_error(existing: Registration, *, online: bool) -> DuplicateRegistration:
    if not online:
        return DuplicateRegistration(
            _("This person is already registered in this conference (registration %(code)s).")
            % {"code": existing.code},
            existing,
        )
    # The public form must not tell a stranger that someone is registered: it neither
    # confirms nor shows where the code went.
    return DuplicateRegistration(
        _(
            "We could not complete an online registration with these data. If you have "
            "already registered in this conference, your code was sent again to the "
            "e-mail given in that registration. If you did not get it, ask the "
            "organising commission (bring a document)."
        ),
        existing,
    )


def registration_create(
    *,
    actor,
    conference: Conference,
    person_data: dict[str, Any],
    data: dict[str, Any],
    origin: str,
) -> Registration:
    """Register a person in a conference: online (public form) or by staff.

    The conference row is locked so that caps and duplicates are decided one
    registration at a time; beyond a category's places people join the waiting list.
    The registration keeps its own copy of the person's data: a CPF registered
    elsewhere links the two registrations and nothing else.
    """
    try:
        return _registration_create(
            actor=actor, conference=conference, person_data=person_data, data=data, origin=origin
        )
    except DuplicateRegistration as duplicate:
        existing = duplicate.registration
        if origin == Registration.Origin.ONLINE and existing.email:
            # After the rollback: a send queued inside the failed transaction was lost.
            transaction.on_commit(lambda: send_confirmation(existing.pk))
        raise


@transaction.atomic
def _registration_create(
    *,
    actor,
    conference: Conference,
    person_data: dict[str, Any],
    data: dict[str, Any],
    origin: str,
    notify: bool = True,
) -> Registration:
    conference_for_write(conference)
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    online = origin == Registration.Origin.ONLINE
    if conference.status not in (ONLINE_STATUSES if online else STAFF_STATUSES):
        raise ValidationError(_("Registrations for this conference are not open."), code="closed")
    if data.get("category") not in selectors.offered_categories(conference, online=online):
        raise ValidationError({"category": _("This category is not open for registration.")})
    if problem := rules.segment_problem(data.get("category") or "", data.get("segment") or ""):
        raise ValidationError({"segment": problem})
    if online and not data.get("consent"):
        raise ValidationError({"consent": _("Registration needs your consent to use your data.")})

    existing = selectors.existing_registration(conference, person_data)
    if existing:
        raise _duplicate_error(existing, online=online)
    registration = Registration(
        conference=conference,
        person=_person_for(person_data.get("cpf")),
        code=_new_code(),
        origin=origin,
        status=selectors.status_for_new(conference, data["category"]),
        consent_at=timezone.now() if data.get("consent") else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: data.get(k) or _registration_blank(k) for k in REGISTRATION_FIELDS},
    )
    _fill_personal(registration, person_data)
    _save_new_registration(actor, registration)
    if notify and registration.email:
        transaction.on_commit(lambda: send_confirmation(registration.pk))
    return registration


def send_confirmation(registration_pk: int) -> None:
    """E-mail the registration code and its QR code. Sending only writes the message
    down for the worker (core.mail), which logs a failure of the mail server; the
    registration is already saved and the confirmation page shows the code."""
    registration = Registration.objects.select_related("conference").get(pk=registration_pk)
    if not registration.email:
        return
    url = absolute_url("participants:confirmation", args=[registration.code])
    body = _(
        "Hello, %(name)s.\n\nYour registration in “%(conference)s” is recorded.\n"
        "Registration code: %(code)s\nStatus: %(status)s\nCategory: %(category)s\n\n"
        "Keep this code (and the attached QR code): it identifies you at credentialing.\n"
        "Your registration: %(url)s\n"
    ) % {
        "name": registration.display_name,
        "conference": registration.conference.title,
        "code": registration.code,
        "status": registration.get_status_display(),
        "category": registration.get_category_display(),
        "url": url,
    }
    message = EmailMessage(
        subject=_("Registration %(code)s — %(conference)s")
        % {"code": registration.code, "conference": registration.conference.title},
        body=body,
        to=[registration.email],
    )
    message.attach(f"inscricao-{registration.code}.png", qr_png(registration.code), "image/png")
    try:
        message.send()
    except Exception:  # noqa: BLE001 - mail servers fail; the registration stands
        logger.exception("could not e-mail registration %s", registration.code)


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration | None:
    """Cancel a registration. When it held a capped place, the first person on that
    category's waiting list takes it; returns that promoted registration, if any."""
    conference_for_write(registration.conference_id)
    Conference.objects.select_for_update().get(pk=registration.conference_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    held_place = registration.status == Registration.Status.CONFIRMED
    _set_status(actor, registration, Registration.Status.CANCELLED)
    if not held_place:
        return None
    waiting = (
        Registration.objects.select_for_update()
        .filter(
            conference_id=registration.conference_id,
            category=registration.category,
            status=Registration.Status.WAITLISTED,
        )
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    _set_status(actor, waiting, Registration.Status.CONFIRMED)
    if waiting.email:
        transaction.on_commit(lambda: send_confirmation(waiting.pk))
    return waiting


def _set_status(actor, registration: Registration, status: str) -> None:
    audit.update_audited(
        registration,
        actor=actor,
        changes={"status": status},
        fields=AUDITED_REGISTRATION_FIELDS,
        clean=False,  # an erased registration's blank name would fail; the status is ours
        context=rules.registrations_context(registration.conference_id),
    )


@transaction.atomic
def registration_update(
    *, actor, registration: Registration, person_data: dict[str, Any], data: dict[str, Any]
) -> Registration:
    """Staff correct a registration and the person's data. A change of category takes
    a place in the new category or joins its waiting list."""
    conference = conference_for_write(registration.conference_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.erased_at:
        raise ValidationError(_("This person's data were erased and cannot be edited."))
    before = audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS)
    _fill_personal(registration, person_data)
    old_person = _relink(registration, person_data.get("cpf"))
    old_category = registration.category
    for field in REGISTRATION_FIELDS:
        setattr(registration, field, data.get(field) or _registration_blank(field))
    if old_category != registration.category:
        if registration.category not in selectors.offered_categories(conference, online=False):
            raise ValidationError({"category": _("This category is not open for registration.")})
        if registration.status != Registration.Status.CANCELLED:
            registration.status = selectors.status_for_new(conference, registration.category)
    if problem := rules.segment_problem(registration.category, registration.segment):
        raise ValidationError({"segment": problem})
    if registration.category != Category.DELEGATE:
        registration.is_substitute = False
        registration.replaces = None
    registration.full_clean()
    registration.save()
    if old_person is not None:
        _drop_if_unused(old_person)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        before=before,
        after=audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS),
        context=rules.registrations_context(conference.pk),
    )
    return registration


def _relink(registration: Registration, cpf: str | None) -> int | None:
    """A corrected CPF links the registration to that CPF's Person (never renames the
    Person other registrations share). Returns the Person left behind, if any."""
    if (cpf or None) == registration.person.cpf:
        return None
    if (
        cpf
        and Registration.objects.filter(conference_id=registration.conference_id, person__cpf=cpf)
        .exclude(pk=registration.pk)
        .exists()
    ):
        raise ValidationError({"cpf": _("Another registration of this conference has this CPF.")})
    old = registration.person_id
    registration.person = _person_for(cpf)
    return old
