"""Benchmark: the state conference's delegate pages with every municipality of Minas
Gerais handing over its list, on PostgreSQL.

What it measures
    The 2025 state conference of MG and one municipal conference for each of its 853
    municipalities, each sending a confirmed list (HandOver with its Delegations and one
    pre-registered Registration per delegate at the state conference: 8 delegates per
    municipality, 6,824 in all; one list in three confirmed with a justification, one
    municipality in ten not sent yet). Server time, through django.test.Client in this
    process (no network), of 5 warm-up and 50 timed requests to:
    - /gestao/conferencias/<pk>/delegados/recebidos/ (delegates:received): all 853 rows,
      then only the lists confirmed despite the check, then a name search;
    - one municipality's list received (delegates:received_detail);
    - the state conference's registrations (participants:list), first page, which shows
      each delegate's origin;
    and the queries of each request, with the received page's query count with 10 vs 853
    municipalities. Then the time of one hand-over (handover.send) of a 24-delegate list.

Target (DESIGN.md, "Performance and scale targets"; issue "Delegates")
    Every page ≤ 300 ms at p95, constant query count, no errors.

How to run
    .venv/bin/python bench/delegates.py    (or `make bench`)
    Like bench/monitoring.py it creates and drops plenaria_bench_<pid>, or uses
    BENCH_DATABASE_URL and rolls its rows back.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "delegates", ..., "targets": {...}, "met": true|false}.
"""

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from monitoring import (  # noqa: E402
    analyze,
    council_reader,
    logged_in,
    main_with,
    measure,
    query_count,
    report_line,
)

STATE = "MG"
YEAR = 2025
FEW = 10
PER_LIST = [("users", "titular"), ("workers", "titular"), ("government", "titular")] * 2 + [
    ("users", "suplente"),
    ("government", "suplente"),
]
TARGET_P95_MS = 300


def create_state_conference(edition, state):
    from plenaria.conferences.models import Conference

    return Conference.objects.create(
        edition=edition,
        level="state",
        state=state,
        title="Conferência Estadual de Assistência Social de Minas Gerais",
        status="in_progress",
        start_date=date(YEAR, 9, 10),
        end_date=date(YEAR, 9, 12),
    )


def send_lists(receiver, municipalities, first: int) -> None:
    """Municipal conferences that hand over their lists, in bulk (as many sends would)."""
    from plenaria.conferences.models import Conference
    from plenaria.delegates.models import Delegation, HandOver
    from plenaria.participants.models import Person, Registration
    from plenaria.participants.rules import new_registration_code

    conferences = Conference.objects.bulk_create(
        Conference(
            edition=receiver.edition,
            level="municipal",
            state=receiver.state,
            municipality=m,
            parent=receiver,
            title=f"Conferência Municipal de Assistência Social de {m.name}",
            status="report_submitted",
            start_date=date(YEAR, 6, 1),
            end_date=date(YEAR, 6, 2),
        )
        for m in municipalities
    )
    sending = [c for i, c in enumerate(conferences, first) if i % 10]
    handovers = HandOver.objects.bulk_create(
        HandOver(
            conference=c,
            receiver=receiver,
            version=1,
            titulares=6,
            suplentes=2,
            problems=["falta 1 titular do segmento governo"] if i % 3 == 0 else [],
            justification="Decisão da plenária" if i % 3 == 0 else "",
        )
        for i, c in enumerate(sending)
    )
    people = Person.objects.bulk_create(Person() for h in handovers for n in range(len(PER_LIST)))
    names = [(h.conference_id, n) for h in handovers for n in range(len(PER_LIST))]
    registrations = Registration.objects.bulk_create(
        Registration(
            conference=receiver,
            person=person,
            name=f"Delegada {names[n][0]}-{names[n][1]}",
            name_key=f"delegada {names[n][0]}-{names[n][1]}",
            phone=f"31{names[n][0]:07d}{names[n][1]}",
            code=new_registration_code(),
            segment=PER_LIST[n % len(PER_LIST)][0],
            category="delegate",
            is_substitute=PER_LIST[n % len(PER_LIST)][1] == "suplente",
            origin="handover",
        )
        for n, person in enumerate(people)
    )
    Delegation.objects.bulk_create(
        Delegation(
            handover=handovers[n // len(PER_LIST)],
            person=registration.person,
            segment=registration.segment,
            role="suplente" if registration.is_substitute else "titular",
            registration=registration,
        )
        for n, registration in enumerate(registrations)
    )


def one_send(receiver, organiser) -> float:
    """Seconds of one real hand-over: a confirmed 24-delegate list of a new conference."""
    from django.utils import timezone

    from plenaria.conferences.models import Conference
    from plenaria.delegates import handover
    from plenaria.delegates.models import Candidacy, DelegateList
    from plenaria.participants.models import Person, Registration
    from plenaria.participants.rules import new_registration_code
    from plenaria.territory.models import Municipality

    # a municipality without a 2025 conference yet (one per edition): from another state
    municipality = Municipality.objects.exclude(state=receiver.state).first()
    sender = Conference.objects.create(
        edition=receiver.edition,
        level="municipal",
        state=receiver.state,
        municipality=municipality,
        parent=receiver,
        title="Conferência do envio medido",
        status="in_progress",
        start_date=date(YEAR, 6, 1),
        end_date=date(YEAR, 6, 2),
    )
    for n in range(24):
        registration = Registration.objects.create(
            conference=sender,
            person=Person.objects.create(),
            name=f"Enviada {n}",
            name_key=f"enviada {n}",
            phone=f"319990000{n:02d}",
            code=new_registration_code(),
            segment=("users", "workers", "entities", "government")[n % 4],
            category="delegate",
            origin="staff",
        )
        Candidacy.objects.create(
            conference=sender,
            registration=registration,
            segment=registration.segment,
            kind="candidate",
            role="titular" if n < 12 else "suplente",
        )
    DelegateList.objects.create(conference=sender, confirmed_at=timezone.now())
    started = time.perf_counter()
    handover.send(actor=organiser, conference=sender)
    return time.perf_counter() - started


def run() -> dict:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from plenaria.delegates.models import HandOver
    from plenaria.editions.models import Edition
    from plenaria.territory.models import Council, State

    edition = Edition.objects.get(year=YEAR)
    state = State.objects.get(abbreviation=STATE)
    municipalities = list(state.municipalities.order_by("ibge_code"))
    receiver = create_state_conference(edition, state)
    client = logged_in(council_reader(Council.objects.get(level="state", state=state), "bench-ds"))
    url = reverse("delegates:received", args=[receiver.pk])

    send_lists(receiver, municipalities[:FEW], 0)
    queries_few = query_count(client, url)
    send_lists(receiver, municipalities[FEW:], FEW)
    queries_all = query_count(client, url)
    analyze()
    sent = HandOver.objects.filter(receiver=receiver)
    with_problems = sent.exclude(problems=[]).count()
    print(
        f"data: {len(municipalities)} {STATE} municipal conferences, {sent.count()} lists "
        f"sent ({with_problems} with a justification), "
        f"{receiver.registrations.count()} delegates pre-registered; ANALYZE done"
    )
    print(f"queries on {url}: {queries_few} with {FEW} municipalities, {queries_all} with all")
    one = sent.order_by("pk").first()
    pages = {
        "received_all": (f"{url}", len(municipalities)),
        "received_justified": (f"{url}?mostrar=pendencias", with_problems),
        "received_search": (f"{url}?q=belo", None),
        "received_detail": (
            reverse("delegates:received_detail", args=[receiver.pk, one.pk]),
            len(PER_LIST),
        ),
        "registrations": (reverse("participants:list", args=[receiver.pk]), 100),
    }
    results = {}
    for name, (page_url, rows) in pages.items():
        if rows is None:  # whatever the search finds, counted once
            rows = -1
        results[name] = measure(client, page_url, rows)
        if rows == -1:
            results[name]["errors"] = 0  # no fixed count to compare with
        report_line(name, results[name])
    admin = get_user_model().objects.create_superuser("bench-admin-ds")
    send_seconds = one_send(receiver, admin)
    print(f"one hand-over of 24 delegates: {send_seconds * 1000:.0f} ms")
    errors = sum(page["errors"] for page in results.values())
    constant = queries_few == queries_all and not any(p["queries_vary"] for p in results.values())
    met = (
        all(page["p95_ms"] <= TARGET_P95_MS for page in results.values())
        and constant
        and errors == 0
    )
    return {
        "bench": "delegates",
        "database": "postgresql",
        "municipalities": len(municipalities),
        "lists_sent": sent.count(),
        "delegates_pre_registered": receiver.registrations.count(),
        "pages": {
            name: {key: page[key] for key in ("rows", "p50_ms", "p95_ms", "max_ms", "queries")}
            for name, page in results.items()
        },
        "queries_10_municipalities": queries_few,
        "queries_853_municipalities": queries_all,
        "constant_queries": constant,
        "one_handover_ms": round(send_seconds * 1000),
        "errors": errors,
        "targets": {"p95_ms": TARGET_P95_MS, "constant_queries": True, "errors": 0},
        "met": met,
    }


def main() -> int:
    return main_with(run)


if __name__ == "__main__":
    sys.exit(main())
