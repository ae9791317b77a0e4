"""Working groups, proposals and the consolidated list (thin: forms → services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import can_read_conference, get_conference_for_user
from plenaria.core.documents import pdf, pdf_response
from plenaria.core.forms import apply_errors, as_int
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.participants.access import participant_in
from plenaria.participants.models import Segment
from plenaria.proposals import selectors, services
from plenaria.proposals.forms import GroupForm, ProposalForm, SubmittedProposalForm, VoteForm
from plenaria.proposals.models import Proposal, WorkingGroup
from plenaria.proposals.permissions import can_write_in_groups, writes_in_group
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
    conference = get_conference_for_user(request.user, pk)
    may_write = can_write_in_groups(request.user, conference)
    form = GroupForm(request.POST or None, conference=conference)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied(_("Only the organisers create working groups."))
        if form.is_valid():
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
            "rows": rows,
            "segments": segments,
            "form": form,
            "may_write": may_write,
            "without_group": conference.registrations.filter(
                status="confirmed", membership__isnull=True
            ).count(),
        },
    )


@login_required
@require_POST
def group_balance(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    if not can_write_in_groups(request.user, conference):
        raise PermissionDenied(_("Only the organisers distribute participants."))
    try:
        placed = services.members_balance(actor=request.user, conference=conference)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s participants placed in the groups.") % {"n": placed})
    return redirect("proposals:groups", pk=conference.pk)


def _group_for(request, pk: int) -> tuple[WorkingGroup, object, bool]:
    """The group, the participant who opened it on a phone (if any), and whether the
    visitor may write in it. Staff who only follow the conference read it."""
    group = get_object_or_404(
        WorkingGroup.objects.select_related(
            "conference__edition", "axis", "coordinator", "rapporteur"
        ),
        pk=pk,
    )
    participant = participant_in(request, group.conference)
    may_write = writes_in_group(request.user, participant, group)
    readable = may_write or participant or can_read_conference(request.user, group.conference)
    if not readable:
        raise Http404
    return group, participant, may_write


def _author(request, participant) -> Author:
    if request.user.is_authenticated:
        return Author(user=request.user)
    return Author(registration=participant)


@require_http_methods(["GET", "POST"])
def group_detail(request, pk: int):
    """The group's page: the rapporteur writes proposals, adopts those collected
    before, and records the group's counts."""
    group, participant, may_write = _group_for(request, pk)
    conference = group.conference
    form = _proposal_form(conference, request.POST or None)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied(_("Only the group's rapporteur writes its proposals."))
        if form.is_valid():
            try:
                proposal = services.proposal_write(
                    author=_author(request, participant), group=group, data=form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("%s saved.") % proposal.label)
                return redirect("proposals:group", pk=group.pk)
    work = selectors.group_worklist(group)
    return render(
        request,
        "proposals/group_detail.html",
        {
            "group": group,
            "conference": conference,
            "form": form,
            "may_write": may_write,
            "participant": participant,
            "vote_form": VoteForm(),
            "members": group.members.select_related("registration").order_by("registration__name"),
            **work,
        },
    )


@require_POST
def group_action(request, pk: int, proposal_pk: int):
    """Adopt, drop, merge or vote one proposal in the group."""
    group, participant, may_write = _group_for(request, pk)
    if not may_write:
        raise PermissionDenied(_("Only the group's rapporteur changes its list."))
    # Only the proposals of the group's own worklist (its axis); any other id is unknown here.
    worklist = selectors.group_proposals(group)
    proposal = get_object_or_404(worklist.select_related("conference", "axis"), pk=proposal_pk)
    author = _author(request, participant)
    action = request.POST.get("action")
    try:
        if action == "adopt":
            services.proposal_adopt(author=author, proposal=proposal, group=group)
            messages.success(request, _("%s adopted by the group.") % proposal.label)
        elif action == "drop":
            services.proposal_drop(author=author, proposal=proposal, group=group)
            messages.success(request, _("%s dropped.") % proposal.label)
        elif action == "merge":
            into = worklist.filter(
                status=Proposal.Status.ADOPTED, group=group, pk=as_int(request.POST.get("into"))
            ).first()
            if into is None:
                raise ValidationError(_("Choose the proposal to merge into."))
            services.proposal_merge(author=author, proposal=proposal, into=into, group=group)
            messages.success(
                request, _("%(a)s merged into %(b)s.") % {"a": proposal.label, "b": into.label}
            )
        elif action == "vote":
            form = VoteForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            proposal = services.group_vote_record(
                author=author, group=group, proposal=proposal, **form.cleaned_data
            )
            messages.success(
                request,
                _("Votes on %(p)s recorded: %(result)s.")
                % {"p": proposal.label, "result": proposal.get_group_result_display()},
            )
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, f"{proposal.label}: " + " ".join(error.messages))
    return redirect(f"{reverse('proposals:group', args=[group.pk])}#p{proposal.pk}")


@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk: int):
    """Edit a proposal's text. When someone saved first, show both versions and keep
    what this editor wrote in the form: nothing is silently overwritten."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("conference__edition", "axis", "group"), pk=pk
    )
    conference = proposal.conference
    participant = participant_in(request, conference)
    group = proposal.group
    if group is not None:
        may_write = writes_in_group(request.user, participant, group)
    else:
        may_write = can_write_in_groups(request.user, conference)
    if not may_write:
        # A participant of the conference reads the proposal on the group's page.
        if participant is not None or can_read_conference(request.user, conference):
            raise PermissionDenied(_("Only the group's rapporteur changes its proposals."))
        raise Http404
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
                author=_author(request, participant),
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
    conference = get_conference_for_user(request.user, pk)
    may_write = can_write_in_groups(request.user, conference)
    form = _proposal_form(conference, request.POST or None, form_class=SubmittedProposalForm)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied(_("Only the organisers enter proposals."))
        if form.is_valid():
            try:
                proposal = services.proposal_submit(
                    actor=request.user, conference=conference, data=form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%s recorded: it waits in the groups of its axis.") % proposal.label,
                )
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
        {"conference": conference, "form": form, "may_write": may_write, "waiting": waiting},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consolidated(request, pk: int):
    """The consolidated list for the projector and the organisers; where an axis passes
    the cap, the plenary's priority order is entered here."""
    conference = get_conference_for_user(request.user, pk)
    may_write = can_write_in_groups(request.user, conference)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied(_("Only the organisers set priorities."))
        proposal = get_object_or_404(
            Proposal, pk=as_int(request.POST.get("proposal")), conference=conference
        )
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
            "may_write": may_write,
            "large": request.GET.get("grande") == "1",
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
    conference = get_object_or_404(Conference, pk=pk)
    if not (can_read_conference(request.user, conference) or participant_in(request, conference)):
        raise Http404
    found = selectors.search_earlier(conference, request.GET.get("q", "")[:200])
    return render(request, "proposals/_earlier_options.html", {"found": found})
