"""The final plenary: the table's console for highlights and motions, and the
participant's page on the phone (highlights, motions, signatures)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenaria.conferences.permissions import get_conference_for_user
from plenaria.conferences.selectors import regimento_rules
from plenaria.core.forms import apply_errors, as_int
from plenaria.editions.selectors import deliberation_rules_for
from plenaria.participants.access import own_registration
from plenaria.proposals import rules, selectors, services
from plenaria.proposals.forms import (
    DeadlineForm,
    HighlightForm,
    MotionForm,
    PaperSignatureForm,
    TableHighlightForm,
    TableMotionForm,
)
from plenaria.proposals.models import Signature, WorkingGroup
from plenaria.proposals.permissions import (
    can_run_plenary,
    get_axis_of,
    get_group_of,
    get_highlight_of,
    get_motion_of,
    get_proposal_of,
)
from plenaria.proposals.services import Author


def _console(conference, data=None):
    """The axes' blocks, whether a highlight window is open, and the form the table
    registers a highlight with (bound to ``data`` when it was sent)."""
    blocks = selectors.plenary_console(conference)
    open_axes = [b.axis.pk for b in blocks if b.plenary and b.plenary.window_open]
    candidates = (
        selectors.plenary_list(conference).filter(axis_id__in=open_axes).select_related("axis")
    )
    form = TableHighlightForm(data, conference=conference, proposals=candidates)
    return blocks, bool(open_axes), form


def _plenary_page(request, conference, blocks, has_open, form):
    return render(
        request,
        "proposals/plenary.html",
        {
            "conference": conference,
            "blocks": blocks,
            "form": form,
            "may_run": can_run_plenary(request.user, conference),
            "has_open": has_open,
            "plenary_method": regimento_rules(conference).plenary_method,
        },
    )


@login_required
@require_GET
def plenary(request, pk: int):
    """The table's console for the axes: open and close the highlight window, see the
    highlights with the text difference, record the en-bloc vote and each highlight."""
    conference = get_conference_for_user(request.user, pk)
    return _plenary_page(request, conference, *_console(conference))


@login_required
@require_POST
def plenary_highlight(request, pk: int):
    """The table registers a highlight on a delegate's behalf; a refused one comes back
    in the console's form."""
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    blocks, has_open, form = _console(conference, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            highlight = services.highlight_register(
                author=Author(user=request.user),
                proposal=data["proposal"],
                proposer=data["proposer"],
                data=data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Highlight %s registered.") % highlight.number)
            return redirect("proposals:plenary", pk=conference.pk)
    return _plenary_page(request, conference, blocks, has_open, form)


def _table_step(request, conference, step, anchor: str = ""):
    """Run one of the table's steps; a refused step shows its reason on the console."""
    try:
        messages.success(request, step())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("proposals:plenary", args=[conference.pk]) + anchor)


@login_required
@require_POST
def highlights_open(request, pk: int, axis_pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    axis = get_axis_of(conference, axis_pk)

    def step():
        services.highlights_open(actor=request.user, conference=conference, axis=axis)
        return _("Highlights open for %s.") % axis

    return _table_step(request, conference, step)


@login_required
@require_POST
def highlights_close(request, pk: int, axis_pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    axis = get_axis_of(conference, axis_pk)

    def step():
        services.highlights_close(actor=request.user, conference=conference, axis=axis)
        return _("Highlights closed for %s.") % axis

    return _table_step(request, conference, step)


@login_required
@require_POST
def en_bloc(request, pk: int, axis_pk: int):
    """The en-bloc vote of the axis' proposals that received no highlight."""
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    axis = get_axis_of(conference, axis_pk)

    def step():
        count = services.en_bloc_record(
            actor=request.user,
            conference=conference,
            axis=axis,
            result=request.POST.get("result", ""),
            vote=request.POST.get("vote", "")[:200],
        )
        return _("En-bloc vote recorded for %(n)s proposals.") % {"n": count}

    return _table_step(request, conference, step)


@login_required
@require_POST
def highlight_decide(request, pk: int, highlight_pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    highlight = get_highlight_of(conference, highlight_pk)

    def step():
        services.highlight_decide(
            actor=request.user,
            highlight=highlight,
            result=request.POST.get("result", ""),
            vote=request.POST.get("vote", "")[:200],
        )
        return _("Highlight %s recorded.") % highlight.number

    # Only a success returns to the highlight itself, as before the split.
    try:
        messages.success(request, step())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("proposals:plenary", pk=conference.pk)
    return redirect(f"{reverse('proposals:plenary', args=[conference.pk])}#h{highlight.pk}")


# Motions -------------------------------------------------------------------------------


def _motions_page(request, conference, *, deadline_form=None, motion_form=None):
    config = deliberation_rules_for(conference)
    plenary = selectors.plenary_of(conference)
    listed = selectors.motions_with_signatures(conference)
    return render(
        request,
        "proposals/motions.html",
        {
            "conference": conference,
            "plenary": plenary,
            "motions": listed,
            "deadline_form": deadline_form
            or DeadlineForm(initial={"deadline": plenary.motions_deadline}),
            "motion_form": motion_form
            or TableMotionForm(conference=conference, motion_types=config.motion_types),
            "sign_form": PaperSignatureForm(conference=conference),
            "may_run": can_run_plenary(request.user, conference),
            "base": listed[0].base if listed else selectors.credentialed_count(conference),
            "needed": listed[0].needed if listed else None,
            "share": regimento_rules(conference).motion_signature_share,
        },
    )


def _motions_step(request, conference, step):
    """Run one of the table's steps on the motions; a refused one shows its reason."""
    try:
        messages.success(request, step())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("proposals:motions", pk=conference.pk)


@login_required
@require_GET
def motions(request, pk: int):
    """Motions: deadline, the list with signatures against the threshold, paper
    signatures and motions entered by the table, closing and the plenary's result."""
    conference = get_conference_for_user(request.user, pk)
    return _motions_page(request, conference)


@login_required
@require_POST
def motions_deadline(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.motions_deadline_set(
                actor=request.user, conference=conference, deadline=form.cleaned_data["deadline"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Deadline saved."))
            return redirect("proposals:motions", pk=conference.pk)
    return _motions_page(request, conference, deadline_form=form)


@login_required
@require_POST
def motion_register(request, pk: int):
    """The table registers a motion on a delegate's behalf."""
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    form = TableMotionForm(
        request.POST,
        conference=conference,
        motion_types=deliberation_rules_for(conference).motion_types,
    )
    if form.is_valid():
        try:
            motion = services.motion_submit(
                author=Author(user=request.user),
                conference=conference,
                proposer=form.cleaned_data["proposer"],
                data=form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s registered.") % motion)
            return redirect("proposals:motions", pk=conference.pk)
    return _motions_page(request, conference, motion_form=form)


@login_required
@require_POST
def motions_close(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)

    def step():
        closed = services.motions_close(actor=request.user, conference=conference)
        return _("Motions closed with %(n)s credentialed delegates.") % {
            "n": closed.delegates_at_closing
        }

    return _motions_step(request, conference, step)


@login_required
@require_POST
def motion_decide(request, pk: int, motion_pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    motion = get_motion_of(conference, motion_pk)

    def step():
        services.motion_decide(
            actor=request.user,
            motion=motion,
            result=request.POST.get("result", ""),
            vote=request.POST.get("vote", "")[:200],
        )
        return _("Result of %s recorded.") % motion

    return _motions_step(request, conference, step)


@login_required
@require_POST
def motion_paper_signature(request, pk: int, motion_pk: int):
    """A delegate's signature collected on paper, entered by the table by badge code."""
    conference = get_conference_for_user(request.user, pk, action=can_run_plenary)
    motion = get_motion_of(conference, motion_pk)
    form = PaperSignatureForm(request.POST, conference=conference)
    back = redirect(f"{reverse('proposals:motions', args=[conference.pk])}#m{motion.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return back
    registration = form.cleaned_data["registration"]
    try:
        services.motion_sign(
            author=Author(user=request.user), motion=motion, registration=registration
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("proposals:motions", pk=conference.pk)
    messages.success(
        request,
        _("Signature of %(name)s on %(motion)s recorded.")
        % {"name": registration.display_name, "motion": motion},
    )
    return back


# The participant's page ----------------------------------------------------------------


def _participant_view(request, me, *, highlight_form=None, motion_form=None, failed=None):
    """The participant's page; a refused highlight (on proposal ``failed``) or motion
    comes back in its form."""
    conference = me.conference
    open_blocks = [
        b for b in selectors.consolidated(conference) if b.plenary and b.plenary.window_open
    ]
    signed = set(
        Signature.objects.filter(registration=me, motion__conference=conference).values_list(
            "motion_id", flat=True
        )
    )
    return render(
        request,
        "proposals/participant.html",
        {
            "me": me,
            "conference": conference,
            "membership": getattr(me, "membership", None),
            "groups": WorkingGroup.objects.filter(conference=conference).select_related("axis"),
            "leads": WorkingGroup.objects.filter(
                Q(rapporteur=me) | Q(coordinator=me), conference=conference
            ),
            "open_blocks": open_blocks,
            "highlight_form": highlight_form or HighlightForm(),
            "motion_form": motion_form
            or MotionForm(motion_types=deliberation_rules_for(conference).motion_types),
            "motions": selectors.motions_with_signatures(conference),
            "signed": signed,
            "motions_open": rules.motions_open(selectors.plenary_of(conference), timezone.now()),
            "may_act": selectors.is_credentialed_delegate(conference, me),
            "failed_proposal": failed,
        },
    )


def _participant_step(request, code, step):
    """Run one step of the participant's; a refused one shows its reason on the page."""
    try:
        messages.success(request, step())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("proposals:participant", code=code)


@require_GET
def participant_page(request, code: str):
    """What a participant does on the phone during the conference: join a group, raise
    highlights while a window is open, submit and sign motions."""
    return _participant_view(request, own_registration(request, code))


@require_POST
def participant_join(request, code: str):
    me = own_registration(request, code)
    group = get_group_of(me.conference, as_int(request.POST.get("group")))

    def step():
        services.member_join(registration=me, group=group, chosen=True)
        return _("You are in %s.") % group

    return _participant_step(request, code, step)


@require_POST
def participant_highlight(request, code: str, proposal_pk: int):
    me = own_registration(request, code)
    proposal = get_proposal_of(me.conference, proposal_pk)
    form = HighlightForm(request.POST)
    if form.is_valid():
        try:
            highlight = services.highlight_register(
                author=Author(registration=me),
                proposal=proposal,
                proposer=me,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Highlight %(n)s on %(p)s registered.")
                % {"n": highlight.number, "p": proposal.label},
            )
            return redirect("proposals:participant", code=code)
    return _participant_view(request, me, highlight_form=form, failed=proposal.pk)


@require_POST
def participant_motion(request, code: str):
    me = own_registration(request, code)
    form = MotionForm(request.POST, motion_types=deliberation_rules_for(me.conference).motion_types)
    if form.is_valid():
        try:
            motion = services.motion_submit(
                author=Author(registration=me),
                conference=me.conference,
                proposer=me,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s submitted with your signature.") % motion)
            return redirect("proposals:participant", code=code)
    return _participant_view(request, me, motion_form=form)


@require_POST
def participant_sign(request, code: str, motion_pk: int):
    me = own_registration(request, code)
    motion = get_motion_of(me.conference, motion_pk)

    def step():
        services.motion_sign(author=Author(registration=me), motion=motion, registration=me)
        return _("You signed %s.") % motion

    return _participant_step(request, code, step)
