import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
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
