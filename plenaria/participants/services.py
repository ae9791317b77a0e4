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
from plenaria.conferences.rules import event_context
from plenaria.conferences.services import conference_for_write, event_for_write
from plenaria.core import audit
from plenaria.core.codes import unique_code
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import Attendance, Category, CheckIn, Person, Registration

logger = logging.getLogger(__name__)

# What a person tells a conference about themself, kept on the registration (or the
# attendance) of that conference; the CPF only links a Person across conferences.
PERSONAL_FIELDS = [
    "name",
    "social_name",
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


def offered_categories(conference: Conference, *, online: bool) -> list[str]:
    """Categories a person may ask for. Without configuration, all three are open."""
    options = list(conference.category_options.all())
    if not options:
        return [c.value for c in Category]
    return [o.category for o in options if o.online or not online]


def _person_for(cpf: str | None) -> Person:
    """The Person a CPF names, created the first time it is seen; without a CPF, a new
    one. A Person holds nothing but the CPF, so finding one by it reveals nothing and
    changes nothing of what other conferences hold."""
    if not cpf:
        return Person.objects.create()
    person, _created = Person.objects.get_or_create(cpf=cpf)
    return person


def _drop_if_unused(person_id: int) -> None:
    """A Person no registration, attendance or delegation points to any more is
    deleted, and its CPF with it."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return
    if not (
        person.registrations.exists() or person.attendances.exists() or person.delegations.exists()
    ):
        person.delete()


def _fill_personal(record, data: dict[str, Any]) -> None:
    """Copy the personal fields of a form's person_data onto a registration or an
    attendance."""
    for name in PERSONAL_FIELDS:
        setattr(record, name, data.get(name) or _blank(name))
    record.name_key = rules.name_key(record.name)


def copy_personal(source, target) -> None:
    """Copy the personal fields of one record onto another: a delegate's data sent to
    the next conference, an attendance becoming a registration."""
    for name in PERSONAL_FIELDS:
        setattr(target, name, getattr(source, name))
    target.name_key = rules.name_key(target.name)


def _existing_registration(conference: Conference, data: dict[str, Any]) -> Registration | None:
    """The person's registration in this conference: by CPF; without one, the same
    name, birth date and phone."""
    qs = Registration.objects.filter(conference=conference)
    if data.get("cpf"):
        return qs.filter(person__cpf=data["cpf"]).first()
    if not (data.get("birth_date") and data.get("phone")):
        return None
    return qs.filter(
        name_key=rules.name_key(data["name"]),
        birth_date=data["birth_date"],
        phone=data["phone"],
    ).first()


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


def _blank(field: str):
    return None if field in {"birth_date", "municipality"} else ""


def _new_code() -> str:
    return unique_code(rules.new_registration_code, Registration.objects)


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
    if data.get("category") not in offered_categories(conference, online=online):
        raise ValidationError({"category": _("This category is not open for registration.")})
    if online and not data.get("consent"):
        raise ValidationError({"consent": _("Registration needs your consent to use your data.")})

    existing = _existing_registration(conference, person_data)
    if existing:
        raise _duplicate_error(existing, online=online)
    registration = Registration(
        conference=conference,
        person=_person_for(person_data.get("cpf")),
        code=_new_code(),
        origin=origin,
        status=_status_for(conference, data["category"]),
        consent_at=timezone.now() if data.get("consent") else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: data.get(k) or _registration_blank(k) for k in REGISTRATION_FIELDS},
    )
    _fill_personal(registration, person_data)
    _save_new_registration(actor, registration)
    if notify and registration.email:
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
        context=rules.registrations_context(registration.conference_id),
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
    registration = Registration.objects.select_related("conference").get(pk=registration_pk)
    if not registration.email:
        return
    url = settings.SITE_URL + reverse("participants:confirmation", args=[registration.code])
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


@transaction.atomic  # the conference stays locked (not closing) until the check-in is saved
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
                "name": registration.display_name,
                "status": registration.get_status_display().lower(),
            }
        )
    existing = CheckIn.objects.filter(registration=registration, shift=shift).first()
    if existing:
        return existing, False
    substitute = Registration.objects.filter(replaces=registration).first()
    if substitute:
        raise ValidationError(
            _(
                "%(name)s is replaced by the substitute %(substitute)s. To credential "
                "%(name)s, undo the replacement first."
            )
            % {"name": registration.display_name, "substitute": substitute.display_name}
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
    # A check-in changes certificate hours and the quorum base: who did it, and when.
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=record,
        after={"registration": registration.code, "shift": shift.pk},
        context=rules.registrations_context(registration.conference_id),
    )
    return record, True


# Rows saved per transaction by an import: the database's write lock is held a fraction
# of a second at a time, so a 5,000-line list does not stop the check-in desks or
# make a participant's login wait (SQLite has one writer at a time).
IMPORT_CHUNK = 200


def registrations_import(*, actor, conference: Conference, rows: list, on_chunk=None) -> int:
    """Register every good row of a checked import, in chunks of IMPORT_CHUNK rows. If a
    row fails now (someone registered meanwhile, the conference closed), the rows this
    import already saved are removed again: valid lines, or nothing. Confirmations go
    out only once every row is in. ``on_chunk(created)`` is called inside each chunk's
    transaction with the ids created so far: a background job keeps them with its own
    row, so a run cut off by a restart knows what to undo."""
    conference_for_write(conference)
    good = [row for row in rows if not row.errors]
    created: list[int] = []
    try:
        for start in range(0, len(good), IMPORT_CHUNK):
            with transaction.atomic():
                for row in good[start : start + IMPORT_CHUNK]:
                    created.append(_import_row(actor, conference, row).pk)
                if on_chunk:
                    on_chunk(list(created))
    except ValidationError:
        _import_undo(actor, conference, created)
        raise
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=AuditEntry.Action.IMPORT,
            obj=conference,
            before={},
            after={"registrations": len(created)},
            context=rules.registrations_context(conference.pk),
        )
    for pk in (
        Registration.objects.filter(pk__in=created).exclude(email="").values_list("pk", flat=True)
    ):
        send_confirmation(pk)
    return len(created)


def _import_row(actor, conference: Conference, row) -> Registration:
    try:
        return _registration_create(
            actor=actor,
            conference=conference,
            person_data=row.person_data,
            data={**row.data, "consent": True},
            origin=Registration.Origin.IMPORT,
            notify=False,
        )
    except ValidationError as error:
        raise ValidationError(
            _("Line %(line)s: %(error)s Nothing was imported.")
            % {"line": row.line, "error": " ".join(error.messages)}
        ) from None


@transaction.atomic
def _import_undo(actor, conference: Conference, created: list[int]) -> None:
    """Remove what a failed import had saved: registrations made seconds ago, each
    deletion audited."""
    for registration in Registration.objects.filter(pk__in=created):
        person = registration.person_id
        audit.record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=registration,
            before=audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS),
            after={},
            reason=_("The import failed: nothing was imported."),
            context=rules.registrations_context(conference.pk),
        )
        registration.delete()
        _drop_if_unused(person)


def _held_here(person_id: int, conference_id: int):
    """The attendances at this conference's own events of the same person: with the
    registration, what this conference's council holds about them."""
    return Attendance.objects.filter(person_id=person_id, event__conference_id=conference_id)


def _erase_attendance(attendance: Attendance, *, person: Person) -> None:
    """An attendance's personal data gone: a new code, linked to ``person`` (without CPF)."""
    attendance.person = person
    attendance.code = _new_attendance_code()
    _anonymise(attendance, label=_("Anonymised person"))
    attendance.full_clean()
    attendance.save()


def _personal_dict(record) -> dict:
    return {
        "nome": record.name,
        "nome_social": record.social_name,
        "nis": record.nis,
        "outro_documento": record.other_document,
        "data_nascimento": record.birth_date.isoformat() if record.birth_date else "",
        "telefone": record.phone,
        "email": record.email,
        "municipio": record.municipality.name if record.municipality else "",
    }


def person_data_export(*, actor, registration: Registration) -> dict:
    """What this conference holds about the person (LGPD art. 18), as plain data: the
    registration and their presence at the conference's preparatory events. Other
    conferences' records are theirs to export. The export itself is audited."""
    registration = (
        Registration.objects.select_related("conference", "person", "municipality")
        .prefetch_related("checkins__shift")
        .get(pk=registration.pk)
    )
    data = {
        "controlador": str(registration.conference),
        "cpf": registration.person.cpf or "",
        "inscricao": {
            **_personal_dict(registration),
            "conferencia": registration.conference.title,
            "codigo": registration.code,
            "segmento": registration.segment,
            "organizacao": registration.organisation,
            "categoria": registration.category,
            "situacao": registration.status,
            "acessibilidade": registration.accessibility_needs,
            "acessibilidade_outras": registration.accessibility_other,
            "autodeclaracoes": registration.self_declarations,
            "consentimento_em": registration.consent_at.isoformat()
            if registration.consent_at
            else "",
            "credenciamentos": [c.shift.date.isoformat() for c in registration.checkins.all()],
        },
        "presencas_em_eventos": [
            {**_personal_dict(a), "evento": a.event.title, "codigo": a.code}
            for a in _held_here(registration.person_id, registration.conference_id).select_related(
                "event", "municipality"
            )
        ],
    }
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=registration,
        before={},
        after={"events": len(data["presencas_em_eventos"])},
        context=rules.registrations_context(registration.conference_id),
    )
    return data


# Erasure keeps what the counts are made of (segment, category, status, check-ins,
# votes, municipality of residence, accessibility needs as categories) on a record that
# no longer points to anyone: new code and PIN, no CPF link, no name, document,
# contact, birth date, organisation, self-declaration or free text. Names are nowhere
# else: the audit log names registrations by code, texts written on a phone name their
# author through the registration.
def _anonymise(record, *, label: str) -> None:
    for name in ("social_name", "nis", "other_document", "phone", "email"):
        setattr(record, name, "")
    record.birth_date = None
    record.name = label
    record.name_key = rules.name_key(label)
    record.organisation = ""
    record.erased_at = timezone.now()


@transaction.atomic
def person_erase(*, actor, registration: Registration) -> Registration:
    """Erase the personal data this conference holds about a person, on their request:
    their registration and their attendances at its events. Other conferences' records
    of the same person are not touched (each council answers for its own)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.erased_at:
        raise ValidationError(_("This person's data were already erased."))
    old_person = registration.person_id
    registration.person = Person.objects.create()
    registration.code = _new_code()
    registration.pin = rules.new_pin()
    registration.accessibility_other = ""
    registration.self_declarations = []
    _anonymise(registration, label=_("Anonymised person"))
    registration.full_clean()
    registration.save()
    for attendance in _held_here(old_person, registration.conference_id).select_for_update():
        _erase_attendance(attendance, person=registration.person)
    _drop_if_unused(old_person)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.ERASE,
        obj=registration,
        before={},
        after={"erased": True},
        context=rules.registrations_context(registration.conference_id),
    )
    return registration


def attendance_data_export(*, actor, attendance: Attendance) -> dict:
    """What an event's attendance list holds about a person who may have no
    registration anywhere (LGPD art. 18); audited in the event's history."""
    attendance = Attendance.objects.select_related("event", "person", "municipality").get(
        pk=attendance.pk
    )
    data = {
        "controlador": str(attendance.event.conference or attendance.event.association),
        "cpf": attendance.person.cpf or "",
        "presenca": {
            **_personal_dict(attendance),
            "evento": attendance.event.title,
            "codigo": attendance.code,
            "segmento": attendance.segment,
            "organizacao": attendance.organisation,
        },
    }
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=attendance,
        before={},
        after={"attendance": attendance.code},
        context=event_context(attendance.event),
    )
    return data


@transaction.atomic
def attendance_erase(*, actor, attendance: Attendance) -> Attendance:
    """Erase what an event's attendance list holds about a person, on their request:
    for who attended without registering (a registration's erasure covers the
    attendances at its conference's events). The line stays, anonymous, in the counts."""
    attendance = (
        Attendance.objects.select_for_update().select_related("event").get(pk=attendance.pk)
    )
    if attendance.erased_at:
        raise ValidationError(_("This person's data were already erased."))
    old_person = attendance.person_id
    _erase_attendance(attendance, person=Person.objects.create())
    _drop_if_unused(old_person)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.ERASE,
        obj=attendance,
        before={},
        after={"erased": True},
        context=event_context(attendance.event),
    )
    return attendance


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
        if registration.category not in offered_categories(conference, online=False):
            raise ValidationError({"category": _("This category is not open for registration.")})
        if registration.status != Registration.Status.CANCELLED:
            registration.status = _status_for(conference, registration.category)
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


@transaction.atomic
def substitute_replace(*, actor, substitute: Registration, titular: Registration) -> Registration:
    """Mark a substitute delegate (suplente) as replacing an absent titular: from then
    on the substitute has the titular's vote (DOMAIN.md §6)."""
    conference_for_write(substitute.conference_id)
    substitute = Registration.objects.select_for_update().get(pk=substitute.pk)
    titular = Registration.objects.select_for_update().get(pk=titular.pk)
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
            _("This substitute already replaces %(name)s.")
            % {"name": substitute.replaces.display_name}
        )
    if Registration.objects.filter(replaces=titular).exists():
        raise ValidationError({"titular": _("This titular is already replaced.")})
    if titular.checkins.exists():
        raise ValidationError(
            {
                "titular": _("%(name)s was credentialed: only an absent titular is replaced.")
                % {"name": titular.display_name}
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
        context=rules.registrations_context(substitute.conference_id),
    )


def _new_attendance_code() -> str:
    # an attendance's code is read at the same desks as a registration's: never the same
    return unique_code(rules.new_registration_code, Attendance.objects, Registration.objects)


@transaction.atomic
def attendance_add(
    *, actor, event: PreparatoryEvent, person_data: dict[str, Any], data: dict[str, Any]
) -> Attendance:
    """Put a person on an event's attendance list. The list keeps its own copy of the
    person's data; a CPF links the attendance to the same person elsewhere."""
    event_for_write(event)
    cpf = person_data.get("cpf")
    if cpf and Attendance.objects.filter(event=event, person__cpf=cpf).exists():
        raise ValidationError(_("This person is already on the attendance list."))
    attendance = Attendance(
        event=event,
        person=_person_for(cpf),
        code=_new_attendance_code(),
        segment=data["segment"],
        organisation=data.get("organisation") or "",
        by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _fill_personal(attendance, person_data)
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
                % {"name": attendance.display_name}
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
        # The event is the conference's own: its council already holds these data.
        copy_personal(attendance, registration)
        _save_new_registration(actor, registration)
        elected.append(registration)
    return elected


# --- the hand-over: a delegate list sent to the parent conference (delegates.handover) ---

# The part of a registration a delegate list decides (the rest is the parent's own copy).
SEAT_FIELDS = {"segment", "category", "status", "is_substitute", "origin", "replaces"}


def _seat(seat: dict[str, Any]) -> dict[str, Any]:
    if not set(seat) <= SEAT_FIELDS:
        raise ValueError(f"not a seat: {sorted(set(seat) - SEAT_FIELDS)}")
    return seat


def registration_from_handover(
    *, actor, conference: Conference, source: Registration, seat: dict[str, Any]
) -> Registration:
    """A delegate sent by a child conference, registered at ``conference`` (its parent).
    Sending the list is how the delegate's data reach the parent: it gets its own copy,
    which its council controls from then on."""
    conference = conference_for_write(conference)
    registration = Registration(
        conference=conference,
        person_id=source.person_id,
        code=_new_code(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=source.organisation,
        accessibility_needs=source.accessibility_needs,
        accessibility_other=source.accessibility_other,
        self_declarations=source.self_declarations,
        consent_at=source.consent_at,
        **_seat(seat),
    )
    copy_personal(source, registration)
    _save_new_registration(actor, registration)
    return registration


def registration_seat_set(*, actor, registration: Registration, seat: dict[str, Any]) -> None:
    """A delegate list sent again, or a suplente taking a titular's seat: only the seat
    changes, never what the parent corrected or erased."""
    conference_for_write(registration.conference_id)
    audit.update_audited(
        registration,
        actor=actor,
        changes=_seat(seat),
        fields=AUDITED_REGISTRATION_FIELDS,
        clean=False,  # the parent may have erased its copy: a blank name is its right
        context=rules.registrations_context(registration.conference_id),
    )


def export_record(*, actor, obj: Conference | PreparatoryEvent, document: str, count: int) -> None:
    """Audit a document that carries people's data (badges, lists, certificates), in
    the history of the conference's registrations or of the event."""
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=obj,
        before={},
        after={"document": document, "people": count},
        context=rules.registrations_context(obj.pk)
        if isinstance(obj, Conference)
        else event_context(obj),
    )


# --- the PIN: issued again and shown only at the check-in desk ---------------------------


def _pin_in_use(registration: Registration) -> None:
    if registration.erased_at:
        raise ValidationError(
            _("This person's data were erased: the registration opens no page."), code="erased"
        )
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("Only a confirmed registration opens the participant's page (status: %s).")
            % registration.get_status_display().lower(),
            code="not_confirmed",
        )


@transaction.atomic
def registration_pin_reset(*, actor, registration: Registration) -> Registration:
    """A new PIN for a registration, when the slip was lost or someone else saw it. The
    old one stops opening the participant's page at once, and so do the phones already
    opened with it (participants.access keeps a fingerprint of the PIN in each session).
    The audit says that the PIN changed and who changed it, never the PIN."""
    conference_for_write(registration.conference_id)
    registration = (
        Registration.objects.select_for_update()
        .select_related("conference")
        .get(pk=registration.pk)
    )
    _pin_in_use(registration)
    old = registration.pin
    while registration.pin == old:
        registration.pin = rules.new_pin()
    registration.full_clean()
    registration.save(update_fields=["pin", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        before={"pin": _("previous (not recorded)")},
        after={"pin": _("new (not recorded)")},
        context=rules.registrations_context(registration.conference_id),
    )
    return registration


def registration_pin_shown(*, actor, registration: Registration, document: str) -> None:
    """Record that staff showed or printed someone's PIN slip (who, whose, which form),
    so a PIN seen at the desk can be traced; the PIN itself is not recorded."""
    conference_for_write(registration.conference_id)  # the page is not used once closed
    _pin_in_use(registration)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=registration,
        before={},
        after={"document": document},
        context=rules.registrations_context(registration.conference_id),
    )
