"""Working groups, proposals and the consolidated list (thin: forms → services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences.permissions import get_conference_for_user
from plenaria.conferences.selectors import regimento_rules
from plenaria.core.collation import by
from plenaria.core.documents import pdf, pdf_response
from plenaria.core.forms import apply_errors, as_int
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.participants.models import Segment
from plenaria.proposals import selectors, services
from plenaria.proposals.forms import GroupForm, ProposalForm, SubmittedProposalForm, VoteForm
from plenaria.proposals.models import Proposal, WorkingGroup
from plenaria.proposals.permissions import (
    Visitor,
    can_create_groups,
    can_distribute_participants,
    can_enter_proposals,
    can_set_priorities,
    can_write_in_groups,
    edits_proposal,
    get_earlier_search_conference,
    get_group_for_visitor,
    get_proposal_for_visitor,
    get_proposal_of,
    get_worklist_proposal,
    writes_in_group,
    writes_proposals_in_group,
)
from plenaria.proposals.services import Author


def _proposal_form(conference, *args, form_class=ProposalForm, **kwargs):
    if form_class is SubmittedProposalForm:
        kwargs["conference"] = conference
    return form_class(
        *args,
        spheres=deliberation_rules_for(conference).spheres,
        earlier=selectors.earlier_deliberations(conference)[:300],
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_list(request, pk: int):
    conference = get_conference_for_user(
        request.user, pk, action=can_create_groups if request.method == "POST" else None
    )
    form = GroupForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_save(
                actor=request.user, conference=conference, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Group “%s” created.") % group.name)
            return redirect("proposals:groups", pk=conference.pk)
    segments = [(value, label) for value, label in Segment.choices]
    groups = (
        WorkingGroup.objects.filter(conference=conference)
        .select_related("axis", "coordinator", "rapporteur")
        .annotate(
            members_count=Count("members"),
            **{
                f"n_{value}": Count("members", filter=Q(members__registration__segment=value))
                for value, _label in segments
            },
        )
    )
    rows = [(g, [getattr(g, f"n_{value}") for value, _label in segments]) for g in groups]
    return render(
        request,
        "proposals/group_list.html",
        {
            "conference": conference,
            "plenary_method": regimento_rules(conference).plenary_method,
            "rows": rows,
            "segments": segments,
            "form": form,
            "may_write": can_write_in_groups(request.user, conference),
            "without_group": conference.registrations.filter(
                status="confirmed", membership__isnull=True
            ).count(),
        },
    )


@login_required
@require_POST
def group_balance(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_distribute_participants)
    try:
        placed = services.members_balance(actor=request.user, conference=conference)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s participants placed in the groups.") % {"n": placed})
    return redirect("proposals:groups", pk=conference.pk)


def _author(visitor: Visitor) -> Author:
    if visitor.user.is_authenticated:
        return Author(user=visitor.user)
    return Author(registration=visitor.participant)


@require_http_methods(["GET", "POST"])
def group_detail(request, pk: int):
    """The group's page: the rapporteur writes proposals, adopts those collected
    before, and records the group's counts."""
    group, visitor = get_group_for_visitor(
        request, pk, action=writes_proposals_in_group if request.method == "POST" else None
    )
    conference = group.conference
    form = _proposal_form(conference, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_write(
                author=_author(visitor), group=group, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s saved.") % proposal.label)
            return redirect("proposals:group", pk=group.pk)
    work = selectors.group_worklist(group)
    counting = regimento_rules(conference)
    return render(
        request,
        "proposals/group_detail.html",
        {
            "group": group,
            "conference": conference,
            "form": form,
            "may_write": writes_in_group(visitor, group) and not counting.plenary_method,
            "participant": visitor.participant,
            "vote_form": VoteForm(),
            "counting": counting,
            "members": group.members.select_related("registration").order_by(
                by("registration__name")
            ),
            **work,
        },
    )


def _on_proposal(request, group, visitor, proposal_pk, step) -> HttpResponse:
    """Run one step of the group's work on a proposal of its worklist; a refused step
    shows its reason above the list. Back to the proposal on the group's page."""
    proposal = get_worklist_proposal(group, proposal_pk)
    try:
        messages.success(request, step(_author(visitor), proposal))
    except ValidationError as error:
        messages.error(request, f"{proposal.label}: " + " ".join(error.messages))
    return redirect(f"{reverse('proposals:group', args=[group.pk])}#p{proposal.pk}")


@require_POST
def group_adopt(request, pk: int, proposal_pk: int):
    group, visitor = get_group_for_visitor(request, pk, action=writes_in_group)

    def adopt(author, proposal):
        services.proposal_adopt(author=author, proposal=proposal, group=group)
        return _("%s adopted by the group.") % proposal.label

    return _on_proposal(request, group, visitor, proposal_pk, adopt)


@require_POST
def group_drop(request, pk: int, proposal_pk: int):
    group, visitor = get_group_for_visitor(request, pk, action=writes_in_group)

    def drop(author, proposal):
        services.proposal_drop(author=author, proposal=proposal, group=group)
        return _("%s dropped.") % proposal.label

    return _on_proposal(request, group, visitor, proposal_pk, drop)


@require_POST
def group_merge(request, pk: int, proposal_pk: int):
    group, visitor = get_group_for_visitor(request, pk, action=writes_in_group)

    def merge(author, proposal):
        adopted = selectors.group_proposals(group).filter(
            status=Proposal.Status.ADOPTED, group=group
        )
        into = adopted.filter(pk=as_int(request.POST.get("into"))).first()
        if into is None:
            raise ValidationError(_("Choose the proposal to merge into."))
        services.proposal_merge(author=author, proposal=proposal, into=into, group=group)
        return _("%(a)s merged into %(b)s.") % {"a": proposal.label, "b": into.label}

    return _on_proposal(request, group, visitor, proposal_pk, merge)


@require_POST
def group_vote(request, pk: int, proposal_pk: int):
    group, visitor = get_group_for_visitor(request, pk, action=writes_in_group)

    def vote(author, proposal):
        form = VoteForm(request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        proposal = services.group_vote_record(
            author=author, group=group, proposal=proposal, **form.cleaned_data
        )
        return _("Votes on %(p)s recorded: %(result)s.") % {
            "p": proposal.label,
            "result": proposal.get_group_result_display(),
        }

    return _on_proposal(request, group, visitor, proposal_pk, vote)


@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk: int):
    """Edit a proposal's text. When someone saved first, show both versions and keep
    what this editor wrote in the form: nothing is silently overwritten."""
    proposal, visitor = get_proposal_for_visitor(request, pk, action=edits_proposal)
    conference = proposal.conference
    group = proposal.group
    initial = {
        "sphere": proposal.sphere,
        "kind": proposal.kind,
        "refers_to": proposal.refers_to_id,
        "text": proposal.text,
        "justification": proposal.justification,
    }
    form = _proposal_form(conference, request.POST or None, initial=initial)
    version = as_int(request.POST.get("version")) if request.method == "POST" else proposal.version
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_edit(
                author=_author(visitor),
                proposal=proposal,
                data=form.cleaned_data,
                version=version or 0,
            )
        except services.StaleEdit as stale:
            conflict = stale.current
            version = conflict.version
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s saved.") % proposal.label)
            if group is not None:
                return redirect("proposals:group", pk=group.pk)
            return redirect("proposals:consolidated", pk=conference.pk)
    return render(
        request,
        "proposals/proposal_edit.html",
        {
            "proposal": proposal,
            "conference": conference,
            "form": form,
            "version": version,
            "conflict": conflict,
            "mine": form.data.get("text", "") if conflict else "",
            "revisions": proposal.revisions.select_related("author"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submitted(request, pk: int):
    """Proposals collected at preparatory events or sent before the conference."""
    conference = get_conference_for_user(
        request.user, pk, action=can_enter_proposals if request.method == "POST" else None
    )
    form = _proposal_form(conference, request.POST or None, form_class=SubmittedProposalForm)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                actor=request.user, conference=conference, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if regimento_rules(conference).plenary_method:
                done = _("%s recorded: it is in the final plenary's list.")
            else:
                done = _("%s recorded: it waits in the groups of its axis.")
            messages.success(request, done % proposal.label)
            return redirect("proposals:submitted", pk=conference.pk)
    waiting = (
        Proposal.objects.filter(conference=conference)
        .exclude(origin=Proposal.Origin.GROUP)
        .exclude(origin=Proposal.Origin.PLENARY)
        .select_related("axis", "event", "group")
        .order_by("axis__number", "number")
    )
    return render(
        request,
        "proposals/submitted.html",
        {
            "conference": conference,
            "form": form,
            "may_write": can_write_in_groups(request.user, conference),
            "waiting": waiting,
            "plenary_method": regimento_rules(conference).plenary_method,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consolidated(request, pk: int):
    """The consolidated list for the projector and the organisers; where an axis passes
    the cap, the plenary's priority order is entered here."""
    conference = get_conference_for_user(
        request.user, pk, action=can_set_priorities if request.method == "POST" else None
    )
    if request.method == "POST":
        proposal = get_proposal_of(conference, as_int(request.POST.get("proposal")))
        try:
            services.priority_set(
                actor=request.user,
                proposal=proposal,
                priority=as_int(request.POST.get("priority")),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(f"{request.path}#p{proposal.pk}")
    return render(
        request,
        "proposals/consolidated.html",
        {
            "conference": conference,
            "blocks": selectors.consolidated(conference),
            "may_write": can_write_in_groups(request.user, conference),
            "large": request.GET.get("grande") == "1",
            "plenary_method": regimento_rules(conference).plenary_method,
        },
    )


@login_required
@require_GET
def consolidated_pdf(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    data = pdf(
        "proposals/pdf/consolidated.html",
        {"conference": conference, "blocks": selectors.consolidated(conference)},
    )
    return pdf_response(data, f"consolidado-{conference.pk}.pdf", inline=True)


@login_required
@require_GET
def deliberations(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    return render(
        request,
        "proposals/deliberations.html",
        {"conference": conference, **selectors.final_deliberations(conference)},
    )


@require_GET
def earlier_search(request, pk: int):
    """htmx: the earlier deliberations matching the words typed, as <option>s."""
    conference = get_earlier_search_conference(request, pk)
    found = selectors.search_earlier(conference, request.GET.get("q", "")[:200])
    return render(request, "proposals/_earlier_options.html", {"found": found})
