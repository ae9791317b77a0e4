"""Registrations imported from a checked spreadsheet: valid lines, or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from plenaria.conferences.models import Conference
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import Registration
from plenaria.participants.services._common import AUDITED_REGISTRATION_FIELDS, _drop_if_unused
from plenaria.participants.services.registrations import _registration_create, send_confirmation

# Rows saved per transaction by an import: the database's write lock is held a fraction
# of a second at a time, so a 5,000-line list does not stop the check-in desks or
# make a participant's login wait (SQLite has one writer at a time).
IMPORT_CHUNK = 200

# Stored as a code, shown in the reader's language (core.audit.show_text).
IMPORT_FAILED = audit.system_text(gettext_noop("The import failed: nothing was imported."))


def registrations_import(*, actor, conference: Conference, rows: list, on_chunk=None) -> int:
    """Register every good row of a checked import, in chunks of IMPORT_CHUNK rows. If a
    row fails now (someone registered meanwhile, the conference closed), the rows this
    import already saved are removed again: valid lines, or nothing. Confirmations go
    out only once every row is in. ``on_chunk(created)`` is called inside each chunk's
    transaction with the ids created so far: a background job keeps them with its own
    row, so a run cut off by a restart knows what to undo."""
    conference_for_write(conference)
    good = [row for row in rows if not row.errors]
    created: list[int] = []
    try:
        for start in range(0, len(good), IMPORT_CHUNK):
            with transaction.atomic():
                for row in good[start : start + IMPORT_CHUNK]:
                    created.append(_import_row(actor, conference, row).pk)
                if on_chunk:
                    on_chunk(list(created))
    except ValidationError:
        registrations_import_undo(actor=actor, conference=conference, created=created)
        raise
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=AuditEntry.Action.IMPORT,
            obj=conference,
            before={},
            after={"registrations": len(created)},
            context=rules.registrations_context(conference.pk),
        )
    for pk in (
        Registration.objects.filter(pk__in=created).exclude(email="").values_list("pk", flat=True)
    ):
        send_confirmation(pk)
    return len(created)


def _import_row(actor, conference: Conference, row) -> Registration:
    try:
        return _registration_create(
            actor=actor,
            conference=conference,
            person_data=row.person_data,
            data={**row.data, "consent": True},
            origin=Registration.Origin.IMPORT,
            notify=False,
        )
    except ValidationError as error:
        raise ValidationError(
            _("Line %(line)s: %(error)s Nothing was imported.")
            % {"line": row.line, "error": " ".join(error.messages)}
        ) from None


@transaction.atomic
def registrations_import_undo(*, actor, conference: Conference, created: list[int]) -> None:
    """Remove what a failed import had saved: registrations made seconds ago, each
    deletion audited."""
    for registration in Registration.objects.filter(pk__in=created):
        person = registration.person_id
        audit.record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=registration,
            before=audit.snapshot(registration, AUDITED_REGISTRATION_FIELDS),
            after={},
            reason=IMPORT_FAILED,
            context=rules.registrations_context(conference.pk),
        )
        registration.delete()
        _drop_if_unused(person)
