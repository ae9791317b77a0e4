"""The plenary's polls: the table's console, the projector, the delegate's phone and the
live stream that keeps them in step."""

import asyncio

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences.permissions import get_conference_for_user
from plenaria.core.documents import pdf, pdf_response, xlsx_response
from plenaria.core.forms import apply_errors, as_int, as_key
from plenaria.core.net import address_bucket, client_address
from plenaria.participants.access import opened_ids, opened_pins, own_registration
from plenaria.participants.services import export_record
from plenaria.voting import documents, live, selectors, services
from plenaria.voting.forms import (
    AnalogCountsForm,
    ItemForm,
    PollForm,
    SettingsForm,
    chosen_item,
)
from plenaria.voting.models import Poll, Voter
from plenaria.voting.permissions import (
    can_export_named_votes,
    can_run_polls,
    get_conference_to_follow,
    get_poll_for_user,
)

KEEP_ALIVE = 15  # seconds between comments on an idle stream (proxies close silent ones)


def _console(request, conference, *, settings_form=None, poll_form=None, analog_form=None):
    """The console page; a POST whose form has errors shows it again with them."""
    settings_form = settings_form or SettingsForm(
        instance=selectors.settings_for(conference), prefix="rules"
    )
    poll_form = poll_form or PollForm(
        initial={"mode": settings_form.instance.mode},
        item=chosen_item(request.GET.get("item")),
        **selectors.votable_now(conference),
    )
    current = selectors.current_poll(conference.pk)
    closed_analog = current and current.mode == "analog" and current.state == Poll.State.CLOSED
    if analog_form is None and closed_analog:
        analog_form = AnalogCountsForm(poll=current)
    parte = request.GET.get("parte")
    return render(
        request,
        # parte=nova: the new poll's fields for the item chosen (htmx), else the
        # current poll (live.js)
        "voting/_poll_form.html"
        if parte == "nova"
        else "voting/_console_current.html"
        if parte
        else "voting/console.html",
        {
            "conference": conference,
            "may_run": can_run_polls(request.user, conference),
            "settings_form": settings_form,
            "poll_form": poll_form,
            "item_form": ItemForm(initial={"item": poll_form.item}),
            "analog_form": analog_form,
            "current": current,
            "polls": list(conference.polls.order_by("-number")),
            "not_voted": selectors.not_voted(current)
            if current and current.state == Poll.State.OPEN and current.is_electronic
            else [],
            "state": selectors.live_state(conference.pk),
            "results": selectors.results(current) if current else [],
            "outcomes": selectors.highlight_outcomes(current),
        },
    )


@login_required
@require_GET
def console(request, pk: int):
    """The presiding table's console: agenda, polls, the current poll's progress."""
    conference = get_conference_for_user(request.user, pk)
    return _console(request, conference)


@login_required
@require_POST
def settings_save(request, pk: int):
    """The voting rules of the regimento: majority, quorum, mode."""
    conference = get_conference_for_user(request.user, pk, action=can_run_polls)
    form = SettingsForm(request.POST, instance=selectors.settings_for(conference), prefix="rules")
    if not form.is_valid():
        return _console(request, conference, settings_form=form)
    try:
        services.settings_save(actor=request.user, conference=conference, data=form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Voting rules saved."))
    return redirect("voting:console", pk=conference.pk)


@login_required
@require_POST
def poll_create(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_run_polls)
    form = PollForm(request.POST, **selectors.votable_now(conference))
    if form.is_valid():
        data = form.cleaned_data
        try:
            poll = services.poll_create(
                actor=request.user,
                conference=conference,
                item=data["item"],
                question=data["question"],
                mode=data["mode"],
                # only the item's own fields are on the form (forms.ITEM_FIELDS)
                options=data.get("options", "").splitlines(),
                axis=data.get("axis"),
                highlight=data.get("highlight"),
                motion=data.get("motion"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%s created. Open it when the plenary is ready.") % poll)
            return redirect("voting:console", pk=conference.pk)
    return _console(request, conference, poll_form=form)


def _poll_step(request, pk: int, poll_pk: int, step, done: str):
    """Open, close or publish a poll: the step's message, or why it was refused."""
    poll = get_poll_for_user(request.user, pk, poll_pk, action=can_run_polls)
    try:
        step(actor=request.user, poll=poll)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % poll)
    return redirect("voting:console", pk=pk)


@login_required
@require_POST
def poll_open(request, pk: int, poll_pk: int):
    return _poll_step(request, pk, poll_pk, services.poll_open, _("%s is open."))


@login_required
@require_POST
def poll_close(request, pk: int, poll_pk: int):
    return _poll_step(request, pk, poll_pk, services.poll_close, _("%s is closed."))


@login_required
@require_POST
def poll_publish(request, pk: int, poll_pk: int):
    return _poll_step(request, pk, poll_pk, services.poll_publish, _("%s is published."))


@login_required
@require_POST
def analog_counts(request, pk: int, poll_pk: int):
    """The cards the table counted for an analog poll, once it is closed, while it is
    still the poll on stage (the console's form is for that one only)."""
    poll = get_poll_for_user(request.user, pk, poll_pk, action=can_run_polls)
    if selectors.current_poll(poll.conference_id) != poll:
        messages.error(
            request,
            _("The plenary has moved on from %s: its counts can no longer be entered.") % poll,
        )
        return redirect("voting:console", pk=pk)
    form = AnalogCountsForm(request.POST, poll=poll)
    if form.is_valid():
        try:
            services.analog_counts_enter(
                actor=request.user,
                poll=poll,
                counts=form.counts(),
                held_at=form.cleaned_data["held_at"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Counts recorded."))
            return redirect("voting:console", pk=pk)
    return _console(request, poll.conference, analog_form=form)


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
        "outcomes": selectors.highlight_outcomes(current),
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
    entitled = selectors.may_vote(current, me) if current else False
    context = {
        "me": me,
        "conference": conference,
        "current": current,
        "mine": mine,
        "entitled": entitled,
        "other_shift": current is not None
        and not entitled
        and selectors.missing_shift_checkin(current, me),
        "state": selectors.live_state(conference.pk),
        "results": selectors.results(current)
        if current and current.state == Poll.State.PUBLISHED
        else [],
        "outcomes": selectors.highlight_outcomes(current),
    }
    template = "voting/_delegate.html" if request.GET.get("parte") else "voting/delegate.html"
    return render(request, template, context)


@require_GET
def state(request, pk: int):
    """The live state as JSON: what the pages poll when the stream is not available."""
    conference = get_conference_to_follow(request, pk)
    return JsonResponse(selectors.live_state(conference.pk))


def _follower(request) -> str:
    """Who follows the stream: the account, or the registrations the session opened."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return "registrations:" + ",".join(str(pk) for pk in sorted(opened_ids(request)))


@require_GET
async def events(request, pk: int):
    """Server-sent events: the live state once at once, then at every change. The
    stream holds no database connection (live.detached)."""
    conference = await live.detached(get_conference_to_follow)(request, pk)
    follower = await live.detached(_follower)(request)
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
            # Subscribed first, then the state read: a change committed after the read
            # reaches the queue once this process LISTENs (PostgreSQL). ready() waits for
            # that at most 2 s; a change in a longer gap shows at the next change or
            # tick, or in the page's polling.
            await live.hub.ready()
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
    conference = get_conference_for_user(request.user, pk, action=can_export_named_votes)
    book, rows = documents.named_votes_xlsx(conference)
    export_record(actor=request.user, obj=conference, document="named votes", count=rows)
    return xlsx_response(book, f"votos-nominais-{conference.pk}.xlsx")
