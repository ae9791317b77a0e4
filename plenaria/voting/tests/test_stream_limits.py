"""Live streams per session, per person and per address: one participant session
opened 300 streams. Through Django's ASGI handler, as test_views' stream test."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from django.test import AsyncClient
from django.urls import reverse

from plenaria.voting import live

ADDRESS = ("address", "127.0.0.1")  # AsyncClient's address


async def _participant(registration) -> AsyncClient:
    client = AsyncClient()
    response = await client.post(
        reverse("participants:participant_login"), {"code": registration.code, "pin": "123456"}
    )
    assert response.status_code == 302
    return client


async def _open(client, conference):
    """A stream that has sent its first event (with the response), or the refusal."""
    response = await client.get(reverse("voting:events", args=[conference.pk]))
    if response.status_code != 200:
        return response, None
    stream = aiter(response.streaming_content)
    assert (await asyncio.wait_for(anext(stream), 5)).startswith(b"retry:")
    return response, (response, stream)


async def _leave(opened) -> None:
    """The phone goes away: the server stops the stream and closes the response."""
    response, stream = opened
    await stream.aclose()
    await sync_to_async(response.close)()


def _run(coroutine):
    # Its own thread: Playwright's sync API may hold an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_one_participant_cannot_open_hundreds_of_streams(conference, delegates):
    """The attack: one session opening stream after stream. Three open; the rest get
    429 (the page polls instead). Logging in again gives a new session but the same
    person: six in all. A closed stream gives its place back."""

    async def attack():
        first = await _participant(delegates[0])
        opened, statuses = [], []
        for _ in range(10):
            response, stream = await _open(first, conference)
            statuses.append(response.status_code)
            if stream:
                opened.append(stream)
        assert statuses == [200] * 3 + [429] * 7
        second = await _participant(delegates[0])  # same code, another session
        for _ in range(4):
            response, stream = await _open(second, conference)
            statuses.append(response.status_code)
            if stream:
                opened.append(stream)
        assert statuses[10:] == [200, 200, 200, 429]
        third = await _participant(delegates[0])
        refused, _ = await _open(third, conference)
        assert refused.status_code == 429
        assert "Conexões ao vivo abertas demais" in refused.content.decode()
        assert live.slots.open(ADDRESS) == 6
        # another delegate on the same address is not affected
        other, stream = await _open(await _participant(delegates[1]), conference)
        assert other.status_code == 200
        opened.append(stream)
        # closing one stream frees its place in the first session
        await _leave(opened.pop(0))
        again, stream = await _open(first, conference)
        assert again.status_code == 200
        opened.append(stream)
        for stream in opened:
            await _leave(stream)
        await sync_to_async(connections.close_all)()

    _run(attack())
    assert live.slots.open(ADDRESS) == 0
    assert not live.slots.counts  # every place given back


def test_slots_refuse_over_any_limit_and_are_given_back_once():
    slots = live.StreamSlots()
    limits = {("session", "s1"): 3, ("address", "203.0.113.5"): 2}
    first = slots.take(limits)
    second = slots.take({("session", "s2"): 3, ("address", "203.0.113.5"): 2})
    assert first and second
    assert slots.take(limits) is None  # the address is full
    first()
    first()  # twice (close() and the end of the stream): given back once
    assert slots.open(("address", "203.0.113.5")) == 1
    assert slots.take(limits) is not None
    assert slots.take({("session", "s3"): 0, ("address", "198.51.100.1"): 10}) is None


def test_a_stream_dropped_before_it_began_gives_its_place_back():
    """The client left before the first byte: neither close() nor the generator's
    finally ran; the response's collection releases the place."""
    slots = live.StreamSlots()
    key = ("session", "s1")
    release = slots.take({key: 1})

    async def never_started():
        yield b""

    response = live.Stream(never_started(), release=release)
    assert slots.open(key) == 1
    del response
    assert slots.open(key) == 0
