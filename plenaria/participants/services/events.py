"""A preparatory event's attendance list and the delegates it elects to the conference
it prepares."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference, PreparatoryEvent
from plenaria.conferences.rules import event_context
from plenaria.conferences.services import event_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import Attendance, Category, Registration
from plenaria.participants.services._common import (
    STAFF_STATUSES,
    _fill_personal,
    _new_attendance_code,
    _new_code,
    _person_for,
    _save_new_registration,
)


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
        rules.copy_personal(attendance, registration)
        _save_new_registration(actor, registration)
        elected.append(registration)
    return elected
