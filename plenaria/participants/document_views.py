"""Badges, attendance lists and certificates: staff downloads, the participant's own
certificate and the public verification page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import can_write_conference, get_conference_for_user
from plenaria.core import documents as core_documents
from plenaria.core import jobs as core_jobs
from plenaria.core.forms import as_int
from plenaria.participants import certificates, documents, jobs, rules, selectors, services
from plenaria.participants.models import Attendance, Category, Registration
from plenaria.participants.permissions import can_print_documents


@login_required
@require_GET
def documents_page(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_print_documents)
    return render(
        request,
        "participants/documents.html",
        {
            "conference": conference,
            "shifts": conference.shifts.all(),
            "categories": Category.choices,
            "over": certificates.conference_is_over(conference, timezone.localdate()),
            "can_write": can_write_conference(request.user, conference),
            "jobs": core_jobs.recent_of(request.user, conference.pk),
        },
    )


@login_required
@require_POST
def badges(request, pk: int):
    """Starts the badges of the ticked registrations (id=…) or of every confirmed
    registration, optionally of one category, as a background job."""
    conference = get_conference_for_user(request.user, pk, action=can_print_documents)
    chosen = [i for i in (as_int(v) for v in request.POST.getlist("id")) if i]
    category = request.POST.get("categoria", "")
    category = category if category in Category.values else ""
    count = jobs.badge_registrations(conference, category=category, ids=chosen).count()
    if not count:
        messages.error(request, _("No confirmed registration to print."))
        return redirect("participants:documents", pk=conference.pk)
    services.export_record(actor=request.user, obj=conference, document="badges", count=count)
    job = core_jobs.start(
        owner=request.user,
        kind="participants.badges",
        label=_("Badges of %(conference)s") % {"conference": conference.title},
        params={"conference": conference.pk, "category": category, "ids": chosen},
        conference_key=conference.pk,
        total=count,
    )
    return redirect("job", pk=job.pk)


def _confirmed(conference: Conference):
    return selectors.registrations_of(conference, status=Registration.Status.CONFIRMED)


@login_required
@require_GET
def attendance_list(request, pk: int, shift_pk: int):
    """The attendance list as a spreadsheet: written in the request (under a second for
    a thousand people); the PDF is a background job (attendance_pdf)."""
    conference = get_conference_for_user(request.user, pk, action=can_print_documents)
    shift = get_object_or_404(conference.shifts, pk=shift_pk)
    rows = documents.attendance_rows(shift, _confirmed(conference))
    services.export_record(
        actor=request.user, obj=conference, document="attendance-xlsx", count=len(rows)
    )
    return FileResponse(
        documents.attendance_xlsx(conference, shift, rows),
        as_attachment=True,
        filename=f"{documents.attendance_filename(conference, shift)}.xlsx",
        content_type=core_documents.XLSX,
    )


@login_required
@require_POST
def attendance_pdf(request, pk: int, shift_pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_print_documents)
    shift = get_object_or_404(conference.shifts, pk=shift_pk)
    count = _confirmed(conference).count()
    services.export_record(
        actor=request.user, obj=conference, document="attendance-pdf", count=count
    )
    job = core_jobs.start(
        owner=request.user,
        kind="participants.attendance_pdf",
        label=_("Attendance list — %(shift)s") % {"shift": shift},
        params={"conference": conference.pk, "shift": shift.pk},
        conference_key=conference.pk,
        total=count,
    )
    return redirect("job", pk=job.pk)


@login_required
@require_POST
def conference_certificates(request, pk: int):
    """Starts every certificate of the conference in one PDF (organisers), as a job."""
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    if not certificates.conference_is_over(conference, timezone.localdate()):
        messages.info(request, _("Certificates are issued after the conference."))
        return redirect("participants:documents", pk=conference.pk)
    count = jobs.attended(conference).count()
    if not count:
        messages.error(request, _("Nobody was credentialed: there are no certificates."))
        return redirect("participants:documents", pk=conference.pk)
    services.export_record(actor=request.user, obj=conference, document="certificates", count=count)
    job = core_jobs.start(
        owner=request.user,
        kind="participants.certificates",
        label=_("Certificates of %(conference)s") % {"conference": conference.title},
        params={"conference": conference.pk},
        conference_key=conference.pk,
        total=count,
    )
    return redirect("job", pk=job.pk)


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
    error, notice, status = "", "", 200
    if code:
        subject = _subject_by_code(code)
        if subject is None:
            error, status = _("No registration or attendance has this code. Check it."), 404
        else:
            today = timezone.localdate()
            reason = certificates.why_not(subject, today) or ""
            if not reason:
                return redirect("participants:my_certificate", code=subject.code)
            # "Not yet" is news, not a mistake in the code the person typed.
            if certificates.too_early(subject, today):
                notice = reason
            else:
                error = reason
    return render(
        request,
        "participants/certificates_home.html",
        {"code": code, "error": error, "notice": notice},
        status=status,
    )


@require_GET
def my_certificate(request, code: str):
    """A participant's certificate, by their registration (or attendance) code."""
    subject = _subject_by_code(code)
    if subject is None or certificates.why_not(subject, timezone.localdate()):
        raise Http404
    certificate = services.certificate_issue(actor=None, subject=subject)
    return core_documents.pdf_response(
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
