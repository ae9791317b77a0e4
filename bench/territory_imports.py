"""Benchmark: the territory imports (population and associations) on PostgreSQL.

What it measures
    The two CSV imports of plenaria.territory.services that the Django admin and the
    commands import_population / import_associations run, each as parse + import (the
    time a person waits after sending the file), with their query counts:
    - population: the shipped IBGE file (plenaria/territory/data/ibge-populacao-2025.csv,
      5,571 municipalities) with every figure changed, so every municipality is
      updated and audited;
    - associations: the 853 municipalities of Minas Gerais in associations of 14
      (61 new associations, 853 memberships), then the same file again (nothing to add).
    Issue 16 wants anything over a second or two in a background job; the imports
    write in bulk instead, so they should need none.

Target
    Each import (parse + import) under 2 s. No job is built if one is over: the bench
    reports it.

How to run
    .venv/bin/python bench/territory_imports.py      (or `make bench`)

    It creates its own PostgreSQL database (plenaria_bench_<pid>) on
    postgres://postgres@127.0.0.1:5432, migrates it (the migrations load the 27 states,
    5,571 municipalities with their IBGE 2025 population and their councils) and drops
    it at the end. With BENCH_DATABASE_URL=postgres://... it uses that database
    instead, creates and drops nothing, and rolls its own rows back when done.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "territory_imports", ..., "targets": {...}, "met": true|false}.
    The exit code is 0 whether or not the targets are met; non-zero only on a crash.
"""

import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from monitoring import main_with  # noqa: E402

TARGET_SECONDS = 2.0
ASSOCIATION_SIZE = 14
STATE = "MG"


def population_file() -> bytes:
    """The shipped IBGE file with every figure one higher: every row is a change."""
    from plenaria.territory.services import DATA_DIR, REFERENCE_POPULATION_FILE

    with open(DATA_DIR / REFERENCE_POPULATION_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = ["codigo_ibge;populacao"]
    lines += [f"{row['codigo_municipio']};{int(row['populacao']) + 1}" for row in rows]
    return "\n".join(lines).encode()


def association_file() -> bytes:
    """The municipalities of MG, by name, in associations of ASSOCIATION_SIZE."""
    from plenaria.territory.models import Municipality

    codes = Municipality.objects.filter(state__abbreviation=STATE).order_by("name")
    lines = ["associacao;sigla;tipo;uf;codigo_ibge"]
    for i, code in enumerate(codes.values_list("ibge_code", flat=True)):
        group = i // ASSOCIATION_SIZE + 1
        lines.append(
            f"Associação dos Municípios {group:02d};AMB{group:02d};associacao;{STATE};{code}"
        )
    return "\n".join(lines).encode()


def timed(parse, apply, data: bytes, actor) -> dict:
    """Parse and import ``data`` as the admin's action does; seconds and queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = parse(data)
        parsed = time.perf_counter()
        assert result.ok, result.errors[:3]
        count = apply(actor=actor, result=result)
        done = time.perf_counter()
    return {
        "rows": len(result.rows),
        "changed": count,
        "parse_s": round(parsed - start, 3),
        "import_s": round(done - parsed, 3),
        "total_s": round(done - start, 3),
        "queries": len(queries),
    }


def show(label: str, figures: dict) -> None:
    print(
        f"{label}: {figures['rows']} rows, {figures['changed']} changed, "
        f"parse {figures['parse_s']:.2f} s + import {figures['import_s']:.2f} s "
        f"= {figures['total_s']:.2f} s, {figures['queries']} queries"
    )


def run() -> dict:
    from django.contrib.auth import get_user_model

    from plenaria.core.models import AuditEntry
    from plenaria.territory import services
    from plenaria.territory.models import Municipality

    actor = get_user_model().objects.create_superuser(username="bench-imports", password=None)
    entries_before = AuditEntry.objects.count()

    data = population_file()
    figures = {
        row["ibge_code"]: row["population"] for row in services.parse_population_csv(data).rows
    }
    population = timed(services.parse_population_csv, services.population_import, data, actor)
    show("population (whole country)", population)
    data = association_file()
    associations = timed(services.parse_association_csv, services.association_import, data, actor)
    show(f"associations ({STATE})", associations)
    again = timed(services.parse_association_csv, services.association_import, data, actor)
    show(f"associations ({STATE}) again", again)

    # The figures stored are the file's (the bulk update wrote the right row).
    stored = dict(Municipality.objects.values_list("ibge_code", "population"))
    wrong = sum(stored[code] != figure for code, figure in figures.items())
    print(f"municipalities whose stored figure is not the file's: {wrong}")
    audited = AuditEntry.objects.count() - entries_before
    expected = (
        population["changed"]
        + associations["changed"]
        + -(-associations["rows"] // ASSOCIATION_SIZE)
    )
    errors = int(population["changed"] != population["rows"]) + int(again["changed"] != 0)
    print(f"audit entries written: {audited} (expected {expected})")
    errors += int(audited != expected) + wrong
    return {
        "bench": "territory_imports",
        "population": population,
        "associations": associations,
        "associations_again": again,
        "audit_entries": audited,
        "errors": errors,
        "targets": {"total_s": TARGET_SECONDS, "errors": 0},
        "met": bool(
            population["total_s"] < TARGET_SECONDS
            and associations["total_s"] < TARGET_SECONDS
            and errors == 0
        ),
    }


def main() -> int:
    return main_with(run)


if __name__ == "__main__":
    sys.exit(main())
