"""Live updates of the plenary: poll opened, ballots counted, closed, published.

Services call `announce(conference_id)` inside their transaction; after commit it reaches
every server process: on PostgreSQL through NOTIFY (each process LISTENs on one
connection of its own), on SQLite directly to this process's hub (one process). Each
process's hub then reads the conference's live state once and hands the same JSON to
every open server-sent-event stream of that conference, at most every `SETTLE` seconds,
so 2,000 ballots do not become 2,000 × 2,000 messages.
"""

import asyncio
import json
import logging
import threading
from collections import defaultdict

from asgiref.sync import sync_to_async
from django.db import connection, connections, transaction

log = logging.getLogger(__name__)

CHANNEL = "plenaria_live"
SETTLE = 0.2  # seconds: ballots arriving together are announced together


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


def _state_json_from_pool(conference_id: int) -> str:
    """state_json on a pool thread, which keeps no connection open afterwards."""
    try:
        return state_json(conference_id)
    finally:
        connections.close_all()


class Hub:
    """The streams open in this process, per conference."""

    def __init__(self) -> None:
        self.queues: dict[int, set[asyncio.Queue]] = defaultdict(set)
        self.pending: set[int] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.listener: asyncio.Task | None = None
        self.lock = threading.Lock()

    def subscribe(self, conference_id: int) -> asyncio.Queue:
        """Called from the server's event loop by each stream."""
        self.loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue(maxsize=4)
        self.queues[conference_id].add(queue)
        if connection.vendor == "postgresql" and (self.listener is None or self.listener.done()):
            self.listener = self.loop.create_task(self._listen())
        return queue

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
        try:
            # Not thread-sensitive: it must not wait behind the ballot whose commit
            # announced it. At most one read per conference every SETTLE seconds.
            payload = await sync_to_async(_state_json_from_pool, thread_sensitive=False)(
                conference_id
            )
        except Exception:  # a failed read must not kill the streams; they also poll
            log.exception("live state of conference %s", conference_id)
            return
        for queue in list(self.queues.get(conference_id, ())):
            if queue.full():  # a slow client only needs the newest state
                queue.get_nowait()
            queue.put_nowait(payload)

    async def _listen(self) -> None:
        import psycopg

        params = connections["default"].get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(**params, autocommit=True)
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    async for notice in conn.notifies():
                        self._schedule(int(notice.payload))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("LISTEN %s lost; reconnecting", CHANNEL)
                await asyncio.sleep(1)


hub = Hub()
