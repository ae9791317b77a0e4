"""Benchmark: the consolidated list and the table's highlight console, on PostgreSQL.

What it measures
    A 2025 municipal conference with 2,000 proposals in the consolidated list (5 axes ×
    3 spheres, texts of 100–600 characters) and 200 highlights. Server time of
    /gestao/conferencias/<pk>/propostas/ (proposals:consolidated) and .../plenaria/
    (proposals:plenary, which renders every highlight's word-level diff): 5 warm-up and
    30 timed requests through django.test.Client in this process (no network), the
    queries of each request, and whether a conference with 20 proposals takes the same
    number of queries. Then one consolidated PDF of the 2,000 proposals (WeasyPrint):
    seconds, bytes and the growth of peak memory.

Target (DESIGN.md, "Performance and scale targets"; issue "Deliberation")
    Both pages ≤ 300 ms at p95 with 2,000 proposals, constant query count, no errors.
    The PDF is reported, not targeted.

How to run
    .venv/bin/python bench/deliberation.py    (or `make bench`)
    Like bench/monitoring.py it creates and drops plenaria_bench_<pid>, or uses
    BENCH_DATABASE_URL and rolls its rows back.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "deliberation", ..., "targets": {...}, "met": true|false}.
"""

import json
import random
import resource
import statistics
import sys
import time
from contextlib import nullcontext
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from monitoring import (  # noqa: E402
    bench_database,
    logged_in,
    percentile,
    rolled_back,
    setup_django,
)

PROPOSALS = 2_000
FEW = 20
HIGHLIGHTS = 200
WARMUP, TIMED = 5, 30
TARGET_P95_MS = 300
WORDS = [
    "garantir",
    "ampliar",
    "qualificar",
    "equipe",
    "CRAS",
    "CREAS",
    "serviço",
    "acolhimento",
    "usuários",
    "território",
    "zona",
    "rural",
    "cofinanciamento",
    "orçamento",
    "vigilância",
    "socioassistencial",
    "benefícios",
    "eventuais",
    "transporte",
    "participação",
    "conselho",
    "famílias",
    "crianças",
    "adolescentes",
    "pessoas",
    "idosas",
    "deficiência",
    "população",
    "em",
    "situação",
    "de",
    "rua",
    "concurso",
    "público",
    "capacitação",
    "continuada",
]


def text(rng: random.Random) -> str:
    size = rng.randint(100, 600)
    words = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def conference_with(municipality, edition, n: int, rng: random.Random):
    from plenaria.conferences.models import Conference
    from plenaria.proposals.models import Proposal

    conference = Conference.objects.create(
        edition=edition,
        level="municipal",
        state_id=municipality.state_id,
        municipality=municipality,
        title=f"Conferência de {municipality.name}",
        status="in_progress",
        start_date=date(2025, 6, 1),
        end_date=date(2025, 6, 2),
    )
    axes = list(edition.axes.order_by("number"))
    Proposal.objects.bulk_create(
        Proposal(
            conference=conference,
            axis=axes[i % len(axes)],
            number=i // len(axes) + 1,
            sphere=("municipal", "state", "federal")[(i // len(axes)) % 3],
            text=text(rng),
            origin="group",
            status="adopted",
            group_result=rng.choice(["approved", "plenary"]),
        )
        for i in range(n)
    )
    return conference


def add_highlights(conference, rng: random.Random) -> None:
    from plenaria.participants.models import Person, Registration
    from plenaria.proposals.models import AxisPlenary, Highlight

    people = Person.objects.bulk_create(Person() for i in range(50))
    delegates = Registration.objects.bulk_create(
        Registration(
            conference=conference,
            person=p,
            name=f"Delegada {i}",
            name_key=f"delegada {i}",
            phone=f"389{i:08d}",
            code=f"B{i:07d}",
            pin="123456",
            segment="users",
            category="delegate",
            origin="staff",
        )
        for i, p in enumerate(people)
    )
    proposals = rng.sample(list(conference.proposals.all()), HIGHLIGHTS)
    Highlight.objects.bulk_create(
        Highlight(
            proposal=p,
            number=i + 1,
            kind="modification",
            text=p.text.replace(" ", " e qualificar ", 1),
            proposer=rng.choice(delegates),
        )
        for i, p in enumerate(proposals)
    )
    now = datetime.now(UTC)
    AxisPlenary.objects.bulk_create(
        AxisPlenary(
            conference=conference, axis=a, highlights_opened_at=now, highlights_closed_at=now
        )
        for a in conference.edition.axes.all()
    )


def measure(client, url: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        client.get(url)
    durations, queries, errors = [], set(), 0
    for _ in range(TIMED):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            durations.append((time.perf_counter() - started) * 1000)
        queries.add(len(captured))
        errors += response.status_code != 200
    return {
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(percentile(durations, 0.95), 1),
        "max_ms": round(max(durations), 1),
        "queries": max(queries),
        "errors": errors,
    }


def run() -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command  # noqa: F401
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plenaria.editions.models import Edition
    from plenaria.territory.models import Municipality

    rng = random.Random(2025)
    edition = Edition.objects.get(year=2025)
    big_town, small_town = Municipality.objects.filter(state__abbreviation="MG")[:2]
    started = time.perf_counter()
    big = conference_with(big_town, edition, PROPOSALS, rng)
    few = conference_with(small_town, edition, FEW, rng)
    add_highlights(big, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"data: {PROPOSALS} + {FEW} proposals, {HIGHLIGHTS} highlights "
        f"in {time.perf_counter() - started:.1f} s"
    )
    admin = get_user_model().objects.create_superuser("bench", "b@example.org", "x")
    client = logged_in(admin)

    consolidated = measure(client, f"/gestao/conferencias/{big.pk}/propostas/")
    plenary = measure(client, f"/gestao/conferencias/{big.pk}/plenaria/")
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/gestao/conferencias/{few.pk}/propostas/")
    few_queries = len(captured)
    print(f"consolidated ({PROPOSALS}): {consolidated}; with {FEW}: {few_queries} queries")
    print(f"plenary console ({HIGHLIGHTS} highlights): {plenary}")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.perf_counter()
    response = client.get(f"/gestao/conferencias/{big.pk}/propostas/consolidado.pdf")
    pdf_s = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    pages = response.content.count(b"/Type /Page") - response.content.count(b"/Type /Pages")
    print(
        f"PDF: {pdf_s:.1f} s, {len(response.content):,} bytes, {pages} pages, "
        f"peak RSS {rss_before} → {rss_after} MB"
    )

    constant = consolidated["queries"] == few_queries
    errors = consolidated["errors"] + plenary["errors"] + (response.status_code != 200)
    return {
        "bench": "deliberation",
        "proposals": PROPOSALS,
        "highlights": HIGHLIGHTS,
        "consolidated": consolidated,
        "plenary": plenary,
        "queries_with_few": few_queries,
        "constant_queries": constant,
        "pdf_seconds": round(pdf_s, 1),
        "pdf_bytes": len(response.content),
        "pdf_pages": pages,
        "peak_rss_mb": [rss_before, rss_after],
        "errors": errors,
        "lost": 0,
        "duplicated": 0,
        "targets": {"p95_ms": TARGET_P95_MS, "constant_queries": True, "errors": 0},
        "met": bool(
            consolidated["p95_ms"] <= TARGET_P95_MS
            and plenary["p95_ms"] <= TARGET_P95_MS
            and constant
            and errors == 0
        ),
    }


def main() -> int:
    started = time.perf_counter()
    with bench_database() as (url, owned):
        setup_django(url)
        from django.core.management import call_command
        from django.db import connections

        try:
            call_command("migrate", verbosity=0)
            with nullcontext() if owned else rolled_back():
                result = run()
        finally:
            connections.close_all()
    print(f"wall time: {time.perf_counter() - started:.1f} s")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
