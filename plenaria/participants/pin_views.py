"""The PIN at the check-in desk: the slip handed to the person (page and PDF) and a new
PIN when the old one was lost or seen. Only organisers and check-in staff of the
conference; every slip shown and every new PIN leaves an audit entry without the PIN."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from plenaria.conferences.models import Conference
from plenaria.core import documents as core_documents
from plenaria.core.forms import as_int
from plenaria.participants import documents, services
from plenaria.participants.models import Registration
from plenaria.participants.permissions import can_hand_out_pins, get_registration_for_user


def _shift_pk(value) -> int | None:
    return as_int(value) or None


def _credentialing_url(conference: Conference, registration: Registration, shift_pk) -> str:
    """Back to the desk, with this person's card found."""
    query = {"q": registration.code}
    if shift_pk:
        query = {"turno": shift_pk, **query}
    return reverse("participants:credentialing", args=[conference.pk]) + "?" + urlencode(query)


def _shown(request, conference, registration, document: str) -> bool:
    try:
        services.registration_pin_shown(
            actor=request.user, registration=registration, document=document
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


@never_cache  # the page holds a secret: no copy in the browser's or a proxy's cache
@login_required
@require_GET
def pin_slip(request, pk: int, registration_pk: int):
    registration = get_registration_for_user(
        request.user, pk, registration_pk, action=can_hand_out_pins
    )
    conference = registration.conference
    shift_pk = _shift_pk(request.GET.get("turno"))
    back = _credentialing_url(conference, registration, shift_pk)
    if not _shown(request, conference, registration, "pin-slip"):
        return redirect(back)
    return render(
        request,
        "participants/pin_slip.html",
        {
            "conference": conference,
            "registration": registration,
            "slip": documents.pin_slip(registration),
            "shift_pk": shift_pk,
            "back": back,
        },
    )


@never_cache
@login_required
@require_GET
def pin_slip_pdf(request, pk: int, registration_pk: int):
    registration = get_registration_for_user(
        request.user, pk, registration_pk, action=can_hand_out_pins
    )
    conference = registration.conference
    if not _shown(request, conference, registration, "pin-slip-pdf"):
        return redirect(_credentialing_url(conference, registration, None))
    return core_documents.pdf_response(
        documents.pin_slip_pdf(registration, issued_at=timezone.localtime()),
        f"pin-{registration.code}.pdf",
        inline=True,
    )


@login_required
@require_POST
def pin_reset(request, pk: int, registration_pk: int):
    registration = get_registration_for_user(
        request.user, pk, registration_pk, action=can_hand_out_pins
    )
    conference = registration.conference
    shift_pk = _shift_pk(request.POST.get("turno"))
    try:
        services.registration_pin_reset(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_credentialing_url(conference, registration, shift_pk))
    messages.success(
        request,
        _(
            "New PIN issued for %(name)s. The old one no longer works, and phones that "
            "opened the page with it have to enter again."
        )
        % {"name": registration.display_name},
    )
    url = reverse("participants:pin_slip", args=[conference.pk, registration.pk])
    return redirect(url + (f"?turno={shift_pk}" if shift_pk else ""))
