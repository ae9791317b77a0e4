"""A background job's pages, for the person who started it only: anyone else gets 404
(they need not know it exists)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from plenaria.core import jobs
from plenaria.core.models import Job


def _own_job(user, pk: int, *, still_allowed: bool = True) -> Job:
    """The user's own job, while they may still run it: a role taken away takes its
    files away too."""
    job = get_object_or_404(Job, pk=pk, owner=user)
    if still_allowed and not jobs.may_have(user, job):
        raise Http404
    return job


def _context(job: Job) -> dict:
    now = timezone.now()
    stale = jobs.is_stale(job, now)
    waiting_long = job.status == Job.Status.QUEUED and (now - job.created_at).total_seconds() > 60
    return {
        "job": job,
        "stale": stale,
        "failed": job.status == Job.Status.FAILED or stale,
        "error": jobs.stopped_message() if stale else job.error,
        "going": job.status in (Job.Status.QUEUED, Job.Status.RUNNING) and not stale,
        "waiting_long": waiting_long,
        "percent": round(100 * job.done / job.total) if job.total else 0,
        "result_template": kind.result_template if (kind := jobs.KINDS.get(job.kind)) else "",
    }


@login_required
@require_GET
def job_page(request, pk: int):
    job = _own_job(request.user, pk)
    return render(request, "core/job.html", _context(job))


@login_required
@require_GET
def job_progress(request, pk: int):
    """The progress partial the job's page polls (htmx) until the job ends."""
    job = _own_job(request.user, pk)
    return render(request, "core/_job_progress.html", _context(job))


@login_required
@require_GET
def job_file(request, pk: int):
    job = _own_job(request.user, pk)
    if job.status != Job.Status.DONE or not job.file:
        if job.status == Job.Status.EXPIRED:
            return redirect("job", pk=job.pk)
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file_name,
        content_type=job.content_type,
    )


@login_required
@require_POST
def job_again(request, pk: int):
    """Runs a failed or expired job once more, as a new job of the same owner (who is
    told why, with the kind's 403, when they no longer may)."""
    job = _own_job(request.user, pk, still_allowed=False)
    if job.status in (Job.Status.QUEUED, Job.Status.DONE) or (
        job.status == Job.Status.RUNNING and not jobs.is_stale(job)
    ):
        return redirect("job", pk=job.pk)
    again = jobs.start_again(job=job, actor=request.user)
    return redirect("job", pk=again.pk)
