"""The social name is the only name shown where a person is displayed (issue 15, defect
2): every page, PDF and spreadsheet the route table reaches, for every persona that can
open it, after everyone in the world got a social name."""

import io
import zipfile

import openpyxl
import pytest
from django.core.cache import cache

from plenaria.core.tests.test_route_matrix import (  # noqa: F401, F811 - fixtures
    PERSONAS,
    ROWS,
    clients,
    inline_streams,
    national_organiser,
    quiet_refusals,
    routes,
    url_of,
    world,
)
from plenaria.participants import rules
from plenaria.participants.models import Attendance, Registration

CIVIL = "Nome Civil Reservado"
# Where the law or the person's own record needs the civil name.
CIVIL_ALLOWED = {
    "participants:edit",  # the registration's own form
    "participants:person_export",  # the person's data, on their request (LGPD art. 18)
    "participants:attendance_export",  # the same, for who only attended an event
    "delegates:xlsx",  # the next conference's tickets and lodging
}


@pytest.fixture
def pdf_sources(monkeypatch):
    """PDFs come back as the HTML they were drawn from, so their text can be read."""
    import weasyprint

    class Source:
        def __init__(self, string="", **kwargs):
            self.string = string

        def write_pdf(self, *args, **kwargs):
            return b"%PDF-source\n" + self.string.encode()

    monkeypatch.setattr(weasyprint, "HTML", Source)


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # a spreadsheet
        with zipfile.ZipFile(io.BytesIO(body)):
            pass
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return body.decode("utf-8", errors="replace")


@pytest.mark.django_db
@pytest.mark.usefixtures("pdf_sources", "inline_streams", "quiet_refusals")
def test_no_page_document_or_spreadsheet_shows_a_civil_name(world, clients):  # noqa: F811
    for model in (Registration, Attendance):
        for record in model.objects.all():
            record.name = f"{CIVIL} {record.pk}"
            record.name_key = rules.name_key(record.name)
            record.social_name = f"Nome Social {record.pk}"
            record.save(update_fields=["name", "name_key", "social_name"])
    params = {name: p for name, p, _route in routes()}
    leaks, seen = [], 0
    for row in ROWS:
        if row.method != "GET" or row.route in CIVIL_ALLOWED:
            continue
        url = url_of(row, world, params)
        for persona in PERSONAS:
            if row.expected[persona] != 200:
                continue
            cache.clear()
            response = clients[persona].get(url)
            text = _text(response)
            seen += "Nome Social" in text
            if CIVIL in text:
                leaks.append(f"{row.name} {url} as {persona}")
    assert seen > 20, "hardly any page showed a person: the world changed"
    assert not leaks, "civil names shown:\n" + "\n".join(leaks)
