import sqlite3

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry
from plenaria.territory import services
from plenaria.territory.models import Association, Municipality

pytestmark = pytest.mark.django_db


def test_population_import_updates_and_audits(admin_user):
    result = services.parse_population_csv(
        b"codigo_ibge;populacao;ano\n3143302;414240;2022\n3135100;70.079;2022\n"
    )
    assert result.ok, result.errors
    assert services.population_import(actor=admin_user, result=result) == 2
    moc = Municipality.objects.get(ibge_code=3143302)
    assert (moc.population, moc.population_year, moc.porte) == (414240, 2022, "large")
    # The file's own figure: no IBGE reference date, no credit line owed.
    assert (moc.population_source, moc.population_date, moc.population_credit) == (
        "import",
        None,
        "",
    )
    assert Municipality.objects.get(ibge_code=3135100).population == 70079
    assert AuditEntry.objects.filter(action="import").count() == 2


def test_population_import_reports_every_bad_line_and_changes_nothing(admin_user):
    data = (
        b"ibge_code,population\n"
        b"3143302,414240\n"
        b"123,5\n"  # not 7 digits
        b"9999999,5\n"  # unknown
        b"3143302,1\n"  # repeated
        b"3135100,muitos\n"  # not a number
    )
    result = services.parse_population_csv(data)
    assert [e.split(":")[0] for e in result.errors] == [e.split(":")[0] for e in result.errors]
    assert len(result.errors) == 4
    assert any("3" in e and "123" in e for e in result.errors)
    with pytest.raises(ValueError):
        services.population_import(actor=admin_user, result=result)
    assert not Municipality.objects.filter(population_source="import").exists()


def test_population_import_refuses_binary_and_empty_files():
    assert not services.parse_population_csv(b"\xff\xfe\x00\x00garbage\x81").ok
    assert not services.parse_population_csv(b"ibge_code,population\n").ok


def test_association_import_creates_members(admin_user):
    data = (
        "association;acronym;kind;state;ibge_code\n"
        "Associação dos Municípios da Área Mineira da SUDENE;AMAMS;associacao;MG;3143302\n"
        "Associação dos Municípios da Área Mineira da SUDENE;AMAMS;associacao;MG;3135100\n"
    ).encode()
    result = services.parse_association_csv(data)
    assert result.ok, result.errors
    assert services.association_import(actor=admin_user, result=result) == 2
    amams = Association.objects.get(acronym="AMAMS")
    assert amams.members.count() == 2 and amams.state.abbreviation == "MG"
    # importing again adds nothing
    assert services.association_import(actor=admin_user, result=result) == 0


def test_association_import_reports_bad_lines():
    data = (
        b"association,acronym,kind,state,ibge_code\n"
        b",X,association,MG,3143302\n"
        b"AMAMS,,club,MG,3143302\n"
        b"AMAMS,,association,SP,3143302\n"
        b"AMAMS,,association,MG,abc\n"
    )
    result = services.parse_association_csv(data)
    assert len(result.errors) == 4
    assert "Montes Claros" in result.errors[2]


def test_admin_population_import_page(admin_user):
    client = client_for(admin_user)
    url = reverse("admin:territory_municipality_import")
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("p.csv", b"ibge_code,population\n3143302,abc\n")
    response = client.post(url, {"file": bad})
    assert response.status_code == 200 and response.context["result"].errors
    good = SimpleUploadedFile("p.csv", b"ibge_code,population\n3143302,414240\n")
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert Municipality.objects.get(ibge_code=3143302).population == 414240


def test_admin_association_import_page_needs_staff(state_member):
    url = reverse("admin:territory_association_import")
    assert client_for(state_member).get(url).status_code == 302  # to the admin login


def test_unicode_digits_are_refused_not_crashing():
    result = services.parse_population_csv("ibge_code,population\n3143302,²\n".encode())
    assert len(result.errors) == 1
    result = services.parse_association_csv("association,ibge_code\nX,²\n".encode())
    assert len(result.errors) == 1


# --- Query counts: the imports write in bulk --------------------------------------


@pytest.fixture
def real_statement_limit(monkeypatch):
    """Django splits bulk writes on SQLite by 999 variables per statement (an old
    SQLite default); the SQLite in use allows many more and PostgreSQL has no such
    limit. With the real limit the count shows only what grows with the rows."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        monkeypatch.setattr(connection.features, "max_query_params", limit)


def _assert_constant_queries(parse, apply, write_file, actor) -> None:
    """The same number of queries to parse and import 10 rows as 500."""
    codes = list(
        Municipality.objects.filter(state__abbreviation="MG")
        .order_by("ibge_code")
        .values_list("ibge_code", flat=True)[:510]
    )
    counts = []
    for part, label in ((codes[:10], "Pequena"), (codes[10:], "Grande")):
        with CaptureQueriesContext(connection) as queries:
            result = parse(write_file(part, label))
            assert result.ok, result.errors[:3]
            apply(actor=actor, result=result)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _population_file(codes, _label) -> bytes:
    lines = ["ibge_code,population,year"]
    lines += [f"{code},{1234 + i},2024" for i, code in enumerate(codes)]
    return "\n".join(lines).encode()


def test_population_import_queries_do_not_grow_with_rows(admin_user, real_statement_limit):
    _assert_constant_queries(
        services.parse_population_csv, services.population_import, _population_file, admin_user
    )
    assert AuditEntry.objects.filter(action="import").count() == 510


def _association_file(codes, label) -> bytes:
    lines = ["association;acronym;kind;state;ibge_code"]
    for i, code in enumerate(codes):
        # ten members per association, as the associations of a state come
        lines.append(f"{label} {i // 10};AT{i // 10};associacao;MG;{code}")
    return "\n".join(lines).encode()


def test_association_import_queries_do_not_grow_with_rows(admin_user, real_statement_limit):
    _assert_constant_queries(
        services.parse_association_csv, services.association_import, _association_file, admin_user
    )
    assert Association.objects.filter(name__startswith="Grande").count() == 50
    assert AuditEntry.objects.filter(action="import").count() == 51 + 510


def test_bulk_imports_audit_as_the_per_row_imports_did(admin_user):
    """Each entry records what one audit.record per row recorded: the creation of an
    association with its values, then one entry per member; a population change with
    the four figure fields."""
    moc = Municipality.objects.get(ibge_code=3143302)
    result = services.parse_population_csv(b"ibge_code,population\n3143302,414240\n")
    services.population_import(actor=admin_user, result=result)
    entry = AuditEntry.objects.get(action="import", object_id=str(moc.pk))
    assert entry.actor == admin_user and entry.object_repr == str(moc)
    assert entry.changes["population"][1] == 414240
    assert entry.changes["population_source"] == [moc.population_source, "import"]
    AuditEntry.objects.all().delete()

    data = (
        "association;acronym;kind;state;ibge_code\n"
        "Associação Nova;AN;regiao;MG;3143302\n"
        "Associação Nova;XX;associacao;MG;3135100\n"
    ).encode()
    services.association_import(actor=admin_user, result=services.parse_association_csv(data))
    association = Association.objects.get(name="Associação Nova")
    # the first line names the acronym and kind, as get_or_create did
    assert (association.acronym, association.kind) == ("AN", "region")
    created, first, second = AuditEntry.objects.order_by("id")
    assert created.object_id == str(association.pk) and created.object_repr == "AN"
    assert created.changes["name"] == [None, "Associação Nova"]
    assert created.changes["state"] == [None, association.state_id]
    assert first.changes == {"member": [None, "Montes Claros"]}
    assert second.changes["member"][1] == Municipality.objects.get(ibge_code=3135100).name
    assert {e.actor_id for e in (created, first, second)} == {admin_user.pk}


def test_association_import_fails_whole_when_a_write_fails(admin_user, monkeypatch):
    """All or nothing: a failure at the last write leaves no association behind."""
    data = "association;ibge_code\nAssociação Nova;3143302\n".encode()
    result = services.parse_association_csv(data)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.audit, "record_many", broken)
    with pytest.raises(RuntimeError):
        services.association_import(actor=admin_user, result=result)
    assert not Association.objects.filter(name="Associação Nova").exists()
