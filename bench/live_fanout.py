"""Benchmark: 2,000 phones following the plenary live, and how fast a new poll reaches them.

What it measures
    The conference of bench/vote_load.py (2,000 credentialed delegates), the server as in
    production (uvicorn, 2 workers, DEBUG off, PostgreSQL with LISTEN/NOTIFY between the
    workers). Every delegate logs in over HTTP like a phone (code + PIN) and opens the
    live stream its page opens, /conferencias/<pk>/votacao/eventos/ (server-sent events),
    and keeps it open: 2,000 streams at once, about 1,000 per worker. The clients are
    coroutines of this process (asyncio), which shares the 2 cores with the server and
    PostgreSQL.

    Then the table opens a poll (plenaria.voting.services.poll_open, in this process, as
    the console does) and the clock runs from just before that call to the moment each
    client has parsed the event that says the poll is open. Five polls, one after the
    other (each closed before the next opens); every client must receive every opening.

Target (issue "Plenary: live voting that 2,000 delegates can trust")
    p99 of the delivery time ≤ 1 s over all deliveries, and none missed. The time to
    the last client of each poll is reported too. Deliveries include the live hub's
    deliberate SETTLE (0.2 s: ballots arriving together are announced together).

How to run
    .venv/bin/python bench/live_fanout.py      (or `make bench`)
    A throwaway database (plenaria_bench_live_<pid>), dropped at the end. Aborted after
    600 seconds.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "live_fanout", ..., "targets": {...}, "met": true|false}.
"""

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from registration import (  # noqa: E402
    HOST,
    free_port,
    main_on_throwaway_database,
    running_server,
    server_problems,
)
from vote_load import (  # noqa: E402
    Phone,
    conference_with_delegates,
    log_in_all,
    percentile,
    raise_open_files,
    setup_django,
)

CLIENTS = 2_000
WORKERS = 2
POLLS = 5
CONNECT_CONCURRENCY = 100
DELIVERY_TIMEOUT_S = 15
TIME_LIMIT_S = 600
TARGET_P99_MS = 1_000


class Follower:
    """One phone's open stream: parses events and notes when each poll's opening
    arrived."""

    def __init__(self, phone: Phone, path: str):
        self.phone = phone
        self.path = path
        self.first = asyncio.Event()
        self.opened_at: dict[int, float] = {}  # poll id -> perf_counter at arrival
        self.waiting_for: int | None = None
        self.arrived = asyncio.Event()
        self.task: asyncio.Task | None = None
        self.error = ""

    async def open(self) -> None:
        phone = self.phone
        await phone.connect()
        cookies = "; ".join(f"{k}={v}" for k, v in phone.cookies.items())
        phone.writer.write(
            (
                f"GET {self.path} HTTP/1.1\r\nHost: {HOST}:{phone.port}\r\n"
                f"Accept: text/event-stream\r\nCookie: {cookies}\r\n\r\n"
            ).encode()
        )
        status = await phone.reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(f"stream answered {status!r}")
        while (await phone.reader.readline()) not in (b"\r\n", b""):
            pass  # headers: the body is chunked, as uvicorn streams it
        self.task = asyncio.create_task(self.read())
        await asyncio.wait_for(self.first.wait(), 60)

    async def read(self) -> None:
        reader = self.phone.reader
        buffer = ""
        try:
            while size := int((await reader.readline()).split(b";")[0], 16):
                buffer += (await reader.readexactly(size)).decode()
                await reader.readline()
                while "\n\n" in buffer:
                    event, buffer = buffer.split("\n\n", 1)
                    self.take(event)
        except (OSError, ValueError, asyncio.IncompleteReadError) as error:
            self.error = repr(error)

    def take(self, event: str) -> None:
        now = time.perf_counter()
        for line in event.splitlines():
            if not line.startswith("data: "):
                continue
            state = json.loads(line[6:])
            self.first.set()
            poll = state.get("poll")
            if state.get("state") == "open" and poll and poll not in self.opened_at:
                self.opened_at[poll] = now
                if poll == self.waiting_for:
                    self.arrived.set()


async def follow_all(followers: list[Follower]) -> float:
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(follower: Follower) -> None:
        async with gate:
            await follower.open()

    started = time.perf_counter()
    await asyncio.gather(*(one(f) for f in followers))
    return time.perf_counter() - started


async def one_poll(conference, followers: list[Follower], n: int) -> dict:
    from asgiref.sync import sync_to_async

    from plenaria.voting import services

    poll = await sync_to_async(services.poll_create)(
        actor=None, conference=conference, item="free", question=f"Bench: aviso {n}?"
    )
    for f in followers:
        f.waiting_for, f.arrived = poll.pk, asyncio.Event()
    started = time.perf_counter()
    await sync_to_async(services.poll_open)(actor=None, poll=poll)
    done, _pending = await asyncio.wait(
        [asyncio.create_task(f.arrived.wait()) for f in followers], timeout=DELIVERY_TIMEOUT_S
    )
    delays = [(f.opened_at[poll.pk] - started) * 1000 for f in followers if poll.pk in f.opened_at]
    await sync_to_async(services.poll_close)(actor=None, poll=poll)
    for task in _pending:
        task.cancel()
    figures = {
        "poll": n,
        "received": len(delays),
        "missed": len(followers) - len(delays),
        "p50_ms": round(statistics.median(delays), 1) if delays else None,
        "p99_ms": round(percentile(delays, 0.99), 1) if delays else None,
        "last_ms": round(max(delays), 1) if delays else None,
    }
    print(
        f"poll {n}: {figures['received']} of {len(followers)} streams told in "
        f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, last {figures['last_ms']} ms"
    )
    return {**figures, "delays": delays}


async def drive(port: int, conference, registrations) -> dict:
    from django.urls import reverse

    phones = [Phone(port, r) for r in registrations]
    seconds = await log_in_all(phones)
    print(f"{len(phones)} delegates logged in in {seconds:.1f} s")
    await asyncio.gather(*(phone.close() for phone in phones))
    path = reverse("voting:events", args=[conference.pk])
    followers = [Follower(phone, path) for phone in phones]
    try:
        seconds = await follow_all(followers)
        print(f"{len(followers)} streams open (first event received) in {seconds:.1f} s")
        rounds = [await one_poll(conference, followers, n) for n in range(1, POLLS + 1)]
        broken = sum(bool(f.error) for f in followers)
    finally:
        for f in followers:
            if f.task:
                f.task.cancel()
        await asyncio.gather(*(f.phone.close() for f in followers))
    return {"rounds": rounds, "broken": broken}


def run(url: str) -> dict:
    from django.db import connections

    conference, registrations = conference_with_delegates(CLIENTS)
    connections.close_all()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="plenaria_bench_live_") as tmp:
        stderr_path = Path(tmp) / "server.stderr"
        try:
            with running_server(
                url,
                port,
                "/participar/",
                stderr_path,
                workers=WORKERS,
                extra_args=("--timeout-keep-alive", "75"),
            ):
                print(f"server: uvicorn --workers {WORKERS} on {HOST}:{port}, DEBUG=0")
                outcome = asyncio.run(
                    asyncio.wait_for(drive(port, conference, registrations), TIME_LIMIT_S)
                )
        finally:  # what the server logged, also when the run failed
            server_errors, tracebacks = server_problems(stderr_path)
            for final, traceback in tracebacks.items():
                print(f"server exception: {final}\n{traceback}")

    rounds = outcome["rounds"]
    delays = [d for r in rounds for d in r.pop("delays")]
    missed = sum(r["missed"] for r in rounds)
    p99 = round(percentile(delays, 0.99), 1) if delays else None
    print(
        f"all deliveries: p50 {statistics.median(delays):.1f} ms, p99 {p99} ms "
        f"(target ≤ {TARGET_P99_MS}); missed {missed}; streams broken {outcome['broken']}"
    )
    return {
        "bench": "live_fanout",
        "database": "postgresql",
        "server": f"uvicorn --workers {WORKERS}",
        "streams": CLIENTS,
        "polls": POLLS,
        "rounds": rounds,
        "p50_ms": round(statistics.median(delays), 1) if delays else None,
        "p99_ms": p99,
        "last_ms": max(r["last_ms"] or 0 for r in rounds),
        "missed": missed,
        "broken_streams": outcome["broken"],
        "server_errors": server_errors,
        "targets": {"p99_ms": TARGET_P99_MS, "missed": 0},
        "met": p99 is not None
        and p99 <= TARGET_P99_MS
        and missed == 0
        and outcome["broken"] == 0
        and server_errors == 0,
    }


def main() -> int:
    raise_open_files()
    return main_on_throwaway_database("plenaria_bench_live", setup_django, run)


if __name__ == "__main__":
    sys.exit(main())
