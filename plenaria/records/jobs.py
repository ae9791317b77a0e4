"""The final report's PDF, made by the background worker (core.jobs): a state
conference's report runs to hundreds of pages."""

from plenaria.conferences.models import Conference
from plenaria.core import jobs
from plenaria.records import documents
from plenaria.records.permissions import can_read_report, get_report_conference_for_user

REPORT_PDF = "records.report_pdf"


def _may_read(user, params: dict) -> None:
    get_report_conference_for_user(user, params["conference"], action=can_read_report)


@jobs.register(REPORT_PDF, check=_may_read)
def report_pdf(params: dict, progress: jobs.Progress) -> jobs.Output:
    conference = Conference.objects.select_related(
        "edition", "state", "municipality", "association"
    ).get(pk=params["conference"])
    return jobs.Output(
        name=documents.filename(conference, "relatorio-final", "pdf"),
        content_type="application/pdf",
        data=documents.report_pdf(conference, progress),
    )
