"""A small municipality (2 + 2 seats) elects its delegates: a user stands on the phone,
the table registers another, the segment votes, the manager nominates the government's
delegates, the check flags the missing diversity quota, the table fixes it and confirms."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.delegates import handover
from plenaria.delegates.models import Candidacy, DelegateList
from plenaria.proposals.tests.test_browser_deliberation import open_my_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_a_small_municipality_elects_fixes_the_quota_confirms_and_the_state_receives(
    new_page, conference, organiser, enrol, seats, state_conference, state_organiser
):
    seats(2, 2)
    ana = enrol("Ana Souza", segment="users")
    bia = enrol("Bia Lima", segment="users", self_declarations=["black"])
    gil = enrol("Gil Prado", segment="government", self_declarations=["black"])
    gina = enrol("Gina Reis", segment="government")

    phones = {}
    for person in (ana, bia):
        phones[person] = new_page(width=360, height=740)
        open_my_page(phones[person], person)
    phone = phones[ana]
    phone.get_by_role("link", name="Minha candidatura").click()
    phone.get_by_role("button", name="Quero ser candidato(a)").click()
    mine = phone.get_by_role("region", name="Delegado(a) para a etapa seguinte")
    expect(mine.get_by_role("status")).to_contain_text("Você é candidato(a) do seu segmento.")
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "delegates-phone-candidacy")

    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/")
    table.get_by_role("link", name="Candidaturas, eleições e lista de delegados").click()
    expect(table.get_by_role("heading", level=1)).to_have_text("Delegados para a etapa seguinte")
    users = table.get_by_role("region", name="Usuário(a) dos serviços")
    field = users.get_by_label("Registrar candidato(a) de Usuário(a) dos serviços (código)")
    field.fill(gil.code)  # a government delegate typed in the users' box
    users.get_by_role("button", name="Registrar a candidatura").click()
    users = table.get_by_role("region", name="Usuário(a) dos serviços")
    expect(users.get_by_role("alert")).to_contain_text("As vagas do governo são preenchidas")
    field = users.get_by_label("Registrar candidato(a) de Usuário(a) dos serviços (código)")
    field.fill(bia.code)
    users.get_by_role("button", name="Registrar a candidatura").click()
    expect(table.get_by_text("Bia Lima é candidato(a).")).to_be_visible()

    users = table.get_by_role("region", name="Usuário(a) dos serviços")
    users.get_by_text("Iniciar a eleição de Usuário(a) dos serviços").click()
    users.get_by_label("Modo").select_option(label="Eletrônica aberta (nominal)")
    users.get_by_role("button", name="Iniciar a eleição").click()
    expect(table.get_by_text("Votação 1 criada")).to_be_visible()
    table.get_by_role("link", name="votação 1 (Criada)").click()
    table.get_by_role("button", name="Abrir a votação 1").click()
    for person in (ana, bia):
        phones[person].goto(f"/participar/{person.code}/votacao/")
        phones[person].get_by_role("button", name="Ana Souza").click()
        expect(phones[person].get_by_role("status")).to_contain_text("Seu voto está registrado.")
    table.reload()
    table.get_by_role("button", name="Encerrar a votação 1").click()
    table.get_by_role("link", name="Delegados").click()
    table.get_by_role("button", name="Registrar o resultado").click()
    expect(table.get_by_text("Resultado da eleição registrado.")).to_be_visible()
    users = table.get_by_role("region", name="Usuário(a) dos serviços")
    expect(users.get_by_role("row", name="Ana Souza")).to_contain_text("Titular")
    expect(users.get_by_role("row", name="Bia Lima")).to_contain_text("Suplente")

    government = table.get_by_role("region", name="Governo")
    for person, seat in ((gil, "Titular"), (gina, "Suplente")):
        government = table.get_by_role("region", name="Governo")
        government.get_by_label("Delegado(a) do governo (código)").fill(person.code)
        government.get_by_label("Vaga *", exact=True).select_option(label=seat)
        government.get_by_role("button", name="Indicar").click()
        expect(table.get_by_text(f"{person.name} indicado(a).")).to_be_visible()

    problems = table.locator("#check-problems")
    # the government part meets the quota (Gil); the civil-society part does not, and the
    # check says which part falls short
    expect(problems).to_have_text(
        "cota de diversidade, sociedade civil: ao menos 1 de seu 1 titular (0 na lista)"
    )
    expect(table.locator("#quota-rule")).to_contain_text("de cada parte, governo e sociedade civil")
    table.get_by_role("button", name="Confirmar a lista de delegados").click()
    expect(table.get_by_role("alert")).to_contain_text("escreva a justificativa da plenária")
    check_accessibility(table, "delegates-table-check")

    # The plenary decides the quota candidate takes the titular seat.
    users = table.get_by_role("region", name="Usuário(a) dos serviços")
    users.get_by_text("Mudar quem ocupa as vagas de Usuário(a) dos serviços").click()
    users.get_by_label("Ana Souza").select_option(label="Suplente")
    users.get_by_label("Bia Lima").select_option(label="Titular")
    users.get_by_label("Por que as vagas mudam").fill("Decisão da plenária: cota de diversidade")
    users.get_by_role("button", name="Salvar as vagas").click()
    expect(table.get_by_text("A lista cumpre a paridade")).to_be_visible()
    table.get_by_role("button", name="Confirmar a lista de delegados").click()
    expect(table.get_by_text("Lista confirmada em")).to_be_visible()
    check_accessibility(table, "delegates-table-confirmed")

    roles = {c.registration.name: c.role for c in Candidacy.objects.all()}
    assert roles == {
        "Ana Souza": "suplente",
        "Bia Lima": "titular",
        "Gil Prado": "titular",
        "Gina Reis": "suplente",
    }
    assert DelegateList.objects.get().problems == []
    phones[bia].goto(f"/participar/{bia.code}/candidatura/")
    mine = phones[bia].get_by_role("region", name="Delegado(a) para a etapa seguinte")
    expect(mine.get_by_role("status")).to_contain_text("Você foi eleito(a) Titular.")

    table.get_by_role("link", name="Publicação dos delegados").click()
    resolution = table.get_by_label("Minuta da resolução que publica os delegados")
    expect(resolution).to_contain_text("1. Bia Lima — Usuário(a) dos serviços")
    check_accessibility(table, "delegates-publication")
    table.go_back()

    # The list goes to the state conference, where the delegates are pre-registered.
    table.get_by_role("button", name="Enviar a lista para").click()
    expect(table.get_by_text("como versão 1")).to_be_visible()
    state = new_page(state_organiser)
    state.goto(f"/gestao/conferencias/{state_conference.pk}/")
    state.get_by_role("link", name="Delegados recebidos").click()
    expect(state.get_by_role("status")).to_contain_text("1 de 1 conferências enviaram sua lista")
    check_accessibility(state, "delegates-received")
    state.get_by_role("link", name="Montes Claros").click()
    expect(state.get_by_role("row", name="Bia Lima")).to_contain_text("Titular")
    check_accessibility(state, "delegates-received-detail")
    state.goto(f"/gestao/conferencias/{state_conference.pk}/inscricoes/")
    row = state.get_by_role("row", name="Bia Lima")
    expect(row).to_contain_text("enviado(a) por Montes Claros (MG)")
    expect(state.get_by_role("row", name="Ana Souza")).to_contain_text("Delegado(a) suplente")


def test_the_state_filters_the_lists_and_records_a_replacement(
    new_page, state_conference, confirmed_list, organiser, state_organiser
):
    made = confirmed_list(
        [
            ("Ana Souza", "users", "titular"),
            ("Bia Lima", "users", "suplente"),
            ("Gil Prado", "government", "titular"),
        ]
    )
    handover.send(actor=organiser, conference=made[0].conference)
    state = new_page(state_organiser, width=360, height=740)
    state.goto(f"/gestao/conferencias/{state_conference.pk}/delegados/recebidos/")
    state.get_by_label("Mostrar").select_option(label="Ainda não enviadas")
    state.get_by_role("button", name="Filtrar").click()
    expect(state.get_by_text("Nenhuma conferência encontrada.")).to_be_visible()
    state.get_by_label("Mostrar").select_option(label="Confirmadas apesar da verificação")
    state.get_by_role("button", name="Filtrar").click()
    state.get_by_role("link", name="Montes Claros").click()
    expect(state.get_by_text("Confirmada apesar de:")).to_be_visible()
    assert_no_horizontal_scroll(state)

    state.get_by_label("Titular substituído(a)").select_option(label="Ana Souza")
    state.get_by_label("Suplente que assume a vaga").select_option(label="Bia Lima")
    state.get_by_label("Data").fill("2999-01-01")
    state.get_by_label("Motivo").fill("Renúncia por carta")
    state.get_by_role("button", name="Registrar a substituição").click()
    expect(state.get_by_role("alert")).to_contain_text("A data não pode estar no futuro.")
    check_accessibility(state, "delegates-replacement-error")
    state.get_by_label("Data").fill(timezone.localdate().isoformat())
    state.get_by_role("button", name="Registrar a substituição").click()
    expect(state.get_by_text("Substituição registrada.")).to_be_visible()

    def row(name):
        return state.get_by_role("row").filter(has=state.get_by_role("rowheader", name=name))

    expect(row("Ana Souza")).to_contain_text("substituído(a) por Bia Lima")
    expect(row("Bia Lima")).to_contain_text("ocupa a vaga de Ana Souza")
    check_accessibility(state, "delegates-replacement")
