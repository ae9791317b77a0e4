"""A long list is imported in the background: the file's shape is checked when it is
sent, its rows in the job, whose page then lists every bad line (line, column, message)
and what was created. The file sent is deleted when the job is done, and a job cut off
by a restart imports the list once when it runs again."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plenaria.conftest import client_for
from plenaria.core import jobs
from plenaria.core.models import AuditEntry, Job
from plenaria.participants import services
from plenaria.participants.models import Registration
from plenaria.participants.tests.test_import import _csv

pytestmark = pytest.mark.django_db

GOOD = 2  # the valid lines of LINES


@pytest.fixture(autouse=True)
def _short_chunks(monkeypatch):
    """A "long" list of six lines: chunks of two rows, as if of IMPORT_CHUNK."""
    monkeypatch.setattr(services, "IMPORT_CHUNK", 2)  # what the view compares with
    monkeypatch.setattr(services.imports, "IMPORT_CHUNK", 2)  # the chunks saved


def _send(client, conference, data=None, mode="valid", name="lista.csv"):
    return client.post(
        reverse("participants:import", args=[conference.pk]),
        {"file": SimpleUploadedFile(name, data or _csv()), "consent": "on", "mode": mode},
    )


def test_a_long_list_is_checked_and_imported_by_the_worker(open_conference, organiser, worker):
    client = client_for(organiser)
    response = _send(client, open_conference)
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("job", args=[job.pk])
    upload = job.params[jobs.UPLOAD]
    assert default_storage.exists(upload)
    assert "529" not in str(job.params)  # ids and choices only, the CPFs are in the file
    assert not Registration.objects.exists()  # nothing before the worker runs

    assert worker() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.done == job.total
    assert Registration.objects.filter(origin="import").count() == GOOD
    assert not default_storage.exists(upload)  # gone with the job's end
    assert jobs.UPLOAD not in job.params
    bad = {row["line"]: row["problems"] for row in job.result["bad"]}
    assert set(bad) == {3, 4, 5, 6}
    assert any(column == "cpf" for column, _ in bad[3])
    assert any(column == "segmento" for column, _ in bad[5])
    assert [line for line, _code in job.result["created"]] == [2, 7]

    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "2 inscrições importadas." in page
    assert "<code>segmento</code>" in page
    assert "Maria" not in page  # the report names no one


def test_nothing_is_imported_when_the_organiser_chose_so_and_a_line_is_bad(
    open_conference, organiser, worker
):
    client = client_for(organiser)
    _send(client, open_conference, mode="all")
    assert worker() == 1
    job = Job.objects.get()
    assert job.status == Job.Status.DONE
    assert not Registration.objects.exists()
    assert len(job.result["bad"]) == 4 and job.result["created"] == []
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Nada foi importado: 4 linhas têm erros." in page


def test_a_bad_file_is_refused_at_the_field_at_once(open_conference, organiser):
    client = client_for(organiser)
    no_columns = "\n".join(["nome;telefone", *["Ana;38999991234"] * 5]).encode()
    response = _send(client, open_conference, no_columns)
    assert response.status_code == 200
    assert "Faltam as colunas: segmento, categoria." in str(response.context["form"].errors["file"])
    response = _send(client, open_conference, b"not a zip", name="lista.xlsx")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Job.objects.exists()


def test_a_short_list_keeps_its_preview_in_the_request(open_conference, organiser, monkeypatch):
    monkeypatch.setattr(services, "IMPORT_CHUNK", 200)
    monkeypatch.setattr(services.imports, "IMPORT_CHUNK", 200)
    response = _send(client_for(organiser), open_conference)
    assert response.status_code == 200 and response.context["good"] == GOOD
    assert not Job.objects.exists()


def test_a_job_cut_off_by_a_restart_imports_the_list_once_when_run_again(
    open_conference, organiser, worker, monkeypatch
):
    """The worker dies after the first chunk was committed: the job's row knows which
    registrations it made, and running it again removes them before importing."""
    lines = [
        f"Pessoa {i};;(38) 9{i:04d}-1234;;;;;;;usuario;;convidado;;" for i in range(1000, 1005)
    ]
    client = client_for(organiser)
    _send(client, open_conference, _csv(lines))
    job = Job.objects.get()
    real_row = services.imports._import_row
    calls = []

    def dies_on_the_third_row(*args):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the process is killed: nothing after runs
        return real_row(*args)

    monkeypatch.setattr(services.imports, "_import_row", dies_on_the_third_row)
    with pytest.raises(KeyboardInterrupt):
        jobs.run_job.call(job.pk)
    monkeypatch.setattr(services.imports, "_import_row", real_row)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert len(job.params["created"]) == 2 == Registration.objects.count()

    jobs.tidy(now=timezone.now() + timedelta(hours=1))  # silent for too long: failed
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert default_storage.exists(job.params[jobs.UPLOAD])  # kept for the run again
    again = client.post(reverse("job_again", args=[job.pk]))
    rerun = Job.objects.exclude(pk=job.pk).get()
    assert again["Location"] == reverse("job", args=[rerun.pk])
    worker()
    rerun.refresh_from_db()
    assert rerun.status == Job.Status.DONE, rerun.error
    assert Registration.objects.count() == 5  # once, not 7
    assert AuditEntry.objects.filter(action="delete").count() == 2

    # a finished import is not run again
    client.post(reverse("job_again", args=[rerun.pk]))
    assert Job.objects.count() == 2


def test_a_file_no_longer_kept_asks_to_send_it_again(open_conference, organiser, worker):
    _send(client_for(organiser), open_conference)
    job = Job.objects.get()
    default_storage.delete(job.params[jobs.UPLOAD])
    worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "envie-o de novo" in job.error


def test_a_failed_jobs_file_is_deleted_by_tidy_after_a_while(open_conference, organiser, worker):
    _send(client_for(organiser), open_conference)
    job = Job.objects.get()
    upload = job.params[jobs.UPLOAD]
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, finished_at=timezone.now())
    jobs.tidy()
    assert default_storage.exists(upload)
    jobs.tidy(now=timezone.now() + timedelta(hours=25))
    assert not default_storage.exists(upload)
