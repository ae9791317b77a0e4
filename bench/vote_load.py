"""Benchmark: 2,000 delegates voting from their phones at once, against the ceiling.

What it measures
    A municipal conference in progress with 2,000 credentialed delegates (code + PIN each,
    checked in). The server runs as in production: uvicorn, 2 workers, DEBUG off,
    PostgreSQL, in a subprocess on 127.0.0.1, with the settings of bench/_ceiling.py —
    the application unchanged plus one minimal endpoint that inserts one row.

    Every delegate logs in over HTTP like a phone (GET /participar/, POST code + PIN,
    GET their voting page) and keeps its own keep-alive connection (75 s, as nginx in
    production; uvicorn alone closes after 5 s). The clients are
    coroutines of this process (asyncio, a small HTTP/1.1 client of its own), which
    shares the machine's 2 cores with the server and PostgreSQL. Then, each on the
    same 2,000 connections:

      burst    all 2,000 send their request at the same instant (one event releases them);
      paced    each sends at a random instant within 10 seconds (uniform, fixed seed):
               a plenary where everyone votes within ten seconds of the poll opening.

    Measured for the ceiling (POST /bench/teto/, resolved after every URL of the
    application: the CSRF check, one INSERT, 204) and for a ballot (POST
    /participar/<code>/votacao/, the application's own path: session, vote right, unique
    "who voted" row, secret counter, live NOTIFY, 302 to the page with the receipt) in an
    open (named) poll and in a secret poll, the bursts twice and alternated. Latency is
    the time of each POST at the client (the page the 302 leads to is not part of it);
    throughput is the requests answered divided by the time from the release to the
    last answer, over both bursts of a kind.

    Afterwards the database is checked against the answers: every phone told "recorded"
    (a 302 with no flash message; a refusal carries one, decoded off the clock) has its
    ballot stored, no ballot is stored that nobody was told of, one ballot per delegate,
    100 phones per poll load their page and the receipt it shows is the stored one, and
    closing the poll (which recounts and refuses on a mismatch) stores counts equal to
    the choices sent, the secret poll's counters included. The ceiling's rows equal
    its 204s.

Targets (issue "Plenary: live voting that 2,000 delegates can trust")
    ratio = ballots/s ÷ ceiling rows/s in the burst ≥ 0.7 (the worse of the open and the
    secret poll); p99 ≤ 250 ms for the paced ballots; 0 lost, 0 duplicated, 0 errors.
    The burst's p99 is reported, not targeted: when 2,000 requests arrive in the same
    millisecond on 2 cores the last one waits for the 1,999 before it, ceiling included
    — the burst's figures show that limit for both.

How to run
    .venv/bin/python bench/vote_load.py      (or `make bench`)
    Always a throwaway database (plenaria_bench_vote_<pid>), dropped at the end, even
    with BENCH_DATABASE_URL: the server commits. Aborted after 900 seconds.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "vote_load", ..., "targets": {...}, "met": true|false}.
"""

import asyncio
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import registration  # noqa: E402
from registration import (  # noqa: E402
    HOST,
    free_port,
    main_on_throwaway_database,
    running_server,
    server_problems,
)

DELEGATES = 2_000
WORKERS = 2
PACE_WINDOW_S = 10.0
LOGIN_CONCURRENCY = 50
CONNECT_TIMEOUT_S = 30
REQUEST_TIMEOUT_S = 120
TIME_LIMIT_S = 900
TARGET_RATIO = 0.7
TARGET_P99_MS = 250
SECRET_KEY = "bench"  # noqa: S105 - not a secret: the server's too: this process reads its signed messages cookie
SHOWN_RECEIPT = re.compile(r'<span class="receipt">([0-9A-F]{8})</span>')
RECEIPT_SAMPLE = 100  # phones per round that load their page and read the receipt
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- The database -------------------------------------------------------------------


def setup_django(url: str) -> None:
    os.environ["SECRET_KEY"] = SECRET_KEY  # before django.setup(), like DATABASE_URL
    registration.migrated(url)


def conference_with_delegates(count: int):
    """A conference in progress and ``count`` credentialed delegates (titulars, checked
    in), created directly: this bench is about the vote, not registration."""
    import datetime as dt

    from plenaria.conferences.models import Shift, Status
    from plenaria.participants.models import CheckIn, Person, Registration
    from plenaria.participants.rules import new_registration_code

    conference = registration.open_conference(status=Status.IN_PROGRESS)
    shift = Shift.objects.create(
        conference=conference,
        name="Manhã",
        date=conference.start_date,
        start_time=dt.time(8),
        end_time=dt.time(12),
    )
    people = Person.objects.bulk_create(Person() for n in range(count))
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_registration_code())
    registrations = Registration.objects.bulk_create(
        Registration(
            conference=conference,
            person=person,
            name=f"Delegada Bench {n}",
            name_key=f"delegada bench {n}",
            phone=f"389{n:08d}",
            code=code,
            pin=f"{n % 10**6:06d}",
            segment=("users", "workers", "providers", "government")[n % 4],
            category="delegate",
            origin=Registration.Origin.STAFF,
        )
        for n, (person, code) in enumerate(zip(people, sorted(codes), strict=True))
    )
    CheckIn.objects.bulk_create(CheckIn(registration=r, shift=shift) for r in registrations)
    conference.refresh_from_db()
    return conference, registrations


def create_ceiling_table() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, phase text NOT NULL,"
            " voter text NOT NULL, at timestamptz NOT NULL DEFAULT now())"
        )


def new_open_poll(conference, mode: str, question: str):
    from plenaria.voting import services

    poll = services.poll_create(
        actor=None, conference=conference, item="free", question=question, mode=mode
    )
    return services.poll_open(actor=None, poll=poll)


# --- A small HTTP/1.1 client --------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k == name.lower()), "")


class Phone:
    """One delegate's phone: its own keep-alive connection and cookie jar."""

    def __init__(self, port: int, registration):
        self.port = port
        self.code = registration.code
        self.pin = registration.pin
        self.cookies: dict[str, str] = {}  # name -> value as sent back
        self.token = ""
        self.reader = self.writer = None

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.wait_for(
            asyncio.open_connection(HOST, self.port, limit=2**20), CONNECT_TIMEOUT_S
        )

    async def close(self) -> None:
        if self.writer:
            self.writer.close()
            with suppress(OSError):
                await self.writer.wait_closed()
            self.writer = None

    async def reconnect_if_closed(self) -> None:
        if self.writer is None or self.reader.at_eof():
            await self.close()
            await self.connect()

    def _keep(self, response: Response) -> None:
        for name, value in response.headers:
            if name != "set-cookie":
                continue
            for key, morsel in SimpleCookie(value).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.coded_value

    async def request(self, method: str, path: str, form: dict | None = None) -> Response:
        if self.writer is not None and self.reader.at_eof():
            await self.close()  # the server closed it while idle: a browser reconnects too
        if self.writer is None:
            await self.connect()
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
            ]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        response = await asyncio.wait_for(self._read(), REQUEST_TIMEOUT_S)
        self._keep(response)
        if response.header("connection").lower() == "close":
            await self.close()
        return response

    async def _read(self) -> Response:
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        headers = []
        while (line := await self.reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        response = Response(status, headers, b"")
        if response.header("transfer-encoding").lower() == "chunked":
            chunks = []
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            response.body = b"".join(chunks)
        else:
            response.body = await self.reader.readexactly(
                int(response.header("content-length") or 0)
            )
        return response


async def log_in(phone: Phone) -> None:
    """As on a phone: the login page, code + PIN, then the voting page (no poll yet)."""
    page = await phone.request("GET", "/participar/")
    token = TOKEN.search(page.body.decode()).group(1)
    answer = await phone.request(
        "POST", "/participar/", {"code": phone.code, "pin": phone.pin, "csrfmiddlewaretoken": token}
    )
    if answer.status != 302:
        raise RuntimeError(f"login of {phone.code}: {answer.status}")
    page = await phone.request("GET", f"/participar/{phone.code}/votacao/")
    if page.status != 200:
        raise RuntimeError(f"voting page of {phone.code}: {page.status}")
    phone.token = token  # the CSRF cookie stays: the login page's token remains valid


async def log_in_all(phones: list[Phone]) -> float:
    gate = asyncio.Semaphore(LOGIN_CONCURRENCY)

    async def one(phone: Phone) -> None:
        async with gate:
            await log_in(phone)

    started = time.perf_counter()
    await asyncio.gather(*(one(phone) for phone in phones))
    return time.perf_counter() - started


# --- A round: every phone sends one request -------------------------------------------


@dataclass
class Round:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    recorded: set[str] = field(default_factory=set)  # codes told "recorded"
    receipts: dict[str, str] = field(default_factory=dict)  # code -> receipt on the page
    messages: Counter = field(default_factory=Counter)  # what refusals were told
    cookies: dict[str, str] = field(default_factory=dict)  # code -> refusal's cookie
    sent_at: list[float] = field(default_factory=list)  # seconds after the release
    seconds: float = 0.0

    def read_refusals(self) -> None:
        """What the refused ballots were told (their flash message), for the report."""
        from django.contrib.messages.storage.cookie import CookieStorage
        from django.http import HttpRequest

        storage = CookieStorage(HttpRequest())
        for raw in self.cookies.values():
            value = SimpleCookie(f"messages={raw}")["messages"].value
            messages = storage._decode(value) or []
            self.messages[str(messages[-1].message)[:120] if messages else "(unreadable)"] += 1

    @property
    def ok(self) -> int:
        return self.statuses.get("ok", 0)

    def figures(self) -> dict:
        values = self.latencies_ms
        return {
            "requests": sum(self.statuses.values()),
            "ok": self.ok,
            "seconds": round(self.seconds, 2),
            "per_second": round(self.ok / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(statistics.median(values), 1) if values else None,
            "p99_ms": round(percentile(values, 0.99), 1) if values else None,
            "max_ms": round(max(values), 1) if values else None,
        }


def percentile(values: list[float], fraction: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


async def play(round_: Round, phones: list[Phone], send, offsets: list[float] | None) -> None:
    """Release every phone at once (offsets None) or each at its offset in seconds."""
    go = asyncio.Event()
    finished = 0.0

    async def one(phone: Phone, offset: float) -> None:
        nonlocal finished
        await go.wait()
        if offset:
            await asyncio.sleep(offset - (time.perf_counter() - started))
        sent = time.perf_counter()
        try:
            outcome = await send(phone)
        except (TimeoutError, OSError, ConnectionError, ValueError) as error:
            round_.statuses[f"exception:{type(error).__name__}"] += 1
            await phone.close()
            return
        now = time.perf_counter()
        round_.latencies_ms.append((now - sent) * 1000)
        round_.sent_at.append(sent - started)
        round_.statuses[outcome] += 1
        finished = max(finished, now)

    # Connections the server closed between rounds are opened again before the clock.
    await asyncio.gather(*(phone.reconnect_if_closed() for phone in phones))
    tasks = [
        asyncio.create_task(one(phone, offsets[i] if offsets else 0.0))
        for i, phone in enumerate(phones)
    ]
    await asyncio.sleep(0.1)  # every task is waiting on the event
    started = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    round_.seconds = max(finished, started) - started


def ceiling_sender(round_: Round, path: str):
    async def send(phone: Phone) -> str:
        answer = await phone.request(
            "POST",
            path,
            {"phase": round_.name, "voter": phone.code, "csrfmiddlewaretoken": phone.token},
        )
        return "ok" if answer.status == 204 else str(answer.status)

    return send


def ballot_sender(round_: Round, poll, choices: dict[str, str]):
    async def send(phone: Phone) -> str:
        answer = await phone.request(
            "POST",
            f"/participar/{phone.code}/votacao/",
            {"poll": poll.pk, "option": choices[phone.code], "csrfmiddlewaretoken": phone.token},
        )
        if answer.status != 302:
            return str(answer.status)
        # A recorded ballot redirects to the page that shows its receipt, with no flash
        # message; a refusal carries one (decoded after the round, off the clock).
        if refusal := phone.cookies.pop("messages", ""):
            round_.cookies[phone.code] = refusal
            return "302 refused"
        round_.recorded.add(phone.code)
        return "ok"

    return send


async def read_receipts(round_: Round, phones: list[Phone]) -> None:
    """Like the phone after its redirect: the page, and the receipt it shows."""
    for phone in phones:
        page = await phone.request("GET", f"/participar/{phone.code}/votacao/")
        found = SHOWN_RECEIPT.search(page.body.decode())
        round_.receipts[phone.code] = found.group(1) if found else ""


# --- The checks ---------------------------------------------------------------------


def check_ballots(round_: Round, poll, choices: dict[str, str]) -> dict:
    """What the database holds against what the phones were told and sent."""
    from plenaria.voting import services
    from plenaria.voting.models import Voter

    stored = dict(Voter.objects.filter(poll=poll).values_list("registration__code", "receipt"))
    rows = Voter.objects.filter(poll=poll).count()
    # Told "recorded" but not stored, or a page showing another receipt than the stored.
    lost = sum(code not in stored for code in round_.recorded) + sum(
        stored.get(code) != receipt for code, receipt in round_.receipts.items()
    )
    unannounced = sum(code not in round_.recorded for code in stored)
    sent = Counter(choices[code] for code in round_.recorded)
    # Closing recounts from the stored rows and refuses if they differ from the voters;
    # the counts it stores on the options must be what the phones sent.
    closed = services.poll_close(actor=None, poll=poll)
    stored_counts = dict(closed.options.values_list("key", "votes"))
    return {
        "stored": rows,
        "lost": lost,
        "unannounced": unannounced,
        "duplicated": rows - len(stored),
        "tally_exact": all(stored_counts.get(k, 0) == sent.get(k, 0) for k in stored_counts)
        and sum(stored_counts.values()) == len(round_.recorded),
    }


def check_ceiling(round_: Round) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(DISTINCT voter) FROM bench_ceiling WHERE phase = %s",
            [round_.name],
        )
        rows, distinct = cursor.fetchone()
    return {
        "stored": rows,
        "lost": max(0, round_.ok - rows),
        "unannounced": max(0, rows - round_.ok),
        "duplicated": rows - distinct,
        "tally_exact": True,
    }


# --- The run ------------------------------------------------------------------------


async def run_rounds(conference, phones: list[Phone], rng: random.Random) -> list[dict]:
    from asgiref.sync import sync_to_async

    from plenaria.voting.models import PollOption

    offsets = sorted(rng.uniform(0, PACE_WINDOW_S) for _ in phones)
    rng.shuffle(offsets)
    results = []

    async def ceiling_round(name: str, paced: bool) -> None:
        round_ = Round(name)
        await play(
            round_, phones, ceiling_sender(round_, "/bench/teto/"), offsets if paced else None
        )
        results.append(
            {
                "round": name,
                "kind": "ceiling",
                **round_.figures(),
                **await sync_to_async(check_ceiling)(round_),
            }
        )
        report(results[-1], round_)

    async def ballot_round(name: str, mode: str, paced: bool) -> None:
        poll = await sync_to_async(new_open_poll)(conference, mode, f"Bench: {name}?")
        keys = await sync_to_async(list)(
            PollOption.objects.filter(poll=poll).values_list("key", flat=True)
        )
        # Most vote yes, some no, a few abstain: every option receives ballots.
        weights = [6, 3, 1][: len(keys)]
        choices = {p.code: rng.choices(keys, weights)[0] for p in phones}
        round_ = Round(name)
        await play(round_, phones, ballot_sender(round_, poll, choices), offsets if paced else None)
        round_.read_refusals()
        await read_receipts(round_, rng.sample(phones, RECEIPT_SAMPLE))
        checked = await sync_to_async(check_ballots)(round_, poll, choices)
        results.append({"round": name, "kind": f"ballot ({mode})", **round_.figures(), **checked})
        report(results[-1], round_)

    # Warm both paths in both workers (code loaded, pool filled) before any clock.
    warm = Round("warm-up")
    await play(warm, phones[:100], ceiling_sender(warm, "/bench/teto/"), None)
    # The bursts twice, alternated: the machine's noise falls on both sides alike.
    for n in (1, 2):
        await ceiling_round(f"burst ceiling {n}", paced=False)
        await ballot_round(f"burst open {n}", "open", paced=False)
        await ballot_round(f"burst secret {n}", "secret", paced=False)
    await ceiling_round("paced ceiling", paced=True)
    await ballot_round("paced open", "open", paced=True)
    return results


def report(result: dict, round_: Round) -> None:
    print(
        f"{result['round']:<14} {result['kind']:<16} {result['ok']:>5} ok in "
        f"{result['seconds']:6.2f} s = {result['per_second']:7.1f}/s   p50 {result['p50_ms']} ms"
        f"  p99 {result['p99_ms']} ms  max {result['max_ms']} ms   stored {result['stored']},"
        f" lost {result['lost']}, unannounced {result['unannounced']},"
        f" duplicated {result['duplicated']}, tally {'exact' if result['tally_exact'] else 'WRONG'}"
    )
    if round_.name.startswith("paced"):  # when the slowest were sent: a stall or a queue?
        slowest = sorted(zip(round_.latencies_ms, round_.sent_at, strict=True), reverse=True)
        print("    slowest: " + ", ".join(f"{ms:.0f} ms at {t:.2f} s" for ms, t in slowest[:8]))
    others = {k: v for k, v in round_.statuses.items() if k != "ok"}
    if others:
        print(f"    other answers: {dict(others)}")
    for message, n in round_.messages.most_common(3):
        print(f"    {n} × {message}")


async def drive(port: int, registrations) -> tuple[float, list[dict]]:
    from plenaria.conferences.models import Conference

    phones = [Phone(port, r) for r in registrations]
    seconds = await log_in_all(phones)
    print(f"{len(phones)} delegates logged in (code + PIN, voting page) in {seconds:.1f} s")
    conference = await Conference.objects.aget(pk=registrations[0].conference_id)
    try:
        results = await run_rounds(conference, phones, random.Random(2025))
    finally:
        await asyncio.gather(*(phone.close() for phone in phones))
    return seconds, results


def run(url: str) -> dict:
    from django.db import connections

    conference, registrations = conference_with_delegates(DELEGATES)
    create_ceiling_table()
    connections.close_all()
    print(f"conference {conference.pk}: {len(registrations)} credentialed delegates")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="plenaria_bench_vote_") as tmp:
        stderr_path = Path(tmp) / "server.stderr"
        with running_server(
            url,
            port,
            "/participar/",
            stderr_path,
            settings="bench._ceiling",
            workers=WORKERS,
            # Phones keep their connection between polls, as they do through nginx in
            # production (keepalive_timeout 75 s); uvicorn alone would drop it after 5 s.
            extra_args=("--timeout-keep-alive", "75"),
        ):
            print(f"server: uvicorn --workers {WORKERS} on {HOST}:{port}, DEBUG=0")
            login_s, results = asyncio.run(
                asyncio.wait_for(drive(port, registrations), TIME_LIMIT_S)
            )
        server_errors, tracebacks = server_problems(stderr_path)
    for final, traceback in tracebacks.items():
        print(f"server exception: {final}\n{traceback}")
    return summary(results, login_s, server_errors)


def summary(results: list[dict], login_s: float, server_errors: int) -> dict:
    by_round = {r["round"]: r for r in results}

    def burst_rate(name: str) -> float:
        """Requests answered per second over both bursts of a kind."""
        rounds = [r for r in results if r["round"].startswith(f"burst {name} ")]
        seconds = sum(r["seconds"] for r in rounds)
        return sum(r["ok"] for r in rounds) / seconds if seconds else 0.0

    ceiling = burst_rate("ceiling")
    ratios = {
        mode: round(burst_rate(mode) / ceiling, 2) if ceiling else 0.0
        for mode in ("open", "secret")
    }
    ratio = min(ratios.values())
    paced_p99 = by_round["paced open"]["p99_ms"] or 0.0
    lost = sum(r["lost"] + r["unannounced"] for r in results)
    duplicated = sum(r["duplicated"] for r in results)
    errors = sum(r["requests"] - r["ok"] for r in results)
    exact = all(r["tally_exact"] for r in results)
    print(
        f"ratio ballots/ceiling in the burst: open {ratios['open']}, secret {ratios['secret']}"
        f" (target ≥ {TARGET_RATIO}); paced ballot p99 {paced_p99} ms (target ≤ {TARGET_P99_MS})"
    )
    print(f"lost {lost}, duplicated {duplicated}, errors {errors}, server errors {server_errors}")
    return {
        "bench": "vote_load",
        "database": "postgresql",
        "server": f"uvicorn --workers {WORKERS}",
        "delegates": DELEGATES,
        "login_seconds": round(login_s, 1),
        "rounds": results,
        "ratio_open": ratios["open"],
        "ratio_secret": ratios["secret"],
        "ratio": ratio,
        "paced_p99_ms": paced_p99,
        "lost": lost,
        "duplicated": duplicated,
        "errors": errors,
        "server_errors": server_errors,
        "targets": {
            "ratio": TARGET_RATIO,
            "paced_p99_ms": TARGET_P99_MS,
            "lost": 0,
            "duplicated": 0,
            "errors": 0,
        },
        "met": ratio >= TARGET_RATIO
        and paced_p99 <= TARGET_P99_MS
        and lost == 0
        and duplicated == 0
        and errors == 0
        and server_errors == 0
        and exact,
    }


def raise_open_files() -> None:
    """2,000 connections need more descriptors than a shell's default 1,024."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 8 * DELEGATES)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def main() -> int:
    raise_open_files()
    return main_on_throwaway_database("plenaria_bench_vote", setup_django, run)


if __name__ == "__main__":
    sys.exit(main())
