from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from plenaria.core.forms import as_int
from plenaria.editions.models import Edition
from plenaria.reports.selectors import (
    Filters,
    Situation,
    municipalities_with_situation,
    states_with_counts,
)
from plenaria.territory.models import Association, State
from plenaria.territory.rules import Porte
from plenaria.territory.selectors import user_scope


class MonitoringFilterForm(forms.Form):
    edicao = forms.ModelChoiceField(
        queryset=Edition.objects.all(),
        to_field_name="year",
        required=False,
        label=gettext_lazy("Edition"),
        empty_label=None,
    )
    associacao = forms.ModelChoiceField(
        queryset=Association.objects.none(),
        required=False,
        label=gettext_lazy("Region or association"),
        empty_label=gettext_lazy("All"),
    )
    porte = forms.ChoiceField(required=False, label=gettext_lazy("Size class (porte)"))
    situacao = forms.ChoiceField(required=False, label=gettext_lazy("Situation"))

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["associacao"].queryset = associations
        self.fields["porte"].choices = [
            ("", _("All")),
            *Porte.choices,
            ("unknown", _("Population not informed")),
        ]
        self.fields["situacao"].choices = [("", _("All")), *Situation.choices]


def _edition(request) -> Edition:
    year = request.GET.get("edicao")
    year = as_int(year)
    edition = Edition.objects.filter(year=year).first() if year and year < 10_000 else None
    edition = edition or Edition.objects.first()
    if edition is None:
        raise PermissionDenied(_("No national edition has been registered yet."))
    return edition


@login_required
@require_GET
def index(request):
    """Send each person to the widest view their roles reach."""
    scope = user_scope(request.user)
    if scope.is_admin or scope.national_reader:
        return redirect("reports:national")
    if scope.read_state_ids:
        state = State.objects.filter(pk__in=scope.read_state_ids).order_by("name").first()
        return redirect("reports:state", uf=state.abbreviation.lower())
    if scope.read_association_ids:
        association = (
            Association.objects.filter(pk__in=scope.read_association_ids)
            .select_related("state")
            .first()
        )
        return redirect("reports:state", uf=association.state.abbreviation.lower())
    raise PermissionDenied(_("Monitoring is for state and national councils and associations."))


@login_required
@require_GET
def national(request):
    scope = user_scope(request.user)
    if not (scope.is_admin or scope.national_reader):
        raise PermissionDenied(_("Only the national council follows all states."))
    edition = _edition(request)
    rows = states_with_counts(edition)
    totals = {s.value: sum(r.counts[s.value] for r in rows) for s in Situation}
    return render(
        request,
        "reports/national.html",
        {
            "edition": edition,
            "editions": Edition.objects.all(),
            "rows": rows,
            "totals": totals,
            "situations": Situation,
            "municipalities": sum(r.municipalities for r in rows),
        },
    )


@login_required
@require_GET
def state(request, uf: str):
    state = get_object_or_404(State, abbreviation=uf.upper())
    scope = user_scope(request.user)
    associations = Association.objects.filter(state=state)
    restricted_to = None
    if not scope.reads_state(state.pk):
        associations = associations.filter(pk__in=scope.read_association_ids)
        restricted_to = list(associations.values_list("pk", flat=True))
        if not restricted_to:
            raise PermissionDenied(_("Your roles do not reach this state."))
    form = MonitoringFilterForm(request.GET or None, associations=associations)
    form.is_valid()  # invalid values are simply ignored: the filters stay open
    data = form.cleaned_data if form.is_bound else {}
    edition = data.get("edicao") or _edition(request)
    association = data.get("associacao")
    filters = Filters(
        association_ids=[association.pk] if association else restricted_to,
        porte=data.get("porte") or "",
        situation=data.get("situacao") or "",
    )
    rows, counts = municipalities_with_situation(state, edition, filters)
    context = {
        "state": state,
        "edition": edition,
        "form": form,
        "rows": rows,
        "counts": counts,
        "total": sum(counts.values()),
        "situations": Situation,
        "restricted": restricted_to is not None,
        "associations": associations.order_by("name"),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "reports/_state_results.html" if partial else "reports/state.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response
