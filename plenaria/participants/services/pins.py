"""The PIN of a registration: issued again, and shown only at the check-in desk."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import Registration

# Stored as codes, shown in the reader's language (core.audit.show_text).
PIN_PREVIOUS = audit.system_text(gettext_noop("previous (not recorded)"))
PIN_NEW = audit.system_text(gettext_noop("new (not recorded)"))


def _pin_in_use(registration: Registration) -> None:
    if registration.erased_at:
        raise ValidationError(
            _("This person's data were erased: the registration opens no page."), code="erased"
        )
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("Only a confirmed registration opens the participant's page (status: %s).")
            % registration.get_status_display().lower(),
            code="not_confirmed",
        )


@transaction.atomic
def registration_pin_reset(*, actor, registration: Registration) -> Registration:
    """A new PIN for a registration, when the slip was lost or someone else saw it. The
    old one stops opening the participant's page at once, and so do the phones already
    opened with it (participants.access keeps a fingerprint of the PIN in each session).
    The audit says that the PIN changed and who changed it, never the PIN."""
    conference_for_write(registration.conference_id)
    registration = (
        Registration.objects.select_for_update()
        .select_related("conference")
        .get(pk=registration.pk)
    )
    _pin_in_use(registration)
    old = registration.pin
    while registration.pin == old:
        registration.pin = rules.new_pin()
    registration.full_clean()
    registration.save(update_fields=["pin", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        before={"pin": PIN_PREVIOUS},
        after={"pin": PIN_NEW},
        context=rules.registrations_context(registration.conference_id),
    )
    return registration


def registration_pin_shown(*, actor, registration: Registration, document: str) -> None:
    """Record that staff showed or printed someone's PIN slip (who, whose, which form),
    so a PIN seen at the desk can be traced; the PIN itself is not recorded."""
    conference_for_write(registration.conference_id)  # the page is not used once closed
    _pin_in_use(registration)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=registration,
        before={},
        after={"document": document},
        context=rules.registrations_context(registration.conference_id),
    )
