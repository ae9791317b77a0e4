"""A substitute delegate (suplente) replacing an absent titular, and undoing it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import Category, Registration


@transaction.atomic
def substitute_replace(*, actor, substitute: Registration, titular: Registration) -> Registration:
    """Mark a substitute delegate (suplente) as replacing an absent titular: from then
    on the substitute has the titular's vote (DOMAIN.md §6)."""
    conference_for_write(substitute.conference_id)
    substitute = Registration.objects.select_for_update().get(pk=substitute.pk)
    titular = Registration.objects.select_for_update().get(pk=titular.pk)
    if substitute.conference_id != titular.conference_id:
        raise ValidationError(_("The titular is registered in another conference."))
    if not (substitute.is_substitute and substitute.category == Category.DELEGATE):
        raise ValidationError(_("Only a substitute delegate replaces a titular."))
    if titular.category != Category.DELEGATE or titular.is_substitute:
        raise ValidationError({"titular": _("Choose a titular delegate.")})
    if titular.segment != substitute.segment:
        raise ValidationError({"titular": _("A substitute replaces a titular of their segment.")})
    if substitute.replaces_id:
        raise ValidationError(
            _("This substitute already replaces %(name)s.")
            % {"name": substitute.replaces.display_name}
        )
    if Registration.objects.filter(replaces=titular).exists():
        raise ValidationError({"titular": _("This titular is already replaced.")})
    if titular.checkins.exists():
        raise ValidationError(
            {
                "titular": _("%(name)s was credentialed: only an absent titular is replaced.")
                % {"name": titular.display_name}
            }
        )
    _set_replaces(actor, substitute, titular)
    return substitute


@transaction.atomic
def substitute_release(*, actor, substitute: Registration) -> Registration:
    """Undo a replacement (the titular arrived): the titular votes again."""
    conference_for_write(substitute.conference_id)
    substitute = Registration.objects.select_for_update().get(pk=substitute.pk)
    if not substitute.replaces_id:
        raise ValidationError(_("This substitute replaces no one."))
    _set_replaces(actor, substitute, None)
    return substitute


def _set_replaces(actor, substitute: Registration, titular: Registration | None) -> None:
    before = {"replaces": substitute.replaces.code if substitute.replaces_id else None}
    substitute.replaces = titular
    substitute.save(update_fields=["replaces", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=substitute,
        before=before,
        after={"replaces": titular.code if titular else None},
        context=rules.registrations_context(substitute.conference_id),
    )
