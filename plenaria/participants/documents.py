"""Printed documents of a conference: badges, PIN slips, attendance lists (PDF and XLSX)
and certificates, built on core.documents."""

import tempfile
from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl.worksheet.page import PageMargins

from plenaria.conferences.models import Conference, Shift
from plenaria.core import spreadsheets
from plenaria.core.documents import pdf, qr_data_uri
from plenaria.core.jobs import counted
from plenaria.core.site import absolute_url
from plenaria.participants import certificates
from plenaria.participants.models import Category, Certificate, Registration

# Colours of the category band on badges, with white text (contrast ≥ 4.5:1).
CATEGORY_COLOURS = {
    Category.DELEGATE: "#1351B4",
    Category.GUEST: "#168821",
    Category.OBSERVER: "#8A3B00",
    Category.SPEAKER: "#5C2E91",
    Category.AUTHORITY: "#1B1B1B",
    Category.STAFF: "#00536B",
}
SUBSTITUTE_COLOUR = "#0C326F"


def badge(registration: Registration) -> dict:
    """What a badge shows. Anyone in the hall reads a badge, so it carries no PIN, and its
    QR code holds only the registration code (what the check-in desk reads)."""
    if registration.is_substitute:
        label, colour = _("Substitute delegate"), SUBSTITUTE_COLOUR
    else:
        label = registration.get_category_display()
        colour = CATEGORY_COLOURS[registration.category]
    return {
        "name": registration.display_name,
        "code": registration.code,
        "category": label,
        "colour": colour,
        "segment": registration.get_segment_display(),
        "organisation": registration.organisation,
        "qr": qr_data_uri(registration.code),
    }


def badges_pdf(
    conference: Conference, registrations: list[Registration], *, progress=None
) -> bytes:
    """``progress(done, total)`` counts the badges drawn (each its QR code); the page
    layout that follows is one step WeasyPrint does not report on."""
    return pdf(
        "participants/pdf/badges.html",
        {
            "conference": conference,
            "badges": [badge(r) for r in counted(registrations, progress)],
        },
    )


def pin_slip(registration: Registration) -> dict:
    """The slip the check-in desk hands to the person: code, PIN and how to open the
    participant's page (the QR code holds only the page's address, never the PIN)."""
    login_url = absolute_url("participants:participant_login")
    return {
        "name": registration.display_name,
        "conference": registration.conference.title,
        "code": registration.code,
        "pin": registration.pin,
        "login_url": login_url,
        "qr": qr_data_uri(login_url),
    }


def pin_slip_pdf(registration: Registration, *, issued_at) -> bytes:
    return pdf(
        "participants/pdf/pin_slip.html",
        {"slip": pin_slip(registration), "issued_at": issued_at},
    )


def attendance_filename(conference: Conference, shift: Shift) -> str:
    return f"lista-presenca-{conference.pk}-{shift.date:%Y%m%d}-{shift.pk}"


def attendance_rows(
    shift: Shift, registrations: Iterable[Registration], *, progress=None
) -> list[dict]:
    present = set(shift.checkins.values_list("registration_id", flat=True))
    return [
        {
            "n": n,
            "name": r.display_name,
            "code": r.code,
            "category": _("Substitute delegate") if r.is_substitute else r.get_category_display(),
            "segment": r.get_segment_display(),
            "present": r.pk in present,
        }
        for n, r in enumerate(counted(list(registrations), progress), start=1)
    ]


def attendance_pdf(conference: Conference, shift: Shift, rows: list[dict]) -> bytes:
    day = date_format(shift.date, "SHORT_DATE_FORMAT")
    subheading = f"{shift.name}, {day} ({shift.start_time:%H:%M}–{shift.end_time:%H:%M})"
    return pdf(
        "participants/pdf/attendance.html",
        {"heading": conference.title, "subheading": subheading, "rows": rows},
    )


def attendance_xlsx(conference: Conference, shift: Shift, rows: list[dict]):
    """A write-only workbook (rows go straight to a temporary file), returned open
    at its start for streaming."""
    sheet = spreadsheets.XlsxSheet(_("Attendance"))
    sheet.worksheet.page_setup.orientation = "landscape"
    sheet.worksheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    for column, width in zip("ABCDEFG", (6, 40, 12, 22, 30, 14, 40), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    sheet.append([conference.title])
    sheet.append([_("Attendance list — %(shift)s") % {"shift": shift}])
    sheet.append([])
    header = [
        _("No."),
        _("Name"),
        _("Code"),
        _("Category"),
        _("Segment"),
        _("Credentialed"),
        _("Signature"),
    ]
    sheet.append(header)
    for row in rows:
        sheet.append(
            [
                row["n"],
                row["name"],
                row["code"],
                row["category"],
                row["segment"],
                _("yes") if row["present"] else "",
                "",
            ]
        )
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    sheet.book.save(output)
    output.seek(0)
    return output


def certificates_pdf(items: Iterable[Certificate]) -> bytes:
    """Certificates, one per page, each with a QR code that opens its verification."""
    verify_url = absolute_url("participants:certificate_verify")
    return pdf(
        "participants/pdf/certificates.html",
        {
            "certificates": [
                (
                    certificates.text_of(c),
                    qr_data_uri(
                        absolute_url("participants:certificate_verify", query={"codigo": c.code})
                    ),
                )
                for c in items
            ],
            "verify_url": verify_url,
        },
    )


def event_attendance_pdf(event, attendances) -> bytes:
    rows = [
        {
            "n": n,
            "name": a.display_name,
            "code": a.code,
            "category": a.organisation,
            "segment": a.get_segment_display(),
            "present": True,
        }
        for n, a in enumerate(attendances, start=1)
    ]
    day = date_format(event.date, "SHORT_DATE_FORMAT")
    subheading = f"{day} ({event.start_time:%H:%M}–{event.end_time:%H:%M}), {event.place}"
    return pdf(
        "participants/pdf/attendance.html",
        {"event": event, "heading": event.title, "subheading": subheading, "rows": rows},
    )
