from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from plenaria.core.collation import by
from plenaria.core.forms import as_int
from plenaria.core.permissions import require
from plenaria.editions.models import Edition
from plenaria.reports.permissions import (
    can_follow_all_states,
    get_edition,
    get_state_for_user,
    widest_view_for,
)
from plenaria.reports.selectors import (
    DELEGATES_SENT,
    DELEGATES_SENT_LABEL,
    PAGE_SIZE,
    Filters,
    Situation,
    municipalities_with_situation,
    states_with_counts,
)
from plenaria.territory.models import Association
from plenaria.territory.rules import Porte


class MonitoringFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label=gettext_lazy("Municipality name"),
        help_text=gettext_lazy("Part of the name; accents and capitals do not matter."),
    )
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
        self.fields["situacao"].choices = [
            ("", _("All")),
            *Situation.choices,
            (DELEGATES_SENT, DELEGATES_SENT_LABEL),
        ]


@login_required
@require_GET
def index(request):
    """Send each person to the widest view their roles reach."""
    return redirect(widest_view_for(request.user))


@login_required
@require_GET
def national(request):
    require(request.user, can_follow_all_states)
    edition = get_edition(as_int(request.GET.get("edicao")))
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
            "delegates_sent": sum(r.counts[DELEGATES_SENT] for r in rows),
            "situations": Situation,
            "municipalities": sum(r.municipalities for r in rows),
        },
    )


@login_required
@require_GET
def state(request, uf: str):
    state, associations, restricted_to = get_state_for_user(request.user, uf)
    form = MonitoringFilterForm(request.GET or None, associations=associations)
    form.is_valid()  # invalid values are simply ignored: the filters stay open
    data = form.cleaned_data if form.is_bound else {}
    edition = data.get("edicao") or get_edition(as_int(request.GET.get("edicao")))
    association = data.get("associacao")
    filters = Filters(
        association_ids=[association.pk] if association else restricted_to,
        porte=data.get("porte") or "",
        situation=data.get("situacao") or "",
        search=data.get("q") or "",
    )
    rows, counts = municipalities_with_situation(state, edition, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    # The page links carry the filters that were understood, so paging keeps them.
    query = urlencode(
        {
            "edicao": edition.year,
            "q": filters.search,
            "associacao": association.pk if association else "",
            "porte": filters.porte,
            "situacao": filters.situation,
        }
    )
    context = {
        "state": state,
        "edition": edition,
        "form": form,
        "page": page,
        "rows": page.object_list,
        "query": query,
        "counts": counts,
        "total": sum(v for k, v in counts.items() if k != DELEGATES_SENT),
        "delegates_sent": counts[DELEGATES_SENT],
        "situations": Situation,
        "restricted": restricted_to is not None,
        "associations": associations.order_by(by("name")),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "reports/_state_results.html" if partial else "reports/state.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response
