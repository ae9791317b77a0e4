"""What the worker holds of people follows the rules of the data it came from: running
a document again is recorded like the first run, and erasing a person takes away the
files already made for the conference and the e-mails still waiting for them."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry, Job, OutgoingEmail
from plenaria.participants import services
from plenaria.participants.models import Registration

pytestmark = pytest.mark.django_db


def _exports() -> int:
    return AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count()


def test_running_badges_again_is_recorded_as_another_export(
    open_conference, organiser, registered, worker
):
    client = client_for(organiser)
    client.post(reverse("participants:badges", args=[open_conference.pk]))
    job = Job.objects.get()
    assert _exports() == 1
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="x")
    client.post(reverse("job_again", args=[job.pk]))
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).latest("pk")
    assert _exports() == 2
    assert entry.changes == {"document": [None, "badges"], "people": [None, 5]}


def test_erasing_a_person_takes_the_conference_files_and_waiting_mail_away(
    open_conference, organiser, registered, worker, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "plenaria.core.mail.QueuedEmailBackend"
    client = client_for(organiser)
    client.post(reverse("participants:badges", args=[open_conference.pk]))
    worker()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE
    person = registered[0]
    Registration.objects.filter(pk=person.pk).update(email="joana@exemplo.org")
    with django_capture_on_commit_callbacks(execute=False):
        services.send_confirmation(person.pk)  # still waiting for the worker
    assert OutgoingEmail.objects.count() == 1

    services.person_erase(actor=organiser, registration=person)
    job.refresh_from_db()
    assert job.status == Job.Status.EXPIRED and not job.file
    assert not OutgoingEmail.objects.exists()
    assert client.get(reverse("job_file", args=[job.pk])).status_code == 302  # to its page
