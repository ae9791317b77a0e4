"""Background jobs a person follows: a kind of job makes a file, the worker runs it, its
owner watches the progress and downloads the file (docs/architecture.md, Background jobs).

An app registers a kind in its own ``jobs`` module (found by CoreConfig.ready)::

    @jobs.register("participants.badges", check=may_print)
    def badges(params: dict, progress: jobs.Progress) -> jobs.Output: ...

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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
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
class Kind:
    name: str
    run: Callable[[dict, Progress], Output]
    check: Callable[[object, dict], object]
    record: Callable[[object, dict], object] | None = None


KINDS: dict[str, Kind] = {}


def register(
    name: str,
    *,
    check: Callable[[object, dict], object],
    record: Callable[[object, dict], object] | None = None,
):
    def decorator(run: Callable[[dict, Progress], Output]):
        KINDS[name] = Kind(name=name, run=run, check=check, record=record)
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
    *, owner, kind: str, label: str, params: dict, conference_key: object = "", total: int = 0
) -> Job:
    """A new job for ``owner``, queued for the worker. The caller has checked that the
    owner may run it. The same job of the same owner already waiting or running is
    returned instead of a second one (a double click queues one job). Tidies expired
    jobs on the way (see ``tidy``)."""
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
    if pending is not None:
        return pending
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


def _reporter(job_pk: int) -> Progress:
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and done < total:
            return
        last[0] = now
        Job.objects.filter(pk=job_pk).update(
            done=min(done, total), total=total, updated_at=timezone.now()
        )

    return progress


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
        output = KINDS[job.kind].run(job.params, _reporter(job.pk))
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
    job.refresh_from_db(fields=["done", "total"])
    job.file.save(output.name, ContentFile(output.data), save=False)
    now = timezone.now()
    total = max(job.total, job.done)
    # Only a job still running is finished: one that was marked stopped (and perhaps run
    # again by its owner) stays failed, and its late file is thrown away.
    finished = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        file=job.file.name,
        file_name=output.name,
        content_type=output.content_type,
        status=Job.Status.DONE,
        done=total,
        total=total,
        finished_at=now,
        expires_at=now + timedelta(hours=settings.JOB_FILE_HOURS),
        updated_at=now,
    )
    if not finished:
        _delete_file(job)
        return "late"
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
    expired = 0
    for job in Job.objects.filter(status=Job.Status.DONE, expires_at__lte=now).only("file"):
        _delete_file(job)
        Job.objects.filter(pk=job.pk).update(status=Job.Status.EXPIRED, file="")
        expired += 1
    stopped = Job.objects.filter(
        status=Job.Status.RUNNING, updated_at__lt=stale_before(now)
    ).update(status=Job.Status.FAILED, error=stopped_message(), finished_at=now)
    old = Job.objects.filter(created_at__lt=now - timedelta(days=KEEP_ROWS_DAYS))
    for job in old.exclude(file="").only("file"):
        _delete_file(job)
    deleted, _by_model = old.delete()
    return {"expired": expired, "stopped": stopped, "deleted": deleted}


def expire_files_of(conference_key: object) -> int:
    """Deletes the files already made for one conference (a person's data was erased:
    a list or certificate made before must not keep their name)."""
    done = Job.objects.filter(conference_key=str(conference_key), status=Job.Status.DONE)
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


def recent_of(user, conference_key: object, limit: int = 5) -> Iterable[Job]:
    """The user's latest jobs of one conference, for the page they started them from."""
    return Job.objects.filter(owner=user, conference_key=str(conference_key))[:limit]
