"""The job machinery itself, with kinds of its own: a file follows its owner's access,
a double click queues one job, a job marked stopped stays stopped when its worker
finishes late, files are made in the starter's language, and a conference's files go
when a person's data is erased (core.jobs)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from plenaria.core import jobs
from plenaria.core.models import Job

pytestmark = pytest.mark.django_db

ALLOWED: set[int] = set()
RECORDED: list[int] = []


def _check(user, params):
    if user.pk not in ALLOWED:
        raise PermissionDenied("not any more")


def _record(user, params):
    RECORDED.append(user.pk)


@jobs.register("tests.words", check=_check, record=_record)
def _words(params, progress):
    progress(1, 1)
    # "Waiting" is one of the catalogue's words: the file says it in the job's language.
    return jobs.Output("words.txt", "text/plain", gettext("Waiting").encode())


@pytest.fixture
def owner(worker):
    user = get_user_model().objects.create_user("dona", password="x")
    ALLOWED.clear()
    RECORDED.clear()
    ALLOWED.add(user.pk)
    return user


def _start(owner, **extra):
    return jobs.start(owner=owner, kind="tests.words", label="Palavras", params={"n": 1}, **extra)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_file_goes_with_the_access_that_made_it(owner, worker):
    job = _start(owner)
    worker()
    client = _client(owner)
    assert client.get(reverse("job_file", args=[job.pk])).status_code == 200
    ALLOWED.clear()  # the role was taken away
    for name in ("job", "job_progress", "job_file"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name


def test_a_double_click_queues_one_job(owner):
    first = _start(owner)
    assert _start(owner) == first
    Job.objects.filter(pk=first.pk).update(status=Job.Status.RUNNING)
    assert _start(owner) == first
    # a job whose worker died is not waited for
    silent = timezone.now() - timedelta(minutes=30)
    Job.objects.filter(pk=first.pk).update(updated_at=silent)
    assert _start(owner) != first


def test_running_again_is_recorded_like_the_first_run(owner, worker):
    job = _start(owner)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)
    response = _client(owner).post(reverse("job_again", args=[job.pk]))
    assert response.status_code == 302 and [owner.pk] == RECORDED
    ALLOWED.clear()
    assert _client(owner).post(reverse("job_again", args=[job.pk])).status_code == 403
    assert [owner.pk] == RECORDED


def test_a_job_marked_stopped_stays_stopped_when_its_worker_ends_late(owner, worker, settings):
    job = _start(owner)
    real_run = jobs.KINDS["tests.words"].run

    def slow(params, progress):
        # while it runs, the job is given up for dead and run again by its owner
        late = timezone.now() - timedelta(minutes=settings.JOB_STALE_MINUTES + 1)
        Job.objects.filter(pk=job.pk).update(updated_at=late)
        jobs.tidy()
        return real_run(params, progress)

    jobs.KINDS["tests.words"] = jobs.Kind("tests.words", slow, _check, _record)
    try:
        worker()
    finally:
        jobs.KINDS["tests.words"] = jobs.Kind("tests.words", real_run, _check, _record)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.file


def test_the_file_is_made_in_the_starters_language(owner, worker):
    with translation.override("en"):
        english = _start(owner)
    Job.objects.filter(pk=english.pk).update(params={"n": 2})
    with translation.override("pt-br"):
        portuguese = _start(owner)
    worker()
    english.refresh_from_db()
    portuguese.refresh_from_db()
    assert english.file.read() == b"Waiting"
    assert portuguese.file.read() == b"Na fila"


def test_erasure_takes_the_conference_files_away(owner, worker):
    job = _start(owner, conference_key=7)
    other = jobs.start(
        owner=owner, kind="tests.words", label="x", params={"n": 3}, conference_key=8
    )
    worker()
    job.refresh_from_db()
    storage, name = job.file.storage, job.file.name
    assert jobs.expire_files_of(7) == 1
    job.refresh_from_db()
    other.refresh_from_db()
    assert job.status == Job.Status.EXPIRED and not storage.exists(name)
    assert other.status == Job.Status.DONE
