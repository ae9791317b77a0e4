from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plenaria.conferences import services as conference_services
from plenaria.conftest import client_for, make_council_member
from plenaria.core.models import AuditEntry
from plenaria.delegates.models import SeatCount, SeatTable
from plenaria.territory.models import Council, Level, Municipality, State
from plenaria.territory.rules import Porte

PORTE_SEATS = {
    Porte.SMALL_I: (2, 2),
    Porte.SMALL_II: (4, 4),
    Porte.MEDIUM: (6, 6),
    Porte.LARGE: (8, 8),
    Porte.METROPOLIS: (12, 12),
}


def table_post(version="", order="users,workers,entities", overrides=(), **changes):
    data = {"remainder_order": order, "version": version}
    for porte, (t, s) in PORTE_SEATS.items():
        data[f"t_{porte}"], data[f"s_{porte}"] = t, s
    data.update(changes)
    data.update({"o-TOTAL_FORMS": len(overrides) or 1, "o-INITIAL_FORMS": 0})
    for i, row in enumerate(overrides):
        for key, value in row.items():
            data[f"o-{i}-{key}"] = value
    return data


@pytest.fixture
def url(edition):
    return reverse("delegates:state", args=[edition.year, "mg"])


def test_the_state_council_sets_the_seats_and_each_municipal_conference_shows_its_own(
    state_organiser, url, make_conference, montes_claros, janauba
):
    Municipality.objects.filter(pk=janauba.pk).update(population=70_000)  # medium
    Municipality.objects.filter(pk=montes_claros.pk).update(population=400_000)  # large
    client = client_for(state_organiser)
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        table_post(
            overrides=[
                {
                    "municipality": "montes claros",
                    "titulares": 10,
                    "suplentes": 10,
                    "reason": "Resolução CEAS 12/2025",
                }
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    table = SeatTable.objects.get(state__abbreviation="MG")
    assert table.counts.count() == 6
    assert AuditEntry.objects.filter(object_id=str(table.pk), action="create").exists()

    page = client.get(url).content.decode()
    assert "Montes Claros" in page and "Resolução CEAS 12/2025" in page

    organiser_of = make_conference(municipality=janauba)
    janauba_staff = make_council_member(Council.objects.get(municipality=janauba), organiser=True)
    manage = client_for(janauba_staff).get(reverse("conferences:manage", args=[organiser_of.pk]))
    text = manage.content.decode()
    assert "Vagas de delegados a preencher" in text
    assert "6 titulares e 6 suplentes (Médio Porte)" in text
    assert "dos grupos da cota, ao menos 1 delegado(s) do governo e 1 da sociedade civil" in text

    montes = make_conference()
    text = client.get(reverse("conferences:manage", args=[montes.pk])).content.decode()
    assert (
        "10 titulares e 10 suplentes (vagas próprias definidas pelo conselho estadual: "
        "Resolução CEAS 12/2025)" in text
    )


def test_bad_numbers_are_refused_at_the_field_and_nothing_is_saved(state_organiser, url):
    client = client_for(state_organiser)
    response = client.post(url, table_post(t_small_i=3, s_medium=-2, t_large="dez"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Use um número par" in text
    assert "maior ou igual a 0" in text
    assert "Informe um número inteiro" in text
    response = client.post(url, table_post(t_metropolis=5000))
    assert "500" in response.content.decode()
    response = client.post(
        url, table_post(overrides=[{"municipality": "São Paulo", "titulares": 2, "suplentes": 2}])
    )
    assert "Nenhum município de Minas Gerais se chama “São Paulo”" in response.content.decode()
    response = client.post(
        url,
        table_post(
            overrides=[
                {"municipality": "Janaúba", "titulares": 2, "suplentes": 2},
                {"municipality": "janauba", "titulares": 4, "suplentes": 4},
            ]
        ),
    )
    assert "Janaúba aparece duas vezes" in response.content.decode()
    assert not SeatTable.objects.exists() and not SeatCount.objects.exists()


def test_a_save_made_in_between_is_not_overwritten(state_organiser, url):
    client = client_for(state_organiser)
    client.post(url, table_post())
    table = SeatTable.objects.get()
    seen = table.updated_at.isoformat()
    client.post(url, table_post(version=seen, t_small_i=4))  # a colleague saves first
    response = client.post(url, table_post(version=seen, t_small_i=6))
    assert "Outra pessoa salvou esta tabela" in response.content.decode()
    assert SeatCount.objects.get(porte=Porte.SMALL_I).titulares == 4


def test_a_tampered_version_is_refused_not_forced(state_organiser, url):
    client = client_for(state_organiser)
    client.post(url, table_post(t_small_i=4))
    for version in ("2026-13-45T99:00:00", "não é data"):
        response = client.post(url, table_post(version=version, t_small_i=6))
        assert response.status_code == 200
        assert "Outra pessoa salvou esta tabela" in response.content.decode()
    assert SeatCount.objects.get(porte=Porte.SMALL_I).titulares == 4


def test_a_table_created_while_another_editor_had_the_empty_page_is_not_overwritten(
    state_organiser, url
):
    client = client_for(state_organiser)
    client.post(url, table_post(t_small_i=4))  # both opened the page before any table
    response = client.post(url, table_post(t_small_i=6))
    assert "Outra pessoa salvou esta tabela" in response.content.decode()
    assert SeatCount.objects.get(porte=Porte.SMALL_I).titulares == 4


def test_members_without_the_organiser_role_read_and_others_do_not_see(state_member, outsider, url):
    reader = client_for(state_member)
    assert reader.get(url).status_code == 200
    assert "Salvar tabela de vagas" not in reader.get(url).content.decode()
    assert reader.post(url, table_post()).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert not SeatTable.objects.exists()


def test_the_national_table_is_imported_line_by_line(admin_user, edition, mg):
    client = client_for(admin_user)
    url = reverse("delegates:import", args=[edition.year])
    bad = "UF;titulares;suplentes\nMG;40;40\nXX;2;2\nSP;3;3\nMG;2;2\nRJ;dez;2\n"
    response = client.post(url, {"file": SimpleUploadedFile("v.csv", bad.encode())})
    assert response.status_code == 400
    text = response.content.decode()
    for expected in (
        "Linha 3: estado “XX” desconhecido.",
        "Linha 4: Use um número par",
        "Linha 5: MG já aparece na linha 2.",
        "Linha 6: as vagas precisam ser números inteiros.",
    ):
        assert expected in text
    assert not SeatTable.objects.exists()

    good = "MG;40;40\nSP;64;64\n".encode("latin-1")
    response = client.post(url, {"file": SimpleUploadedFile("v.csv", good)})
    assert response.status_code == 302
    table = SeatTable.objects.get(state=None)
    assert {c.state.abbreviation: c.titulares for c in table.counts.all()} == {"MG": 40, "SP": 64}

    state_conference = conference_services.conference_create(
        actor=admin_user,
        edition=edition,
        level=Level.STATE,
        state=mg,
        data={
            "title": "Conferência Estadual de MG",
            "start_date": timezone.localdate(),
            "end_date": timezone.localdate(),
        },
    )
    text = client.get(reverse("conferences:manage", args=[state_conference.pk])).content.decode()
    assert "40 titulares e 40 suplentes (vagas de Minas Gerais na tabela nacional)" in text


def test_the_2025_edition_has_its_diversity_quota(edition):
    assert edition.diversity_quota == Decimal("0.30")
    assert State.objects.count() == 27
