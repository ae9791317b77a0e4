"""The council's own settings page (its periodicity)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plenaria.core.forms import apply_errors
from plenaria.territory import services
from plenaria.territory.forms import CouncilSettingsForm
from plenaria.territory.permissions import (
    can_edit_council,
    can_read_council,
    get_council_for_user,
)


@login_required
@require_http_methods(["GET", "POST"])
def council_settings(request, pk: int):
    action = can_edit_council if request.method == "POST" else can_read_council
    council = get_council_for_user(request.user, pk, action=action)
    form = CouncilSettingsForm(request.POST or None, initial={"period_years": council.period_years})
    if request.method == "POST" and form.is_valid():
        try:
            services.council_update_settings(
                actor=request.user, council=council, period_years=form.cleaned_data["period_years"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Council settings saved."))
            return redirect("territory:council_settings", pk=council.pk)
    return render(
        request,
        "territory/council_settings.html",
        {
            "council": council,
            "form": form,
            "writable": can_edit_council(request.user, council),
        },
    )
