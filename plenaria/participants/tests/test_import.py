import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plenaria.conftest import client_for
from plenaria.participants import imports
from plenaria.participants.models import Registration

pytestmark = pytest.mark.django_db

HEADER = ";".join(imports.COLUMNS)
GOOD = (
    "Maria Silva;;(38) 99999-1234;;529.982.247-25;;;01/05/1960;3143302;usuario;;delegado;"
    "libras;black"
)
LINES = [
    GOOD,
    "João Souza;;(38) 98888-1234;;111.111.111-11;;;;;usuario;;delegado;;",  # invalid CPF
    "Sem Contato;;;;;;;;;trabalhador;;convidado;;",  # no phone or e-mail
    "Ana Lima;;(38) 97777-1234;;;;;;;marciano;;delegado;;",  # unknown segment
    "Maria Repetida;;(38) 96666-1234;;529.982.247-25;;;;;usuario;;delegado;;",  # CPF again
    "Zé Bom;;38 95555-1234;ze@exemplo.org;;;;1970-02-03;;governo;Prefeitura;observador;;",
]


def _csv(lines=LINES):
    return ("\n".join([HEADER, *lines]) + "\n").encode("utf-8")


def test_every_bad_line_is_reported_with_its_reason(open_conference):
    rows = imports.check_rows(
        open_conference, imports.read_table(_csv(), "l.csv"), ["delegate", "guest", "observer"]
    )
    bad = {row.line: " ".join(row.errors) for row in rows if row.errors}
    assert set(bad) == {3, 4, 5, 6}
    assert "CPF" in bad[3]
    assert "telefone" in bad[4].lower() or "phone" in bad[4].lower()
    assert "segment" in bad[5].lower() or "segmento" in bad[5].lower()
    assert "dupl" in bad[6].lower()


def test_xlsx_is_read_too(open_conference):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(imports.COLUMNS)
    sheet.append(GOOD.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    rows = imports.check_rows(
        open_conference, imports.read_table(buffer.getvalue(), "l.xlsx"), ["delegate"]
    )
    assert [row.errors for row in rows] == [[]]
    assert rows[0].person_data["cpf"] == "52998224725"


def test_unreadable_files_are_refused():
    with pytest.raises(ValueError):
        imports.read_table(b"\x00\x01\x02binary", "l.csv")
    with pytest.raises(ValueError):
        imports.read_table(b"not a zip", "l.xlsx")


def _upload(client, conference, data=None, name="lista.csv"):
    return client.post(
        reverse("participants:import", args=[conference.pk]),
        {
            "file": SimpleUploadedFile(name, data or _csv()),
            "consent": "on",
        },
    )


def test_preview_then_import_valid_rows_only(open_conference, organiser):
    client = client_for(organiser)
    preview = _upload(client, open_conference)
    assert preview.status_code == 200
    assert preview.context["good"] == 2 and len(preview.context["bad"]) == 4
    assert not Registration.objects.exists()  # nothing before the organiser chooses
    url = reverse("participants:import", args=[open_conference.pk])
    response = client.post(url, {"step": "import", "mode": "valid"})
    assert response.status_code == 302
    assert Registration.objects.filter(origin="import").count() == 2


def test_all_or_nothing_imports_nothing_when_a_line_is_bad(open_conference, organiser):
    client = client_for(organiser)
    _upload(client, open_conference)
    url = reverse("participants:import", args=[open_conference.pk])
    client.post(url, {"step": "import", "mode": "all"})
    assert not Registration.objects.exists()


def test_import_step_without_a_preview_asks_for_the_file(open_conference, organiser):
    url = reverse("participants:import", args=[open_conference.pk])
    response = client_for(organiser).post(url, {"step": "import", "mode": "valid"})
    assert response.status_code == 302 and not Registration.objects.exists()


def test_import_roles_and_template(open_conference, state_member, outsider, organiser):
    url = reverse("participants:import", args=[open_conference.pk])
    assert client_for(state_member).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    assert client_for(organiser).delete(url).status_code == 405
    template = client_for(organiser).get(
        reverse("participants:import_template", args=[open_conference.pk])
    )
    assert template.content.decode().startswith("nome;nome_social")
    # the template's example line is itself valid
    rows = imports.check_rows(
        open_conference, imports.read_table(template.content, "modelo.csv"), ["delegate"]
    )
    assert [row.errors for row in rows] == [[]]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=len(imports.COLUMNS)))
def test_hostile_cells_never_crash_the_import(open_conference, organiser, cells):
    line = ";".join(cell.replace(";", ",").replace("\n", " ").replace("\r", " ") for cell in cells)
    response = _upload(client_for(organiser), open_conference, _csv([line]))
    assert response.status_code == 200
    Registration.objects.all().delete()


def _rows(n: int, start: int = 0):
    return [
        imports.Row(
            line=i + 2,
            name=f"Pessoa {i}",
            person_data={"name": f"Pessoa {i}", "phone": f"389700{i:05d}", "email": ""},
            data={"segment": "users", "category": "guest"},
        )
        for i in range(start, start + n)
    ]


def test_a_long_list_is_saved_in_chunks_each_its_own_transaction(
    open_conference, organiser, monkeypatch, django_assert_max_num_queries
):
    """The write lock is taken per chunk, not for the whole file: the other desks and the
    participants' logins get their turn between chunks."""
    from django.db import transaction

    from plenaria.participants import services

    monkeypatch.setattr(services.imports, "IMPORT_CHUNK", 2)
    opened = []
    real_atomic = transaction.atomic

    def counting(*args, **kwargs):
        if not args and not kwargs:
            opened.append(1)
        return real_atomic(*args, **kwargs)

    monkeypatch.setattr(services.imports.transaction, "atomic", counting)
    assert (
        services.registrations_import(actor=organiser, conference=open_conference, rows=_rows(5))
        == 5
    )
    assert len(opened) >= 3  # 5 rows in chunks of 2
    assert Registration.objects.filter(origin="import").count() == 5


def test_a_line_failing_in_a_later_chunk_leaves_nothing_imported(
    open_conference, organiser, monkeypatch
):
    from django.core.exceptions import ValidationError

    from plenaria.core.models import AuditEntry
    from plenaria.participants import services

    monkeypatch.setattr(services.imports, "IMPORT_CHUNK", 2)
    rows = _rows(5)
    rows[4].data["category"] = "closed-category"  # refused when its turn comes
    with pytest.raises(ValidationError, match="Linha 6"):
        services.registrations_import(actor=organiser, conference=open_conference, rows=rows)
    assert not Registration.objects.exists()
    removed = AuditEntry.objects.filter(action="delete")
    assert removed.count() == 4
    assert all("Pessoa" not in str(e.changes) for e in removed)  # no personal data
