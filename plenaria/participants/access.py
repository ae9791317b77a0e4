"""A participant's access from a phone: registration code + the PIN printed on the
badge, no account needed. The session remembers the registrations it opened.

Wrong PINs are limited in the shared cache (core.ratelimit): per code a delay that
doubles after the first few failures (up to 5 minutes between tries), so a PIN (one in
a million) cannot be guessed and its owner is never locked out for long; per address
only at a high threshold, since a venue's Wi-Fi puts a whole hall behind one address.
The check-in desk clears a code's failures (``pin_unlock``).
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plenaria.core import audit, ratelimit
from plenaria.core.models import AuditEntry
from plenaria.core.net import address_bucket, client_address
from plenaria.participants.models import Registration
from plenaria.participants.rules import normalise_code

SESSION_KEY = "participant_registrations"


def _throttled(code: str, address: str) -> ratelimit.Throttled | None:
    """Why this attempt is refused before the PIN is even compared, if it is. Attempts
    made while waiting are not counted: pressing the button again does not make the
    owner wait longer."""
    wait = ratelimit.PIN_CODE.wait(code)
    if wait:
        return ratelimit.Throttled(
            _(
                "Too many wrong PINs for this code. Try again in %(wait)s, or ask the "
                "check-in desk to unlock it."
            )
            % {"wait": ratelimit.describe_wait(wait)},
            retry_after=wait,
        )
    wait = ratelimit.PIN_ADDRESS.blocked(address)
    if wait:
        return ratelimit.Throttled(
            _(
                "Too many wrong PINs from this network. Try again in %(wait)s or use "
                "another connection (e.g. mobile data)."
            )
            % {"wait": ratelimit.describe_wait(wait)},
            retry_after=wait,
        )
    return None


def participant_login(request, *, code: str, pin: str) -> Registration:
    code = normalise_code(code)
    pin = pin.strip()
    address = address_bucket(client_address(request))
    refusal = _throttled(code, address)
    if refusal is not None:
        raise refusal
    registration = (
        Registration.objects.select_related("conference", "person")
        .filter(code=code, status=Registration.Status.CONFIRMED)
        .first()
    )
    if registration is None or not secrets.compare_digest(registration.pin, pin):
        ratelimit.PIN_CODE.fail(code)
        ratelimit.PIN_ADDRESS.hit(address)
        raise ValidationError(
            _("Code or PIN does not match. Both are printed on your badge."), code="invalid"
        )
    ratelimit.PIN_CODE.reset(code)
    opened = [pk for pk in request.session.get(SESSION_KEY, []) if pk != registration.pk]
    request.session[SESSION_KEY] = [registration.pk, *opened][:10]
    request.session.cycle_key()
    return registration


@transaction.atomic
def pin_unlock(*, actor, registration: Registration) -> int:
    """The check-in desk clears the wrong PINs of a code (the owner showed the badge):
    the next tries are free again. Audited. Returns the failures cleared (0: nothing to
    clear, nothing recorded)."""
    failures = ratelimit.PIN_CODE.failures(registration.code)
    if not failures:
        return 0
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        before={"pin_failures": failures},
        after={"pin_failures": 0},
        reason=_("PIN unlocked at the check-in desk"),
        context=f"registrations:{registration.conference_id}",
    )
    # After the audit entry is safe: a rollback must not leave the code unlocked
    # without a trace.
    transaction.on_commit(lambda: ratelimit.PIN_CODE.reset(registration.code))
    return failures


def participant_logout(request) -> None:
    request.session.pop(SESSION_KEY, None)


def opened_ids(request) -> list[int]:
    """The ids of the registrations this session opened (no query beyond the session)."""
    return list(request.session.get(SESSION_KEY, []))


def opened_registrations(request):
    ids = request.session.get(SESSION_KEY, [])
    return Registration.objects.filter(
        pk__in=ids, status=Registration.Status.CONFIRMED
    ).select_related("conference", "person")


def participant_in(request, conference) -> Registration | None:
    """The registration this session opened in ``conference``, if any."""
    ids = request.session.get(SESSION_KEY, [])
    if not ids:
        return None
    return (
        Registration.objects.select_related("person", "conference")
        .filter(pk__in=ids, conference=conference, status=Registration.Status.CONFIRMED)
        .first()
    )


def own_registration(request, code: str) -> Registration:
    """The registration of ``code``, only for the session that opened it."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    registration = get_object_or_404(
        Registration.objects.select_related("conference__edition", "person"), code=code
    )
    if participant_in(request, registration.conference) != registration:
        raise PermissionDenied(_("Open your page with your code and PIN."))
    return registration
