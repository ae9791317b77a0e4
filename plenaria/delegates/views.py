from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences.permissions import can_write_conference, get_conference_for_user
from plenaria.core.documents import pdf, pdf_response, xlsx_response
from plenaria.core.forms import apply_errors, as_int
from plenaria.core.models import AuditEntry
from plenaria.delegates import documents, elections, handover, rules, selectors, services
from plenaria.delegates.forms import (
    CandidacyForm,
    ConfirmForm,
    ElectionForm,
    ImportForm,
    OverrideFormSet,
    ReplacementForm,
    RolesForm,
    TableForm,
    table_input,
)
from plenaria.delegates.models import Candidacy, Election, HandOver
from plenaria.delegates.permissions import can_read_table, can_write_table
from plenaria.editions.models import Edition
from plenaria.participants.access import own_registration
from plenaria.participants.models import Registration
from plenaria.participants.permissions import can_handle_personal_data, can_see_personal_data
from plenaria.participants.services import export_record
from plenaria.proposals.permissions import can_run_plenary
from plenaria.proposals.selectors import is_credentialed_delegate
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


# ---------------------------------------------------- the conference's delegate list


def _failed_segment(request) -> str:
    """The civil-society box the table typed the code in (the first for a tampered one)."""
    segment = request.POST.get("segment", "")
    return segment if segment in rules.CIVIL_SOCIETY else rules.CIVIL_SOCIETY[0]


def _list_context(request, conference, forms, may_run):
    failed = forms["candidacy_form"]
    return {
        "conference": conference,
        # who counts for the diversity quota comes from self-declarations (sensitive)
        "personal": can_see_personal_data(request.user, conference),
        # the candidacy form of the segment the table typed the code in shows its errors
        "candidacy_segment": _failed_segment(request) if failed.errors else None,
        "candidacy_errors": [e for errors in failed.errors.values() for e in errors],
        "candidacy_typed": request.POST.get("c-registration", ""),
        "listing": selectors.conference_list(conference),
        "may_run": may_run,
        "current": "delegates",
        "handovers": list(conference.handovers.select_related("receiver", "sent_by")),
        **forms,
    }


@login_required
@require_http_methods(["GET", "POST"])
def conference_delegates(request, pk: int):
    """The table's page for the delegates a conference sends to the next level:
    candidacies, nominations, the elections, the check and the confirmation."""
    conference = get_conference_for_user(request.user, pk)
    may_run = can_run_plenary(request.user, conference)
    if request.method == "POST" and not may_run:
        raise PermissionDenied(_("Only the presiding table and the organisers change the list."))
    action = request.POST.get("action")
    post = request.POST if request.method == "POST" else None
    forms = {
        "candidacy_form": CandidacyForm(
            post if action == "candidacy" else None, conference=conference, prefix="c"
        ),
        "nomination_form": CandidacyForm(
            post if action == "nominate" else None,
            conference=conference,
            nomination=True,
            prefix="n",
        ),
        "election_form": ElectionForm(post if action == "start" else None, prefix="e"),
        "confirm_form": ConfirmForm(post if action == "confirm" else None),
    }
    if post is not None:
        done = _list_action(request, conference, action, forms)
        if done:
            return redirect("delegates:conference", pk=conference.pk)
    return render(
        request, "delegates/conference.html", _list_context(request, conference, forms, may_run)
    )


def _list_action(request, conference, action, forms) -> bool:
    """Runs one POSTed action; True when done (then the page redirects)."""
    target = {
        "candidacy": forms["candidacy_form"],
        "nominate": forms["nomination_form"],
        "start": forms["election_form"],
        "confirm": forms["confirm_form"],
    }.get(action)
    if action == "start" and not target.is_valid():
        messages.error(request, _("Choose how the segment elects its delegates."))
        return True
    if target is not None and not target.is_valid():
        return False
    data = target.cleaned_data if target is not None else {}
    try:
        if action == "candidacy":
            done = elections.candidacy_register(
                actor=request.user,
                registration=data["registration"],
                segment=request.POST.get("segment", ""),
            )
            messages.success(request, _("%s is a candidate.") % done.display_name)
        elif action == "nominate":
            done = elections.nominate(
                actor=request.user, registration=data["registration"], role=data["role"]
            )
            messages.success(request, _("%s nominated.") % done.display_name)
        elif action == "withdraw":
            candidacy = get_object_or_404(
                Candidacy, pk=as_int(request.POST.get("candidacy")), conference=conference
            )
            elections.candidacy_withdraw(actor=request.user, candidacy=candidacy)
            messages.success(request, _("%s removed from the list.") % candidacy.display_name)
        elif action == "start":
            election = elections.election_start(
                actor=request.user,
                conference=conference,
                segment=request.POST.get("segment", ""),
                **data,
            )
            if election.poll:
                messages.success(
                    request,
                    _("Poll %(n)s created: open it in the voting console.")
                    % {"n": election.poll.number},
                )
            else:
                messages.success(request, _("Acclamation recorded."))
        elif action == "record":
            election = get_object_or_404(
                Election, pk=as_int(request.POST.get("election")), conference=conference
            )
            elections.election_record(actor=request.user, election=election)
            messages.success(request, _("Result of the election recorded."))
        elif action == "cancel":
            election = get_object_or_404(
                Election, pk=as_int(request.POST.get("election")), conference=conference
            )
            elections.election_cancel(
                actor=request.user, election=election, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Election cancelled: it can be started again."))
        elif action == "roles":
            segment = request.POST.get("segment", "")
            form = RolesForm(
                request.POST,
                candidacies=list(Candidacy.objects.filter(conference=conference, segment=segment)),
            )
            if not form.is_valid():
                messages.error(request, _("Write why the seats change."))
                return True
            elections.roles_set(
                actor=request.user,
                conference=conference,
                segment=segment,
                roles=form.roles(),
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Seats changed."))
        elif action == "confirm":
            elections.list_confirm(
                actor=request.user, conference=conference, justification=data["justification"]
            )
            messages.success(request, _("Delegate list confirmed."))
        elif action == "send":
            sent = handover.send(actor=request.user, conference=conference)
            messages.success(
                request,
                _("List sent to %(receiver)s as version %(n)s.")
                % {"receiver": sent.receiver, "n": sent.version},
            )
        else:
            return False
    except ValidationError as error:
        if target is None or action == "start":  # the election form sits in a closed <details>
            messages.error(request, " ".join(error.messages))
            return True
        apply_errors(target, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
def my_candidacy(request, code: str):
    """The delegate's phone: stand as a candidate of their segment, see the result."""
    me = own_registration(request, code)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw" and hasattr(me, "candidacy"):
                elections.candidacy_withdraw(actor=None, candidacy=me.candidacy)
                messages.success(request, _("Your candidacy was withdrawn."))
            else:
                elections.candidacy_register(actor=None, registration=me)
                messages.success(request, _("You are a candidate of your segment."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("delegates:mine", code=code)
    me = Registration.objects.select_related("conference", "candidacy").get(pk=me.pk)
    candidacy = getattr(me, "candidacy", None)
    election = Election.objects.filter(conference=me.conference, segment=me.segment).first()
    return render(
        request,
        "delegates/mine.html",
        {
            "me": me,
            "conference": me.conference,
            "candidacy": candidacy,
            "election": election,
            "civil_society": me.segment in rules.CIVIL_SOCIETY,
            "may_stand": is_credentialed_delegate(me.conference, me),
        },
    )


# ------------------------------------------------------- lists received from the children


@login_required
@require_GET
def received(request, pk: int):
    """The state (or national) conference's view of the lists its municipalities (or
    states) sent: which sent, which version, when, and what the check found."""
    conference = get_conference_for_user(request.user, pk)
    query = request.GET.get("q", "").strip()[:100]
    show = request.GET.get("mostrar", "")
    return render(
        request,
        "delegates/received.html",
        {
            "conference": conference,
            "received": selectors.received(conference, query=query, show=show),
            "query": query,
            "show": show,
            "show_choices": [
                ("", _("All the conferences")),
                (selectors.SHOW_SENT, _("Sent")),
                (selectors.SHOW_MISSING, _("Not sent yet")),
                (selectors.SHOW_PROBLEMS, _("Confirmed despite the check")),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def received_detail(request, pk: int, handover_pk: int):
    """One conference's list as received: its delegates with their registration here,
    the versions sent, and the replacement of a titular by a suplente."""
    receiver = get_conference_for_user(request.user, pk)
    sent = get_object_or_404(
        HandOver.objects.select_related("conference__municipality", "conference__state"),
        pk=handover_pk,
        receiver=receiver,
    )
    may_write = can_write_conference(request.user, receiver) or can_run_plenary(
        request.user, sent.conference
    )
    delegates = selectors.handover_delegates(sent)
    form = ReplacementForm(request.POST if request.method == "POST" else None, delegates=delegates)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied(_("Only the organisers of either conference replace delegates."))
        if form.is_valid():
            try:
                handover.replace(actor=request.user, **form.cleaned_data)
                messages.success(request, _("Replacement recorded."))
                return redirect("delegates:received_detail", pk=pk, handover_pk=sent.pk)
            except ValidationError as error:
                apply_errors(form, error)
    return render(
        request,
        "delegates/received_detail.html",
        {
            "conference": receiver,
            "sent": sent,
            "delegates": delegates,
            "versions": list(sent.conference.handovers.select_related("sent_by")),
            "form": form,
            "may_write": may_write and sent.current,
        },
    )


# ------------------------------------------------------------------------ publication


@login_required
@require_GET
def publication(request, pk: int):
    """The list to publish: PDF, XLSX and the draft resolution to edit."""
    conference = get_conference_for_user(request.user, pk)
    found = documents.publication(conference)
    text = documents.resolution_text(found)
    if request.GET.get("formato") == "txt":
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="resolucao-{conference.pk}.txt"'
        return response
    return render(
        request,
        "delegates/publication.html",
        {
            "conference": conference,
            "found": found,
            "resolution": text,
            "may_export": can_handle_personal_data(request.user, conference),
            "current": "delegates",
        },
    )


@login_required
@require_GET
def list_pdf(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    found = documents.publication(conference)
    data = pdf("delegates/pdf/list.html", {"conference": conference, "found": found})
    return pdf_response(data, f"delegados-{conference.pk}.pdf")


@login_required
@require_GET
def list_xlsx(request, pk: int):
    """With contacts and accessibility needs: a personal data export, for the organisers
    only (not check-in staff), logged."""
    conference = get_conference_for_user(request.user, pk)
    if not can_handle_personal_data(request.user, conference):
        raise PermissionDenied(_("Only the organisers export contacts."))
    found = documents.publication(conference)
    book = documents.list_xlsx(found)
    export_record(
        actor=request.user, obj=conference, document="delegate list", count=len(found.delegates)
    )
    return xlsx_response(book, f"delegados-{conference.pk}.xlsx")
