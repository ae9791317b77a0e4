"""The final report's pages: the preview, the narrative parts, the PDF (a background
job) and the deliberations as XLSX and CSV. Access goes through permissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenaria.core import jobs as core_jobs
from plenaria.core.documents import xlsx_response
from plenaria.records import documents, rules, selectors, services
from plenaria.records.forms import NarrativeForm
from plenaria.records.jobs import REPORT_PDF
from plenaria.records.permissions import can_write_report, get_report_conference_for_user


@login_required
@require_GET
def report(request, pk: int):
    """The final report as the council will read it (readers of the conference)."""
    conference = get_report_conference_for_user(request.user, pk)
    contents = selectors.report_contents(conference)
    return render(
        request,
        "records/report.html",
        {
            "conference": conference,
            "contents": contents,
            "may_write": can_write_report(request.user, conference),
            "pdf_jobs": core_jobs.recent_of(request.user, conference.pk, limit=3, kind=REPORT_PDF),
        },
    )


def _forms(conference, parts, bound: dict | None = None) -> list[dict]:
    bound = bound or {}
    found = []
    for part in parts:
        label = part.get_part_display()
        form = bound.get(part.part) or NarrativeForm(
            prefix=part.part,
            label=label,
            initial={"text": part.text, "version": part.version},
        )
        found.append({"part": part, "form": form, "label": label})
    return found


def _narrative_page(request, conference, *, bound=None, other=None, status=200):
    parts = selectors.narrative_of(conference)
    return render(
        request,
        "records/narrative.html",
        {
            "conference": conference,
            "parts": _forms(conference, parts, bound),
            "other": other,
        },
        status=status,
    )


@login_required
@require_GET
def narrative(request, pk: int):
    """The four narrative parts, each with its own form and save button."""
    conference = get_report_conference_for_user(request.user, pk, action=can_write_report)
    return _narrative_page(request, conference)


@login_required
@require_POST
def narrative_save(request, pk: int, part: str):
    """Saves one part. A stale save is refused: the other person's text is shown and
    this person's text stays in the field, with the version now saved (a second save,
    after bringing both together, goes through)."""
    conference = get_report_conference_for_user(request.user, pk, action=can_write_report)
    if part not in rules.Part.values:
        raise Http404
    label = rules.Part(part).label
    form = NarrativeForm(request.POST, prefix=part, label=label)
    if form.is_valid():
        try:
            services.narrative_save(
                actor=request.user,
                conference=conference,
                part=part,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        except services.StaleEdit as stale:
            data = request.POST.copy()
            data[f"{part}-version"] = str(stale.current.version)
            form = NarrativeForm(data, prefix=part, label=label)
            form.is_valid()
            form.add_error("text", stale.messages[0])
            return _narrative_page(
                request,
                conference,
                bound={part: form},
                other={"part": part, "saved": stale.current},
            )
        except ValidationError as error:
            for message in error.message_dict.get("text", error.messages):
                form.add_error("text", message)
        else:
            messages.success(request, _("“%(part)s” saved.") % {"part": label})
            return redirect(reverse("records:narrative", args=[conference.pk]) + f"#{part}")
    elif "version" in form.errors:
        # A hand-made version (the field is hidden): the person sees it at the text.
        form.add_error("text", _("The page is out of date: open it again."))
    return _narrative_page(request, conference, bound={part: form})


@login_required
@require_POST
def report_pdf(request, pk: int):
    """Starts the report's PDF as a background job; its page shows the progress."""
    conference = get_report_conference_for_user(request.user, pk)
    job = core_jobs.start(
        owner=request.user,
        kind=REPORT_PDF,
        label=_("Final report — %(conference)s") % {"conference": conference.title},
        params={"conference": conference.pk},
        conference_key=conference.pk,
        total=3,
    )
    return redirect("job", pk=job.pk)


@login_required
@require_GET
def deliberations_xlsx(request, pk: int):
    conference = get_report_conference_for_user(request.user, pk)
    contents = selectors.report_contents(conference)
    return xlsx_response(
        documents.deliberations_xlsx(contents),
        documents.filename(conference, "deliberacoes", "xlsx"),
    )


@login_required
@require_GET
def deliberations_csv(request, pk: int):
    conference = get_report_conference_for_user(request.user, pk)
    contents = selectors.report_contents(conference)
    response = HttpResponse(
        documents.deliberations_csv(contents), content_type="text/csv; charset=utf-8"
    )
    name = documents.filename(conference, "deliberacoes", "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
