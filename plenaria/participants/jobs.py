"""The documents of a whole conference, made by the background worker (core.jobs):
badges, attendance lists as PDF and everyone's certificates; and the import of a long
list of registrations. The views that start them check who may and record the export
(document_views, views); running one again does both here (``check``, ``record``). Here
the ids are turned back into data."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import can_write_conference, get_conference_for_user
from plenaria.core import jobs
from plenaria.core.collation import by
from plenaria.participants import certificates, documents, imports, selectors, services
from plenaria.participants.models import Category, Registration
from plenaria.participants.permissions import can_print_documents, can_register_people


def _may_print(user, params: dict) -> None:
    get_conference_for_user(user, params["conference"], action=can_print_documents)


def _may_certify(user, params: dict) -> None:
    get_conference_for_user(user, params["conference"], action=can_write_conference)


def _export(user, params: dict, document: str, people) -> None:
    """A run again makes a new file of people's data: recorded like the first run
    (which its view records)."""
    conference = Conference.objects.get(pk=params["conference"])
    services.export_record(
        actor=user, obj=conference, document=document, count=people(conference).count()
    )


def _record_badges(user, params: dict) -> None:
    _export(
        user,
        params,
        "badges",
        lambda c: badge_registrations(c, category=params["category"], ids=params["ids"]),
    )


def _record_attendance(user, params: dict) -> None:
    _export(
        user,
        params,
        "attendance-pdf",
        lambda c: selectors.registrations_of(c, status=Registration.Status.CONFIRMED),
    )


def _record_certificates(user, params: dict) -> None:
    _export(user, params, "certificates", attended)


def badge_registrations(conference: Conference, *, category: str = "", ids=()):
    """The confirmed registrations whose badges are printed: the ticked ones (ids) or
    all, optionally of one category."""
    registrations = selectors.registrations_of(
        conference,
        category=category if category in Category.values else "",
        status=Registration.Status.CONFIRMED,
    )
    if ids:
        registrations = registrations.filter(pk__in=ids)
    return registrations


@jobs.register("participants.badges", check=_may_print, record=_record_badges)
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


@jobs.register("participants.attendance_pdf", check=_may_print, record=_record_attendance)
def attendance_pdf(params: dict, progress: jobs.Progress) -> jobs.Output:
    conference = Conference.objects.get(pk=params["conference"])
    shift = conference.shifts.get(pk=params["shift"])
    registrations = selectors.registrations_of(conference, status=Registration.Status.CONFIRMED)
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
        .order_by(by("name"), "pk")
    )


@jobs.register("participants.certificates", check=_may_certify, record=_record_certificates)
def conference_certificates(params: dict, progress: jobs.Progress) -> jobs.Output:
    conference = Conference.objects.get(pk=params["conference"])
    if not certificates.conference_is_over(conference, timezone.localdate()):
        raise jobs.JobError(_("Certificates are issued after the conference."))
    people = list(attended(conference))
    if not people:
        raise jobs.JobError(_("Nobody was credentialed: there are no certificates."))
    # Issuing is the long part (a query or two per person): it is what the bar counts.
    issued = [
        services.certificate_issue(actor=None, subject=r) for r in jobs.counted(people, progress)
    ]
    return jobs.Output(
        name=f"certificados-{conference.pk}.pdf",
        content_type="application/pdf",
        data=documents.certificates_pdf(issued),
    )


# --- a long import --------------------------------------------------------------------


def _may_import(user, params: dict) -> None:
    get_conference_for_user(user, params["conference"], action=can_register_people)


@jobs.register(
    "participants.import", check=_may_import, result_template="participants/_import_result.html"
)
def registrations_import(params: dict, progress: jobs.Reporter) -> jobs.Report:
    """Checks every row of the file sent, then imports as the organiser chose when
    sending it (mode "valid": the valid rows; "all": nothing if a row is bad), with the
    same semantics as the import in the request. The bar counts the rows checked, then
    the rows saved."""
    conference = Conference.objects.get(pk=params["conference"])
    actor = get_user_model().objects.get(pk=params["actor"])
    if params.get("created"):
        # A run cut off by a restart had committed these chunks: undone first, so the
        # file is imported once however often the job runs.
        services.registrations_import_undo(
            actor=actor, conference=conference, created=params["created"]
        )
        progress.keep(created=[])
    try:
        raw = imports.read_table(jobs.read_upload(params), f"lista.{params['format']}")
        lines = len(raw)
        rows = imports.check_rows(
            conference,
            raw,
            selectors.offered_categories(conference, online=False),
            progress=lambda done, _total: progress(done, 2 * lines),
        )
    except ValueError as error:
        raise jobs.JobError(str(error)) from None
    bad = [row for row in rows if row.errors]
    good = [row for row in rows if not row.errors]
    created: list[int] = []
    if good and not (bad and params["mode"] == "all"):

        def chunk_saved(ids: list[int]) -> None:
            created[:] = ids
            progress.keep(created=ids)
            progress(lines + len(ids), lines + len(good))

        try:
            services.registrations_import(
                actor=actor, conference=conference, rows=rows, on_chunk=chunk_saved
            )
        except ValidationError as error:
            progress.keep(created=[])  # undone by the service already
            raise jobs.JobError(" ".join(error.messages)) from None
    codes = dict(Registration.objects.filter(pk__in=created).values_list("pk", "code"))
    return jobs.Report(
        {
            "conference": conference.pk,
            "lines": lines,
            "mode": params["mode"],
            "bad": [
                {"line": row.line, "problems": [[p.column, str(p.message)] for p in row.errors]}
                for row in bad
            ],
            "created": [
                [row.line, codes.get(pk, "")] for row, pk in zip(good, created, strict=False)
            ],
        }
    )


# --- pre-conference attendees registered ----------------------------------------------


@jobs.register(
    "participants.from_attendance",
    check=_may_import,
    result_template="participants/_from_attendance_result.html",
)
def registrations_from_attendance(params: dict, progress: jobs.Reporter) -> jobs.Report:
    """A long choice of pre-conference attendees registered by the worker. Running it
    again registers nobody twice: what a run cut off by a restart had committed is kept
    in the job's params (``created``) and reported, e-mailed and audited by the next run
    as its own."""
    conference = Conference.objects.get(pk=params["conference"])
    actor = get_user_model().objects.get(pk=params["actor"])
    choices = [services.AttendeeChoice(*row) for row in params["choices"]]
    try:
        result = services.registrations_from_attendance(
            actor=actor,
            conference=conference,
            choices=choices,
            on_progress=progress,
            on_chunk=lambda pairs: progress.keep(created=pairs),
            done=params.get("created", ()),
        )
    except ValidationError as error:
        raise jobs.JobError(" ".join(error.messages)) from None
    # kept in the job's row for days: codes, no names
    return jobs.Report(result.report(conference.pk, names=False))
