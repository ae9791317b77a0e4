"""The plenary's polls: the table's console, the projector, the delegate's phone and the
live stream that keeps them in step."""

import asyncio

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import can_read_conference, get_conference_for_user
from plenaria.core.documents import pdf, pdf_response, xlsx_response
from plenaria.core.forms import apply_errors, as_int, as_key
from plenaria.core.net import address_bucket, client_address
from plenaria.participants.access import (
    opened_ids,
    opened_pins,
    own_registration,
    participant_in,
)
from plenaria.participants.services import export_record
from plenaria.proposals.permissions import can_run_plenary
from plenaria.voting import documents, live, selectors, services
from plenaria.voting.forms import AnalogCountsForm, PollForm, SettingsForm
from plenaria.voting.models import Poll, Voter

KEEP_ALIVE = 15  # seconds between comments on an idle stream (proxies close silent ones)


@login_required
@require_http_methods(["GET", "POST"])
def console(request, pk: int):
    """The presiding table's console: agenda, polls, the current poll's progress."""
    conference = get_conference_for_user(request.user, pk)
    may_run = can_run_plenary(request.user, conference)
    action = request.POST.get("action")
    agenda = selectors.votable_now(conference)
    settings_form = SettingsForm(
        request.POST if action == "settings" else None,
        instance=services.settings_for(conference),
    )
    poll_form = PollForm(
        request.POST if action == "create" else None,
        initial={"mode": settings_form.instance.mode},
        **agenda,
    )
    current = selectors.current_poll(conference.pk)
    analog_form = None
    if current and current.mode == "analog" and current.state == Poll.State.CLOSED:
        analog_form = AnalogCountsForm(request.POST if action == "analog" else None, poll=current)
    if request.method == "POST":
        if not may_run:
            raise PermissionDenied(_("Only the presiding table runs the plenary."))
        try:
            forms = {"settings": settings_form, "create": poll_form, "analog": analog_form}
            if _console_action(request, conference, action, forms, current):
                return redirect("voting:console", pk=conference.pk)
        except ValidationError as error:
            target = {"create": poll_form, "analog": analog_form}.get(action)
            if target is None:
                messages.error(request, " ".join(error.messages))
                return redirect("voting:console", pk=conference.pk)
            apply_errors(target, error)
    polls = list(conference.polls.order_by("-number"))
    parte = request.GET.get("parte")
    return render(
        request,
        "voting/_console_current.html" if parte else "voting/console.html",
        {
            "conference": conference,
            "may_run": may_run,
            "settings_form": settings_form,
            "poll_form": poll_form,
            "analog_form": analog_form,
            "current": current,
            "polls": polls,
            "not_voted": selectors.not_voted(current)
            if current and current.state == Poll.State.OPEN and current.is_electronic
            else [],
            "state": selectors.live_state(conference.pk),
            "results": selectors.results(current) if current else [],
        },
    )


def _console_action(request, conference, action, forms, current) -> bool:
    """One step of the table; False when a form has errors to show."""
    user = request.user
    settings_form, poll_form, analog_form = forms["settings"], forms["create"], forms["analog"]
    if action == "settings":
        if settings_form.is_valid():
            services.settings_save(
                actor=user, conference=conference, data=settings_form.cleaned_data
            )
            messages.success(request, _("Voting rules saved."))
            return True
        return False
    if action == "create":
        if not poll_form.is_valid():
            return False
        data = poll_form.cleaned_data
        poll = services.poll_create(
            actor=user,
            conference=conference,
            item=data["item"],
            question=data["question"],
            mode=data["mode"],
            options=data["options"].splitlines(),
            axis=data["axis"],
            highlight=data["highlight"],
            motion=data["motion"],
        )
        messages.success(request, _("%s created. Open it when the plenary is ready.") % poll)
        return True
    if action == "analog":
        if analog_form is None or not analog_form.is_valid():
            return False
        services.analog_counts_enter(actor=user, poll=current, counts=analog_form.counts())
        messages.success(request, _("Counts recorded."))
        return True
    poll = get_object_or_404(Poll, pk=as_int(request.POST.get("poll")), conference=conference)
    steps = {
        "open": (services.poll_open, _("%s is open.")),
        "close": (services.poll_close, _("%s is closed.")),
        "publish": (services.poll_publish, _("%s is published.")),
    }
    if action not in steps:
        raise ValidationError(_("Unknown action."))
    step, done = steps[action]
    step(actor=user, poll=poll)
    messages.success(request, done % poll)
    return True


@login_required
@require_GET
def projector(request, pk: int):
    """Full screen for the room: the current item, ballots cast against delegates
    present (never a partial secret result) and, once published, the result in bars."""
    conference = get_conference_for_user(request.user, pk)
    current = selectors.current_poll(conference.pk)
    context = {
        "conference": conference,
        "current": current,
        "state": selectors.live_state(conference.pk),
        "results": selectors.results(current) if current else [],
        "large": request.GET.get("grande") == "1",
    }
    template = "voting/_projector.html" if request.GET.get("parte") else "voting/projector.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def delegate(request, code: str):
    """The delegate's phone: the current poll, one tap to vote, the receipt.

    After a ballot the page it redirects to shows the receipt as stored, so success
    needs no flash message; refusals get one."""
    if request.method == "POST" and services.ballot_first(
        poll_id=as_int(request.POST.get("poll")) or 0,
        code=code,
        opened=opened_ids(request),
        pins=opened_pins(request),
        option_key=as_key(request.POST.get("option")),
    ):
        return redirect("voting:delegate", code=code)
    # Not a first valid ballot (or not PostgreSQL): the full checks, with their message.
    me = own_registration(request, code)
    conference = me.conference
    if request.method == "POST":
        poll = get_object_or_404(Poll, pk=as_int(request.POST.get("poll")))
        if poll.conference_id != conference.pk:
            messages.error(request, _("This poll belongs to another conference."))
            return redirect("voting:delegate", code=code)
        try:
            services.ballot_cast(
                poll=poll, registration=me, option_key=as_key(request.POST.get("option"))
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("voting:delegate", code=code)
    current = selectors.current_poll(conference.pk)
    mine = (
        Voter.objects.filter(poll=current, registration=me).select_related("option").first()
        if current
        else None
    )
    context = {
        "me": me,
        "conference": conference,
        "current": current,
        "mine": mine,
        "entitled": selectors.may_vote(current, me) if current else False,
        "state": selectors.live_state(conference.pk),
        "results": selectors.results(current)
        if current and current.state == Poll.State.PUBLISHED
        else [],
    }
    template = "voting/_delegate.html" if request.GET.get("parte") else "voting/delegate.html"
    return render(request, template, context)


def _may_follow(request, conference: Conference) -> bool:
    return (
        can_read_conference(request.user, conference)
        or participant_in(request, conference) is not None
    )


@require_GET
def state(request, pk: int):
    """The live state as JSON: what the pages poll when the stream is not available."""
    conference = get_object_or_404(Conference, pk=pk)
    if not _may_follow(request, conference):
        raise Http404  # a draft's existence is not told
    return JsonResponse(selectors.live_state(conference.pk))


def _conference_to_follow(request, pk: int) -> tuple[Conference, str]:
    conference = Conference.objects.filter(pk=pk).first()
    if conference is None:
        raise Http404
    if not _may_follow(request, conference):
        raise Http404  # a draft's existence is not told
    return conference, _follower(request)


def _follower(request) -> str:
    """Who follows the stream: the account, or the registrations the session opened."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return "registrations:" + ",".join(str(pk) for pk in sorted(opened_ids(request)))


@require_GET
async def events(request, pk: int):
    """Server-sent events: the live state once at once, then at every change. The
    stream holds no database connection (live.detached)."""
    conference, follower = await live.detached(_conference_to_follow)(request, pk)
    if not isinstance(request, ASGIRequest):
        # Under WSGI (the test server) a stream would hold a thread forever; the page
        # falls back to polling the state.
        return HttpResponse(status=204)
    release = live.slots.take(
        {
            ("session", request.session.session_key or ""): settings.LIVE_STREAMS_PER_SESSION,
            # one code or account opening many sessions (each login is a new one)
            ("person", follower): settings.LIVE_STREAMS_PER_PERSON,
            ("address", address_bucket(client_address(request))): (
                settings.LIVE_STREAMS_PER_ADDRESS
            ),
        }
    )
    if release is None:
        # EventSource does not retry after a 429: the page polls the state instead.
        return HttpResponse(
            _("Too many live connections open; this page updates every few seconds instead."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )

    async def stream():
        queue = live.hub.subscribe(conference.pk)
        try:
            await live.hub.ready()  # then read the state: no change can fall in between
            first = await live.detached(live.state_json)(conference.pk)
            live.hub.first_sent(conference.pk, first)
            yield f"retry: 2000\ndata: {first}\n\n"
            while True:
                try:
                    payload = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": \n\n"
                    continue
                yield f"data: {payload}\n\n"
        finally:
            live.hub.unsubscribe(conference.pk, queue)
            release()

    response = live.Stream(stream(), release=release, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


@login_required
@require_GET
def results_pdf(request, pk: int):
    conference = get_conference_for_user(request.user, pk)
    polls = documents.published_polls(conference)
    data = pdf("voting/pdf/results.html", {"conference": conference, "polls": polls})
    return pdf_response(data, f"votacoes-{conference.pk}.pdf")


@login_required
@require_GET
def named_votes_xlsx(request, pk: int):
    """Named votes of the open (nominal) polls: who voted what, by the social name; for
    the presiding table (and the organisers), logged."""
    conference = get_conference_for_user(request.user, pk)
    if not can_run_plenary(request.user, conference):
        raise PermissionDenied(_("Only the presiding table exports named votes."))
    book, rows = documents.named_votes_xlsx(conference)
    export_record(actor=request.user, obj=conference, document="named votes", count=rows)
    return xlsx_response(book, f"votos-nominais-{conference.pk}.xlsx")
