"""Check-in (credenciamento): a person confirmed present in a shift."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.conferences.models import Shift
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants import rules
from plenaria.participants.models import CheckIn, Registration

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    shift=gettext_lazy("shift"),
)


@transaction.atomic  # the conference stays locked (not closing) until the check-in is saved
def checkin(*, actor, registration: Registration, shift: Shift) -> tuple[CheckIn, bool]:
    """Confirm presence in a shift. Idempotent: a second confirmation (another desk, a
    double click) returns the existing check-in and ``created`` False."""
    conference_for_write(registration.conference_id)
    if shift.conference_id != registration.conference_id:
        raise ValidationError(_("This shift belongs to another conference."))
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _(
                "%(name)s's registration is %(status)s: only confirmed registrations are "
                "credentialed."
            )
            % {
                "name": registration.display_name,
                "status": registration.get_status_display().lower(),
            }
        )
    existing = CheckIn.objects.filter(registration=registration, shift=shift).first()
    if existing:
        return existing, False
    substitute = Registration.objects.filter(replaces=registration).first()
    if substitute:
        raise ValidationError(
            _(
                "%(name)s is replaced by the substitute %(substitute)s. To credential "
                "%(name)s, undo the replacement first."
            )
            % {"name": registration.display_name, "substitute": substitute.display_name}
        )
    try:
        with transaction.atomic():
            record = CheckIn.objects.create(
                registration=registration,
                shift=shift,
                by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        # Another desk confirmed the same person in the same instant.
        return CheckIn.objects.get(registration=registration, shift=shift), False
    # A check-in changes certificate hours and the quorum base: who did it, and when.
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=record,
        after={"registration": registration.code, "shift": shift.pk},
        context=rules.registrations_context(registration.conference_id),
    )
    return record, True
