"""A participant's access from a phone: registration code + the PIN printed on the
badge, no account needed. The session remembers the registrations it opened.

Failed attempts are limited per code and per address, so a PIN (one in a million)
cannot be guessed by trying.
"""

import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plenaria.participants.models import Registration
from plenaria.participants.rules import normalise_code

SESSION_KEY = "participant_registrations"
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
            _("Code or PIN does not match. Both are printed on your badge."), code="invalid"
        )
    opened = [pk for pk in request.session.get(SESSION_KEY, []) if pk != registration.pk]
    request.session[SESSION_KEY] = [registration.pk, *opened][:10]
    request.session.cycle_key()
    return registration


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
        Registration.objects.select_related("conference")
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
