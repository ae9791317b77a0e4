"""Benchmark: the request that starts a badges job for 1,000 people, and the job.

What it measures
    On a fresh SQLite database (migrated, with the demo world) it adds 1,000 confirmed
    registrations to the Montes Claros conference, then, as the demo's administrator,
    posts "generate badges" 7 times through django.test.Client in this process (server
    time: middleware, view, queries; no network) and takes the p50 and p95. Then the
    database worker (the one `manage.py db_worker` runs) runs the last job: its duration
    is the wall time from the worker picking it up to the file being stored.

Target (issue 16, "Done when")
    The request that starts the job answers in under 300 ms (it only enqueues: no PDF
    work, no per-person query). The job itself has no target: it is the PDF's time.

How to run
    .venv/bin/python bench/jobs.py      (or `make bench`)
    The numbers are noisy on a shared machine: run it when nothing else is.

Output
    Human-readable lines, then one JSON object on the last line:
    {"bench": "jobs", ..., "targets": {...}, "met": true|false}.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = tempfile.mkdtemp(prefix="plenaria-bench-jobs-")
os.environ["PLENARIA_VAR_DIR"] = VAR
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenaria.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

PEOPLE = 1000
REQUESTS = 7
TARGET_MS = 300


def add_people(conference, n: int) -> None:
    from plenaria.participants import rules
    from plenaria.participants.models import Person, Registration

    persons = Person.objects.bulk_create([Person() for _ in range(n)])
    codes = set()
    while len(codes) < n:
        codes.add(rules.new_registration_code())
    Registration.objects.bulk_create(
        [
            Registration(
                conference=conference,
                person=person,
                name=f"Participante Número {i:04d} da Silva Santos",
                phone=f"3899{i:07d}",
                code=code,
                segment=["users", "workers", "entities", "government"][i % 4],
                category=["delegate", "guest", "observer"][i % 3],
                status=Registration.Status.CONFIRMED,
            )
            for i, (person, code) in enumerate(zip(persons, sorted(codes), strict=True))
        ]
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from plenaria.conferences.models import Conference
    from plenaria.conftest import run_queued_tasks
    from plenaria.core.models import Job
    from plenaria.demo.world import load_demo
    from plenaria.participants.models import Registration

    call_command("migrate", verbosity=0)
    load_demo()
    conference = Conference.objects.get(edition__year=2025, municipality__ibge_code=3143302)
    add_people(conference, PEOPLE)
    confirmed = conference.registrations.filter(status=Registration.Status.CONFIRMED).count()
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("participants:badges", args=[conference.pk])

    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.post(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.status_code
    last = Job.objects.latest("pk")
    # Only the last job is run: the others are marked done so the worker skips them.
    Job.objects.exclude(pk=last.pk).update(status=Job.Status.FAILED)
    start = time.perf_counter()
    run_queued_tasks()
    job_seconds = time.perf_counter() - start
    last.refresh_from_db()
    assert last.status == Job.Status.DONE, (last.status, last.error)
    size = last.file.size

    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    print(f"people with a badge: {confirmed} (1,000 added to the demo's)")
    print(f"start request: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {REQUESTS} runs")
    print(f"the job (worker): {job_seconds:.1f} s, {size / 1e6:.1f} MB PDF")
    result = {
        "bench": "jobs",
        "people": confirmed,
        "start_request_ms": {"p50": round(p50, 1), "p95": round(p95, 1), "runs": REQUESTS},
        "job_seconds": round(job_seconds, 2),
        "pdf_bytes": size,
        "targets": {"start_request_p95_ms": TARGET_MS},
        "met": p95 < TARGET_MS,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    import shutil

    try:
        code = main()
    finally:
        shutil.rmtree(VAR, ignore_errors=True)
    sys.exit(code)
