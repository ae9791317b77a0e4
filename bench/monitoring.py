"""Benchmark: the monitoring pages with a whole state of conferences, on PostgreSQL.

What it measures
    The state page (/acompanhamento/mg/, view plenaria.reports.views.state) with one
    2025 municipal conference for every one of the 853 municipalities of Minas Gerais,
    unfiltered and filtered by situation, association and porte, and the national page
    (/acompanhamento/nacional/). After loading the data it runs ANALYZE, as autovacuum
    would, so the planner sees the real table sizes. Each URL gets 5 warm-up requests,
    then 50 timed ones through django.test.Client in this process: the time is server
    time (middleware, view, queries, template), with no network or browser. It also
    counts the queries of every request and checks that the state page makes as many
    queries with 10 conferences as with 853.

Target (docs: DESIGN.md, "Performance and scale targets")
    Every page <= 300 ms server time at p95, constant query count, no errors.

How to run
    .venv/bin/python bench/monitoring.py      (or `make bench`, which runs every bench)

    It creates its own PostgreSQL database (plenaria_bench_<pid>) on
    postgres://postgres@127.0.0.1:5432, migrates it (the migrations load the 27 states,
    5,571 municipalities with their IBGE 2025 population, their councils and the
    editions) and drops it at the end.
    With BENCH_DATABASE_URL=postgres://... it uses that database instead, creates and
    drops nothing, and rolls its own rows back when done.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "monitoring", ..., "targets": {...}, "met": true|false}.
    The exit code is 0 whether or not the targets are met; non-zero only on a crash.
"""

import json
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER_URL = "postgres://postgres@127.0.0.1:5432"
TARGET_P95_MS = 300
WARMUP_REQUESTS = 5
TIMED_REQUESTS = 50
FEW_CONFERENCES = 10
ASSOCIATION_SIZE = 89
STATE = "MG"
YEAR = 2025


# --- The database -------------------------------------------------------------------


@contextmanager
def bench_database():
    """Yield (url, owned): BENCH_DATABASE_URL as is, or a new database dropped at the end."""
    override = os.environ.get("BENCH_DATABASE_URL")
    if override:
        yield override, False
        return
    import psycopg
    from psycopg import sql

    name = f"plenaria_bench_{os.getpid()}"
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{SERVER_URL}/{name}", True
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


@contextmanager
def rolled_back():
    """Run the block in a transaction that is rolled back, leaving a shared database as found."""
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- The data -----------------------------------------------------------------------


def create_association(state, municipalities, rng: random.Random):
    from plenaria.territory.models import Association

    association = Association.objects.create(
        name="Associação dos Municípios do Benchmark",
        acronym="AMBENCH",
        kind=Association.Kind.ASSOCIATION,
        state=state,
    )
    association.members.set(rng.sample(municipalities, ASSOCIATION_SIZE))
    return association


def create_conferences(edition, municipalities, first_index: int = 0) -> None:
    """One municipal conference per municipality, cycling through the statuses."""
    from plenaria.conferences.models import Conference, Status

    statuses = list(Status)
    Conference.objects.bulk_create(
        Conference(
            edition=edition,
            level="municipal",
            state_id=municipality.state_id,
            municipality=municipality,
            title=f"Conferência Municipal de Assistência Social de {municipality.name}",
            status=statuses[(first_index + i) % len(statuses)],
            start_date=date(YEAR, 6, 1),
            end_date=date(YEAR, 6, 2),
        )
        for i, municipality in enumerate(municipalities)
    )


def council_reader(council, username: str):
    """A plain user (no superuser, no organiser) who reads through a council seat."""
    from django.contrib.auth import get_user_model

    from plenaria.territory.models import CouncilMember

    user = get_user_model().objects.create_user(username=username)
    CouncilMember.objects.create(
        council=council,
        user=user,
        name=username,
        role=CouncilMember.Role.COUNCILLOR,
        sector="government",
        term_start=date(2024, 1, 1),
        is_organiser=False,
    )
    return user


def analyze() -> None:
    """Refresh the planner's statistics, as autovacuum does soon after a bulk load.

    Measured before autovacuum gets there, the planner still believes the conference
    table is nearly empty and the state page is several times slower: that is the
    window after a bulk insert, not the steady state this bench is about."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def logged_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# --- The measurements ---------------------------------------------------------------


def table_rows(html: str) -> int:
    """How many rows the results table has (the <tr> inside its <tbody>)."""
    start = html.find("<tbody>")
    end = html.find("</tbody>", start)
    return html[start:end].count("<tr") if start >= 0 and end >= 0 else -1


def query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the session and caches, as in the timed runs
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def percentile(values: list[float], fraction: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def measure(client, url: str, expected_rows: int) -> dict:
    """Warm up, then time TIMED_REQUESTS requests and count their queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP_REQUESTS):
        client.get(url)
    durations, queries, errors, rows = [], set(), 0, -1
    for _ in range(TIMED_REQUESTS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            durations.append((time.perf_counter() - started) * 1000)
        queries.add(len(captured))
        if response.status_code != 200:
            errors += 1
            continue
        rows = table_rows(response.content.decode())
        errors += rows != expected_rows
    return {
        "url": url,
        "rows": rows,
        "expected_rows": expected_rows,
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(percentile(durations, 0.95), 1),
        "max_ms": round(max(durations), 1),
        "queries": max(queries),
        "queries_vary": len(queries) > 1,
        "errors": errors,
    }


def expected_rows(state, edition, association) -> dict[str, int]:
    """What each page must list, counted straight from the tables, not through the view."""
    from plenaria.conferences.models import Conference, Status
    from plenaria.territory.models import State
    from plenaria.territory.rules import PORTE_UPPER_BOUNDS

    convoked = [Status.CONVOKED, Status.REGISTRATION_OPEN, Status.IN_PROGRESS]
    return {
        "state_all": state.municipalities.count(),
        "state_convoked": Conference.objects.filter(
            edition=edition, level="municipal", state=state, status__in=convoked
        ).count(),
        "state_association": association.members.count(),
        "state_small_i": state.municipalities.filter(
            population__lte=PORTE_UPPER_BOUNDS[0][1]
        ).count(),
        "national": State.objects.count(),
    }


def run() -> dict:
    from django.urls import reverse

    from plenaria.editions.models import Edition
    from plenaria.territory.models import Council, State

    rng = random.Random(1)
    edition = Edition.objects.get(year=YEAR)
    state = State.objects.get(abbreviation=STATE)
    municipalities = list(state.municipalities.order_by("ibge_code"))
    association = create_association(state, municipalities, rng)
    state_client = logged_in(
        council_reader(Council.objects.get(level="state", state=state), "bench-state")
    )
    national_client = logged_in(
        council_reader(Council.objects.get(level="national"), "bench-national")
    )
    state_url = reverse("reports:state", args=[STATE.lower()])
    national_url = reverse("reports:national")

    create_conferences(edition, municipalities[:FEW_CONFERENCES])
    queries_few = query_count(state_client, state_url)
    create_conferences(edition, municipalities[FEW_CONFERENCES:], first_index=FEW_CONFERENCES)
    queries_all = query_count(state_client, state_url)
    analyze()
    print(
        f"data: {len(municipalities)} {STATE} municipal conferences ({YEAR}), "
        f"populations for every municipality, {association.acronym} with "
        f"{ASSOCIATION_SIZE} members; ANALYZE done"
    )
    print(
        f"queries on {state_url}: {queries_few} with {FEW_CONFERENCES} conferences, "
        f"{queries_all} with {len(municipalities)}"
    )

    pages = {
        "state_all": (state_client, state_url),
        "state_convoked": (state_client, f"{state_url}?situacao=convoked"),
        "state_association": (state_client, f"{state_url}?associacao={association.pk}"),
        "state_small_i": (state_client, f"{state_url}?porte=small_i"),
        "national": (national_client, national_url),
    }
    expected = expected_rows(state, edition, association)
    results = {}
    for name, (client, url) in pages.items():
        results[name] = measure(client, url, expected[name])
        report_line(name, results[name])
    return summary(results, queries_few, queries_all)


def report_line(name: str, page: dict) -> None:
    vary = " (varies!)" if page["queries_vary"] else ""
    print(
        f"{name:<18} {page['url']:<42} rows {page['rows']:>4}/{page['expected_rows']:<4} "
        f"p50 {page['p50_ms']:>6.1f} ms  p95 {page['p95_ms']:>6.1f} ms  "
        f"max {page['max_ms']:>6.1f} ms  queries {page['queries']}{vary}  "
        f"errors {page['errors']}"
    )


def summary(results: dict, queries_few: int, queries_all: int) -> dict:
    errors = sum(page["errors"] for page in results.values())
    constant = queries_few == queries_all and not any(
        page["queries_vary"] for page in results.values()
    )
    met = (
        all(page["p95_ms"] <= TARGET_P95_MS for page in results.values())
        and constant
        and errors == 0
    )
    return {
        "bench": "monitoring",
        "database": "postgresql",
        "rows": results["state_all"]["rows"],
        "requests_per_page": TIMED_REQUESTS,
        "pages": {
            name: {key: page[key] for key in ("rows", "p50_ms", "p95_ms", "max_ms", "queries")}
            for name, page in results.items()
        },
        "queries_10_conferences": queries_few,
        "queries_853_conferences": queries_all,
        "constant_queries": constant,
        "errors": errors,
        "targets": {"p95_ms": TARGET_P95_MS, "constant_queries": True, "errors": 0},
        "met": met,
    }


def main_with(run_bench) -> int:
    """Run ``run_bench`` in a migrated bench database, print its JSON line, exit 0."""
    started = time.perf_counter()
    with bench_database() as (url, owned):
        print(f"database: {url.rsplit('/', 1)[-1]} ({'throwaway' if owned else 'given'})")
        setup_django(url)
        from django.core.management import call_command
        from django.db import connections

        try:
            call_command("migrate", verbosity=0)
            with nullcontext() if owned else rolled_back():
                result = run_bench()
        finally:
            connections.close_all()
    print(f"wall time: {time.perf_counter() - started:.1f} s")
    print(json.dumps(result))
    return 0


def main() -> int:
    return main_with(run)


if __name__ == "__main__":
    sys.exit(main())
