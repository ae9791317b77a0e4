"""Benchmark: the final report's PDF of a large state conference (issue 18, part 1).

What it measures
    A state conference (Minas Gerais, 2025) with 600 approved deliberations over the
    edition's five axes and three spheres, 2,000 registrations (segments, categories,
    accessibility needs and quota self-declarations; two in three credentialed), 40
    approved motions, 4 preparatory events with attendance, a programme, and 120 elected
    delegates. Then, in this process: the time and query count of
    records.selectors.report_contents, the time of the deliberations' XLSX, and the time
    and peak memory (growth of the process' ru_maxrss) of the whole PDF build as the
    background job runs it (records.documents.report_pdf).

Target (DESIGN.md, "Performance and scale targets"; issue 18)
    DESIGN.md sets no time for PDFs: long documents are background jobs with progress.
    The selector's query count must not depend on the size (compared with a conference
    a tenth the size); the figures are reported for the note.

How to run
    .venv/bin/python bench/report.py             (full size, on a quiet machine)
    .venv/bin/python bench/report.py --small     (a tenth of the size: checks it works)
    Like bench/monitoring.py it creates and drops plenaria_bench_<pid>, or uses
    BENCH_DATABASE_URL and rolls its rows back.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "report", ..., "targets": {...}, "met": true|false}.
"""

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from monitoring import main_with  # noqa: E402

STATE = "MG"
YEAR = 2025
SEGMENTS = ["users", "workers", "entities", "government"]
CATEGORIES = ["delegate", "delegate", "guest", "observer"]
NEEDS = ["libras", "mobility", "companion", "food_restriction"]
DECLARATIONS = ["black", "older", "young", "disability", "lgbtqiapn"]
SPHERES = ["municipal", "state", "federal"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(edition, state, *, deliberations: int, participants: int, title: str, municipality=None):
    """The state conference and what its report reads, written in bulk."""
    from plenaria.conferences.models import (
        Conference,
        PreparatoryEvent,
        ProgrammeItem,
        Shift,
    )
    from plenaria.delegates.models import Candidacy
    from plenaria.participants.models import Attendance, CheckIn, Person, Registration
    from plenaria.participants.rules import new_registration_code
    from plenaria.proposals.models import Motion, Proposal

    start = date(YEAR, 9, 15)
    conference = Conference.objects.create(
        edition=edition,
        level="municipal" if municipality else "state",
        state=state,
        municipality=municipality,
        title=title,
        status="closed",
        start_date=start,
        end_date=start + timedelta(days=2),
        venue_name="Centro de Convenções",
    )
    shift = Shift.objects.create(
        conference=conference, name="Manhã", date=start, start_time=clock(8), end_time=clock(12)
    )
    people = Person.objects.bulk_create(Person() for _ in range(participants))
    registrations = Registration.objects.bulk_create(
        Registration(
            conference=conference,
            person=person,
            name=f"Participante {n:05d}",
            name_key=f"participante {n:05d}",
            phone=f"31{n:09d}",
            code=new_registration_code(),
            segment=SEGMENTS[n % 4],
            category=CATEGORIES[n % 4],
            accessibility_needs=[NEEDS[n % 4]] if n % 7 == 0 else [],
            self_declarations=[DECLARATIONS[n % 5]] if n % 3 == 0 else [],
            origin="staff",
        )
        for n, person in enumerate(people)
    )
    CheckIn.objects.bulk_create(
        CheckIn(registration=r, shift=shift) for n, r in enumerate(registrations) if n % 3
    )
    for e in range(4):
        event = PreparatoryEvent.objects.create(
            conference=conference,
            kind="pre_conference",
            title=f"Encontro regional {e + 1}",
            date=start - timedelta(days=30 + e),
            start_time=clock(8),
            end_time=clock(12),
            place=f"Polo regional {e + 1}",
            territory_kind="other",
            territory=f"Região {e + 1}",
            team="Equipe do CEAS",
        )
        attendees = Person.objects.bulk_create(Person() for _ in range(participants // 20))
        Attendance.objects.bulk_create(
            Attendance(
                event=event,
                person=person,
                name=f"Presente {e}-{n}",
                phone=f"38{e}{n:08d}",
                code=new_registration_code(),
                segment=SEGMENTS[n % 4],
            )
            for n, person in enumerate(attendees)
        )
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            conference=conference,
            date=start + timedelta(days=d),
            start_time=clock(8 + h),
            kind="other",
            title=f"Atividade {d}-{h}",
        )
        for d in range(3)
        for h in range(8)
    )
    axes = list(edition.axes.order_by("number"))
    text = (
        "Garantir o cofinanciamento estadual regular e automático dos serviços "
        "socioassistenciais, com recomposição dos valores e critérios de partilha que "
        "considerem as especificidades regionais dos municípios de pequeno porte. "
    )
    Proposal.objects.bulk_create(
        Proposal(
            conference=conference,
            axis=axes[n % len(axes)],
            sphere=SPHERES[(n // len(axes)) % 3],
            number=n + 1,
            kind="recommendation" if n % 5 == 0 else "new",
            text=f"{n + 1}. {text * (1 + n % 3)}",
            origin="group",
            status="adopted",
            final_status="approved",
            priority=(n % 20) + 1 if n % 4 else None,
        )
        for n in range(deliberations)
    )
    Motion.objects.bulk_create(
        Motion(
            conference=conference,
            number=n + 1,
            kind="apoio",
            addressee="Assembleia Legislativa",
            text=f"Moção {n + 1}: {text}",
            proposer=registrations[n],
            final_status="approved",
        )
        for n in range(max(deliberations // 15, 1))
    )
    Candidacy.objects.bulk_create(
        Candidacy(
            conference=conference,
            registration=registrations[n],
            segment=registrations[n].segment,
            national_kind="" if municipality else "state_level",
            kind="candidate",
            role="titular" if n % 2 == 0 else "suplente",
        )
        for n in range(min(120, participants))
    )
    return conference


def pdf_pages(data: bytes) -> int | None:
    """Pages of the PDF, by pdfinfo (poppler) when installed."""
    pdfinfo = shutil.which("pdfinfo")
    if not pdfinfo:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(  # noqa: S603 - our own temporary file
            [pdfinfo, handle.name], capture_output=True, text=True, check=True
        ).stdout
    return int(next(line for line in out.splitlines() if line.startswith("Pages:")).split()[1])


def loaded(conference):
    from plenaria.conferences.models import Conference

    return Conference.objects.select_related("edition", "state", "municipality", "association").get(
        pk=conference.pk
    )


def queries_of(conference) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plenaria.records.selectors import report_contents

    with CaptureQueriesContext(connection) as captured:
        report_contents(conference)
    return len(captured.captured_queries)


def run_with(deliberations: int, participants: int) -> dict:
    from django.utils import translation

    from plenaria.editions.models import Edition
    from plenaria.records import documents, selectors
    from plenaria.territory.models import State

    translation.activate("pt-br")
    edition = Edition.objects.get(year=YEAR)
    state = State.objects.get(abbreviation=STATE)
    tenth = build(
        edition,
        state,
        deliberations=max(deliberations // 10, 1),
        participants=max(participants // 10, 4),
        title="Conferência pequena (para comparar as consultas)",
        # one state conference per edition and state: the small one is a municipality's
        municipality=state.municipalities.order_by("ibge_code").first(),
    )
    queries_tenth = queries_of(loaded(tenth))
    conference = loaded(
        build(
            edition,
            state,
            deliberations=deliberations,
            participants=participants,
            title="Conferência Estadual de Assistência Social de Minas Gerais",
        )
    )
    print(f"data: {deliberations} deliberations, {participants} registrations")
    queries_full = queries_of(conference)
    started = time.perf_counter()
    contents = selectors.report_contents(conference)
    select_s = time.perf_counter() - started
    started = time.perf_counter()
    xlsx = documents.deliberations_xlsx(contents)
    xlsx_s = time.perf_counter() - started
    before = peak_mb()
    steps = []
    started = time.perf_counter()
    data = documents.report_pdf(conference, progress=lambda done, total: steps.append(done))
    pdf_s = time.perf_counter() - started
    growth = peak_mb() - before
    # The building of the data set up the process' peak already: the Python heap's peak
    # of a second build (traced, so not timed) says what the PDF itself needs.
    tracemalloc.start()
    documents.report_pdf(conference)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pages = pdf_pages(data)
    print(f"report_contents: {select_s * 1000:.0f} ms, {queries_full} queries")
    print(f"deliberations XLSX: {xlsx_s * 1000:.0f} ms, {len(xlsx) // 1024} KB")
    print(
        f"PDF: {pdf_s:.1f} s, {len(data) // 1024} KB, {pages} pages, process peak "
        f"{peak_mb():.0f} MB (+{growth:.0f} MB), Python heap peak {traced_peak / 2**20:.0f} MB"
    )
    constant = queries_full == queries_tenth
    return {
        "bench": "report",
        "database": "postgresql",
        "deliberations": deliberations,
        "participants": participants,
        "selector_ms": round(select_s * 1000),
        "selector_queries": queries_full,
        "selector_queries_tenth_size": queries_tenth,
        "constant_queries": constant,
        "xlsx_ms": round(xlsx_s * 1000),
        "pdf_s": round(pdf_s, 2),
        "pdf_kb": len(data) // 1024,
        "pdf_pages": pages,
        "pdf_peak_growth_mb": round(growth),
        "pdf_python_heap_peak_mb": round(traced_peak / 2**20),
        "process_peak_mb": round(peak_mb()),
        "progress_steps": steps,
        "errors": 0 if data.startswith(b"%PDF") else 1,
        "targets": {"constant_queries": True, "errors": 0},
        "met": constant and data.startswith(b"%PDF"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--small", action="store_true", help="a tenth of the size")
    args = parser.parse_args()
    deliberations, participants = (60, 200) if args.small else (600, 2000)
    return main_with(lambda: run_with(deliberations, participants))


if __name__ == "__main__":
    sys.exit(main())
