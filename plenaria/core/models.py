from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Base of every domain model: when it was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Sector(models.TextChoices):
    """The two sides that parity balances in councils and commissions."""

    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class AuditEntry(models.Model):
    """One write made through a service: who, when, on what, and what changed."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        TRANSITION = "transition", _("Status changed")
        REOPEN = "reopen", _("Reopened")
        IMPORT = "import", _("Imported")
        EXPORT = "export", _("Personal data exported")
        ERASE = "erase", _("Personal data erased")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    # {"field": [before, after]}; values are JSON-friendly strings or numbers.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # The record this entry belongs to in a history page, e.g. "conference:12" for a
    # commission member of that conference; survives the deletion of the object itself.
    context = models.CharField(_("context"), max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"


class Job(models.Model):
    """Work done by the background worker for one person, who follows it on its page:
    a file to make (badges, certificates, lists). core.jobs runs it; the app that
    registered its kind makes the file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=60)
    label = models.CharField(_("description"), max_length=200)
    # The conference the job belongs to, as a plain key: core refers to no app's model.
    conference_key = models.CharField(_("conference"), max_length=32, blank=True, db_index=True)
    # What the job's kind needs to run again: ids and choices, never people's data.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    file = models.FileField(_("file"), upload_to="jobs/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    # A report shown on the job's page instead of a file (an import's bad lines and what
    # it created): line numbers, columns, messages and ids, never people's data.
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Moves with every progress report: a running job that stops moving lost its worker.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, db_index=True)
    # The starter's language: the worker makes the file and its messages in it.
    language = models.CharField(_("language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")), name="job_done_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"


class OutgoingEmail(models.Model):
    """A message waiting for the worker (core.mail). The task's own row holds only this
    row's id, and this row is deleted once the message is sent, or when the person it is
    addressed to is erased: an address or a name is kept nowhere after that."""

    # Lower-case addresses, one per line: what erasure looks for.
    recipients = models.TextField(_("recipients"))
    data = models.JSONField(_("message"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The class of the exception only: a mail server's message often quotes the address.
    error = models.CharField(_("error"), max_length=200, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"#{self.pk}"
