from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences.permissions import get_conference_for_user
from plenaria.core.collation import by
from plenaria.core.documents import pdf, pdf_response, xlsx_response
from plenaria.core.forms import apply_errors
from plenaria.core.models import AuditEntry
from plenaria.delegates import documents, elections, forums, handover, rules, selectors, services
from plenaria.delegates.forms import (
    CandidacyForm,
    ConfirmForm,
    ElectionForm,
    ForumDelegateForm,
    ImportForm,
    NationalSharesForm,
    OverrideFormSet,
    ReplacementForm,
    RolesForm,
    SegmentChoiceForm,
    TableForm,
    table_input,
)
from plenaria.delegates.models import Candidacy, Election
from plenaria.delegates.permissions import (
    can_change_list,
    can_change_table,
    can_export_contacts,
    can_replace_delegates,
    can_write_table,
    get_candidacy_for_user,
    get_election_for_user,
    get_handover_for_user,
    get_seat_table_for_user,
)
from plenaria.editions.selectors import quota_rule_of
from plenaria.participants.access import own_registration
from plenaria.participants.models import Registration
from plenaria.participants.permissions import can_handle_personal_data, can_see_personal_data
from plenaria.participants.services import export_record
from plenaria.proposals.selectors import is_credentialed_delegate
from plenaria.territory.models import Municipality, State
from plenaria.territory.rules import Porte


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
    return [(str(s.pk), f"{s.abbreviation} — {s.name}") for s in State.objects.order_by(by("name"))]


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
        "quota": quota_rule_of(edition, state.pk if state else None),
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
    writes = can_change_table if request.method == "POST" else None
    edition, state = get_seat_table_for_user(request.user, year, uf, action=writes)
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
    edition, _national = get_seat_table_for_user(request.user, year, action=can_change_table)
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


def _failed_block(request, listing: selectors.ConferenceList) -> str:
    """The civil-society box the table typed the code in (the first for a tampered one)."""
    keys = [b.key for b in listing.blocks if not b.is_government]
    segment, kind = request.POST.get("segment", ""), request.POST.get("kind", "")
    key = f"{kind}-{segment}" if kind else segment
    return key if key in keys else keys[0]


def _nomination_form(conference, kind: str, data=None) -> CandidacyForm:
    # one per list on a state conference's page: the ids say which
    auto_id = f"id_{kind}_%s" if kind in rules.STATE_SHARE_KINDS else "id_%s"
    return CandidacyForm(data, conference=conference, nomination=True, prefix="n", auto_id=auto_id)


def _block_forms(conference, listing, posted: tuple[str, object] | None):
    """Per list, its segments each with the form saying how the segment chooses and the
    form recording who its forum chose (the posted one, with its errors, in its block)."""
    rows = []
    for part in listing.lists:
        blocks = []
        for block in part.blocks:
            choice_form = forum_form = None
            if not block.is_government:
                choice_form = SegmentChoiceForm(
                    prefix=f"ch-{block.key}", initial=SegmentChoiceForm.initial_from(block.choice)
                )
                forum_form = ForumDelegateForm(conference=conference, prefix=f"f-{block.key}")
                if posted is not None and posted[0] == block.key:
                    if isinstance(posted[1], SegmentChoiceForm):
                        choice_form = posted[1]
                    else:
                        forum_form = posted[1]
            blocks.append((block, choice_form, forum_form))
        rows.append(blocks)
    return rows


def _list_page(request, conference, posted_block=None, **bound):
    """The list page; a POST whose form has errors shows it again with them
    (``posted_block``: the segment's key and its form)."""
    forms = {
        "candidacy_form": CandidacyForm(conference=conference, prefix="c"),
        "election_form": ElectionForm(prefix="e"),
        "confirm_form": ConfirmForm(),
        **bound,
    }
    failed = forms["candidacy_form"]
    listing = selectors.conference_list(conference)
    posted = bound.get("nomination_form")
    context = {
        "conference": conference,
        # who counts for the diversity quota comes from self-declarations (sensitive)
        "personal": can_see_personal_data(request.user, conference),
        # the candidacy form of the segment the table typed the code in shows its errors
        "candidacy_block": _failed_block(request, listing) if failed.errors else None,
        "candidacy_errors": [e for errors in failed.errors.values() for e in errors],
        "candidacy_typed": request.POST.get("c-registration", ""),
        "listing": listing,
        # each list with its nomination form (the posted one with its errors) and its
        # segments with their forms
        "parts": [
            (
                part,
                posted
                if posted is not None and request.POST.get("kind", "") == part.kind
                else _nomination_form(conference, part.kind),
                blocks,
            )
            for part, blocks in zip(
                listing.lists, _block_forms(conference, listing, posted_block), strict=True
            )
        ],
        "may_run": can_change_list(request.user, conference),
        "current": "delegates",
        "handovers": list(conference.handovers.select_related("receiver", "sent_by")),
        **forms,
    }
    return render(request, "delegates/conference.html", context)


def _to_list(conference):
    return redirect("delegates:conference", pk=conference.pk)


def _attempt(request, step, success) -> None:
    """Run ``step`` (one service call): its success message (``success``, or a function
    of what the step returned), or the service's refusal as an error message."""
    try:
        done = step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success(done) if callable(success) else success)


@login_required
@require_GET
def conference_delegates(request, pk: int):
    """The table's page for the delegates a conference sends to the next level:
    candidacies, nominations, the elections, the check and the confirmation."""
    conference = get_conference_for_user(request.user, pk)
    return _list_page(request, conference)


@login_required
@require_POST
def candidacy_register(request, pk: int):
    """A civil-society candidate registered by the table, by the code of the badge."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    form = CandidacyForm(request.POST, conference=conference, prefix="c")
    if form.is_valid():
        try:
            done = elections.candidacy_register(
                actor=request.user,
                registration=form.cleaned_data["registration"],
                segment=request.POST.get("segment", ""),
                kind=request.POST.get("kind", ""),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s is a candidate.") % done.display_name)
            return _to_list(conference)
    return _list_page(request, conference, candidacy_form=form)


@login_required
@require_POST
def nominate(request, pk: int):
    """A government delegate nominated by the manager."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    form = _nomination_form(conference, request.POST.get("kind", ""), request.POST)
    if form.is_valid():
        try:
            done = elections.nominate(
                actor=request.user,
                registration=form.cleaned_data["registration"],
                role=form.cleaned_data["role"],
                kind=request.POST.get("kind", ""),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s nominated.") % done.display_name)
            return _to_list(conference)
    return _list_page(request, conference, nomination_form=form)


@login_required
@require_POST
def candidacy_withdraw(request, pk: int, candidacy_pk: int):
    candidacy = get_candidacy_for_user(request.user, pk, candidacy_pk, action=can_change_list)
    _attempt(
        request,
        lambda: elections.candidacy_withdraw(actor=request.user, candidacy=candidacy),
        _("%s removed from the list.") % candidacy.display_name,
    )
    return _to_list(candidacy.conference)


@login_required
@require_POST
def election_start(request, pk: int):
    """A segment's election: by acclamation at once, or a poll for the console. Its
    form sits in a closed <details>, so what went wrong is a message at the top."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    form = ElectionForm(request.POST, prefix="e")
    if not form.is_valid():
        messages.error(request, _("Choose how the segment elects its delegates."))
        return _to_list(conference)
    _attempt(
        request,
        lambda: elections.election_start(
            actor=request.user,
            conference=conference,
            segment=request.POST.get("segment", ""),
            kind=request.POST.get("kind", ""),
            **form.cleaned_data,
        ),
        lambda election: (
            _("Poll %(n)s created: open it in the voting console.") % {"n": election.poll.number}
            if election.poll
            else _("Acclamation recorded.")
        ),
    )
    return _to_list(conference)


@login_required
@require_POST
def election_record(request, pk: int, election_pk: int):
    election = get_election_for_user(request.user, pk, election_pk, action=can_change_list)
    _attempt(
        request,
        lambda: elections.election_record(actor=request.user, election=election),
        _("Result of the election recorded."),
    )
    return _to_list(election.conference)


@login_required
@require_POST
def election_cancel(request, pk: int, election_pk: int):
    election = get_election_for_user(request.user, pk, election_pk, action=can_change_list)
    _attempt(
        request,
        lambda: elections.election_cancel(
            actor=request.user, election=election, reason=request.POST.get("reason", "")
        ),
        _("Election cancelled: it can be started again."),
    )
    return _to_list(election.conference)


@login_required
@require_POST
def roles_set(request, pk: int):
    """Who holds a segment's seats, changed by hand with the reason."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    segment, kind = request.POST.get("segment", ""), request.POST.get("kind", "")
    if segment not in rules.SEGMENTS or kind not in selectors.list_kinds(conference):
        # forged (PostgreSQL refuses a NUL in a filter): nothing to change
        messages.error(request, _("Choose a segment."))
        return _to_list(conference)
    form = RolesForm(
        request.POST,
        candidacies=list(
            Candidacy.objects.filter(conference=conference, segment=segment, national_kind=kind)
        ),
    )
    if not form.is_valid():
        messages.error(request, _("Write why the seats change."))
        return _to_list(conference)
    _attempt(
        request,
        lambda: elections.roles_set(
            actor=request.user,
            conference=conference,
            segment=segment,
            kind=kind,
            roles=form.roles(),
            reason=form.cleaned_data["reason"],
        ),
        _("Seats changed."),
    )
    return _to_list(conference)


@login_required
@require_POST
def list_confirm(request, pk: int):
    """The list confirmed, with a justification when the check still finds problems."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            elections.list_confirm(
                actor=request.user,
                conference=conference,
                justification=form.cleaned_data["justification"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Delegate list confirmed."))
            return _to_list(conference)
    return _list_page(request, conference, confirm_form=form)


@login_required
@require_POST
def handover_send(request, pk: int):
    """The confirmed list sent to the next level (again: a new version)."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    _attempt(
        request,
        lambda: handover.send(actor=request.user, conference=conference),
        lambda sent: (
            _("List sent to %(receiver)s as version %(n)s.")
            % {"receiver": sent.receiver, "n": sent.version}
        ),
    )
    return _to_list(conference)


@require_GET
def my_candidacy(request, code: str):
    """The delegate's phone: stand as a candidate of their segment, see the result."""
    me = own_registration(request, code)
    me = Registration.objects.select_related("conference", "candidacy").get(pk=me.pk)
    candidacy = getattr(me, "candidacy", None)
    started = {
        e.national_kind: e
        for e in Election.objects.filter(conference=me.conference, segment=me.segment)
    }
    kinds = selectors.list_kinds(me.conference)
    # lists whose delegates of this segment its own forum chooses: no candidacy here
    forums_of = {
        k: found
        for k in kinds
        if (found := selectors.forum_choice(me.conference, me.segment, k)) is not None
    }
    open_kinds = [
        (k, selectors.kind_label(k)) for k in kinds if k not in started and k not in forums_of
    ]
    return render(
        request,
        "delegates/mine.html",
        {
            "me": me,
            "conference": me.conference,
            "candidacy": candidacy,
            # the election of the candidacy's list; before one, whether every list's began
            "election": started.get(candidacy.national_kind) if candidacy else None,
            "all_started": not open_kinds,
            # every list's delegates of the segment are chosen in its forum: how, in words
            "by_forum": [selectors.how_chosen_text(me.segment, forums_of[k]) for k in kinds]
            if len(forums_of) == len(kinds)
            else [],
            # a state conference's two lists: the delegate chooses one
            "open_kinds": open_kinds if kinds != ("",) else [],
            "civil_society": me.segment in rules.CIVIL_SOCIETY,
            "may_stand": is_credentialed_delegate(me.conference, me),
        },
    )


@require_POST
def my_candidacy_stand(request, code: str):
    me = own_registration(request, code)
    _attempt(
        request,
        lambda: elections.candidacy_register(
            actor=None, registration=me, kind=request.POST.get("kind", "")
        ),
        _("You are a candidate of your segment."),
    )
    return redirect("delegates:mine", code=code)


@require_POST
def my_candidacy_withdraw(request, code: str):
    me = own_registration(request, code)
    candidacy = Candidacy.objects.filter(registration=me).first()
    if candidacy is None:
        # a second tap, or the table removed it meanwhile: nothing left to withdraw
        return redirect("delegates:mine", code=code)
    _attempt(
        request,
        lambda: elections.candidacy_withdraw(actor=None, candidacy=candidacy),
        _("Your candidacy was withdrawn."),
    )
    return redirect("delegates:mine", code=code)


def _posted_block(request, conference) -> tuple[str, str, str] | None:
    """The (segment, kind, key) a segment's form was posted for; None when forged."""
    segment, kind = request.POST.get("segment", ""), request.POST.get("kind", "")
    if segment not in rules.CIVIL_SOCIETY or kind not in selectors.list_kinds(conference):
        return None
    return segment, kind, f"{kind}-{segment}" if kind else segment


@login_required
@require_POST
def segment_choice_set(request, pk: int):
    """How a civil-society segment's delegates are chosen: at the conference or in the
    segment's forum (name, date and act)."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    found = _posted_block(request, conference)
    if found is None:
        messages.error(request, _("Choose a civil-society segment."))
        return _to_list(conference)
    segment, kind, key = found
    form = SegmentChoiceForm(request.POST, prefix=f"ch-{key}")
    if form.is_valid():
        try:
            forums.segment_choice_set(
                actor=request.user,
                conference=conference,
                segment=segment,
                kind=kind,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("How the segment's delegates are chosen was saved."))
            return _to_list(conference)
    return _list_page(request, conference, posted_block=(key, form))


@login_required
@require_POST
def forum_delegate_record(request, pk: int):
    """A person the segment's forum chose, recorded as titular or suplente."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    found = _posted_block(request, conference)
    if found is None:
        messages.error(request, _("Choose a civil-society segment."))
        return _to_list(conference)
    segment, kind, key = found
    if selectors.forum_choice(conference, segment, kind) is None:
        # the segment went back to its election meanwhile: its form is no longer shown
        messages.error(
            request,
            _(
                "The delegates of the %(segment)s segment are elected at the conference, "
                "not chosen in a forum."
            )
            % {"segment": rules.segment_label(segment)},
        )
        return _to_list(conference)
    form = ForumDelegateForm(request.POST, conference=conference, prefix=f"f-{key}")
    if form.is_valid():
        try:
            done = forums.forum_delegate_record(
                actor=request.user,
                conference=conference,
                registration=form.cleaned_data["registration"],
                role=form.cleaned_data["role"],
                kind=kind,
                segment=segment,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s recorded as chosen in the forum.") % done.display_name)
            return _to_list(conference)
    return _list_page(request, conference, posted_block=(key, form))


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
    replaces = can_replace_delegates if request.method == "POST" else None
    sent = get_handover_for_user(request.user, pk, handover_pk, action=replaces)
    receiver = sent.receiver
    delegates = selectors.handover_delegates(sent)
    form = ReplacementForm(request.POST if request.method == "POST" else None, delegates=delegates)
    if request.method == "POST" and form.is_valid():
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
            # as the sending conference records it
            "how": selectors.how_chosen(sent.conference),
            "versions": list(sent.conference.handovers.select_related("sent_by")),
            "form": form,
            "may_write": can_replace_delegates(request.user, sent) and sent.current,
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
    conference = get_conference_for_user(request.user, pk, action=can_export_contacts)
    found = documents.publication(conference)
    book = documents.list_xlsx(found)
    export_record(
        actor=request.user, obj=conference, document="delegate list", count=len(found.delegates)
    )
    return xlsx_response(book, f"delegados-{conference.pk}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def national_shares(request, year: int):
    """The national table by kind of delegate: each state's municipal-level and
    state-level shares, the national figures, and the natos (the CNAS members)."""
    writes = can_change_table if request.method == "POST" else None
    edition, _state = get_seat_table_for_user(request.user, year, None, action=writes)
    found = selectors.national_shares(edition)
    states = State.objects.order_by(by("name"))
    form = NationalSharesForm(
        request.POST or None, initial=NationalSharesForm.initial_from(found), states=states
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.national_shares_save(
                actor=request.user, edition=edition, shares=form.shares(), totals=form.totals()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("National shares saved."))
            return redirect("delegates:national_shares", year=edition.year)
    return render(
        request,
        "delegates/national_shares.html",
        {
            "edition": edition,
            "found": found,
            "form": form,
            "writable": can_write_table(request.user, None),
        },
        status=400 if form.errors else 200,
    )
