"""A preparatory event's attendance list and the delegates it elects to the conference
it prepares."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.conferences.models import Conference, PreparatoryEvent
from plenaria.conferences.rules import event_context
from plenaria.conferences.services import conference_for_write, event_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants import rules, selectors
from plenaria.participants.models import Attendance, Category, Registration, Segment
from plenaria.participants.services._common import (
    STAFF_STATUSES,
    _fill_personal,
    _new_attendance_code,
    _new_code,
    _person_for,
    _save_new_registration,
)
from plenaria.participants.services.imports import IMPORT_CHUNK
from plenaria.participants.services.registrations import send_confirmation

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    registrations=gettext_lazy("registrations"),
    skipped=gettext_lazy("skipped"),
    attendance=gettext_lazy("attendance"),
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


@dataclass(frozen=True)
class AttendeeChoice:
    """One ticked row of the pre-conferences' page: who, and in what category and
    segment they are registered."""

    attendance: int
    category: str
    segment: str


@dataclass
class AttendeesRegistered:
    """What ``registrations_from_attendance`` did: each registration made with the
    attendance it came from, and each ticked row left aside with why (its attendance,
    or None when the row named no attendance of this conference)."""

    created: list[tuple[Attendance, Registration]] = field(default_factory=list)
    skipped: list[tuple[Attendance | None, str]] = field(default_factory=list)

    def report(self, conference_pk: int, *, names: bool) -> dict:
        """The report shown to the staff: registration and attendance codes, with the
        names only when ``names`` (a page drawn for them now; a background job's
        report is kept in its row for days and holds no personal data)."""

        def name(attendance):
            return attendance.display_name if names and attendance else ""

        return {
            "conference": conference_pk,
            "created": [
                {
                    "name": name(a),
                    "attendance": a.code,
                    "event": a.event.title,
                    "code": r.code,
                    "category": r.get_category_display(),
                    "segment": r.get_segment_display(),
                    "waitlisted": r.status == Registration.Status.WAITLISTED,
                }
                for a, r in self.created
            ],
            "skipped": [
                {"name": name(a), "attendance": a.code if a else "", "reason": reason}
                for a, reason in self.skipped
            ],
        }


def registrations_from_attendance(
    *,
    actor,
    conference: Conference,
    choices: list[AttendeeChoice],
    on_progress=None,
    on_chunk=None,
    done: Sequence[Sequence[int]] = (),
) -> AttendeesRegistered:
    """Register people from the attendance lists of the conference's own
    pre-conferences, without typing their data again: each registration copies the
    attendance's personal data (the conference's council already holds them: the
    events are its own; an attendance of another conference's event or of an
    association's meeting is never read) with the category and segment chosen.

    Nobody is registered twice: a person already registered (same Person, hence same
    CPF; without CPF the same name, birth date and phone) or ticked twice is left aside
    with the reason, as is a row whose category the conference does not offer. Each
    registration is audited and gets its confirmation e-mail; categories with places
    fill up and then the waiting list, as at the desk. The rows are saved in
    transactions of IMPORT_CHUNK, so a long list does not hold the write lock.

    ``on_chunk(pairs)`` is called inside each chunk's transaction with every (attendance,
    registration) id pair made so far; given back as ``done`` (a background run cut off
    by a restart), those are reported as made by this run, get their e-mail and count in
    the audit entry, instead of being left aside as "already registered"."""
    _open_for_staff(conference)
    categories = selectors.attendee_categories(conference)
    attendances = {
        a.pk: a
        for a in Attendance.objects.filter(
            pk__in=[c.attendance for c in choices],
            event__conference=conference,
            event__kind=PreparatoryEvent.Kind.PRE_CONFERENCE,
        ).select_related("event")
    }
    result = AttendeesRegistered()
    seen: set[int] = set()
    earlier = _made_earlier(conference, attendances, done)
    for attendance, registration in earlier.values():
        result.created.append((attendance, registration))
        seen.add(attendance.person_id)
    for start in range(0, len(choices), IMPORT_CHUNK):
        with transaction.atomic():
            try:
                # each chunk under the conference's row lock, as at the desk
                conference = _open_for_staff(conference)
            except ValidationError as error:
                # closed meanwhile: the rows not reached yet are left aside, with why
                for choice in choices[start:]:
                    attendance = attendances.get(choice.attendance)
                    result.skipped.append((attendance, " ".join(error.messages)))
                break
            for choice in choices[start : start + IMPORT_CHUNK]:
                if choice.attendance in earlier:
                    continue
                attendance = attendances.get(choice.attendance)
                problem = _attendee_problem(conference, attendance, choice, categories, seen)
                if problem:
                    result.skipped.append((attendance, problem))
                    continue
                seen.add(attendance.person_id)
                try:
                    with transaction.atomic():
                        registration = _register_attendee(actor, conference, attendance, choice)
                except ValidationError as error:
                    result.skipped.append((attendance, " ".join(error.messages)))
                else:
                    result.created.append((attendance, registration))
            if on_chunk:
                on_chunk([[a.pk, r.pk] for a, r in result.created])
        if on_progress:
            on_progress(min(start + IMPORT_CHUNK, len(choices)), len(choices))
    if result.created:
        with transaction.atomic():
            audit.record(
                actor=actor,
                action=AuditEntry.Action.IMPORT,
                obj=conference,
                before={},
                after={
                    "registrations": len(result.created),
                    "from": "pre-conference attendance",
                    "skipped": len(result.skipped),
                },
                context=rules.registrations_context(conference.pk),
            )
    for _attendance, registration in result.created:
        if registration.email:
            send_confirmation(registration.pk)
    return result


def _made_earlier(
    conference: Conference, attendances: dict, done: Sequence[Sequence[int]]
) -> dict[int, tuple[Attendance, Registration]]:
    """The registrations a cut-off run made (``done``), by attendance id: only those
    still in this conference and copied from that attendance's person."""
    pairs = {registration: attendance for attendance, registration in done}
    found = Registration.objects.filter(
        conference=conference, pk__in=pairs, origin=Registration.Origin.ATTENDANCE
    )
    earlier = {}
    for registration in found:
        attendance = attendances.get(pairs[registration.pk])
        if attendance is not None and attendance.person_id == registration.person_id:
            earlier[attendance.pk] = (attendance, registration)
    return earlier


def _open_for_staff(conference: Conference) -> Conference:
    current = conference_for_write(conference)
    if current.status not in STAFF_STATUSES:
        raise ValidationError(_("Registrations for this conference are not open."))
    return current


def _attendee_problem(conference, attendance, choice, categories, seen) -> str:
    """Why a ticked row is not registered, or ""."""
    if attendance is None:
        return _("Not on the attendance list of a pre-conference of this conference.")
    if attendance.erased_at:
        return _("Their personal data were erased from the attendance list.")
    if attendance.person_id in seen:
        return _("Ticked twice (on more than one attendance list): registered once.")
    if choice.category not in categories:
        return _("This category is not open for registration.")
    if choice.segment not in Segment.values:
        return _("Choose a segment.")
    registration = selectors.attendee_registration(conference, attendance)
    if registration is not None:
        return _("Already registered in this conference (registration %(code)s).") % {
            "code": registration.code
        }
    return ""


def _register_attendee(actor, conference, attendance, choice) -> Registration:
    registration = Registration(
        conference=conference,
        person=attendance.person,
        code=_new_code(),
        origin=Registration.Origin.ATTENDANCE,
        category=choice.category,
        segment=choice.segment,
        organisation=attendance.organisation,
        status=selectors.status_for_new(conference, choice.category),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # The event is the conference's own: its council already holds these data.
    rules.copy_personal(attendance, registration)
    _save_new_registration(actor, registration)
    return registration
