"""The council's own page: its periodicity, its law and civil-society seats, and its
members (current and past terms), each change posted to its own URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plenaria.core.forms import apply_errors
from plenaria.territory import selectors, services
from plenaria.territory.forms import (
    CouncilMemberForm,
    CouncilSeatsForm,
    CouncilSettingsForm,
    EndTermForm,
)
from plenaria.territory.permissions import (
    can_edit_council,
    can_read_council,
    get_council_for_user,
    get_council_member_for_user,
)


def _seats_initial(council) -> dict:
    initial = {"law": council.law}
    for segment, (titulares, suplentes) in selectors.council_seats(council).items():
        initial[f"t_{segment}"], initial[f"s_{segment}"] = titulares, suplentes
    return initial


def _page(request, council, **bound):
    forms = {
        "form": CouncilSettingsForm(initial={"period_years": council.period_years}),
        "seats_form": CouncilSeatsForm(initial=_seats_initial(council), prefix="seats"),
        "member_form": CouncilMemberForm(prefix="m"),
        **bound,
    }
    return render(
        request,
        "territory/council_settings.html",
        {
            "council": council,
            "writable": can_edit_council(request.user, council),
            "seats": selectors.council_seats(council),
            "members": selectors.council_members(council),
            **forms,
        },
    )


def _to_page(council, anchor: str = ""):
    response = redirect("territory:council_settings", pk=council.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def council_settings(request, pk: int):
    action = can_edit_council if request.method == "POST" else can_read_council
    council = get_council_for_user(request.user, pk, action=action)
    if request.method == "GET":
        return _page(request, council)
    form = CouncilSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.council_update_settings(
                actor=request.user, council=council, period_years=form.cleaned_data["period_years"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Council settings saved."))
            return _to_page(council)
    return _page(request, council, form=form)


@login_required
@require_POST
def council_seats(request, pk: int):
    """The council's law and the civil-society seats it fixes per segment."""
    council = get_council_for_user(request.user, pk, action=can_edit_council)
    form = CouncilSeatsForm(request.POST, prefix="seats")
    if form.is_valid():
        try:
            services.council_seats_set(
                actor=request.user,
                council=council,
                law=form.cleaned_data["law"],
                seats=form.seats(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The council's seats were saved."))
            return _to_page(council, "seats-title")
    return _page(request, council, seats_form=form)


@login_required
@require_POST
def council_member_add(request, pk: int):
    council = get_council_for_user(request.user, pk, action=can_edit_council)
    form = CouncilMemberForm(request.POST, prefix="m")
    if form.is_valid():
        try:
            member = services.council_member_add(
                actor=request.user, council=council, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s added to the council.") % member.name)
            return _to_page(council, "members-title")
    return _page(request, council, member_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def council_member_edit(request, pk: int, member_pk: int):
    action = can_edit_council if request.method == "POST" else can_read_council
    member = get_council_member_for_user(request.user, pk, member_pk, action=action)
    council = member.council
    initial = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
    form = CouncilMemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_member_update(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The data of %s were saved.") % member.name)
            return _to_page(council, "members-title")
    return render(
        request,
        "territory/council_member.html",
        {
            "council": council,
            "member": member,
            "form": form,
            "end_form": EndTermForm(prefix="end"),
            "writable": can_edit_council(request.user, council),
        },
    )


@login_required
@require_POST
def council_member_end_term(request, pk: int, member_pk: int):
    member = get_council_member_for_user(request.user, pk, member_pk, action=can_edit_council)
    form = EndTermForm(request.POST, prefix="end")
    if not form.is_valid():
        messages.error(request, _("Say when the term ends."))
        return _to_page(member.council, "members-title")
    try:
        services.council_member_end_term(
            actor=request.user,
            member=member,
            term_end=form.cleaned_data["term_end"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The term of %s was ended.") % member.name)
    return _to_page(member.council, "members-title")
