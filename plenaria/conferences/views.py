from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences import forms, rules, selectors, services
from plenaria.conferences.models import (
    CommissionMember,
    Conference,
    ProgrammeItem,
    Shift,
    Status,
)
from plenaria.conferences.permissions import (
    can_create_conferences,
    can_write_conference,
    conferences_readable_by,
    get_conference_for_user,
    get_public_conference,
)
from plenaria.core.audit import describe, entries_for_context
from plenaria.core.collation import by
from plenaria.core.forms import apply_errors
from plenaria.core.models import AuditEntry
from plenaria.core.permissions import require
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.territory.models import Level
from plenaria.territory.selectors import active_council_memberships, user_scope

# --- public -------------------------------------------------------------------------

# The management page shows the latest changes; the history page all, this many a page.
MANAGE_HISTORY = 10
HISTORY_PAGE = 50


@require_GET
def public_detail(request, pk: int):
    conference = get_public_conference(request.user, pk)
    preview = not conference.is_public  # its readers see it before it is convoked
    return render(
        request,
        "conferences/public_detail.html",
        {
            "conference": conference,
            "preview": preview,
            "axes": conference.edition.axes.all(),
            "act": selectors.act_of(conference),
            "shifts": conference.shifts.all(),
            "programme": conference.programme.all(),
            "commission": selectors.commission_of(conference),
        },
    )


@require_GET
def act_document(request, pk: int):
    """The uploaded act: public once the conference is convoked."""
    conference = get_public_conference(request.user, pk)
    act = selectors.act_of(conference)
    if act is None or not act.document:
        raise Http404
    try:
        handle = act.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, content_type="application/pdf", filename=f"ato-convocacao-{conference.pk}.pdf"
    )


# --- management ---------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    scope = user_scope(request.user)
    conferences = (
        conferences_readable_by(request.user)
        .select_related("edition", "state", "municipality", "association")
        .order_by("-edition__year", "level", by("title"))
    )
    page = Paginator(conferences, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "conferences/dashboard.html",
        {
            "conferences": page.object_list,
            "page": page,
            "scope": scope,
            # The councils the user is a member of: their settings page (periodicity).
            "councils": [m.council for m in active_council_memberships(request.user)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    require(request.user, can_create_conferences)
    scope = user_scope(request.user)
    form = forms.ConferenceCreateForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"edition", "territory"}}
        try:
            conference = services.conference_create(
                actor=request.user,
                edition=form.cleaned_data["edition"],
                data=data,
                **form.territory_kwargs(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Conference created as a draft."))
            return redirect("conferences:manage", pk=conference.pk)
    return render(request, "conferences/form.html", {"form": form, "creating": True})


@login_required
@require_POST
def warnings_preview(request):
    """The warnings the conference form would produce, shown while the form is filled
    (htmx, on every change), before anything is saved."""
    pk = request.POST.get("conference")
    if pk:
        conference = get_conference_for_user(request.user, pk, action=can_write_conference)
        form = forms.ConferenceForm(
            request.POST,
            instance=conference,
            parent_choices=selectors.parent_candidates(conference),
        )
    else:
        form = forms.ConferenceCreateForm(request.POST, scope=user_scope(request.user))
    form.is_valid()
    warnings = []
    if {"start_date", "end_date"} <= form.cleaned_data.keys() and (
        pk or {"edition", "territory"} <= form.cleaned_data.keys()
    ):
        warnings = selectors.draft_warnings(
            conference if pk else None,
            form.cleaned_data,
            form.territory_kwargs() if not pk else {},
        )
    return render(request, "core/_warnings.html", {"warnings": warnings})


@login_required
@require_GET
def manage(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    return _render_manage(request, conference)


def _render_manage(request, conference: Conference, *, reopen_form=None, status=200):
    next_status = rules.next_status(conference.status)
    can_write = can_write_conference(request.user, conference)
    if reopen_form is None and conference.status != Status.DRAFT:
        reopen_form = forms.StatusForm(conference=conference)
    return render(
        request,
        "conferences/manage.html",
        {
            "conference": conference,
            "can_write": can_write,
            "editable": can_write and not rules.is_locked(conference),
            "warnings": selectors.conference_warnings(conference),
            "act": selectors.act_of(conference),
            "commission": selectors.commission_of(conference),
            "shifts": conference.shifts.all(),
            "programme": conference.programme.all(),
            "next_status": Status(next_status) if next_status else None,
            "next_effects": rules.advance_effects(next_status) if next_status else "",
            "blockers": selectors.transition_problems(conference, next_status)
            if next_status
            else [],
            "reopen_form": reopen_form,
            "rules": deliberation_rules_for(conference),
            "regimento": selectors.regimento_rules(conference),
            "seats_expected": conference.level in (Level.MUNICIPAL, Level.STATE),
            "history": [
                (entry, describe(entry))
                for entry in entries_for_context(rules.audit_context(conference))[:MANAGE_HISTORY]
            ],
            "history_count": AuditEntry.objects.filter(
                context=rules.audit_context(conference)
            ).count(),
        },
        status=status,
    )


@login_required
@require_GET
def history(request, pk: int):
    """Every entry of the conference's history, newest first, a page at a time."""
    conference = get_conference_for_user(request.user, pk)
    page = Paginator(entries_for_context(rules.audit_context(conference)), HISTORY_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "conferences/history.html",
        {
            "conference": conference,
            "page": page,
            "history": [(entry, describe(entry)) for entry in page.object_list],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    form = forms.ConferenceForm(
        request.POST or None,
        instance=conference,
        parent_choices=selectors.parent_candidates(conference),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.conference_update(
                actor=request.user, conference=conference, data=data, expected_version=version
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Conference saved."))
            return redirect("conferences:manage", pk=conference.pk)
    return render(
        request,
        "conferences/form.html",
        {
            "form": form,
            "conference": conference,
            "warnings": selectors.conference_warnings(conference),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def act(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    instance = selectors.act_of(conference)
    form = forms.ConvocationActForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.convocation_act_save(
                actor=request.user, conference=conference, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Convocation act saved."))
            return redirect("conferences:manage", pk=conference.pk)
    return render(request, "conferences/act_form.html", {"form": form, "conference": conference})


@login_required
@require_http_methods(["GET", "POST"])
def regimento(request, pk: int):
    """The rules the conference's regimento sets, each shown with where it comes from."""
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    own = selectors.regimento_rules_of(conference)
    form = forms.RegimentoRulesForm(
        request.POST or None, initial=forms.RegimentoRulesForm.initial_from(own)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.regimento_rules_save(
                actor=request.user, conference=conference, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Rules of the regimento saved."))
            return redirect("conferences:regimento", pk=conference.pk)
    return render(
        request,
        "conferences/regimento.html",
        {
            "form": form,
            "conference": conference,
            "rules": selectors.regimento_rules(conference),
            "editable": not rules.is_locked(conference),
        },
        status=400 if form.errors else 200,
    )


LISTS = {
    "commission": (CommissionMember, forms.CommissionFormSet),
    "shifts": (Shift, forms.ShiftFormSet),
    "programme": (ProgrammeItem, forms.ProgrammeFormSet),
}


def _list_formset(which: str, conference: Conference, data=None):
    model, formset_class = LISTS[which]
    return formset_class(
        data,
        queryset=model.objects.filter(conference=conference),
        prefix=which,
        form_kwargs={"conference": conference} if which == "programme" else {},
    )


def _render_list(request, conference: Conference, which: str, formset):
    """The list's page; to htmx asking for a row, only the rows (``_list_rows.html``)."""
    warnings = selectors.conference_warnings(conference) if which == "commission" else []
    template = "conferences/list_form.html"
    if request.headers.get("HX-Request") and request.resolver_match.url_name == "programme_row":
        template = "conferences/_list_rows.html"
    return render(
        request,
        template,
        {"formset": formset, "conference": conference, "which": which, "warnings": warnings},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_list(request, pk: int, which: str):
    """Edit one of the conference's lists (commission, shifts, programme) as a table."""
    if which not in LISTS:
        raise Http404
    model = LISTS[which][0]
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    formset = _list_formset(which, conference, request.POST or None)
    if request.method == "POST" and formset.is_valid():
        changed = [
            f.instance
            for f in formset.forms
            if f.has_changed() and f not in formset.deleted_forms and f.cleaned_data
        ]
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk]
        try:
            services.conference_items_save(
                actor=request.user,
                conference=conference,
                model=model,
                changed=changed,
                deleted=deleted,
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(reverse("conferences:manage", args=[conference.pk]) + f"#{which}")
    return _render_list(request, conference, which, formset)


@login_required
@require_POST
def add_row(request, pk: int, which: str):
    """The list being typed, with one more empty row: nothing is saved. Without
    JavaScript the whole page comes back; with htmx only the table is swapped, the
    rows typed so far kept as they are."""
    if which not in LISTS:
        raise Http404
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    formset = _list_formset(which, conference, forms.with_one_more_row(request.POST, which))
    if not formset.management_form.is_valid():
        # A tampered or missing management form: the list as saved, with its empty row.
        formset = _list_formset(which, conference)
    # Rows half typed are not judged yet: their errors show when the list is saved.
    formset._non_form_errors = formset.error_class()
    for form in formset.forms:
        form._errors = ErrorDict()
    new = formset.forms[-1] if formset.forms else None
    if new is not None and new.visible_fields():
        new.fields[new.visible_fields()[0].name].widget.attrs["autofocus"] = True
    return _render_list(request, conference, which, formset)


@login_required
@require_POST
def advance(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    try:
        conference = services.conference_advance(
            actor=request.user, conference=conference, to_status=request.POST.get("to_status", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Status changed to “%s”.") % conference.get_status_display())
    return redirect("conferences:manage", pk=pk)


@login_required
@require_POST
def delete(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    try:
        services.conference_delete(actor=request.user, conference=conference)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("conferences:manage", pk=pk)
    messages.success(request, _("Draft “%s” deleted.") % conference.title)
    return redirect("conferences:dashboard")


@login_required
@require_POST
def reopen(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_write_conference)
    form = forms.StatusForm(request.POST, conference=conference)
    if form.is_valid():
        try:
            conference = services.conference_reopen(
                actor=request.user,
                conference=conference,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Conference reopened to “%s”.") % conference.get_status_display()
            )
            return redirect("conferences:manage", pk=pk)
    # Errors stay at the fields of the reopening form, which is shown open.
    return _render_manage(request, conference, reopen_form=form, status=400)
