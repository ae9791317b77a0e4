"""The documents of a whole conference, made by the background worker (core.jobs):
badges, attendance lists as PDF and everyone's certificates. The views that start them
check who may (document_views); here the ids are turned back into data."""

from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import can_write_conference, get_conference_for_user
from plenaria.core import jobs
from plenaria.participants import certificates, documents, selectors
from plenaria.participants.models import Category, Registration
from plenaria.participants.permissions import can_print_documents


def _may_print(user, params: dict) -> None:
    get_conference_for_user(user, params["conference"], action=can_print_documents)


def _may_certify(user, params: dict) -> None:
    get_conference_for_user(user, params["conference"], action=can_write_conference)


def badge_registrations(conference: Conference, *, category: str = "", ids=()):
    """The confirmed registrations whose badges are printed: the ticked ones (ids) or
    all, optionally of one category."""
    registrations = selectors.registrations_of(
        conference, category=category if category in Category.values else ""
    ).filter(status=Registration.Status.CONFIRMED)
    if ids:
        registrations = registrations.filter(pk__in=ids)
    return registrations


@jobs.register("participants.badges", check=_may_print)
def badges(params: dict, progress: jobs.Progress) -> jobs.Output:
    conference = Conference.objects.get(pk=params["conference"])
    registrations = list(
        badge_registrations(conference, category=params["category"], ids=params["ids"])
    )
    if not registrations:
        raise jobs.JobError(_("No confirmed registration to print."))
    return jobs.Output(
        name=f"crachas-{conference.pk}.pdf",
        content_type="application/pdf",
        data=documents.badges_pdf(conference, registrations, progress=progress),
    )


@jobs.register("participants.attendance_pdf", check=_may_print)
def attendance_pdf(params: dict, progress: jobs.Progress) -> jobs.Output:
    conference = Conference.objects.get(pk=params["conference"])
    shift = conference.shifts.get(pk=params["shift"])
    registrations = selectors.registrations_of(conference).filter(
        status=Registration.Status.CONFIRMED
    )
    rows = documents.attendance_rows(shift, registrations, progress=progress)
    return jobs.Output(
        name=f"{documents.attendance_filename(conference, shift)}.pdf",
        content_type="application/pdf",
        data=documents.attendance_pdf(conference, shift, rows),
    )


def attended(conference: Conference):
    """Registrations credentialed in at least one shift: who has a certificate."""
    return (
        Registration.objects.filter(conference=conference, checkins__isnull=False)
        .select_related("conference")
        .prefetch_related("checkins__shift")
        .distinct()
        .order_by("name", "pk")
    )


@jobs.register("participants.certificates", check=_may_certify)
def conference_certificates(params: dict, progress: jobs.Progress) -> jobs.Output:
    conference = Conference.objects.get(pk=params["conference"])
    if not certificates.conference_is_over(conference, timezone.localdate()):
        raise jobs.JobError(_("Certificates are issued after the conference."))
    people = list(attended(conference))
    if not people:
        raise jobs.JobError(_("Nobody was credentialed: there are no certificates."))
    # Issuing is the long part (a query or two per person): it is what the bar counts.
    issued = [certificates.certificate_issue(subject=r) for r in jobs.counted(people, progress)]
    return jobs.Output(
        name=f"certificados-{conference.pk}.pdf",
        content_type="application/pdf",
        data=documents.certificates_pdf(issued),
    )
