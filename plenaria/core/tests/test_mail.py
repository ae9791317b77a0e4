"""Outgoing e-mail goes through the task queue: the request writes the message down,
the worker sends it with the real backend (core.mail). Nothing of the message stays
behind once it is sent, or once its person is erased."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from plenaria.conftest import run_queued_tasks
from plenaria.core import mail as core_mail
from plenaria.core.mail import message_data, message_from
from plenaria.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = "plenaria.core.mail.QueuedEmailBackend"
    settings.PLENARIA_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Inscrição confirmada",
        body="Seu código: ABCD2345",
        from_email="Plenária <nao-responda@plenaria.local>",
        to=["joana@exemplo.org"],
        reply_to=["cmas@exemplo.org"],
        headers={"X-Conferencia": "12"},
    )
    message.attach_alternative("<p>Seu código: <b>ABCD2345</b></p>", "text/html")
    message.attach("inscricao.png", b"\x89PNG\r\n\x1a\n\x00binary", "image/png")
    return message


def test_the_request_only_queues_and_the_worker_sends_it(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _message().send() == 1
    assert mail.outbox == []  # nothing left the request
    task = DBTaskResult.objects.get()
    assert task.task_path == "plenaria.core.mail.send_email" and task.status == "READY"
    assert task.priority == core_mail.MAIL_PRIORITY  # before any file the worker makes

    assert run_queued_tasks() == 1  # the real database worker
    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL"
    # the queue's row holds an id, the message's own row is gone once sent
    assert "joana" not in str(task.args_kwargs) and "ABCD2345" not in str(task.args_kwargs)
    assert not OutgoingEmail.objects.exists()
    [sent] = mail.outbox
    assert sent.subject == "Inscrição confirmada" and sent.to == ["joana@exemplo.org"]
    assert sent.reply_to == ["cmas@exemplo.org"] and sent.extra_headers["X-Conferencia"] == "12"
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments == [("inscricao.png", b"\x89PNG\r\n\x1a\n\x00binary", "image/png")]


def test_a_rolled_back_transaction_sends_nothing(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        EmailMessage("x", "y", to=["a@exemplo.org"]).send()
        transaction.set_rollback(True)
    assert not DBTaskResult.objects.exists() and not OutgoingEmail.objects.exists()
    assert run_queued_tasks() == 0 and mail.outbox == []


def test_a_failing_mail_server_fails_the_task_not_the_request_and_is_waited_for_10_s(
    queued, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail.backends import smtp

    waited = []

    def refused(host, port, **kwargs):
        waited.append(kwargs.get("timeout"))
        raise ConnectionRefusedError("nothing listens there")

    monkeypatch.setattr(smtp.EmailBackend, "connection_class", staticmethod(refused))
    settings.PLENARIA_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert EmailMessage("x", "y", to=["a@exemplo.org"]).send() == 1
    run_queued_tasks()
    task = DBTaskResult.objects.get()
    # the server's words (which often quote the address) stay out of the queue's row
    assert task.return_value == "failed" and "a@exemplo.org" not in str(task.__dict__)
    kept = OutgoingEmail.objects.get()
    assert kept.error == "ConnectionRefusedError" and kept.failed_at is not None
    assert waited == [settings.EMAIL_TIMEOUT] and settings.EMAIL_TIMEOUT == 10


def test_a_failed_message_is_deleted_after_a_week(queued, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage("x", "y", to=["a@exemplo.org"]).send()
    now = timezone.now()
    OutgoingEmail.objects.update(failed_at=now - timedelta(days=6), error="SMTPException")
    assert core_mail.tidy(now) == 0
    assert core_mail.tidy(now + timedelta(days=2)) == 1


def test_erasure_forgets_what_still_waits_for_the_address(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage("x", "y", to=["Joana@Exemplo.org"]).send()
        EmailMessage("x", "y", to=["outra@exemplo.org"]).send()
    assert core_mail.forget(["joana@exemplo.org ", ""]) == 1
    assert run_queued_tasks() == 2  # the erased one's task finds nothing to send
    assert [m.to for m in mail.outbox] == [["outra@exemplo.org"]]
    assert not OutgoingEmail.objects.exists()


def test_the_message_survives_the_trip_through_json():
    import json

    data = json.loads(json.dumps(message_data(_message())))
    again = message_from(data)
    assert message_data(again) == message_data(_message())


def test_a_deployment_that_bypasses_the_queue_is_warned(settings):
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    [warning] = core_mail.email_goes_through_the_queue()
    assert warning.id == "plenaria.W001"
    settings.EMAIL_BACKEND = "plenaria.core.mail.QueuedEmailBackend"
    assert core_mail.email_goes_through_the_queue() == []
