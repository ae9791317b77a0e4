"""What the modules of this package share: the registration's fields, the statuses that
take registrations, the Person behind a CPF, codes, and the audited save of a new
registration. Private to the package."""

from typing import Any

from plenaria.conferences.models import Status
from plenaria.core import audit
from plenaria.core.codes import unique_code
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import Attendance, Person, Registration

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
    for name in rules.PERSONAL_FIELDS:
        setattr(record, name, data.get(name) or _blank(name))
    record.name_key = rules.name_key(record.name)


def _blank(field: str):
    return None if field in {"birth_date", "municipality"} else ""


def _new_code() -> str:
    return unique_code(rules.new_registration_code, Registration.objects)


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


def _new_attendance_code() -> str:
    # an attendance's code is read at the same desks as a registration's: never the same
    return unique_code(rules.new_registration_code, Attendance.objects, Registration.objects)
