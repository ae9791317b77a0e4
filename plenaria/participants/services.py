"""Every write on people and registrations. Keyword-only, atomic, validated, audited.

Audit entries of registrations carry no personal data (no CPF, contacts,
self-declarations or accessibility needs): the audit log is read by more people than
those allowed to see such data.
"""

import io
import logging
from typing import Any

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference, PreparatoryEvent, Shift, Status
from plenaria.conferences.services import conference_for_write, event_context, event_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import Attendance, Category, CheckIn, Person, Registration

logger = logging.getLogger(__name__)

PERSON_FIELDS = [
    "name",
    "social_name",
    "cpf",
    "nis",
    "other_document",
    "birth_date",
    "phone",
    "email",
    "municipality",
]
REGISTRATION_FIELDS = [
    "segment",
    "organisation",
    "category",
    "is_substitute",
    "accessibility_needs",
    "accessibility_other",
    "self_declarations",
]
# What the audit log keeps of a registration: nothing that identifies or profiles a person.
AUDITED_REGISTRATION_FIELDS = ["code", "category", "status", "segment", "origin"]

ONLINE_STATUSES = {Status.REGISTRATION_OPEN}
STAFF_STATUSES = {Status.CONVOKED, Status.REGISTRATION_OPEN, Status.IN_PROGRESS}


def _context(conference: Conference) -> str:
    return f"registrations:{conference.pk}"


def offered_categories(conference: Conference, *, online: bool) -> list[str]:
    """Categories a person may ask for. Without configuration, all three are open."""
    options = list(conference.category_options.all())
    if not options:
        return [c.value for c in Category]
    return [o.category for o in options if o.online or not online]


def _find_person(data: dict[str, Any]) -> Person | None:
    if data.get("cpf"):
        return Person.objects.filter(cpf=data["cpf"]).first()
    return None


def _same_person_in_conference(conference: Conference, data: dict[str, Any]) -> Registration | None:
    """Without a CPF: the same name, birth date and phone already registered here."""
    if not (data.get("birth_date") and data.get("phone")):
        return None
    return (
        Registration.objects.filter(
            conference=conference,
            person__name_key=rules.name_key(data["name"]),
            person__birth_date=data["birth_date"],
            person__phone=data["phone"],
        )
        .select_related("person")
        .first()
    )


def _duplicate_error(existing: Registration) -> ValidationError:
    email = rules.mask_email(existing.person.email)
    if email:
        message = _(
            "You are already registered in this conference. We sent your registration code "
            "again to %(email)s. If you no longer use that address, ask the organising "
            "commission."
        ) % {"email": email}
    else:
        message = _(
            "You are already registered in this conference. To get your registration code, "
            "ask the organising commission (bring a document)."
        )
    return ValidationError(message, code="duplicate")


def _save_person(actor, data: dict[str, Any], *, trusted: bool) -> Person:
    """Find the person by CPF or create them. Online (untrusted) forms only fill blanks
    of an existing record: typing someone's CPF must not overwrite their contacts."""
    person = _find_person(data)
    if person is None:
        person = Person(**{k: data.get(k) or _blank(k) for k in PERSON_FIELDS})
        person.name_key = rules.name_key(person.name)
        person.full_clean()
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            # The same CPF was registered by a concurrent request: use that record.
            person = Person.objects.get(cpf=data["cpf"])
        else:
            audit.record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=person,
                before={},
                after={"name": person.name},
            )
            return person
    changed = {}
    for name in PERSON_FIELDS:
        value = data.get(name)
        if value in (None, "") or getattr(person, name) == value:
            continue
        if trusted or getattr(person, name) in (None, ""):
            changed[name] = value
    if changed:
        for name, value in changed.items():
            setattr(person, name, value)
        person.name_key = rules.name_key(person.name)
        person.full_clean()
        person.save()
    return person


def _blank(field: str):
    return None if field in {"cpf", "birth_date", "municipality"} else ""


def _new_code() -> str:
    while True:
        code = rules.new_registration_code()
        if not Registration.objects.filter(code=code).exists():
            return code


@transaction.atomic
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
    """
    conference_for_write(conference)
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    online = origin == Registration.Origin.ONLINE
    if conference.status not in (ONLINE_STATUSES if online else STAFF_STATUSES):
        raise ValidationError(_("Registrations for this conference are not open."), code="closed")
    if data.get("category") not in offered_categories(conference, online=online):
        raise ValidationError({"category": _("This category is not open for registration.")})
    if online and not data.get("consent"):
        raise ValidationError({"consent": _("Registration needs your consent to use your data.")})

    person = _find_person(person_data)
    existing = (
        Registration.objects.filter(conference=conference, person=person)
        .select_related("person")
        .first()
        if person
        else _same_person_in_conference(conference, person_data)
    )
    if existing:
        if online and existing.person.email:
            transaction.on_commit(lambda: send_confirmation(existing.pk))
        raise _duplicate_error(existing)
    person = _save_person(actor, person_data, trusted=not online)

    registration = Registration(
        conference=conference,
        person=person,
        code=_new_code(),
        origin=origin,
        status=_status_for(conference, data["category"]),
        consent_at=timezone.now() if data.get("consent") else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: data.get(k) or _registration_blank(k) for k in REGISTRATION_FIELDS},
    )
    _save_new_registration(actor, registration)
    if person.email:
        transaction.on_commit(lambda: send_confirmation(registration.pk))
    return registration


def _save_new_registration(actor, registration: Registration) -> None:
    registration.full_clean()
    registration.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=registration,
        after=audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS),
        context=_context(registration.conference),
    )


def _registration_blank(field: str):
    if field == "is_substitute":
        return False
    return [] if field in {"accessibility_needs", "self_declarations"} else ""


def _status_for(conference: Conference, category: str) -> str:
    option = conference.category_options.filter(category=category).first()
    if option is None or option.capacity is None:
        return Registration.Status.CONFIRMED
    taken = Registration.objects.filter(
        conference=conference, category=category, status=Registration.Status.CONFIRMED
    ).count()
    return (
        Registration.Status.CONFIRMED if taken < option.capacity else Registration.Status.WAITLISTED
    )


def qr_png(code: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def send_confirmation(registration_pk: int) -> None:
    """E-mail the registration code and its QR code. A failure is logged, never raised:
    the registration is already saved and the confirmation page shows the code."""
    registration = Registration.objects.select_related("person", "conference").get(
        pk=registration_pk
    )
    person = registration.person
    if not person.email:
        return
    url = settings.SITE_URL + reverse("participants:confirmation", args=[registration.code])
    body = _(
        "Hello, %(name)s.\n\nYour registration in “%(conference)s” is recorded.\n"
        "Registration code: %(code)s\nStatus: %(status)s\nCategory: %(category)s\n\n"
        "Keep this code (and the attached QR code): it identifies you at credentialing.\n"
        "Your registration: %(url)s\n"
    ) % {
        "name": person.display_name,
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
        to=[person.email],
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
    if waiting.person.email:
        transaction.on_commit(lambda: send_confirmation(waiting.pk))
    return waiting


def _set_status(actor, registration: Registration, status: str) -> None:
    before = audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS)
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        before=before,
        after=audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS),
        context=f"registrations:{registration.conference_id}",
    )


def checkin(*, actor, registration: Registration, shift: Shift) -> tuple[CheckIn, bool]:
    """Confirm presence in a shift. Idempotent: a second confirmation (another desk, a
    double click) returns the existing check-in and ``created`` False."""
    conference_for_write(registration.conference_id)
    if shift.conference_id != registration.conference_id:
        raise ValidationError(_("This shift belongs to another conference."))
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _(
                "%(name)s's registration is %(status)s: only confirmed registrations are "
                "credentialed."
            )
            % {
                "name": registration.person.display_name,
                "status": registration.get_status_display().lower(),
            }
        )
    existing = CheckIn.objects.filter(registration=registration, shift=shift).first()
    if existing:
        return existing, False
    substitute = Registration.objects.filter(replaces=registration).select_related("person").first()
    if substitute:
        raise ValidationError(
            _(
                "%(name)s is replaced by the substitute %(substitute)s. To credential "
                "%(name)s, undo the replacement first."
            )
            % {"name": registration.person.display_name, "substitute": substitute.person}
        )
    try:
        with transaction.atomic():
            record = CheckIn.objects.create(
                registration=registration,
                shift=shift,
                by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        # Another desk confirmed the same person in the same instant.
        return CheckIn.objects.get(registration=registration, shift=shift), False
    return record, True


@transaction.atomic
def registrations_import(*, actor, conference: Conference, rows: list) -> int:
    """Register every good row of a checked import in one transaction: if any of them
    fails now (someone registered meanwhile), nothing is imported."""
    conference_for_write(conference)
    count = 0
    for row in rows:
        if row.errors:
            continue
        try:
            registration_create(
                actor=actor,
                conference=conference,
                person_data=row.person_data,
                data={**row.data, "consent": True},
                origin=Registration.Origin.IMPORT,
            )
        except ValidationError as error:
            raise ValidationError(
                _("Line %(line)s: %(error)s Nothing was imported.")
                % {"line": row.line, "error": " ".join(error.messages)}
            ) from None
        count += 1
    audit.record(
        actor=actor,
        action=AuditEntry.Action.IMPORT,
        obj=conference,
        before={},
        after={"registrations": count},
        context=_context(conference),
    )
    return count


def person_data_export(*, actor, person: Person, conference: Conference) -> dict:
    """Everything the system holds about a person (LGPD art. 18), as plain data. The
    export itself is audited, in the conference where it was asked for."""
    registrations = person.registrations.select_related("conference").order_by("created_at")
    data = {
        "pessoa": {
            "nome": person.name,
            "nome_social": person.social_name,
            "cpf": person.cpf or "",
            "nis": person.nis,
            "outro_documento": person.other_document,
            "data_nascimento": person.birth_date.isoformat() if person.birth_date else "",
            "telefone": person.phone,
            "email": person.email,
            "municipio": person.municipality.name if person.municipality else "",
        },
        "inscricoes": [
            {
                "conferencia": r.conference.title,
                "codigo": r.code,
                "segmento": r.segment,
                "organizacao": r.organisation,
                "categoria": r.category,
                "situacao": r.status,
                "acessibilidade": r.accessibility_needs,
                "acessibilidade_outras": r.accessibility_other,
                "autodeclaracoes": r.self_declarations,
                "consentimento_em": r.consent_at.isoformat() if r.consent_at else "",
                "credenciamentos": [c.shift.date.isoformat() for c in r.checkins.all()],
            }
            for r in registrations.prefetch_related("checkins__shift")
        ],
    }
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=person,
        before={},
        after={"registrations": len(data["inscricoes"])},
        context=_context(conference),
    )
    return data


@transaction.atomic
def person_erase(*, actor, person: Person, conference: Conference) -> Person:
    """Erase a person's personal data on request. The person and their registrations
    stay, anonymous, so that counts, check-ins and votes remain consistent."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at:
        raise ValidationError(_("This person's data were already erased."))
    person.name = _("Anonymised person %(id)s") % {"id": person.pk}
    person.social_name = person.nis = person.other_document = person.phone = person.email = ""
    person.cpf = person.birth_date = person.municipality = None
    person.name_key = rules.name_key(person.name)
    person.erased_at = timezone.now()
    person.full_clean()
    person.save()
    person.registrations.update(
        organisation="", accessibility_needs=[], accessibility_other="", self_declarations=[]
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.ERASE,
        obj=person,
        before={},
        after={"erased": True},
        context=_context(conference),
    )
    return person


@transaction.atomic
def registration_update(
    *, actor, registration: Registration, person_data: dict[str, Any], data: dict[str, Any]
) -> Registration:
    """Staff correct a registration and the person's data. A change of category takes
    a place in the new category or joins its waiting list."""
    conference = conference_for_write(registration.conference_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    person = registration.person
    if person.erased_at:
        raise ValidationError(_("This person's data were erased and cannot be edited."))
    before = audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS)
    for field in PERSON_FIELDS:
        setattr(person, field, person_data.get(field) or _blank(field))
    person.name_key = rules.name_key(person.name)
    person.full_clean()
    person.save()
    old_category = registration.category
    for field in REGISTRATION_FIELDS:
        setattr(registration, field, data.get(field) or _registration_blank(field))
    if old_category != registration.category:
        if registration.category not in offered_categories(conference, online=False):
            raise ValidationError({"category": _("This category is not open for registration.")})
        if registration.status != Registration.Status.CANCELLED:
            registration.status = _status_for(conference, registration.category)
    if registration.category != Category.DELEGATE:
        registration.is_substitute = False
        registration.replaces = None
    registration.full_clean()
    registration.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        before=before,
        after=audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS),
        context=_context(conference),
    )
    return registration


@transaction.atomic
def substitute_replace(*, actor, substitute: Registration, titular: Registration) -> Registration:
    """Mark a substitute delegate (suplente) as replacing an absent titular: from then
    on the substitute has the titular's vote (DOMAIN.md §6)."""
    conference_for_write(substitute.conference_id)
    substitute = Registration.objects.select_for_update().get(pk=substitute.pk)
    titular = Registration.objects.select_for_update().select_related("person").get(pk=titular.pk)
    if substitute.conference_id != titular.conference_id:
        raise ValidationError(_("The titular is registered in another conference."))
    if not (substitute.is_substitute and substitute.category == Category.DELEGATE):
        raise ValidationError(_("Only a substitute delegate replaces a titular."))
    if titular.category != Category.DELEGATE or titular.is_substitute:
        raise ValidationError({"titular": _("Choose a titular delegate.")})
    if titular.segment != substitute.segment:
        raise ValidationError({"titular": _("A substitute replaces a titular of their segment.")})
    if substitute.replaces_id:
        raise ValidationError(
            _("This substitute already replaces %(name)s.") % {"name": substitute.replaces.person}
        )
    if Registration.objects.filter(replaces=titular).exists():
        raise ValidationError({"titular": _("This titular is already replaced.")})
    if titular.checkins.exists():
        raise ValidationError(
            {
                "titular": _("%(name)s was credentialed: only an absent titular is replaced.")
                % {"name": titular.person.display_name}
            }
        )
    _set_replaces(actor, substitute, titular)
    return substitute


@transaction.atomic
def substitute_release(*, actor, substitute: Registration) -> Registration:
    """Undo a replacement (the titular arrived): the titular votes again."""
    conference_for_write(substitute.conference_id)
    substitute = Registration.objects.select_for_update().get(pk=substitute.pk)
    if not substitute.replaces_id:
        raise ValidationError(_("This substitute replaces no one."))
    _set_replaces(actor, substitute, None)
    return substitute


def _set_replaces(actor, substitute: Registration, titular: Registration | None) -> None:
    before = {"replaces": substitute.replaces.code if substitute.replaces_id else None}
    substitute.replaces = titular
    substitute.save(update_fields=["replaces", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=substitute,
        before=before,
        after={"replaces": titular.code if titular else None},
        context=f"registrations:{substitute.conference_id}",
    )


def _new_attendance_code() -> str:
    while True:
        code = rules.new_registration_code()
        if not (
            Attendance.objects.filter(code=code).exists()
            or Registration.objects.filter(code=code).exists()
        ):
            return code


@transaction.atomic
def attendance_add(
    *, actor, event: PreparatoryEvent, person_data: dict[str, Any], data: dict[str, Any]
) -> Attendance:
    """Put a person on an event's attendance list (found again by CPF)."""
    event_for_write(event)
    person = _find_person(person_data)
    if person and Attendance.objects.filter(event=event, person=person).exists():
        raise ValidationError(_("This person is already on the attendance list."))
    person = _save_person(actor, person_data, trusted=True)
    attendance = Attendance(
        event=event,
        person=person,
        code=_new_attendance_code(),
        segment=data["segment"],
        organisation=data.get("organisation") or "",
        by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attendance.full_clean()
    attendance.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=attendance,
        after={"code": attendance.code, "segment": attendance.segment},
        context=event_context(event),
    )
    return attendance


@transaction.atomic
def delegates_elect(
    *, actor, event: PreparatoryEvent, attendances: list[Attendance], substitute: bool
) -> list[Registration]:
    """Register people an event elected as delegates (titulares or suplentes) of the
    conference it prepares, with the event as their origin. All or none."""
    event_for_write(event)
    conference = event.conference
    if conference is None:
        raise ValidationError(_("Only a preparatory conference elects delegates."))
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    if conference.status not in STAFF_STATUSES:
        raise ValidationError(_("Registrations for this conference are not open."))
    elected = []
    for attendance in attendances:
        if attendance.event_id != event.pk:
            raise ValidationError(_("Choose people from this event's attendance list."))
        if Registration.objects.filter(conference=conference, person=attendance.person).exists():
            raise ValidationError(
                _("%(name)s is already registered in the conference. Nothing was recorded.")
                % {"name": attendance.person.display_name}
            )
        registration = Registration(
            conference=conference,
            person=attendance.person,
            code=_new_code(),
            origin=Registration.Origin.PREPARATORY,
            preparatory_event=event,
            category=Category.DELEGATE,
            is_substitute=substitute,
            segment=attendance.segment,
            organisation=attendance.organisation,
            status=Registration.Status.CONFIRMED,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _save_new_registration(actor, registration)
        elected.append(registration)
    return elected


def export_record(*, actor, obj: Conference | PreparatoryEvent, document: str, count: int) -> None:
    """Audit a document that carries people's data (badges, lists, certificates), in
    the history of the conference's registrations or of the event."""
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=obj,
        before={},
        after={"document": document, "people": count},
        context=_context(obj) if isinstance(obj, Conference) else event_context(obj),
    )
