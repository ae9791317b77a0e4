"""What is done with a person's data (LGPD): exporting what a conference or an event
holds about them, erasing it on request, and auditing documents that carry them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.conferences.models import Conference, PreparatoryEvent
from plenaria.conferences.rules import event_context
from plenaria.core import audit, jobs, mail
from plenaria.core.models import AuditEntry
from plenaria.participants import rules, selectors
from plenaria.participants.models import Attendance, Person, Registration
from plenaria.participants.services._common import _drop_if_unused, _new_attendance_code, _new_code

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    events=gettext_lazy("events"),
    erased=gettext_lazy("data erased"),
    document=gettext_lazy("document"),
    people=gettext_lazy("people"),
)


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


def _forget_copies(addresses: list[str], *, conference_pk: int | None) -> None:
    """What the worker holds of the person: e-mails still waiting for their address, and
    the files (badges, lists, certificates) already made for the conference, which
    would carry the name until they expire."""
    mail.forget(addresses)
    if conference_pk:
        jobs.expire_files_of(conference_pk)


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
            for a in selectors.held_here(
                registration.person_id, registration.conference_id
            ).select_related("event", "municipality")
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
    addresses = [registration.email]
    registration.person = Person.objects.create()
    registration.code = _new_code()
    registration.pin = rules.new_pin()
    registration.accessibility_other = ""
    registration.self_declarations = []
    _anonymise(registration, label=_("Anonymised person"))
    registration.full_clean()
    registration.save()
    for attendance in selectors.held_here(
        old_person, registration.conference_id
    ).select_for_update():
        addresses.append(attendance.email)
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
    # Last: files deleted cannot come back if the transaction were undone.
    _forget_copies(addresses, conference_pk=registration.conference_id)
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
    address = attendance.email
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
    _forget_copies([address], conference_pk=attendance.event.conference_id)
    return attendance


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
