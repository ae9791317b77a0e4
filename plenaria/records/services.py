"""Writes of the conference's record: the narrative parts of the final report."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference, Status
from plenaria.conferences.rules import audit_context
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.records import rules
from plenaria.records.models import NarrativePart

AUDITED = ["text", "version"]


class StaleEdit(ValidationError):
    """The part was saved by someone else since this person opened it: ``current`` is
    what is saved now (their text is shown; this person's text stays in the field)."""

    def __init__(self, current: NarrativePart):
        super().__init__(
            _(
                "Someone else saved this part while you were editing it. Their text is "
                "shown above the field and yours is kept in it: bring them together and "
                "save again."
            ),
            code="stale",
        )
        self.current = current


def narrative_save(
    *, actor, conference: Conference, part: str, text: str, version: int
) -> NarrativePart:
    """Saves one narrative part of the report, made from ``version`` (0: the part was
    empty when opened). Refuses (StaleEdit) when another save came in between, and
    (ValidationError on ``text``) NUL characters and over-long text; nothing is written
    then.

    Not under the closed-conference rule: the report is written after the conference
    closes. Once "report submitted", it is what was sent: reopening the conference
    reopens it (the review of issue 18, part 4, will bring the report's own states).
    Audited in the conference's history."""
    if part not in rules.Part.values:
        raise ValidationError({"part": _("Unknown part of the report.")})
    problem = rules.narrative_problem(text)
    if problem:
        raise ValidationError({"text": problem})
    with transaction.atomic():
        # The conference's row lock orders two first saves of the same part.
        status = (
            Conference.objects.select_for_update()
            .filter(pk=conference.pk)
            .values_list("status", flat=True)
            .get()
        )
        if status == Status.REPORT_SUBMITTED:
            raise ValidationError(
                {"text": _("The report was submitted: reopen the conference to change it.")}
            )
        current = (
            NarrativePart.objects.select_for_update()
            .filter(conference=conference, part=part)
            .first()
        )
        saved_version = current.version if current else 0
        if rules.is_stale(saved_version=saved_version, edited_version=version):
            raise StaleEdit(current or NarrativePart(conference=conference, part=part))
        if current is None:
            current = NarrativePart(conference=conference, part=part)
            before = None
        else:
            before = audit.snapshot(current, AUDITED)
        if before is not None and current.text == text:
            return current  # nothing changed: no new version, no entry
        current.text = text
        current.version = saved_version + 1
        current.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        current.full_clean()
        current.save()
        audit.record(
            actor=actor,
            action=AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE,
            obj=current,
            before=before,
            after=audit.snapshot(current, AUDITED),
            context=audit_context(conference),
        )
    return current
