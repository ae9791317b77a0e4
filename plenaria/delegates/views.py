from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plenaria.core.models import AuditEntry
from plenaria.delegates import rules, selectors, services
from plenaria.delegates.forms import ImportForm, OverrideFormSet, TableForm, table_input
from plenaria.delegates.permissions import can_read_table, can_write_table
from plenaria.editions.models import Edition
from plenaria.territory.models import Municipality, State
from plenaria.territory.rules import Porte


def _place(request, year: int, uf: str | None):
    edition = get_object_or_404(Edition, year=year)
    state = get_object_or_404(State, abbreviation=uf.upper()) if uf else None
    if not can_read_table(request.user, state):
        raise Http404
    return edition, state


def _initial(table, state):
    initial = {"remainder_order": ",".join(table.remainder_order) if table else ""}
    if table:
        initial["version"] = table.updated_at.isoformat()
        for count in table.counts.all():
            key = count.porte or count.state_id
            if key:
                initial[f"t_{key}"], initial[f"s_{key}"] = count.titulares, count.suplentes
    else:
        initial["remainder_order"] = ",".join(rules.DEFAULT_REMAINDER_ORDER)
    return initial


def _subjects(state):
    if state is not None:
        return list(Porte.choices)
    return [(str(s.pk), f"{s.abbreviation} — {s.name}") for s in State.objects.order_by("name")]


def _page(request, edition, state, form, overrides=None, import_form=None, import_errors=()):
    table = selectors.table_for(edition, state)
    context = {
        "edition": edition,
        "state": state,
        "table": table,
        "form": form,
        "overrides": overrides,
        "import_form": import_form,
        "import_errors": import_errors,
        "writable": can_write_table(request.user, state),
    }
    overview = selectors.state_overview(table, state) if state is not None else None
    extras = overview.rows if overview else [None] * len(form.subjects)
    context["rows"] = [
        (label, fields, extra) for (label, fields), extra in zip(form.rows(), extras, strict=True)
    ]
    if overview is not None:
        context["overview"] = overview
        context["municipality_names"] = Municipality.objects.filter(state=state).values_list(
            "name", flat=True
        )
    return render(
        request,
        "delegates/seat_table.html",
        context,
        status=400 if import_errors or (import_form and import_form.errors) else 200,
    )


@login_required
def seat_table(request, year: int, uf: str | None = None):
    """The seat table of a state (its municipalities) or, without ``uf``, the national
    one (the states)."""
    edition, state = _place(request, year, uf)
    table = selectors.table_for(edition, state)
    kwargs = {"subjects": _subjects(state), "optional": state is None}
    if request.method != "POST":
        form = TableForm(initial=_initial(table, state), **kwargs)
        overrides = None
        if state is not None:
            overrides = OverrideFormSet(
                prefix="o",
                form_kwargs={"state": state},
                initial=[
                    {
                        "municipality": c.municipality.name,
                        "titulares": c.titulares,
                        "suplentes": c.suplentes,
                        "reason": c.reason,
                    }
                    for c in (selectors.state_overview(table, state).overrides if table else [])
                ],
            )
        return _page(
            request, edition, state, form, overrides, ImportForm() if state is None else None
        )
    if not can_write_table(request.user, state):
        raise PermissionDenied(_("You may read this seat table but not change it."))
    form = TableForm(request.POST, **kwargs)
    overrides = (
        OverrideFormSet(request.POST, prefix="o", form_kwargs={"state": state})
        if state is not None
        else None
    )
    if form.is_valid() and (overrides is None or overrides.is_valid()):
        try:
            services.save_table(
                actor=request.user,
                edition=edition,
                state=state,
                data=table_input(form, overrides, national=state is None),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Seat table saved."))
            return redirect(request.path)
    return _page(request, edition, state, form, overrides, ImportForm() if state is None else None)


@login_required
@require_POST
def import_national(request, year: int):
    """Seats per state from a CSV file: every bad line is reported and nothing is saved
    until the whole file is right; states not in the file keep their figures."""
    edition, state = _place(request, year, None)
    if not can_write_table(request.user, None):
        raise PermissionDenied(_("You may read this seat table but not change it."))
    table = selectors.table_for(edition, None)
    form = TableForm(initial=_initial(table, None), subjects=_subjects(None), optional=True)
    import_form = ImportForm(request.POST, request.FILES)
    if not import_form.is_valid():
        return _page(request, edition, None, form, import_form=import_form)
    result = services.parse_state_seats(import_form.cleaned_data["file"])
    if result.errors:
        return _page(
            request, edition, None, form, import_form=import_form, import_errors=result.errors
        )
    current = {
        c.state_id: services.Count(c.titulares, c.suplentes)
        for c in (table.counts.all() if table else [])
    }
    current.update(result.counts)
    order = table.remainder_order if table else list(rules.DEFAULT_REMAINDER_ORDER)
    services.save_table(
        actor=request.user,
        edition=edition,
        state=None,
        data=services.TableInput(order, states=current),
        action=AuditEntry.Action.IMPORT,
    )
    messages.success(request, _("Seats of %(n)s states imported.") % {"n": len(result.counts)})
    return redirect("delegates:national", year=year)
