from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plenaria.core.collation import by
from plenaria.core.forms import apply_errors
from plenaria.core.permissions import require
from plenaria.editions import selectors, services
from plenaria.editions.forms import EditionForm, StateCalendarForm
from plenaria.editions.models import Edition, StateCalendar
from plenaria.editions.permissions import (
    can_write_editions,
    can_write_state_calendar,
    get_edition_for_user,
    get_state_calendar_for_user,
)
from plenaria.territory.models import Level, State
from plenaria.territory.selectors import user_scope


@login_required
@require_GET
def edition_list(request):
    """Every edition with its windows per level ("not informed" where the CNAS act is
    not known to us) and the calendars of the states the user follows."""
    scope = user_scope(request.user)
    editions = Edition.objects.prefetch_related("axes", "windows")
    states = (
        State.objects.values_list("pk", flat=True)
        if scope.is_admin or scope.national_reader
        else scope.read_state_ids
    )
    rows = []
    for edition in editions:
        windows = {w.level: w for w in edition.windows.all()}
        rows.append(
            {
                "edition": edition,
                "windows": [(label, windows.get(level)) for level, label in Level.choices],
                "calendars": selectors.state_calendars_for(edition, states),
            }
        )
    writable_states = State.objects.filter(pk__in=scope.write_state_ids).order_by(by("name"))
    return render(
        request,
        "editions/list.html",
        {
            "rows": rows,
            "may_write": can_write_editions(request.user),
            "writable_states": writable_states,
        },
    )


def _edition_form(request, edition: Edition | None):
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.EDITION_FIELDS}
        try:
            saved = services.edition_save(
                actor=request.user,
                edition=edition,
                data=data,
                axes=form.cleaned_data["axes"],
                windows=form.windows(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Edition saved: %(edition)s.") % {"edition": saved})
            return redirect("editions:list")
    status = 400 if form.errors else 200
    return render(request, "editions/form.html", {"form": form, "edition": edition}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edition_create(request):
    require(request.user, can_write_editions)
    return _edition_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def edition_edit(request, year: int):
    edition = get_edition_for_user(request.user, year, action=can_write_editions)
    return _edition_form(request, Edition.objects.get(pk=edition.pk))


@login_required
@require_http_methods(["GET", "POST"])
def state_calendar(request, year: int, uf: str):
    """A state council sets its state's windows and deadlines inside the national ones."""
    edition, state = get_state_calendar_for_user(
        request.user, year, uf, action=can_write_state_calendar
    )
    calendar = StateCalendar.objects.filter(edition=edition, state=state).first()
    form = StateCalendarForm(request.POST or None, instance=calendar)
    if request.method == "POST" and form.is_valid():
        try:
            services.state_calendar_save(
                actor=request.user, edition=edition, state=state, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Calendar of %(state)s saved.") % {"state": state.name})
            return redirect("editions:list")
    windows = {w.level: w for w in edition.windows.all()}
    return render(
        request,
        "editions/state_calendar.html",
        {
            "edition": edition,
            "state": state,
            "form": form,
            "national": [(label, windows.get(level)) for level, label in Level.choices],
        },
        status=400 if form.errors else 200,
    )
