"""The audit log: every service write leaves one entry with before/after values."""

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from plenaria.core.models import AuditEntry


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name"):  # FieldFile
        return value.name or None
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The auditable values of ``obj``: concrete fields, foreign keys by id."""
    result = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        if fields is not None and field.name not in fields:
            continue
        result[field.name] = _plain(getattr(obj, field.attname))
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


# Rows per insert or update of the bulk writes: a few statements for the whole country.
BULK_BATCH = 1000


def _entries(actor, action: str, changes, reason: str, context: str) -> list[AuditEntry]:
    """The unsaved entries of :func:`record` and :func:`record_many`, one per
    ``(obj, before, after)``."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return [
        AuditEntry(
            actor=actor,
            action=action,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            changes=diff(before or {}, after if after is not None else snapshot(obj)),
            reason=reason,
            context=context,
        )
        for obj, before, after in changes
    ]


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    context: str = "",
) -> AuditEntry:
    """Write one audit entry. Call inside the service's transaction."""
    [entry] = _entries(actor, action, [(obj, before, after)], reason, context)
    entry.save(force_insert=True)
    return entry


def record_many(
    *,
    actor,
    action: str,
    changes: Iterable[tuple[models.Model, dict[str, Any] | None, dict[str, Any] | None]],
    reason: str = "",
    context: str = "",
) -> list[AuditEntry]:
    """Write one entry per ``(obj, before, after)``, each what :func:`record` would
    write, in one insert per batch instead of one per object (imports of thousands of
    rows). Call inside the service's transaction."""
    entries = _entries(actor, action, changes, reason, context)
    return AuditEntry.objects.bulk_create(entries, batch_size=BULK_BATCH)


def update_audited(
    obj: models.Model,
    *,
    actor,
    changes: dict[str, Any],
    context: str,
    fields: Iterable[str] | None = None,
    reason: str = "",
    action: str = AuditEntry.Action.UPDATE,
    clean: bool = True,
) -> models.Model:
    """The one sequence of an audited change: snapshot, set ``changes``, ``full_clean``,
    save only the changed fields, record. ``fields`` are the values the entry shows (the
    changed ones unless given). ``clean=False`` only where the service sets a value
    itself on a row a person's typing may since have left invalid (an erased record).
    Call inside the service's transaction."""
    audited = list(changes) if fields is None else list(fields)
    before = snapshot(obj, audited)
    for name, value in changes.items():
        setattr(obj, name, value)
    if clean:
        obj.full_clean()
    saved = list(changes)
    if any(field.name == "updated_at" for field in obj._meta.concrete_fields):
        saved.append("updated_at")
    obj.save(update_fields=saved)
    record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=snapshot(obj, audited),
        reason=reason,
        context=context,
    )
    return obj


def record_deletion(*, actor, obj: models.Model, context: str = "", reason: str = "") -> AuditEntry:
    """Record ``obj`` as deleted, with all its values (and why); call before deleting it."""
    return record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=obj,
        before=snapshot(obj),
        after={},
        reason=reason,
        context=context,
    )


# --- what an entry shows: labels and texts rendered when read (issue 21, items 9, 11) ---
#
# An entry stores codes: a model field's name, a choice's value, or a key a service
# names itself ("working_groups_balanced"), and for the texts the system writes (a
# reason, a value) the English msgid. The history translates them when it is read, so an
# entry reads in the reader's language, not in the language of whoever caused it.

_KEY_LABELS: dict[str, object] = {}
_SYSTEM_TEXTS: set[str] = set()


def key_labels(**labels) -> None:
    """Name the keys a service writes that are no field of the audited model, e.g.
    ``key_labels(working_groups_balanced=gettext_lazy("people placed in groups"))``;
    call at module level, beside the service that writes them."""
    _KEY_LABELS.update(labels)


def system_text(msgid: str) -> str:
    """A text the system writes into entries (a reason, a value), stored as its English
    msgid and translated when shown. Call at module level with ``gettext_noop(...)``
    so the msgid is extracted; returns the msgid to store."""
    _SYSTEM_TEXTS.add(msgid)
    return msgid


def _msgid_of_portuguese() -> dict[str, str]:
    """Entries written before this change hold the pt-BR text itself: their msgid, to
    render them in the reader's language too."""
    with translation.override("pt-br"):
        return {_(msgid): msgid for msgid in _SYSTEM_TEXTS}


def show_text(text):
    """A stored reason or value, in the reader's language when the system wrote it;
    what a person typed, as typed."""
    if not isinstance(text, str) or not text:
        return text
    if text in _SYSTEM_TEXTS:
        return _(text)
    msgid = _msgid_of_portuguese().get(text)
    return _(msgid) if msgid else text


def key_label(name: str) -> str:
    """A key that is no model field: its registered label, else the key in words
    (never "Working_groups_balanced")."""
    label = _KEY_LABELS.get(name)
    return str(label) if label is not None else name.replace("_", " ")


def entries_for_context(context: str):
    return AuditEntry.objects.filter(context=context).select_related("actor", "content_type")


def describe(entry: AuditEntry) -> list[tuple[str, object, object]]:
    """The entry's changes for people: field labels and choice labels instead of
    column names and codes; ids and empty values left out."""
    model = entry.content_type.model_class()
    rows = []
    for name, (before, after) in entry.changes.items():
        if name == "id" or before in (None, "") and after in (None, "", False):
            continue
        try:
            field = model._meta.get_field(name) if model else None
        except Exception:  # noqa: BLE001 - a field removed since the entry was written
            field = None
        if field is not None and field.is_relation:
            continue  # structural links (conference, edition...) are shown elsewhere
        label = str(field.verbose_name) if field is not None else key_label(name)
        if field is not None and field.choices:
            choices = dict(field.flatchoices)
            before, after = choices.get(before, before), choices.get(after, after)
        rows.append((label, _show(show_text(before)), _show(show_text(after))))
    return rows


def _show(value: object) -> object:
    """Booleans as words and ISO dates back to dates, so templates localise them."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return value
