"""The conference's page for the council's own civil-society election: candidacies,
each segment's election, the result, writing it into the council and the resolution.
One small view per action; the table and the organisers act (``can_change_list``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenaria.conferences.permissions import get_conference_for_user
from plenaria.core.documents import pdf, pdf_response
from plenaria.core.forms import apply_errors
from plenaria.delegates import council as services
from plenaria.delegates.forms import CandidacyForm, CouncilElectionForm
from plenaria.delegates.permissions import (
    can_change_list,
    can_write_council_members,
    get_council_candidacy_for_user,
    get_council_election_for_user,
)


def _page(request, conference, **bound):
    race = services.council_race(conference)
    start, end = services.default_term(conference, race.council)
    forms = {
        "candidacy_form": CandidacyForm(conference=conference, prefix="c"),
        "election_form": CouncilElectionForm(
            prefix="e", initial={"term_start": start, "term_end": end}
        ),
        **bound,
    }
    return render(
        request,
        "delegates/council.html",
        {
            "conference": conference,
            "race": race,
            "may_run": can_change_list(request.user, conference),
            "may_write_members": can_write_council_members(request.user, conference),
            "failed_segment": request.POST.get("segment", "") if bound else "",
            "candidacy_typed": request.POST.get("c-registration", "") if bound else "",
            "current": "delegates",
            **forms,
        },
    )


def _to_page(conference):
    return redirect("delegates:council", pk=conference.pk)


def _attempt(request, step, success) -> None:
    try:
        done = step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success(done) if callable(success) else success)


@login_required
@require_GET
def council_election(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    return _page(request, conference)


@login_required
@require_POST
def council_candidacy_add(request, pk: int):
    """A representative registered by the table, by the code of the badge."""
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    form = CandidacyForm(request.POST, conference=conference, prefix="c")
    if form.is_valid():
        try:
            done = services.council_candidacy_add(
                actor=request.user,
                registration=form.cleaned_data["registration"],
                segment=request.POST.get("segment", ""),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s stands for the council.") % done.display_name)
            return _to_page(conference)
    return _page(request, conference, candidacy_form=form)


@login_required
@require_POST
def council_candidacy_withdraw(request, pk: int, candidacy_pk: int):
    candidacy = get_council_candidacy_for_user(
        request.user, pk, candidacy_pk, action=can_change_list
    )
    _attempt(
        request,
        lambda: services.council_candidacy_withdraw(actor=request.user, candidacy=candidacy),
        _("%s no longer stands for the council.") % candidacy.display_name,
    )
    return _to_page(candidacy.conference)


@login_required
@require_POST
def council_election_start(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_change_list)
    form = CouncilElectionForm(request.POST, prefix="e")
    if not form.is_valid():
        messages.error(request, _("Choose how the segment elects its members and their term."))
        return _to_page(conference)
    _attempt(
        request,
        lambda: services.council_election_start(
            actor=request.user,
            conference=conference,
            segment=request.POST.get("segment", ""),
            **form.cleaned_data,
        ),
        lambda election: (
            _("Poll %(n)s created: open it in the voting console.") % {"n": election.poll.number}
            if election.poll
            else _("Acclamation recorded.")
        ),
    )
    return _to_page(conference)


@login_required
@require_POST
def council_election_record(request, pk: int, election_pk: int):
    election = get_council_election_for_user(request.user, pk, election_pk, action=can_change_list)
    _attempt(
        request,
        lambda: services.council_election_record(actor=request.user, election=election),
        _("Result of the election recorded."),
    )
    return _to_page(election.conference)


@login_required
@require_POST
def council_election_cancel(request, pk: int, election_pk: int):
    election = get_council_election_for_user(request.user, pk, election_pk, action=can_change_list)
    _attempt(
        request,
        lambda: services.council_election_cancel(
            actor=request.user, election=election, reason=request.POST.get("reason", "")
        ),
        _("Election cancelled: it can be started again."),
    )
    return _to_page(election.conference)


@login_required
@require_POST
def council_write(request, pk: int):
    """The elected into the council's members (again: nobody twice)."""
    conference = get_conference_for_user(request.user, pk, action=can_write_council_members)
    _attempt(
        request,
        lambda: services.council_members_from_election(actor=request.user, conference=conference),
        lambda done: (
            _("Written into the council's members: %(new)s new, %(old)s already there.")
            % {"new": done[0], "old": done[1]}
        ),
    )
    return _to_page(conference)


@login_required
@require_GET
def council_resolution(request, pk: int):
    """The draft resolution: to edit on the page, as a text file or as a PDF."""
    conference = get_conference_for_user(request.user, pk)
    race = services.council_race(conference)
    text = services.council_resolution_text(race)
    wanted = request.GET.get("formato")
    if wanted == "txt":
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="resolucao-conselho-{conference.pk}.txt"'
        )
        return response
    if wanted == "pdf":
        data = pdf("delegates/pdf/council.html", {"conference": conference, "text": text})
        return pdf_response(data, f"resolucao-conselho-{conference.pk}.pdf")
    return render(
        request,
        "delegates/council_resolution.html",
        {"conference": conference, "race": race, "resolution": text, "current": "delegates"},
    )
