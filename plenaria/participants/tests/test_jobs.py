"""Background jobs, through the badges: only their owner sees them, the worker makes the
file and reports progress, a failure says why and runs again, files expire, and a job
whose worker died does not stay "running" forever."""

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plenaria.conftest import client_for, make_council_member
from plenaria.core import jobs
from plenaria.core.models import Job
from plenaria.participants import documents, services
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(open_conference, organiser, registered):
    """The organiser's badges job, queued (the worker has not run yet)."""
    response = client_for(organiser).post(reverse("participants:badges", args=[open_conference.pk]))
    assert response.status_code == 302
    return Job.objects.get()


def _routes(job):
    return [
        ("get", reverse("job", args=[job.pk])),
        ("get", reverse("job_progress", args=[job.pk])),
        ("get", reverse("job_file", args=[job.pk])),
        ("post", reverse("job_again", args=[job.pk])),
    ]


def test_another_organiser_of_the_same_conference_does_not_find_your_job(
    started, montes_claros, worker, admin_user
):
    worker()
    colleague = make_council_member(montes_claros.council, organiser=True)
    for who in (colleague, admin_user):
        client = client_for(who)
        # the colleague may print the same badges, but not fetch this person's file
        for method, url in _routes(started):
            assert getattr(client, method)(url).status_code == 404, (who, url)
    assert Job.objects.count() == 1


def test_the_progress_polls_while_the_job_runs_and_stops_when_it_is_done(
    started, organiser, worker
):
    client = client_for(organiser)
    url = reverse("job_progress", args=[started.pk])
    queued = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in queued and "Aguardando a vez" in queued
    Job.objects.filter(pk=started.pk).update(status=Job.Status.RUNNING, done=2)
    running = client.get(url).content.decode()
    assert '<progress id="job-bar"' in running and 'max="5" value="2"' in running
    assert "2 de 5" in running and 'for="job-bar"' in running
    Job.objects.filter(pk=started.pk).update(status=Job.Status.QUEUED, done=0)
    assert worker() == 1
    done = client.get(url).content.decode()
    assert "hx-trigger" not in done and "Seu arquivo está pronto" in done
    assert reverse("job_file", args=[started.pk]) in done
    page = client.get(reverse("job", args=[started.pk])).content.decode()
    assert "Crachás — " in page and "Seu arquivo está pronto" in page


def test_the_job_reports_progress_as_it_draws_the_badges(started, worker, monkeypatch):
    seen = []
    real = jobs.Reporter.__call__

    def spy(self, done, total):
        seen.append((done, total))
        real(self, done, total)

    monkeypatch.setattr(jobs.Reporter, "__call__", spy)
    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 0)
    worker()
    assert seen == [(5, 5)]  # every 25 badges and the last one
    started.refresh_from_db()
    assert (started.done, started.total, started.status) == (5, 5, Job.Status.DONE)


def test_a_job_with_nothing_left_to_print_says_why(started, organiser, registered, worker):
    for registration in registered:
        services.registration_cancel(actor=organiser, registration=registration)
    worker()
    started.refresh_from_db()
    assert started.status == Job.Status.FAILED
    assert started.error == "Nenhuma inscrição confirmada para imprimir."
    page = client_for(organiser).get(reverse("job", args=[started.pk])).content.decode()
    assert "Falhou: Nenhuma inscrição confirmada" in page and "Gerar de novo" in page


def test_an_unexpected_failure_logs_the_traceback_shows_a_message_and_runs_again(
    started, organiser, worker, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("Pango exploded at line 42")

    monkeypatch.setattr(documents, "badges_pdf", broken)
    with caplog.at_level(logging.ERROR, logger="plenaria.core.jobs"):
        worker()
    started.refresh_from_db()
    assert started.status == Job.Status.FAILED and not started.file
    assert "Pango exploded" in caplog.text and "Traceback" in caplog.text
    client = client_for(organiser)
    page = client.get(reverse("job", args=[started.pk])).content.decode()
    assert "Não foi possível gerar o arquivo" in page
    assert "Pango" not in page and "Traceback" not in page
    assert client.get(reverse("job_file", args=[started.pk])).status_code == 404

    monkeypatch.undo()
    again = client.post(reverse("job_again", args=[started.pk]))
    retried = Job.objects.exclude(pk=started.pk).get()
    assert again["Location"] == reverse("job", args=[retried.pk])
    assert (retried.owner, retried.params, retried.status) == (
        organiser,
        started.params,
        Job.Status.QUEUED,
    )
    worker()
    retried.refresh_from_db()
    assert retried.status == Job.Status.DONE and retried.file


def test_running_again_needs_the_permission_still(started, organiser, open_conference):
    Job.objects.filter(pk=started.pk).update(status=Job.Status.FAILED, error="x")
    open_conference.municipality.council.members.filter(user=organiser).update(is_organiser=False)
    response = client_for(organiser).post(reverse("job_again", args=[started.pk]))
    assert response.status_code == 403
    assert Job.objects.count() == 1


def test_a_job_that_is_not_finished_is_not_run_again(started, organiser):
    response = client_for(organiser).post(reverse("job_again", args=[started.pk]))
    assert response["Location"] == reverse("job", args=[started.pk])
    assert Job.objects.count() == 1


def test_a_task_delivered_twice_makes_one_file(started, worker):
    worker()
    started.refresh_from_db()
    name = started.file.name
    assert jobs.run_job.call(started.pk) == "skipped"
    started.refresh_from_db()
    assert started.file.name == name


def test_finished_files_expire_and_can_be_made_again(started, organiser, worker, settings):
    worker()
    started.refresh_from_db()
    storage, name = started.file.storage, started.file.name
    assert storage.exists(name)
    assert started.expires_at - started.finished_at == timedelta(hours=settings.JOB_FILE_HOURS)
    assert jobs.tidy()["expired"] == 0  # not yet

    counts = jobs.tidy(now=started.expires_at + timedelta(seconds=1))
    assert counts["expired"] == 1
    started.refresh_from_db()
    assert started.status == Job.Status.EXPIRED and not started.file
    assert not storage.exists(name)
    client = client_for(organiser)
    download = client.get(reverse("job_file", args=[started.pk]))
    assert download["Location"] == reverse("job", args=[started.pk])
    page = client.get(reverse("job", args=[started.pk])).content.decode()
    assert "Este arquivo expirou" in page and "Gerar de novo" in page
    assert client.post(reverse("job_again", args=[started.pk])).status_code == 302
    assert Job.objects.filter(status=Job.Status.QUEUED).count() == 1


def test_the_command_and_every_new_job_tidy_up(started, organiser, worker, open_conference):
    from django.core.management import call_command

    worker()
    Job.objects.filter(pk=started.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client_for(organiser).post(reverse("participants:badges", args=[open_conference.pk]))
    started.refresh_from_db()
    assert started.status == Job.Status.EXPIRED
    old = timezone.now() - timedelta(days=jobs.KEEP_ROWS_DAYS + 1)
    Job.objects.filter(pk=started.pk).update(created_at=old)
    call_command("expire_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Job.objects.filter(pk=started.pk).exists()


def test_a_job_whose_worker_died_is_shown_as_failed_and_runs_again(started, organiser, settings):
    # The worker claimed it, then was killed: nothing will report progress any more.
    silent = timezone.now() - timedelta(minutes=settings.JOB_STALE_MINUTES + 1)
    Job.objects.filter(pk=started.pk).update(status=Job.Status.RUNNING, updated_at=silent)
    client = client_for(organiser)
    partial = client.get(reverse("job_progress", args=[started.pk])).content.decode()
    assert "hx-trigger" not in partial
    assert "O processamento parou" in partial and "Gerar de novo" in partial
    assert jobs.tidy()["stopped"] == 1
    started.refresh_from_db()
    assert started.status == Job.Status.FAILED
    assert client.post(reverse("job_again", args=[started.pk])).status_code == 302
    assert Job.objects.filter(status=Job.Status.QUEUED).count() == 1


def test_a_running_job_that_reports_progress_is_not_stale(started, organiser):
    Job.objects.filter(pk=started.pk).update(status=Job.Status.RUNNING)
    assert jobs.tidy()["stopped"] == 0
    response = client_for(organiser).post(reverse("job_again", args=[started.pk]))
    assert response["Location"] == reverse("job", args=[started.pk])


def test_starting_badges_for_many_people_costs_the_same_queries_as_for_few(
    open_conference, organiser, registered, django_assert_max_num_queries
):
    from plenaria.participants.models import Registration

    client = client_for(organiser)
    url = reverse("participants:badges", args=[open_conference.pk])
    with django_assert_max_num_queries(25) as few:
        client.post(url)
    Job.objects.update(status=Job.Status.DONE)  # or the same job would be given back
    for i in range(40):
        services.registration_create(
            actor=None,
            conference=open_conference,
            origin=Registration.Origin.ONLINE,
            person_data=person_data(cpf=None, name=f"Pessoa {i}", phone=f"389800{i:05d}", email=""),
            data=registration_data(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.post(url)
    assert Job.objects.order_by("-pk").first().total == 45
