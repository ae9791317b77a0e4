"""Issuing a certificate of participation: the first time it is asked for, its hours and
verification code are stored (and audited), so a printed certificate can always be
checked. Who may have one, and what it says, is in ``participants.certificates``."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy

from plenaria.conferences.rules import event_context
from plenaria.core import audit
from plenaria.core.codes import unique_code
from plenaria.core.models import AuditEntry
from plenaria.participants import certificates, rules
from plenaria.participants.models import Attendance, Certificate, Registration

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    hours=gettext_lazy("hours"),
)


def certificate_issue(*, actor, subject: Registration | Attendance) -> Certificate:
    """The certificate of a registration or an attendance, issued if it is the first
    time. Callers check ``certificates.why_not`` first. Two simultaneous requests issue
    one."""
    field = "attendance" if isinstance(subject, Attendance) else "registration"
    existing = Certificate.objects.filter(**{field: subject}).first()
    if existing:
        return existing
    hours = (
        subject.event.hours if field == "attendance" else certificates.registration_hours(subject)
    )
    try:
        with transaction.atomic():
            certificate = Certificate(
                code=unique_code(certificates.random_code, Certificate.objects),
                hours=hours,
                **{field: subject},
            )
            # The unique checks are the database's: a simultaneous request loses below.
            certificate.full_clean(validate_unique=False, validate_constraints=False)
            certificate.save()
            audit.record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=certificate,
                after={field: subject.code, "hours": str(hours)},
                context=event_context(subject.event)
                if field == "attendance"
                else rules.registrations_context(subject.conference_id),
            )
            return certificate
    except IntegrityError:
        return Certificate.objects.get(**{field: subject})
