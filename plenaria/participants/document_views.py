"""Badges, attendance lists and certificates: staff downloads, the participant's own
certificate and the public verification page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import can_write_conference, get_conference_for_user
from plenaria.core.forms import as_int
from plenaria.participants import certificates, documents, rules, selectors, services
from plenaria.participants.models import Attendance, Category, Registration
from plenaria.participants.permissions import can_register_people


def _staff_conference(user, pk: int) -> Conference:
    conference = get_conference_for_user(user, pk)
    if not can_register_people(user, conference):
        raise PermissionDenied(_("Only organisers and check-in staff print these documents."))
    return conference


@login_required
@require_GET
def documents_page(request, pk: int):
    conference = _staff_conference(request.user, pk)
    return render(
        request,
        "participants/documents.html",
        {
            "conference": conference,
            "shifts": conference.shifts.all(),
            "categories": Category.choices,
            "over": certificates.conference_is_over(conference, timezone.localdate()),
            "can_write": can_write_conference(request.user, conference),
        },
    )


@login_required
@require_GET
def badges(request, pk: int):
    """Badges of the chosen registrations (?id=…) or of every confirmed registration,
    optionally of one category."""
    conference = _staff_conference(request.user, pk)
    chosen = [i for i in (as_int(v) for v in request.GET.getlist("id")) if i]
    category = request.GET.get("categoria", "")
    registrations = selectors.registrations_of(
        conference, category=category if category in Category.values else ""
    ).filter(status=Registration.Status.CONFIRMED)
    if chosen:
        registrations = registrations.filter(pk__in=chosen)
    registrations = list(registrations)
    if not registrations:
        messages.error(request, _("No confirmed registration to print."))
        return redirect("participants:documents", pk=conference.pk)
    services.export_record(
        actor=request.user,
        obj=conference,
        document="badges",
        count=len(registrations),
    )
    return documents.pdf_response(
        documents.badges_pdf(conference, registrations), f"crachas-{conference.pk}.pdf"
    )


@login_required
@require_GET
def attendance_list(request, pk: int, shift_pk: int, fmt: str):
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    conference = _staff_conference(request.user, pk)
    shift = get_object_or_404(conference.shifts, pk=shift_pk)
    registrations = selectors.registrations_of(conference).filter(
        status=Registration.Status.CONFIRMED
    )
    rows = documents.attendance_rows(shift, registrations)
    services.export_record(
        actor=request.user,
        obj=conference,
        document=f"attendance-{fmt}",
        count=len(rows),
    )
    filename = f"lista-presenca-{conference.pk}-{shift.date:%Y%m%d}-{shift.pk}"
    if fmt == "xlsx":
        return FileResponse(
            documents.attendance_xlsx(conference, shift, rows),
            as_attachment=True,
            filename=f"{filename}.xlsx",
            content_type=documents.XLSX,
        )
    return documents.pdf_response(
        documents.attendance_pdf(conference, shift, rows), f"{filename}.pdf"
    )


@login_required
@require_GET
def conference_certificates(request, pk: int):
    """Every certificate of the conference in one PDF (organisers)."""
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    today = timezone.localdate()
    if not certificates.conference_is_over(conference, today):
        messages.error(request, _("Certificates are issued after the conference."))
        return redirect("participants:documents", pk=conference.pk)
    attended = (
        Registration.objects.filter(conference=conference, checkins__isnull=False)
        .select_related("conference")
        .prefetch_related("checkins__shift")
        .distinct()
        .order_by("name", "pk")
    )
    issued = [certificates.certificate_issue(subject=r) for r in attended]
    if not issued:
        messages.error(request, _("Nobody was credentialed: there are no certificates."))
        return redirect("participants:documents", pk=conference.pk)
    services.export_record(
        actor=request.user,
        obj=conference,
        document="certificates",
        count=len(issued),
    )
    return documents.pdf_response(
        documents.certificates_pdf(issued), f"certificados-{conference.pk}.pdf"
    )


# --- public ---------------------------------------------------------------------------


def _subject_by_code(code: str) -> Registration | Attendance | None:
    code = rules.normalise_code(code)
    if len(code) != rules.CODE_LENGTH:
        return None
    registration = (
        Registration.objects.select_related("conference")
        .prefetch_related("checkins__shift")
        .filter(code=code)
        .first()
    )
    if registration:
        return registration
    return Attendance.objects.select_related("event").filter(code=code).first()


@require_GET
def certificates_home(request):
    """The public page: get your certificate with your code, or check a certificate."""
    code = request.GET.get("inscricao", "")[:40]
    error, status = "", 200
    if code:
        subject = _subject_by_code(code)
        if subject is None:
            error, status = _("No registration or attendance has this code. Check it."), 404
        else:
            error = certificates.why_not(subject, timezone.localdate()) or ""
            if not error:
                return redirect("participants:my_certificate", code=subject.code)
    return render(
        request,
        "participants/certificates_home.html",
        {"code": code, "error": error},
        status=status,
    )


@require_GET
def my_certificate(request, code: str):
    """A participant's certificate, by their registration (or attendance) code."""
    subject = _subject_by_code(code)
    if subject is None or certificates.why_not(subject, timezone.localdate()):
        raise Http404
    certificate = certificates.certificate_issue(subject=subject)
    return documents.pdf_response(
        documents.certificates_pdf([certificate]),
        f"certificado-{certificate.code}.pdf",
        inline=True,
    )


@require_GET
def certificate_verify(request):
    code = request.GET.get("codigo", "")[:40]
    certificate = certificates.find(code) if code else None
    return render(
        request,
        "participants/certificate_verify.html",
        {
            "code": code,
            "checked": bool(code),
            "text": certificates.text_of(certificate) if certificate else None,
        },
        status=404 if code and certificate is None else 200,
    )
