"""The state council sets the seats of its municipalities; a municipal council sees the
seats it must fill."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, make_council_member
from plenaria.territory.models import Council, Level, Municipality

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SEATS = {
    "Pequeno Porte I": 2,
    "Pequeno Porte II": 4,
    "Médio Porte": 6,
    "Grande Porte": 8,
    "Metrópole": 12,
}


def test_the_state_council_sets_the_seats_and_the_municipality_sees_them(
    new_page, state_organiser, organiser, make_conference, montes_claros, janauba
):
    Municipality.objects.filter(pk=janauba.pk).update(population=70_000)
    Municipality.objects.filter(pk=montes_claros.pk).update(population=400_000)
    conference = make_conference()  # Montes Claros

    page = new_page(state_organiser)
    page.goto("/acompanhamento/mg/")
    page.get_by_role("link", name="Vagas de delegados dos municípios").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vagas de delegados — Minas Gerais (2025)"
    )
    for porte, seats in SEATS.items():
        page.get_by_label(f"{porte}: titulares").fill(str(seats))
        page.get_by_label(f"{porte}: suplentes").fill(str(seats))
    page.get_by_label("Grande Porte: titulares").fill("7")  # a typing error
    page.get_by_label("Município (nome ou código IBGE) (linha 1)").fill("Janaúba")
    page.get_by_label("titulares (linha 1)").fill("4")
    page.get_by_label("suplentes (linha 1)").fill("4")
    page.get_by_label("Motivo (linha 1)").fill("Resolução CEAS 12/2025")
    page.get_by_role("button", name="Salvar tabela de vagas").click()

    expect(page.get_by_role("alert").filter(has_text="Use um número par")).to_be_visible()
    check_accessibility(page, "seats-state-error")
    page.get_by_label("Grande Porte: titulares").fill("8")
    page.get_by_role("button", name="Salvar tabela de vagas").click()
    expect(page.get_by_text("Tabela de vagas salva.")).to_be_visible()
    row = page.get_by_role("row", name="Grande Porte")
    expect(row).to_contain_text("governo 4 · usuários 2 · trabalhadores 1 · entidades 1")
    expect(page.get_by_label("Município (nome ou código IBGE) (linha 1)")).to_have_value("Janaúba")
    check_accessibility(page, "seats-state")

    council = new_page(organiser)
    council.goto(f"/gestao/conferencias/{conference.pk}/")
    section = council.get_by_role("region", name="Vagas de delegados a preencher")
    expect(section).to_contain_text("8 titulares e 8 suplentes (Grande Porte)")
    expect(section).to_contain_text(
        "dos grupos da cota, ao menos 2 delegado(s) do governo e 2 da sociedade civil"
    )
    expect(section.get_by_role("row", name="Governo")).to_contain_text("4")
    check_accessibility(council, "seats-conference")


def test_the_seat_table_reads_on_a_phone(new_page, state_member):
    page = new_page(state_member, width=360, height=740)
    page.goto("/gestao/vagas/2025/mg/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vagas de delegados")
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "seats-state-360")


def test_the_national_council_enters_and_imports_the_seats_of_the_states(new_page, tmp_path):
    cnas = make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=True)
    page = new_page(cnas)
    page.goto("/acompanhamento/nacional/")
    page.get_by_role("link", name="Vagas de delegados dos estados").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("estados na conferência nacional")
    page.get_by_label("AC — Acre: titulares").fill("10")
    page.get_by_label("AC — Acre: suplentes").fill("10")
    page.get_by_role("button", name="Salvar tabela de vagas").click()
    expect(page.get_by_text("Tabela de vagas salva.")).to_be_visible()

    bad = tmp_path / "vagas.csv"
    bad.write_text("UF;titulares;suplentes\nMG;40;40\nSP;3;3\n", encoding="utf-8")
    page.get_by_label("Arquivo CSV (UF; titulares; suplentes)").set_input_files(bad)
    page.get_by_role("button", name="Importar").click()
    expect(page.get_by_role("alert")).to_contain_text("Linha 3: Use um número par")
    expect(page.get_by_label("MG — Minas Gerais: titulares")).to_have_value("")
    check_accessibility(page, "seats-national-import-error")

    bad.write_text("UF;titulares;suplentes\nMG;40;40\nSP;64;64\n", encoding="utf-8")
    page.get_by_label("Arquivo CSV (UF; titulares; suplentes)").set_input_files(bad)
    page.get_by_role("button", name="Importar").click()
    expect(page.get_by_text("Vagas de 2 estados importadas.")).to_be_visible()
    expect(page.get_by_label("MG — Minas Gerais: titulares")).to_have_value("40")
    expect(page.get_by_label("AC — Acre: titulares")).to_have_value("10")  # kept
    check_accessibility(page, "seats-national")
