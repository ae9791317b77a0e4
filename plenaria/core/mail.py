"""Outgoing e-mail through the task queue: the request writes the message down, the
worker sends it. A slow or unreachable mail server then costs the worker time, never
a person's request, and a message is not sent when the transaction that wrote it is
rolled back."""

import base64
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)


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


@task()
def send_email(data: dict) -> int:
    """Sends one message with the real backend (PLENARIA_EMAIL_BACKEND, which gives up
    after EMAIL_TIMEOUT). A failure raises: the task's result keeps the error and the
    worker's log the traceback."""
    connection = get_connection(settings.PLENARIA_EMAIL_BACKEND, fail_silently=False)
    return connection.send_messages([message_from(data)])


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND of the project: each message becomes a task, enqueued once the
    current transaction commits (at once outside a transaction)."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_data(message)
            transaction.on_commit(lambda data=data: send_email.enqueue(data))
            count += 1
        return count
