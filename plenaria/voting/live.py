"""Live updates of the plenary: poll opened, ballots counted, closed, published.

Changes of a poll's state: services call `announce(conference_id)` inside their
transaction; after commit it reaches every server process: on PostgreSQL through NOTIFY
(each process LISTENs on one connection of its own), on SQLite directly to this process's
hub (one process). Each process's hub then reads the conference's live state once and
hands the same JSON to every open server-sent-event stream of that conference, at most
every `SETTLE` seconds.

Ballots are not announced: PostgreSQL serialises the commits of every transaction that
NOTIFYs (one global lock held through the commit's flush), so 2,000 ballots would commit
one by one. Instead, while a poll is open and a process has streams of the conference,
its hub reads the state every `TICK` seconds and sends it when the count changed.
"""

import asyncio
import contextlib
import json
import logging
import threading
import weakref
from collections import Counter, defaultdict

from asgiref.sync import sync_to_async
from django.db import connection, connections, transaction
from django.http import StreamingHttpResponse

log = logging.getLogger(__name__)

CHANNEL = "plenaria_live"
SETTLE = 0.2  # seconds: changes arriving together are announced together
TICK = 0.5  # seconds between two reads of the count while a poll is open


def announce(conference_id: int) -> None:
    """Tell every process that the conference's plenary changed, once the caller's
    transaction commits (never about a change that was rolled back)."""
    transaction.on_commit(lambda: _send(conference_id))


def _send(conference_id: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(conference_id)])
    else:
        hub.changed(conference_id)


def state_json(conference_id: int) -> str:
    from plenaria.voting.selectors import live_state

    return json.dumps(live_state(conference_id), separators=(",", ":"))


def detached(function):
    """``function`` as a coroutine run on a pool thread that gives its database
    connection back when done. A stream lasts hours: a connection held by it (as the
    request's own thread would hold one until the response ends) would exhaust the pool
    after a few dozen phones."""

    def run_and_release(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return sync_to_async(run_and_release, thread_sensitive=False)


class Hub:
    """The streams open in this process, per conference."""

    def __init__(self) -> None:
        self.queues: dict[int, set[asyncio.Queue]] = defaultdict(set)
        self.pending: set[int] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.listener: asyncio.Task | None = None
        self.listening: asyncio.Event | None = None
        self.tickers: dict[int, asyncio.Task] = {}
        self.last: dict[int, str] = {}  # conference -> the state the streams were sent
        self.lock = threading.Lock()

    def subscribe(self, conference_id: int) -> asyncio.Queue:
        """Called from the server's event loop by each stream."""
        self.loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue(maxsize=4)
        self.queues[conference_id].add(queue)
        if connection.vendor == "postgresql" and (self.listener is None or self.listener.done()):
            self.listening = asyncio.Event()
            self.listener = self.loop.create_task(self._listen())
        ticker = self.tickers.get(conference_id)
        if ticker is None or ticker.done():
            self.tickers[conference_id] = self.loop.create_task(self._tick(conference_id))
        return queue

    def first_sent(self, conference_id: int, payload: str) -> None:
        """A new stream's first state: the base the ticker compares with, if it has none."""
        self.last.setdefault(conference_id, payload)

    async def ready(self, timeout: float = 2.0) -> None:
        """Wait until this process LISTENs, so that a stream's first state is read after
        any later change can reach it (without this a ballot in the first milliseconds
        of the first stream would go unannounced). Never longer than ``timeout``: the
        pages also poll."""
        if self.listening is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.listening.wait(), timeout)

    def unsubscribe(self, conference_id: int, queue: asyncio.Queue) -> None:
        self.queues[conference_id].discard(queue)

    def changed(self, conference_id: int) -> None:
        """Thread-safe: schedule one read of the state for every stream of the
        conference in this process."""
        loop = self.loop
        if loop is None or loop.is_closed() or not self.queues.get(conference_id):
            return
        loop.call_soon_threadsafe(self._schedule, conference_id)

    def _schedule(self, conference_id: int) -> None:
        if conference_id in self.pending:
            return
        self.pending.add(conference_id)
        asyncio.get_running_loop().create_task(self._flush(conference_id))

    async def _flush(self, conference_id: int) -> None:
        await asyncio.sleep(SETTLE)
        self.pending.discard(conference_id)  # a change from now on schedules another read
        payload = await self._read(conference_id)
        if payload is not None:
            self._send(conference_id, payload)

    async def _tick(self, conference_id: int) -> None:
        """While this process has streams of the conference: the ballot count of an open
        poll, sent when it changed."""
        while self.queues.get(conference_id):
            await asyncio.sleep(TICK)
            last = self.last.get(conference_id)
            if last is not None and json.loads(last)["state"] != "open":
                continue  # nothing is counted: the next change of state is announced
            payload = await self._read(conference_id)
            if payload is not None and payload != self.last.get(conference_id):
                self._send(conference_id, payload)
        self.tickers.pop(conference_id, None)
        self.last.pop(conference_id, None)

    async def _read(self, conference_id: int) -> str | None:
        try:
            # Detached: it must not wait behind the request threads, nor keep a
            # connection. At most one read per conference every SETTLE or TICK seconds.
            return await detached(state_json)(conference_id)
        except Exception:  # a failed read must not kill the streams; they also poll
            log.exception("live state of conference %s", conference_id)
            return None

    def _send(self, conference_id: int, payload: str) -> None:
        self.last[conference_id] = payload
        for queue in list(self.queues.get(conference_id, ())):
            if queue.full():  # a slow client only needs the newest state
                queue.get_nowait()
            queue.put_nowait(payload)

    async def _listen(self) -> None:
        import psycopg

        params = connections["default"].get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        reconnecting = False
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(**params, autocommit=True)
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if reconnecting:  # changes made while deaf: send every stream the state
                        for conference_id in [c for c, q in self.queues.items() if q]:
                            self._schedule(conference_id)
                    async for notice in conn.notifies():
                        self._schedule(int(notice.payload))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("LISTEN %s lost; reconnecting", CHANNEL)
                self.listening.clear()
                reconnecting = True
                await asyncio.sleep(1)


hub = Hub()


class StreamSlots:
    """Open streams of this process, per session, per person and per client address.

    A stream lives in one process from start to end, so counting in-process is exact
    for what it protects (this process's threads, sockets and memory) and costs no
    round trip to a shared store at every connect and disconnect. With W server
    processes a session can hold W times its limit at most: still bounded. Over a limit
    the stream is refused with 429 and the page polls the state instead
    (static/plenaria/live.js: EventSource does not retry after a 429)."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.lock = threading.Lock()

    def take(self, limits: dict[tuple[str, str], int]):
        """A release function for a new stream counted under each of ``limits``' keys
        (``("session", key)`` → its limit), or None when one of them is full."""
        with self.lock:
            if any(self.counts[key] >= limit for key, limit in limits.items()):
                return None
            for key in limits:
                self.counts[key] += 1
        keys = list(limits)
        released = threading.Event()

        def release() -> None:
            with self.lock:
                if released.is_set():  # called by close(), the stream's end and at collection
                    return
                released.set()
                for key in keys:
                    self.counts[key] -= 1
                    if self.counts[key] <= 0:
                        del self.counts[key]

        return release

    def open(self, key: tuple[str, str]) -> int:
        with self.lock:
            return self.counts.get(key, 0)


slots = StreamSlots()


class Stream(StreamingHttpResponse):
    """A live stream that gives its slot back when the server closes the response, or
    when the response is collected if the client left before the stream began (then
    neither close() nor the generator's finally runs)."""

    def __init__(self, *args, release, **kwargs):
        super().__init__(*args, **kwargs)
        self._release = release
        weakref.finalize(self, release)

    def close(self):
        try:
            super().close()
        finally:
            self._release()
