"""Outgoing e-mail through the task queue: the request writes the message down, the
worker sends it. A slow or unreachable mail server then costs the worker time, never
a person's request, and a message is not sent when the transaction that wrote it is
rolled back.

The message waits in an ``OutgoingEmail`` row, not in the task's arguments: the row is
deleted once sent, and erasure deletes what still waits for a person (``forget``), so
no address, name or code stays behind in the task queue's table (docs/security.md)."""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from plenaria.core.models import OutgoingEmail

logger = logging.getLogger(__name__)

# E-mails go before files: a confirmation is not kept waiting behind a minute of badges.
MAIL_PRIORITY = 50
# A message the mail server refused is kept this long for the administrator to see.
KEEP_FAILED_DAYS = 7


def message_data(message) -> dict:
    """The message as JSON-friendly data: what the task's row can hold."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype or ""])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(c), m] for c, m in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype or None)
    return message


@task(priority=MAIL_PRIORITY)
def send_email(email_pk: int) -> str:
    """Sends one waiting message with the real backend (PLENARIA_EMAIL_BACKEND, which
    gives up after EMAIL_TIMEOUT), then deletes it. A failure is logged and kept on the
    row by its exception's class only; it is not raised, because the task queue would
    store the server's message, and that often quotes the address."""
    email = OutgoingEmail.objects.filter(pk=email_pk).first()
    if email is None:
        return "gone"  # erased before the worker got to it
    connection = get_connection(settings.PLENARIA_EMAIL_BACKEND, fail_silently=False)
    try:
        connection.send_messages([message_from(email.data)])
    except Exception as error:  # noqa: BLE001 - any failure of the server is the same to us
        logger.exception("could not send e-mail %s", email.pk)
        email.error = type(error).__name__[:200]
        email.failed_at = timezone.now()
        email.save(update_fields=["error", "failed_at"])
        return "failed"
    email.delete()
    return "sent"


def forget(addresses) -> int:
    """Deletes the messages still waiting for any of these addresses (erasure)."""
    wanted = {address.strip().lower() for address in addresses if address and address.strip()}
    if not wanted:
        return 0
    pks = [
        email.pk
        for email in OutgoingEmail.objects.only("recipients")
        if wanted & set(email.recipients.split("\n"))
    ]
    deleted, _by_model = OutgoingEmail.objects.filter(pk__in=pks).delete()
    return deleted


def tidy(now=None) -> int:
    """Deletes the failed messages older than KEEP_FAILED_DAYS."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=KEEP_FAILED_DAYS)
    deleted, _by_model = OutgoingEmail.objects.filter(failed_at__lt=cutoff).delete()
    return deleted


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND of the project: each message is written down in the current
    transaction (so a rollback takes it back) and its task is enqueued once that
    transaction commits."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            email = OutgoingEmail.objects.create(
                recipients="\n".join(sorted({r.lower() for r in message.recipients()})),
                data=message_data(message),
            )
            transaction.on_commit(lambda pk=email.pk: send_email.enqueue(pk))
            count += 1
        return count


@checks.register(checks.Tags.compatibility)
def email_goes_through_the_queue(app_configs=None, **kwargs):
    """A deployment that set EMAIL_BACKEND (as an older README said) would send inside
    the request again, and keep no outbox erasure could clean: warn at start."""
    backend = "plenaria.core.mail.QueuedEmailBackend"
    if settings.DEBUG or backend == settings.EMAIL_BACKEND:
        return []
    return [
        checks.Warning(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND!r}: e-mails are sent inside the "
            "request, not by the worker.",
            hint="Unset EMAIL_BACKEND and set PLENARIA_EMAIL_BACKEND to the real backend.",
            id="plenaria.W001",
        )
    ]
