"""Background jobs a person follows: a kind of job makes a file, the worker runs it, its
owner watches the progress and downloads the file (docs/architecture.md, Background jobs).

An app registers a kind in its own ``jobs`` module (found by CoreConfig.ready)::

    @jobs.register("participants.badges", check=may_print)
    def badges(params: dict, progress: jobs.Progress) -> jobs.Output: ...

A kind may return a ``Report`` instead of a file: its data are shown on the job's page by
the kind's ``result_template``. A kind may take an upload (``start(upload=…)``): the file
is kept apart, read with ``read_upload(params)`` and deleted when the job ends (see
``_end_upload``).

``check(user, params)`` raises Http404 or PermissionDenied when the user may not run it:
the view that starts a job checks before calling ``start``; running a job again and
fetching its file check again (a role taken away takes the file away too).
``record(user, params)``, when given, writes what starting the job means for the
history (an export of people's data): the view calls it on the first run, ``start_again``
on every other. The kind's function receives the ids in ``params`` only, reloads what it
needs, calls ``progress(done, total)`` as it goes and returns the file. A ``JobError``
is a message for the person; any other exception is logged with its traceback and the
person reads a general message.
"""

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from plenaria.core.models import Job

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# Progress is written at most this often (seconds): each report is one UPDATE.
PROGRESS_INTERVAL = 0.5
# Files a job was started with (an import's spreadsheet): the params key and the folder.
UPLOAD = "upload"
UPLOADS = "jobs/uploads"
# Job rows (their files long gone) are kept this long for their owners' history.
KEEP_ROWS_DAYS = 30


class JobError(Exception):
    """A failure the person can act on; its message is shown to them as it is."""


@dataclass(frozen=True)
class Output:
    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Report:
    """What a job found and did, shown on its page (no file to download)."""

    data: dict


@dataclass(frozen=True)
class Kind:
    name: str
    run: Callable[[dict, Progress], Output | Report]
    check: Callable[[object, dict], object]
    record: Callable[[object, dict], object] | None = None
    result_template: str = ""


KINDS: dict[str, Kind] = {}


def register(
    name: str,
    *,
    check: Callable[[object, dict], object],
    record: Callable[[object, dict], object] | None = None,
    result_template: str = "",
):
    def decorator(run: Callable[[dict, Progress], Output | Report]):
        KINDS[name] = Kind(
            name=name, run=run, check=check, record=record, result_template=result_template
        )
        return run

    return decorator


def may_have(user, job: Job) -> bool:
    """Whether the job's owner may still run it, so still see its file."""
    try:
        KINDS[job.kind].check(user, job.params)
    except (PermissionDenied, Http404):
        return False
    return True


def counted(items: list, progress: Progress | None, every: int = 25) -> Iterator:
    """The items, reporting ``progress(done, total)`` every ``every`` items and at the end."""
    total = len(items)
    for done, item in enumerate(items, start=1):
        yield item
        if progress and (done % every == 0 or done == total):
            progress(done, total)


# --- starting, running again ---------------------------------------------------------


def start(
    *,
    owner,
    kind: str,
    label: str,
    params: dict,
    conference_key: object = "",
    total: int = 0,
    upload: bytes | None = None,
) -> Job:
    """A new job for ``owner``, queued for the worker. The caller has checked that the
    owner may run it. ``upload`` is a file the job reads (``read_upload``). The same job
    of the same owner already waiting or running is returned instead of a second one (a
    double click queues one job). Tidies expired jobs on the way (see ``tidy``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    tidy()
    pending = (
        Job.objects.filter(owner=owner, kind=kind, params=params)
        .filter(
            Q(status=Job.Status.QUEUED)
            | Q(status=Job.Status.RUNNING, updated_at__gte=stale_before())
        )
        .first()
    )
    if pending is not None and upload is None:
        return pending
    if upload is not None:
        # A random name under a folder no URL serves: only the job reads it.
        params = {
            **params,
            UPLOAD: default_storage.save(f"{UPLOADS}/{uuid.uuid4().hex}", ContentFile(upload)),
        }
    job = Job(
        owner=owner,
        kind=kind,
        label=label[:200],
        params=params,
        conference_key=str(conference_key),
        total=total,
        language=translation.get_language() or "",
    )
    job.full_clean()
    with transaction.atomic():
        job.save()
        # The task's row is written in the same transaction: a worker sees both or neither.
        run_job.enqueue(job.pk)
    return job


def start_again(*, job: Job, actor) -> Job:
    """The same job once more (after a failure, or when its file expired), if its owner
    still may run it."""
    kind = KINDS[job.kind]
    kind.check(actor, job.params)
    if kind.record:
        kind.record(actor, job.params)
    return start(
        owner=actor,
        kind=job.kind,
        label=job.label,
        params=job.params,
        conference_key=job.conference_key,
    )


# --- the worker's side ---------------------------------------------------------------


class Reporter:
    """The ``progress`` a kind receives: ``progress(done, total)``, written at most every
    PROGRESS_INTERVAL, and ``progress.keep(**state)``, which adds to the job's params at
    once, in the caller's transaction: a run cut off by a restart leaves there what it
    had committed, and running the job again starts from those params."""

    def __init__(self, job_pk: int, params: dict):
        self.job_pk = job_pk
        self.params = dict(params)
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL and done < total:
            return
        self.last = now
        Job.objects.filter(pk=self.job_pk).update(
            done=min(done, total), total=total, updated_at=timezone.now()
        )

    def keep(self, **state) -> None:
        self.params.update(state)
        Job.objects.filter(pk=self.job_pk).update(params=self.params, updated_at=timezone.now())


def read_upload(params: dict) -> bytes:
    """The file the job was started with."""
    name = params.get(UPLOAD)
    if not name or not default_storage.exists(name):
        raise JobError(
            _("The file sent is no longer kept (it is deleted soon after): send it again.")
        )
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def _end_upload(job: Job) -> None:
    """The upload goes once the job has done its work; a failed job keeps it for a run
    again until ``tidy`` deletes it (JOB_FILE_HOURS after the failure)."""
    name = job.params.get(UPLOAD)
    if name:
        default_storage.delete(name)
        params = {k: v for k, v in job.params.items() if k != UPLOAD}
        Job.objects.filter(pk=job.pk).update(params=params)


@task()
def run_job(job_pk: int) -> str:
    """Runs one queued job (the worker calls it). A job that is no longer queued (run,
    or deleted) is left alone, so a task delivered twice makes one file."""
    claimed = Job.objects.filter(pk=job_pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_pk)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return _run(job)


def _run(job: Job) -> str:
    try:
        output = KINDS[job.kind].run(job.params, Reporter(job.pk, job.params))
    except JobError as error:
        _fail(job, str(error))
        return "failed"
    except Exception:
        # The traceback goes to the log, never to the page.
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(
            job,
            _(
                "The file could not be made. Try again; if it fails again, tell the "
                "system's administrator."
            ),
        )
        return "failed"
    job.refresh_from_db(fields=["done", "total", "params"])
    now = timezone.now()
    total = max(job.total, job.done)
    finish = {"status": Job.Status.DONE, "done": total, "total": total, "finished_at": now}
    if isinstance(output, Report):
        finish["result"] = output.data  # no file: nothing expires but the row (KEEP_ROWS_DAYS)
    else:
        job.file.save(output.name, ContentFile(output.data), save=False)
        finish.update(
            file=job.file.name,
            file_name=output.name,
            content_type=output.content_type,
            expires_at=now + timedelta(hours=settings.JOB_FILE_HOURS),
        )
    # Only a job still running is finished: one that was marked stopped (and perhaps run
    # again by its owner) stays failed, and its late file is thrown away.
    finished = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        updated_at=now, **finish
    )
    if not finished:
        _delete_file(job)
        return "late"
    _end_upload(job)
    return "done"


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, error=message, finished_at=timezone.now()
    )


# --- expiry --------------------------------------------------------------------------


def stale_before(now=None):
    return (now or timezone.now()) - timedelta(minutes=settings.JOB_STALE_MINUTES)


def is_stale(job: Job, now=None) -> bool:
    """Running, but silent for longer than any progress report takes: its worker was
    killed or restarted in the middle, and nothing will finish it."""
    return job.status == Job.Status.RUNNING and job.updated_at < stale_before(now)


def stopped_message() -> str:
    return _("The worker stopped while making this file (a restart?). Run it again.")


def tidy(now=None) -> dict[str, int]:
    """Deletes the files of finished jobs past their expiry, marks jobs whose worker
    died as failed, and deletes job rows older than KEEP_ROWS_DAYS. Runs when a job is
    started and by ``manage.py expire_jobs``."""
    now = now or timezone.now()
    expired = _expire(Job.objects.filter(status=Job.Status.DONE, expires_at__lte=now))
    stopped = Job.objects.filter(
        status=Job.Status.RUNNING, updated_at__lt=stale_before(now)
    ).update(status=Job.Status.FAILED, error=stopped_message(), finished_at=now)
    for job in Job.objects.filter(
        status=Job.Status.FAILED,
        finished_at__lte=now - timedelta(hours=settings.JOB_FILE_HOURS),
        params__has_key=UPLOAD,
    ):
        _end_upload(job)
    old = Job.objects.filter(created_at__lt=now - timedelta(days=KEEP_ROWS_DAYS))
    for job in old.exclude(file="").only("file"):
        _delete_file(job)
    for job in old.filter(params__has_key=UPLOAD):
        _end_upload(job)
    deleted, _by_model = old.delete()
    return {"expired": expired, "stopped": stopped, "deleted": deleted}


def expire_files_of(conference_key: object) -> int:
    """Deletes the files already made for one conference (a person's data was erased:
    a list or certificate made before must not keep their name)."""
    return _expire(
        Job.objects.filter(conference_key=str(conference_key), status=Job.Status.DONE).exclude(
            file=""
        )
    )


def _expire(done) -> int:
    """Deletes the files of these finished jobs and marks them expired."""
    expired = 0
    for job in done.only("file"):
        _delete_file(job)
        expired += Job.objects.filter(pk=job.pk, status=Job.Status.DONE).update(
            status=Job.Status.EXPIRED, file=""
        )
    return expired


def _delete_file(job: Job) -> None:
    if job.file:
        job.file.storage.delete(job.file.name)


# --- reads ---------------------------------------------------------------------------


def recent_of(user, conference_key: object, limit: int = 5, kind: str = "") -> Iterable[Job]:
    """The user's latest jobs of one conference (of one kind), for the page they started
    them from."""
    jobs = Job.objects.filter(owner=user, conference_key=str(conference_key))
    return (jobs.filter(kind=kind) if kind else jobs)[:limit]
