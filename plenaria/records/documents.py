"""The final report's files: the PDF a council signs and files (WeasyPrint, from the
same template as the preview's contents) and the deliberations as XLSX and CSV shaped
like the national forms (one row per deliberation)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.core import jobs, spreadsheets
from plenaria.core.documents import pdf, xlsx_bytes
from plenaria.records import selectors


def _header() -> list[str]:
    return [_("Axis"), _("Sphere"), _("Kind"), _("Deliberation"), _("Priority")]


def deliberation_rows(contents: selectors.ReportContents):
    for item in contents.deliberations:
        yield [
            item.axis_number,
            item.sphere_label,
            item.kind_label,
            item.text,
            item.priority if item.priority is not None else "",
        ]


def deliberations_xlsx(contents: selectors.ReportContents) -> bytes:
    sheet = spreadsheets.XlsxSheet(_("Deliberations"))
    sheet.append(_header())
    for values in deliberation_rows(contents):
        sheet.append(values)
    return xlsx_bytes(sheet.book)


def deliberations_csv(contents: selectors.ReportContents) -> bytes:
    handle = io.StringIO(newline="")
    writer = spreadsheets.CsvWriter(handle)
    writer.writerow(_header())
    for values in deliberation_rows(contents):
        writer.writerow(values)
    # With a BOM: Excel in pt-BR opens it as UTF-8 (accents intact).
    return handle.getvalue().encode("utf-8-sig")


def filename(conference: Conference, what: str, extension: str) -> str:
    return f"{what}-{conference.pk}.{extension}"


def report_pdf(conference: Conference, progress: jobs.Progress | None = None) -> bytes:
    """The final report as PDF. Progress in three steps: read, drawn, done."""
    contents = selectors.report_contents(conference)
    if progress:
        progress(1, 3)
    data = pdf(
        "records/pdf/report.html",
        {"contents": contents, "conference": conference, "made_at": timezone.now()},
    )
    if progress:
        progress(3, 3)
    return data
