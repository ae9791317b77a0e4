"""Benchmark: online registrations from concurrent clients against the running server.

What it measures
    5,000 online registrations sent by 200 concurrent HTTP clients to one municipal
    conference (Montes Claros, edition 2025) whose registration is open, through the
    public form /conferencias/<pk>/inscricao/ (view plenaria.participants.views.register).
    The server runs as in production: uvicorn with 2 workers, DEBUG off, on PostgreSQL,
    in a subprocess on 127.0.0.1. Each client GETs the form once (CSRF cookie and token;
    a failed GET is counted as an error and reloaded, up to 10 times, as a person would);
    when all 200 have it they start together and POST registrations until 5,000 have been
    sent in all: a unique name and mobile phone each, a valid unique CPF for 4 in 5, no
    e-mail. A registration succeeds with a 302 to /inscricao/<code>/ (not followed).
    The time of every POST is measured at the client, so it includes the network stack,
    uvicorn and the wait behind the other 199 clients; the clients are threads of this
    process and share the machine's cores with the server and PostgreSQL.

    Afterwards the database is checked: one registration per 302 and nothing else, each
    answered code stored for the phone that was sent, 5,000 distinct people, no code or
    person stored twice.

Target (docs: DESIGN.md, "Performance and scale targets")
    DESIGN.md sets no latency target for registration: throughput and p50/p95/p99 are
    reported; `met` means 5,000 stored and 0 lost, 0 duplicated, 0 errors.

How to run
    .venv/bin/python bench/registration.py      (or `make bench`, which runs every bench)

    It creates its own PostgreSQL database (plenaria_bench_reg_<pid>) on
    postgres://postgres@127.0.0.1:5432, migrates it and drops it at the end. It always
    uses a throwaway database, even when BENCH_DATABASE_URL is set: the server commits
    its 5,000 registrations, so they could not be rolled back. The whole run is aborted
    after 600 seconds. All traffic stays on 127.0.0.1.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "registration", ..., "targets": {...}, "met": true|false}.
    The exit code is 0 whether or not the targets are met; non-zero only on a crash.
"""

import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER_URL = "postgres://postgres@127.0.0.1:5432"
HOST = "127.0.0.1"
CLIENTS = 200
REGISTRATIONS = 5_000
WORKERS = 2
TIME_LIMIT_S = 600
REQUEST_TIMEOUT_S = 60
SERVER_START_TIMEOUT_S = 60
GET_ATTEMPTS = 10
BARRIER_TIMEOUT_S = 120  # for all 200 clients to have the form
MUNICIPALITY_IBGE = 3143302  # Montes Claros (MG)
YEAR = 2025
CODE_PATH = re.compile(r"^(?:https?://[^/]+)?/inscricao/([A-Z0-9]+)/$")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- The database -------------------------------------------------------------------


@contextmanager
def bench_database(prefix: str = "plenaria_bench_reg"):
    """Yield the URL of a new database, dropped at the end."""
    import psycopg
    from psycopg import sql

    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{SERVER_URL}/{name}"
    finally:
        with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        print(f"dropped database {name}")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url  # before django.setup(): settings read it once
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenaria.settings")
    import django

    django.setup()


def open_conference(status: str = "registration_open"):
    """One municipal conference with registration open (or ``status``). The status is
    set directly: the benches measure registrations and votes, not the status machine."""
    from plenaria.conferences import services
    from plenaria.conferences.models import Conference
    from plenaria.editions.models import Edition
    from plenaria.territory.models import Municipality

    municipality = Municipality.objects.get(ibge_code=MUNICIPALITY_IBGE)
    conference = services.conference_create(
        actor=None,
        edition=Edition.objects.get(year=YEAR),
        level="municipal",
        municipality=municipality,
        data={
            "title": f"Conferência Municipal de Assistência Social de {municipality.name}",
            "start_date": date(YEAR, 6, 10),
            "end_date": date(YEAR, 6, 11),
        },
    )
    Conference.objects.filter(pk=conference.pk).update(status=status)
    conference.status = status
    return conference


# --- The server ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(
    url: str,
    port: int,
    probe_path: str,
    stderr_path: Path,
    *,
    settings: str = "plenaria.settings",
    workers: int = WORKERS,
    extra_env: dict | None = None,
    extra_args: tuple[str, ...] = (),
):
    """uvicorn as in production, on the bench database; killed at the end. Other
    benches pass a settings module of theirs (bench/_ceiling.py) or more workers."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": HOST,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DB_POOL_MAX": "20",
        "DJANGO_SETTINGS_MODULE": settings,
        # Plain HTTP on localhost, and every client from one address: what production
        # limits (one address registering hundreds of people) is what the bench measures.
        "SECURE_SSL_REDIRECT": "0",
        "REGISTRATIONS_PER_ADDRESS": "1000000",
        **(extra_env or {}),
    }
    collect_static(env)
    command = [
        str(ROOT / ".venv" / "bin" / "uvicorn"),
        "plenaria.asgi:application",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--lifespan",
        "off",
        *extra_args,
    ]
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(  # noqa: S603 - a fixed command, no outside input
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        wait_until_up(process, port, probe_path, stderr_path)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def collect_static(env: dict) -> None:
    """With DEBUG off the pages name static files by their hash (settings.STORAGES), read
    from collectstatic's manifest, as in production (docs/deployment.md): collected
    before the server starts (~20 s, off the clock)."""
    subprocess.run(  # noqa: S603 - a fixed command, no outside input
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def wait_until_up(process, port: int, path: str, stderr_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{stderr_path.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer in {SERVER_START_TIMEOUT_S} s")


RECORD_START = re.compile(
    r"^(?:INFO|WARNING|ERROR|CRITICAL):|^Internal Server Error:|^Exception in ASGI|^/"
)


def server_problems(stderr_path: Path) -> tuple[int, dict[str, str]]:
    """How many server errors the server logged, and one traceback per distinct exception.

    With DEBUG off Django logs each unhandled exception as "Internal Server Error: <path>"
    followed by the traceback; uvicorn logs errors outside Django as "Exception in ASGI
    application"."""
    records, current = [], []
    for line in stderr_path.read_text(errors="replace").splitlines():
        if RECORD_START.match(line) and current:
            records.append(current)
            current = []
        current.append(line)
    records.append(current)
    errors = [
        r for r in records if r and re.match(r"Internal Server Error|Exception in ASGI", r[0])
    ]
    tracebacks: dict[str, str] = {}
    for record in errors:
        finals = [line for line in record[1:] if line and not line[0].isspace()]
        final = next(
            (line for line in reversed(finals) if not line.startswith("Traceback")), record[0]
        )
        tracebacks.setdefault(final, "\n".join(record))
    return len(errors), tracebacks


# --- The clients --------------------------------------------------------------------


def form_fields(n: int) -> dict[str, str]:
    """Registration number n: unique name and mobile; a valid unique CPF for 4 in 5."""
    from plenaria.participants.rules import cpf_with_digits

    return {
        "name": f"Pessoa Bench {n}",
        "phone": f"389{n:08d}",
        "email": "",
        "cpf": cpf_with_digits(f"{123_000_000 + n:09d}") if n % 5 else "",
        "birth_date": "1980-01-01",
        "segment": "users",
        "category": "delegate",
        "consent": "on",
    }


class Load:
    """What the clients share: the next registration number and the results."""

    def __init__(self, port: int, path: str, deadline: float):
        self.port = port
        self.path = path
        self.deadline = deadline
        self.forms = [form_fields(n) for n in range(REGISTRATIONS)]  # built before the clock
        self.barrier = threading.Barrier(CLIENTS + 1)
        self.lock = threading.Lock()
        self.next_n = 0
        self.latencies_ms: list[float] = []
        self.codes: dict[str, str] = {}  # code -> phone sent
        self.statuses: dict[str, int] = {}
        self.samples: dict[str, str] = {}
        self.repeated_codes = 0
        self.finished_at = 0.0
        self.aborted = False

    def take(self) -> int | None:
        with self.lock:
            if self.next_n >= REGISTRATIONS:
                return None
            if time.monotonic() > self.deadline:
                self.aborted = True
                return None
            self.next_n += 1
            return self.next_n - 1

    def record(self, status: str, ms: float | None, code: str | None, phone: str, sample=""):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if ms is not None:
                self.latencies_ms.append(ms)
            if code is not None:
                self.repeated_codes += code in self.codes
                self.codes[code] = phone
            if sample and status not in self.samples:
                self.samples[status] = sample  # one example of each kind of error
            self.finished_at = max(self.finished_at, time.perf_counter())


def get_form(load: Load) -> tuple[str, str]:
    """The CSRF cookie and the form's token, as a browser gets them."""
    connection = http.client.HTTPConnection(HOST, load.port, timeout=REQUEST_TIMEOUT_S)
    try:
        connection.request("GET", load.path)
        response = connection.getresponse()
        body = response.read().decode()
        if response.status != 200:
            raise RuntimeError(str(response.status))
        cookies = [
            part.strip()
            for header in response.headers.get_all("Set-Cookie") or []
            for part in header.split(";")[:1]
        ]
        cookie = next(c for c in cookies if c.startswith("csrftoken="))
        return cookie, TOKEN.search(body).group(1)
    finally:
        connection.close()


def client(load: Load) -> None:
    for attempt in range(1, GET_ATTEMPTS + 1):
        try:
            cookie, token = get_form(load)
            break
        except Exception as error:  # noqa: BLE001 - counted as an error, then tried again
            kind = error if isinstance(error, RuntimeError) else type(error).__name__
            load.record(f"GET {kind}", None, None, "", repr(error))
            if attempt == GET_ATTEMPTS:  # nothing to post with: the run cannot go on
                load.barrier.abort()
                return
            time.sleep(0.5)  # a person reloads the page
    try:
        load.barrier.wait(timeout=BARRIER_TIMEOUT_S)
    except threading.BrokenBarrierError:
        return
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Referer": f"http://{HOST}:{load.port}{load.path}",
    }
    connection = http.client.HTTPConnection(HOST, load.port, timeout=REQUEST_TIMEOUT_S)
    while (n := load.take()) is not None:
        fields = load.forms[n]
        body = urlencode({**fields, "csrfmiddlewaretoken": token})
        started = time.perf_counter()
        try:
            connection.request("POST", load.path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            # Not retried: the server may have stored it. Reconnect for the next one.
            load.record(f"exception:{type(error).__name__}", None, None, "", repr(error))
            connection.close()
            connection = http.client.HTTPConnection(HOST, load.port, timeout=REQUEST_TIMEOUT_S)
            continue
        ms = (time.perf_counter() - started) * 1000
        match = CODE_PATH.match(response.getheader("Location") or "")
        if response.status == 302 and match:
            load.record("302", ms, match.group(1), fields["phone"])
        else:
            sample = (
                f"{response.status} {response.getheader('Location') or ''} "
                + " ".join(re.sub(r"<[^>]+>", " ", content.decode(errors="replace")).split())[:300]
            )
            load.record(str(response.status), ms, None, fields["phone"], sample)
    connection.close()


def run_load(port: int, path: str) -> tuple[Load, float]:
    load = Load(port, path, time.monotonic() + TIME_LIMIT_S)
    threads = [
        threading.Thread(target=client, args=(load,), daemon=True, name=f"client-{i}")
        for i in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    try:
        load.barrier.wait(timeout=BARRIER_TIMEOUT_S)
    except threading.BrokenBarrierError:
        load.aborted = True
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=max(0.0, load.deadline - time.monotonic()) + REQUEST_TIMEOUT_S)
    if any(thread.is_alive() for thread in threads):
        load.aborted = True
    return load, max(load.finished_at, started) - started


# --- The check ----------------------------------------------------------------------


def verify(conference, load: Load) -> dict:
    """Count what the database holds against what the clients were told."""
    from django.db.models import Count

    from plenaria.participants.models import Person, Registration

    rows = Registration.objects.filter(conference=conference).order_by()  # plain GROUP BY
    stored = rows.count()
    stored_codes = dict(rows.values_list("code", "phone"))
    # Answered with a code, but that code is not stored for the phone that was sent.
    lost = sum(stored_codes.get(code) != phone for code, phone in load.codes.items())
    # Stored without a 302 that announced it (a registration the client never heard of).
    unannounced = sum(code not in load.codes for code in stored_codes)
    repeated_codes = sum(
        c - 1 for c in rows.values("code").annotate(c=Count("id")).values_list("c", flat=True)
    )
    distinct_people = rows.values("person").distinct().count()
    distinct_phones = rows.values("phone").distinct().count()
    return {
        "stored": stored,
        "people": Person.objects.count(),
        "distinct_people": distinct_people,
        "lost": lost,
        "unannounced": unannounced,
        # Same code twice, one person registered twice, one request stored twice.
        "duplicated": repeated_codes
        + load.repeated_codes
        + (stored - distinct_people)
        + (stored - distinct_phones),
    }


def percentile(values: list[float], fraction: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def run(url: str) -> dict:
    from django.db import connections
    from django.urls import reverse

    conference = open_conference()
    path = reverse("participants:register", args=[conference.pk])
    connections.close_all()
    port = free_port()
    print(f"conference {conference.pk} ({conference.title}), registration open; form {path}")

    with tempfile.TemporaryDirectory(prefix="plenaria_bench_reg_") as tmp:
        stderr_path = Path(tmp) / "server.stderr"
        with running_server(url, port, path, stderr_path):
            print(f"server: uvicorn --workers {WORKERS} on {HOST}:{port}, DEBUG=0")
            load, seconds = run_load(port, path)
        server_errors, tracebacks = server_problems(stderr_path)
        warnings = [
            line for line in stderr_path.read_text(errors="replace").splitlines() if line.strip()
        ]

    checked = verify(conference, load)
    ok = load.statuses.get("302", 0)
    sent = sum(n for status, n in load.statuses.items() if not status.startswith("GET "))
    form_errors = sum(n for status, n in load.statuses.items() if status.startswith("GET "))
    errors = sent - ok + form_errors
    latencies = load.latencies_ms
    print(
        f"sent {sent} POSTs from {CLIENTS} clients in {seconds:.1f} s: "
        f"{ok / seconds if seconds else 0:.1f} registrations/s"
        + (" (ABORTED: time limit or a client could not get the form)" if load.aborted else "")
    )
    print(f"answers: {dict(sorted(load.statuses.items()))}")
    if latencies:
        print(
            f"latency per POST: p50 {statistics.median(latencies):.0f} ms  "
            f"p95 {percentile(latencies, 0.95):.0f} ms  p99 {percentile(latencies, 0.99):.0f} ms  "
            f"max {max(latencies):.0f} ms"
        )
    print(
        f"database: {checked['stored']} registrations, {checked['distinct_people']} distinct "
        f"people ({checked['people']} Person rows), lost {checked['lost']}, "
        f"stored without a 302 {checked['unannounced']}, duplicated {checked['duplicated']}"
    )
    for status, sample in sorted(load.samples.items()):
        print(f"  example of {status}: {sample}")
    print(f"server stderr: {len(warnings)} lines, {server_errors} server errors")
    for line in warnings[:10]:
        print(f"  | {line[:200]}")
    for final, traceback in tracebacks.items():
        print(f"server exception: {final}\n{traceback}")

    count_verified = (
        checked["stored"] == ok == REGISTRATIONS
        and checked["distinct_people"] == checked["people"] == REGISTRATIONS
        and checked["unannounced"] == 0
    )
    lost = checked["lost"]
    return {
        "bench": "registration",
        "database": "postgresql",
        "clients": CLIENTS,
        "registrations": REGISTRATIONS,
        "seconds": round(seconds, 2),
        "per_second": round(ok / seconds, 1) if seconds else 0.0,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        "stored": checked["stored"],
        "lost": lost,
        "duplicated": checked["duplicated"],
        "errors": errors,
        "server_errors": server_errors,
        "aborted": load.aborted,
        "targets": {"registrations": REGISTRATIONS, "lost": 0, "duplicated": 0, "errors": 0},
        "met": count_verified
        and lost == 0
        and checked["duplicated"] == 0
        and errors == 0
        and server_errors == 0
        and not load.aborted,
    }


def migrated(url: str) -> None:
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main_on_throwaway_database(prefix: str, setup, run) -> int:
    """What the benches that run the server share: a new database (``setup`` readies
    it), the run, the wall time and the result as JSON on the last line."""
    started = time.perf_counter()
    if os.environ.get("BENCH_DATABASE_URL"):
        print("BENCH_DATABASE_URL ignored: this bench always uses a throwaway database")
    with bench_database(prefix) as url:
        print(f"database: {url.rsplit('/', 1)[-1]} (throwaway)")
        setup(url)
        from django.db import connections

        try:
            result = run(url)
        finally:
            connections.close_all()
    print(f"wall time: {time.perf_counter() - started:.1f} s")
    print(json.dumps(result))
    return 0


def main() -> int:
    return main_on_throwaway_database("plenaria_bench_reg", migrated, run)


if __name__ == "__main__":
    sys.exit(main())
