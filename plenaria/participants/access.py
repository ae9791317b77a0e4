"""A participant's access from a phone: the registration code of the badge + the PIN
handed at the check-in desk, no account needed. The session remembers the
registrations it opened, each with a fingerprint of the PIN it was opened with: a new
PIN issued at the desk closes every session opened with the old one.

Wrong PINs are limited in the shared cache (core.ratelimit): per code a delay that
doubles after the first few failures (up to 5 minutes between tries), so a PIN (one in
a million) cannot be guessed and its owner is never locked out for long; per address
only at a high threshold, since a venue's Wi-Fi puts a whole hall behind one address.
The check-in desk clears a code's failures (``pin_unlock``).
"""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from plenaria.core import audit, ratelimit
from plenaria.core.models import AuditEntry
from plenaria.core.net import address_bucket, client_address
from plenaria.participants import rules
from plenaria.participants.models import Registration
from plenaria.participants.rules import normalise_code

SESSION_KEY = "participant_registrations"
PINS_KEY = "participant_pins"  # {registration id: fingerprint of the PIN it was opened with}

# Stored as a code, shown in the reader's language (core.audit.show_text).
PIN_UNLOCKED = audit.system_text(gettext_noop("PIN unlocked at the check-in desk"))


def _throttled(code: str, address: str) -> ratelimit.Throttled | None:
    """Why this attempt is refused before the PIN is even compared, if it is. Attempts
    made while waiting are not counted: pressing the button again does not make the
    owner wait longer."""
    wait = ratelimit.PIN_CODE.wait(_on_network(code, address))
    if wait:
        return ratelimit.Throttled(
            _(
                "Too many wrong PINs for this code. Try again in %(wait)s, or ask the "
                "check-in desk to unlock it."
            )
            % {"wait": ratelimit.describe_wait(wait)},
            retry_after=wait,
        )
    wait = ratelimit.PIN_CODE_DAY.blocked(code)
    if wait:
        return ratelimit.Throttled(
            _("Too many wrong PINs for this code today: ask the check-in desk to unlock it."),
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
        .filter(code=code, status=Registration.Status.CONFIRMED, erased_at__isnull=True)
        .first()
    )
    if registration is None or not secrets.compare_digest(registration.pin, pin):
        _failed(code, address)
        raise ValidationError(
            _(
                "Code or PIN does not match. The code is on your badge; the PIN, on the slip "
                "handed at the check-in desk."
            ),
            code="invalid",
        )
    ratelimit.PIN_CODE.reset(_on_network(code, address))
    _remember(request, registration)
    return registration


# --- the PIN each registration was opened with ----------------------------------------
# The session keeps a fingerprint of the PIN, never the PIN. The fingerprint is also
# computed in SQL by the one-statement ballot (voting.services.FIRST_BALLOT_SQL), so it is
# a plain SHA-256 over a secret derived from SECRET_KEY, the registration id and the PIN.
PIN_FINGERPRINT_SQL = (
    "encode(sha256(convert_to(%(pin_salt)s::text || r.id::text || ':' || r.pin, 'UTF8')), 'hex')"
)


def pin_salt() -> str:
    return salted_hmac("plenaria.participants.access.pin", "fingerprint").hexdigest()


def pin_fingerprint(registration_pk: int, pin: str) -> str:
    return hashlib.sha256(f"{pin_salt()}{registration_pk}:{pin}".encode()).hexdigest()


def _remember(request, registration: Registration) -> None:
    opened = [pk for pk in request.session.get(SESSION_KEY, []) if pk != registration.pk][:9]
    pins = request.session.get(PINS_KEY, {})
    request.session[SESSION_KEY] = [registration.pk, *opened]
    request.session[PINS_KEY] = {
        str(registration.pk): pin_fingerprint(registration.pk, registration.pin),
        **{str(pk): pins[str(pk)] for pk in opened if str(pk) in pins},
    }
    request.session.cycle_key()


def _still_open(request, registrations) -> list[Registration]:
    """Those of ``registrations`` whose PIN is still the one this session used."""
    pins = request.session.get(PINS_KEY, {})
    return [
        r
        for r in registrations
        if secrets.compare_digest(pins.get(str(r.pk), ""), pin_fingerprint(r.pk, r.pin))
    ]


@transaction.atomic
def pin_unlock(*, actor, registration: Registration) -> int:
    """The check-in desk clears the wrong PINs of a code (the owner showed the badge):
    the next tries are free again. Audited. Returns the failures cleared (0: nothing to
    clear, nothing recorded)."""
    failures = ratelimit.PIN_CODE_DAY.count(registration.code)
    if not failures:
        return 0
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        before={"pin_failures": failures},
        after={"pin_failures": 0},
        reason=PIN_UNLOCKED,
        context=rules.registrations_context(registration.conference_id),
    )
    # After the audit entry is safe: a rollback must not leave the code unlocked
    # without a trace.
    transaction.on_commit(lambda: _unlock(registration.code))
    return failures


def _unlock(code: str) -> None:
    ratelimit.PIN_CODE_DAY.reset(code)
    ratelimit.PIN_ERA.next(code)


def _failed(code: str, address: str) -> None:
    ratelimit.PIN_CODE.fail(_on_network(code, address))
    ratelimit.PIN_CODE_DAY.hit(code)
    ratelimit.PIN_ADDRESS.hit(address)


def _on_network(code: str, address: str) -> str:
    """The subject of a code's delay: the code, tried from this network, since the desk
    last unlocked it."""
    return f"{code}|{ratelimit.PIN_ERA.of(code)}|{address}"


def participant_logout(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PINS_KEY, None)


def opened_ids(request) -> list[int]:
    """The ids of the registrations this session opened (no query beyond the session).
    Whether their PIN is still the same is for the caller to check (``opened_pins``)."""
    return list(request.session.get(SESSION_KEY, []))


def opened_pins(request) -> list[str]:
    """The fingerprints of the PINs this session opened registrations with."""
    return list(request.session.get(PINS_KEY, {}).values())


def opened_registrations(request) -> list[Registration]:
    ids = request.session.get(SESSION_KEY, [])
    return _still_open(
        request,
        Registration.objects.filter(pk__in=ids, status=Registration.Status.CONFIRMED)
        .select_related("conference", "person")
        .order_by("pk"),
    )


def participant_in(request, conference) -> Registration | None:
    """The registration this session opened in ``conference``, if any."""
    ids = request.session.get(SESSION_KEY, [])
    if not ids:
        return None
    registrations = (
        Registration.objects.select_related("conference")
        .filter(pk__in=ids, conference=conference, status=Registration.Status.CONFIRMED)
        .order_by("pk")
    )
    return next(iter(_still_open(request, registrations)), None)


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
