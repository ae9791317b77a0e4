import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import AsyncClient
from django.urls import reverse

from plenaria.conferences.models import Conference
from plenaria.conftest import client_for
from plenaria.participants.access import pin_fingerprint
from plenaria.participants.services import registration_pin_reset
from plenaria.voting import live, selectors, services
from plenaria.voting.models import Poll, Voter

pytestmark = pytest.mark.django_db


def as_participant(registration):
    client = client_for(None)
    response = client.post(
        reverse("participants:participant_login"), {"code": registration.code, "pin": "123456"}
    )
    assert response.status_code == 302
    return client


def test_the_table_creates_opens_closes_and_publishes_from_the_console(
    conference, organiser, delegates
):
    client = client_for(organiser)
    url = reverse("voting:console", args=[conference.pk])
    assert client.get(url).status_code == 200
    created = client.post(
        reverse("voting:poll_create", args=[conference.pk]),
        {"item": "regimento", "mode": "open", "question": ""},
    )
    assert created.status_code == 302 and created["Location"] == url
    poll = Poll.objects.get()
    assert poll.question == "Aprovação do regimento interno"
    client.post(reverse("voting:poll_open", args=[conference.pk, poll.pk]))
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    page = client.get(url).content.decode()
    assert "2 delegados(as) ainda não votaram" in page
    client.post(reverse("voting:poll_close", args=[conference.pk, poll.pk]))
    published = client.post(reverse("voting:poll_publish", args=[conference.pk, poll.pk]))
    assert published["Location"] == url
    poll.refresh_from_db()
    assert (poll.state, poll.outcome, poll.quorum_met) == ("published", "rejected", False)


def test_a_bad_poll_gets_its_message_at_the_field(conference, organiser):
    client = client_for(organiser)
    url = reverse("voting:poll_create", args=[conference.pk])
    response = client.post(
        url,
        {
            "item": "free",
            "mode": "open",
            "question": "Qual sala?",
            "options": "Só uma",
        },
    )
    assert "Informe ao menos duas opções" in response.content.decode()
    assert not Poll.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_strangers_do_not_reach_the_console(conference, who, outsider):
    client = client_for(None if who == "anonymous" else outsider)
    response = client.get(reverse("voting:console", args=[conference.pk]))
    assert response.status_code in {302, 403, 404}


def test_a_read_only_member_sees_the_console_but_cannot_open(conference, state_member, make_poll):
    poll = make_poll()
    client = client_for(state_member)
    url = reverse("voting:console", args=[conference.pk])
    assert client.get(url).status_code == 200
    response = client.post(reverse("voting:poll_open", args=[conference.pk, poll.pk]))
    assert response.status_code == 403
    assert "Só a mesa diretora conduz a plenária" in response.content.decode()
    poll.refresh_from_db()
    assert poll.state == "created"


def test_a_delegate_votes_with_one_tap_on_a_light_page(open_poll, delegates):
    poll = open_poll()
    client = as_participant(delegates[0])
    url = reverse("voting:delegate", args=[delegates[0].code])
    page = client.get(url)
    assert len(page.content) < 20_000  # with live.js (~2 kB) far under 100 kB
    assert "Aprovar o regimento interno?" in page.content.decode()
    response = client.post(url, {"poll": poll.pk, "option": "yes"}, follow=True)
    receipt = Voter.objects.get(poll=poll).receipt
    assert f'Seu voto está registrado. Comprovante: <span class="receipt">{receipt}</span>' in (
        response.content.decode()
    )
    client.post(url, {"poll": poll.pk, "option": "yes"})  # double click
    assert Voter.objects.filter(poll=poll).count() == 1


def test_a_guest_sees_the_poll_but_cannot_vote(open_poll, enrol):
    poll = open_poll()
    guest = enrol("Convidado", category="guest")
    client = as_participant(guest)
    url = reverse("voting:delegate", args=[guest.code])
    assert "Você acompanha esta votação mas não vota" in client.get(url).content.decode()
    response = client.post(url, {"poll": poll.pk, "option": "yes"}, follow=True)
    assert "Só votam delegados(as) credenciados(as)" in response.content.decode()
    assert not Voter.objects.exists()


def test_another_participants_page_is_refused(open_poll, delegates):
    open_poll()
    client = as_participant(delegates[0])
    response = client.get(reverse("voting:delegate", args=[delegates[1].code]))
    assert response.status_code == 403


def test_a_phone_opened_with_a_pin_issued_again_no_longer_votes(open_poll, delegates, organiser):
    """The desk issued a new PIN (the badge's owner lost the slip, someone saw it): a
    phone opened with the old one is refused on both ballot paths (PostgreSQL's one
    statement and the checked one), and nothing is counted."""
    poll = open_poll("secret")
    phone = as_participant(delegates[0])
    registration_pin_reset(actor=organiser, registration=delegates[0])
    url = reverse("voting:delegate", args=[delegates[0].code])
    response = phone.post(url, {"poll": poll.pk, "option": "yes"})
    assert response.status_code == 403
    assert not Voter.objects.exists()
    assert selectors.recount(poll) == {"yes": 0, "no": 0, "abstention": 0}
    assert phone.get(url).status_code == 403


def test_the_state_is_json_for_followers_only(open_poll, delegates, outsider):
    poll = open_poll()
    url = reverse("voting:state", args=[poll.conference_id])
    assert as_participant(delegates[0]).get(url).json()["state"] == "open"
    assert client_for(outsider).get(url).status_code == 404


def phone_ballot(poll, registration, option_key):
    """The delegate page's path: one statement on PostgreSQL (whose NOTIFY the stream
    must see), the checked service otherwise."""
    return services.ballot_first(
        poll_id=poll.pk,
        code=registration.code,
        opened=[registration.pk],
        pins=[pin_fingerprint(registration.pk, registration.pin)],
        option_key=option_key,
    ) or services.ballot_cast(poll=poll, registration=registration, option_key=option_key)


@pytest.mark.django_db(transaction=True)
def test_the_streams_database_work_gives_its_connection_back():
    """A stream lasts hours: what it reads runs detached, and the connection goes back
    to the pool at once (bench/live_fanout.py holds 2,000 streams on a pool of 20)."""
    used = {}

    def work():
        used["wrapper"] = connections["default"]
        return Conference.objects.exists()

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, live.detached(work)()).result()
    wrapper = used["wrapper"]
    assert wrapper.connection is None or wrapper.is_in_memory_db()  # SQLite's test db stays


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_stream_sends_the_state_and_then_each_change(conference, organiser, delegates):
    """Through Django's ASGI handler: the first event at once, the next after a ballot."""
    poll = services.poll_create(actor=organiser, conference=conference, item="regimento")
    services.poll_open(actor=organiser, poll=poll)
    client = AsyncClient()

    async def read_two():
        await client.aforce_login(organiser)
        # A browser always offers gzip: the stream must still not be compressed, or
        # gzip would hold the events back until its buffer fills.
        response = await client.get(
            reverse("voting:events", args=[conference.pk]),
            headers={"Accept-Encoding": "gzip, deflate, br"},
        )
        assert response["Content-Type"] == "text/event-stream"
        assert not response.has_header("Content-Encoding")
        stream = aiter(response.streaming_content)
        first = (await anext(stream)).decode()
        from asgiref.sync import sync_to_async

        await sync_to_async(phone_ballot)(poll, delegates[0], "yes")
        second = (await asyncio.wait_for(anext(stream), 5)).decode()
        await stream.aclose()
        await sync_to_async(connections.close_all)()  # the async views' thread's connection
        return first, second

    # Its own thread: Playwright's sync API may hold an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        first, second = thread.submit(asyncio.run, read_two()).result()
    assert json.loads(first.split("data: ")[1])["cast"] == 0
    assert json.loads(second.split("data: ")[1]) == {
        "poll": poll.pk,
        "state": "open",
        "cast": 1,
        "present": 3,
    }


def test_results_pdf_and_named_votes_export(open_poll, delegates, organiser, conference):
    poll = open_poll()
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    services.poll_close(actor=organiser, poll=poll)
    services.poll_publish(actor=organiser, poll=poll)
    client = client_for(organiser)
    pdf = client.get(reverse("voting:results_pdf", args=[conference.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("voting:named_votes", args=[conference.pk]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from plenaria.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="export").exists()


def test_the_projector_never_shows_a_partial_secret_result(open_poll, delegates, organiser):
    poll = open_poll("secret")
    services.ballot_cast(poll=poll, registration=delegates[0], option_key="yes")
    page = client_for(organiser).get(reverse("voting:projector", args=[poll.conference_id]))
    text = page.content.decode()
    assert "1</span> de <span data-live-present>3" in text
    assert "Favorável:" not in text
