"""A participant's access from a phone: the registration code of the badge + the PIN
handed at the check-in desk, no account needed. The session remembers the
registrations it opened, each with a fingerprint of the PIN it was opened with: a new
PIN issued at the desk closes every session opened with the old one.

Failed attempts are limited per code and per address, so a PIN (one in a million)
cannot be guessed by trying.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from plenaria.participants.models import Registration
from plenaria.participants.rules import normalise_code

SESSION_KEY = "participant_registrations"
PINS_KEY = "participant_pins"  # {registration id: fingerprint of the PIN it was opened with}
MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _keys(code: str, address: str) -> list[str]:
    return [f"pin-fail:code:{code}", f"pin-fail:addr:{address}"]


def _blocked(keys: list[str]) -> bool:
    return any((cache.get(key) or 0) >= MAX_FAILURES for key in keys)


def _fail(keys: list[str]) -> None:
    for key in keys:
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)


def participant_login(request, *, code: str, pin: str) -> Registration:
    code = normalise_code(code)
    pin = pin.strip()
    keys = _keys(code, request.META.get("REMOTE_ADDR", ""))
    if _blocked(keys):
        raise ValidationError(
            _("Too many wrong attempts. Wait 15 minutes or ask the check-in desk."),
            code="throttled",
        )
    registration = (
        Registration.objects.select_related("conference", "person")
        .filter(code=code, status=Registration.Status.CONFIRMED)
        .first()
    )
    if registration is None or not secrets.compare_digest(registration.pin, pin):
        _fail(keys)
        raise ValidationError(
            _(
                "Code or PIN does not match. The code is on your badge; the PIN, on the slip "
                "handed at the check-in desk."
            ),
            code="invalid",
        )
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
