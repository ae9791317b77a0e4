"""The check-in desk's actions on a participant's access (code + PIN)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plenaria.conferences.permissions import get_conference_for_user
from plenaria.core.forms import as_int
from plenaria.participants import access
from plenaria.participants.models import Registration
from plenaria.participants.permissions import can_unlock_pins
from plenaria.participants.rules import normalise_code


@login_required
@require_POST
def pin_unlock(request, pk: int):
    """Clear the wrong PINs of a code of this conference, after the desk has seen the
    owner's badge: the owner may try again at once."""
    conference = get_conference_for_user(request.user, pk, action=can_unlock_pins)
    back = reverse("participants:credentialing", args=[conference.pk])
    shift = as_int(request.POST.get("turno"))
    if shift:
        back += f"?turno={shift}"
    registration = Registration.objects.filter(
        conference=conference, code=normalise_code(request.POST.get("code", ""))
    ).first()
    if registration is None:
        messages.error(request, _("No registration in this conference has this code."))
        return redirect(back)
    if not access.pin_unlock(actor=request.user, registration=registration):
        messages.info(
            request, _("Code %(code)s has no wrong PINs to clear.") % {"code": registration.code}
        )
        return redirect(back)
    messages.success(
        request,
        _("Code %(code)s is unlocked: the participant can type the PIN again now.")
        % {"code": registration.code},
    )
    return redirect(back)
