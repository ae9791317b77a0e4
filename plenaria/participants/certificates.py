"""Certificates of participation: who may have one, how many hours, what it says, and
finding one by its verification code. Reads only.

A certificate is issued (``participants.services.certificate_issue``) the first time it
is asked for (by the participant with their code, or by the organisers for everyone) and
then stays the same: its hours and its verification code are stored, so a printed
certificate can always be checked.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference, PreparatoryEvent, Status, hours_between
from plenaria.conferences.rules import is_locked
from plenaria.conferences.selectors import convening_body
from plenaria.participants import rules
from plenaria.participants.models import Attendance, Certificate, Registration

CERTIFICATE_CODE_LENGTH = 12


def conference_is_over(conference: Conference, today: date) -> bool:
    """Closed, or held and past its last day (organisers often close it later)."""
    return is_locked(conference) or (
        conference.status == Status.IN_PROGRESS and conference.end_date < today
    )


def registration_hours(registration: Registration) -> Decimal:
    """Hours of the shifts the person was credentialed in."""
    return sum(
        (hours_between(c.shift.start_time, c.shift.end_time) for c in registration.checkins.all()),
        Decimal(0),
    )


def too_early(subject: Registration | Attendance, today: date) -> bool:
    """The certificate will come once the conference (or event) is over: information to
    the person, not an error of theirs."""
    if isinstance(subject, Attendance):
        return subject.event.date > today
    return not conference_is_over(subject.conference, today)


def why_not(subject: Registration | Attendance, today: date) -> str | None:
    """Why this person has no certificate (yet), or None when they may have one."""
    if isinstance(subject, Attendance):
        if subject.event.date > today:
            return _("Certificates are issued after the event.")
        return None
    if not conference_is_over(subject.conference, today):
        return _("Certificates are issued after the conference.")
    if not subject.checkins.exists():
        return _("There is no certificate: this registration was not credentialed in any shift.")
    return None


def random_code() -> str:
    """A new verification code (``participants.services.certificate_issue`` makes it
    unique)."""
    return "".join(rules.new_registration_code() for _ in range(CERTIFICATE_CODE_LENGTH // 8 + 1))[
        :CERTIFICATE_CODE_LENGTH
    ]


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass
class CertificateText:
    """What a certificate says, for the PDF and for the verification page."""

    code: str
    name: str
    event: str
    dates: str
    category: str
    hours: Decimal
    issuer: str
    issued_at: object


def _dates(start: date, end: date) -> str:
    first, last = date_format(start, "SHORT_DATE_FORMAT"), date_format(end, "SHORT_DATE_FORMAT")
    return first if start == end else f"{first} – {last}"


def text_of(certificate: Certificate) -> CertificateText:
    if certificate.attendance_id:
        attendance = certificate.attendance
        event: PreparatoryEvent = attendance.event
        issuer = convening_body(event.conference) if event.conference_id else str(event.association)
        return CertificateText(
            code=format_code(certificate.code),
            name=attendance.display_name,
            event=event.title,
            dates=_dates(event.date, event.date),
            category=_("Participant"),
            hours=certificate.hours,
            issuer=issuer,
            issued_at=timezone.localtime(certificate.issued_at),
        )
    registration = certificate.registration
    conference = registration.conference
    return CertificateText(
        code=format_code(certificate.code),
        name=registration.display_name,
        event=conference.title,
        dates=_dates(conference.start_date, conference.end_date),
        category=_substitute_label(registration),
        hours=certificate.hours,
        issuer=convening_body(conference),
        issued_at=timezone.localtime(certificate.issued_at),
    )


def _substitute_label(registration: Registration) -> str:
    if registration.is_substitute:
        return _("Substitute delegate")
    return registration.get_category_display()


def find(code: str) -> Certificate | None:
    code = rules.normalise_code(code)
    if len(code) != CERTIFICATE_CODE_LENGTH:
        return None
    return (
        Certificate.objects.select_related(
            "registration",
            "registration__conference",
            "attendance",
            "attendance__event__conference",
            "attendance__event__association",
        )
        .filter(code=code)
        .first()
    )
