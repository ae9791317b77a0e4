"""The final plenary: the table's console for highlights and motions, and the
participant's page on the phone (highlights, motions, signatures)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plenaria.conferences.permissions import get_conference_for_user
from plenaria.core.forms import apply_errors, as_int
from plenaria.editions.models import Axis
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.participants.access import own_registration
from plenaria.proposals import selectors, services
from plenaria.proposals.forms import (
    DeadlineForm,
    HighlightForm,
    MotionForm,
    PaperSignatureForm,
    TableHighlightForm,
    TableMotionForm,
)
from plenaria.proposals.models import Highlight, Motion, Proposal, Signature, WorkingGroup
from plenaria.proposals.permissions import can_run_plenary
from plenaria.proposals.services import Author


def _table_conference(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    if request.method == "POST" and not can_run_plenary(request.user, conference):
        raise PermissionDenied(_("Only the presiding table runs the plenary."))
    return conference


@login_required
@require_http_methods(["GET", "POST"])
def plenary(request, pk: int):
    """The table's console for the axes: open and close the highlight window, see the
    highlights with the text difference, record the en-bloc vote and each highlight."""
    conference = _table_conference(request, pk)
    blocks = selectors.plenary_console(conference)
    open_axes = [b.axis.pk for b in blocks if b.plenary and b.plenary.window_open]
    candidates = selectors.in_consolidation(
        Proposal.objects.filter(conference=conference, axis_id__in=open_axes)
    ).select_related("axis")
    form = TableHighlightForm(
        request.POST if request.POST.get("action") == "highlight" else None,
        conference=conference,
        proposals=candidates,
    )
    if request.method == "POST":
        result = _plenary_action(request, conference, form)
        if result is not None:
            return result
    return render(
        request,
        "proposals/plenary.html",
        {
            "conference": conference,
            "blocks": blocks,
            "form": form,
            "may_run": can_run_plenary(request.user, conference),
            "has_open": bool(open_axes),
        },
    )


def _plenary_action(request, conference, form):
    action = request.POST.get("action")
    back = redirect("proposals:plenary", pk=conference.pk)
    try:
        if action in {"open", "close", "en_bloc"}:
            axis = get_object_or_404(
                Axis, pk=as_int(request.POST.get("axis")), edition_id=conference.edition_id
            )
            if action == "open":
                services.highlights_open(actor=request.user, conference=conference, axis=axis)
                messages.success(request, _("Highlights open for %s.") % axis)
            elif action == "close":
                services.highlights_close(actor=request.user, conference=conference, axis=axis)
                messages.success(request, _("Highlights closed for %s.") % axis)
            else:
                count = services.en_bloc_record(
                    actor=request.user,
                    conference=conference,
                    axis=axis,
                    result=request.POST.get("result", ""),
                    vote=request.POST.get("vote", "")[:200],
                )
                messages.success(
                    request, _("En-bloc vote recorded for %(n)s proposals.") % {"n": count}
                )
            return back
        if action == "decide":
            highlight = get_object_or_404(
                Highlight,
                pk=as_int(request.POST.get("highlight")),
                proposal__conference=conference,
            )
            services.highlight_decide(
                actor=request.user,
                highlight=highlight,
                result=request.POST.get("result", ""),
                vote=request.POST.get("vote", "")[:200],
            )
            messages.success(request, _("Highlight %s recorded.") % highlight.number)
            return redirect(f"{reverse('proposals:plenary', args=[conference.pk])}#h{highlight.pk}")
        if action == "highlight" and form.is_valid():
            data = form.cleaned_data
            highlight = services.highlight_register(
                author=Author(user=request.user),
                proposal=data["proposal"],
                proposer=data["proposer"],
                data=data,
            )
            messages.success(request, _("Highlight %s registered.") % highlight.number)
            return back
    except ValidationError as error:
        if action == "highlight":
            apply_errors(form, error)
        else:
            messages.error(request, " ".join(error.messages))
            return back
    return None


@login_required
@require_http_methods(["GET", "POST"])
def motions(request, pk: int):
    """Motions: deadline, the list with signatures against the threshold, paper
    signatures and motions entered by the table, closing and the plenary's result."""
    conference = _table_conference(request, pk)
    config = deliberation_rules_for(conference)
    plenary = services.plenary_of(conference)
    action = request.POST.get("action")
    deadline_form = DeadlineForm(
        request.POST if action == "deadline" else None,
        initial={"deadline": plenary.motions_deadline},
    )
    motion_form = TableMotionForm(
        request.POST if action == "submit" else None,
        conference=conference,
        motion_types=config.motion_types,
    )
    if request.method == "POST":
        try:
            if action == "deadline" and deadline_form.is_valid():
                services.motions_deadline_set(
                    actor=request.user,
                    conference=conference,
                    deadline=deadline_form.cleaned_data["deadline"],
                )
                messages.success(request, _("Deadline saved."))
                return redirect("proposals:motions", pk=conference.pk)
            if action == "submit" and motion_form.is_valid():
                motion = services.motion_submit(
                    author=Author(user=request.user),
                    conference=conference,
                    proposer=motion_form.cleaned_data["proposer"],
                    data=motion_form.cleaned_data,
                )
                messages.success(request, _("%s registered.") % motion)
                return redirect("proposals:motions", pk=conference.pk)
            if action == "sign":
                return _paper_signature(request, conference)
            if action == "close":
                closed = services.motions_close(actor=request.user, conference=conference)
                messages.success(
                    request,
                    _("Motions closed with %(n)s credentialed delegates.")
                    % {"n": closed.delegates_at_closing},
                )
                return redirect("proposals:motions", pk=conference.pk)
            if action == "decide":
                motion = get_object_or_404(
                    Motion, pk=as_int(request.POST.get("motion")), conference=conference
                )
                services.motion_decide(
                    actor=request.user,
                    motion=motion,
                    result=request.POST.get("result", ""),
                    vote=request.POST.get("vote", "")[:200],
                )
                messages.success(request, _("Result of %s recorded.") % motion)
                return redirect("proposals:motions", pk=conference.pk)
        except ValidationError as error:
            target = {"deadline": deadline_form, "submit": motion_form}.get(action)
            if target is None:
                messages.error(request, " ".join(error.messages))
                return redirect("proposals:motions", pk=conference.pk)
            apply_errors(target, error)
    listed = selectors.motions_with_signatures(conference)
    return render(
        request,
        "proposals/motions.html",
        {
            "conference": conference,
            "plenary": plenary,
            "motions": listed,
            "deadline_form": deadline_form,
            "motion_form": motion_form,
            "sign_form": PaperSignatureForm(conference=conference),
            "may_run": can_run_plenary(request.user, conference),
            "base": listed[0].base if listed else selectors.credentialed_count(conference),
            "needed": listed[0].needed if listed else None,
            "share": config.motion_signature_share,
        },
    )


def _paper_signature(request, conference):
    motion = get_object_or_404(Motion, pk=as_int(request.POST.get("motion")), conference=conference)
    form = PaperSignatureForm(request.POST, conference=conference)
    if form.is_valid():
        registration = form.cleaned_data["registration"]
        services.motion_sign(
            author=Author(user=request.user), motion=motion, registration=registration
        )
        messages.success(
            request,
            _("Signature of %(name)s on %(motion)s recorded.")
            % {"name": registration.display_name, "motion": motion},
        )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('proposals:motions', args=[conference.pk])}#m{motion.pk}")


# The participant's page ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def participant_page(request, code: str):
    """What a participant does on the phone during the conference: join a group, raise
    highlights while a window is open, submit and sign motions."""
    me = own_registration(request, code)
    conference = me.conference
    config = deliberation_rules_for(conference)
    action = request.POST.get("action")
    highlight_form = HighlightForm(request.POST if action == "highlight" else None)
    motion_form = MotionForm(
        request.POST if action == "motion" else None, motion_types=config.motion_types
    )
    author = Author(registration=me)
    if request.method == "POST":
        try:
            if action == "join":
                group = get_object_or_404(
                    WorkingGroup, pk=as_int(request.POST.get("group")), conference=conference
                )
                services.member_join(registration=me, group=group, chosen=True)
                messages.success(request, _("You are in %s.") % group)
                return redirect("proposals:participant", code=code)
            if action == "highlight" and highlight_form.is_valid():
                proposal = get_object_or_404(
                    Proposal, pk=as_int(request.POST.get("proposal")), conference=conference
                )
                highlight = services.highlight_register(
                    author=author,
                    proposal=proposal,
                    proposer=me,
                    data=highlight_form.cleaned_data,
                )
                messages.success(
                    request,
                    _("Highlight %(n)s on %(p)s registered.")
                    % {"n": highlight.number, "p": proposal.label},
                )
                return redirect("proposals:participant", code=code)
            if action == "motion" and motion_form.is_valid():
                motion = services.motion_submit(
                    author=author,
                    conference=conference,
                    proposer=me,
                    data=motion_form.cleaned_data,
                )
                messages.success(request, _("%s submitted with your signature.") % motion)
                return redirect("proposals:participant", code=code)
            if action == "sign":
                motion = get_object_or_404(
                    Motion, pk=as_int(request.POST.get("motion")), conference=conference
                )
                services.motion_sign(author=author, motion=motion, registration=me)
                messages.success(request, _("You signed %s.") % motion)
                return redirect("proposals:participant", code=code)
        except ValidationError as error:
            target = {"highlight": highlight_form, "motion": motion_form}.get(action)
            if target is None:
                messages.error(request, " ".join(error.messages))
                return redirect("proposals:participant", code=code)
            apply_errors(target, error)
    membership = getattr(me, "membership", None)
    open_blocks = [
        b for b in selectors.consolidated(conference) if b.plenary and b.plenary.window_open
    ]
    listed = selectors.motions_with_signatures(conference)
    signed = set(
        Signature.objects.filter(registration=me, motion__conference=conference).values_list(
            "motion_id", flat=True
        )
    )
    plenary = services.plenary_of(conference)
    return render(
        request,
        "proposals/participant.html",
        {
            "me": me,
            "conference": conference,
            "membership": membership,
            "groups": WorkingGroup.objects.filter(conference=conference).select_related("axis"),
            "leads": WorkingGroup.objects.filter(
                Q(rapporteur=me) | Q(coordinator=me), conference=conference
            ),
            "open_blocks": open_blocks,
            "highlight_form": highlight_form,
            "motion_form": motion_form,
            "motions": listed,
            "signed": signed,
            "motions_open": services.motions_open(plenary),
            "may_act": selectors.is_credentialed_delegate(conference, me),
            "failed_proposal": as_int(request.POST.get("proposal"))
            if action == "highlight"
            else None,
        },
    )
