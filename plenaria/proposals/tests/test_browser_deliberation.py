"""Deliberation in the browser: a rapporteur on a phone, the table's highlights with
the text difference, a motion that collects signatures and qualifies."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.proposals import selectors
from plenaria.proposals.models import Proposal
from plenaria.proposals.tests.conftest import approve_in_groups

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def open_my_page(page, registration):
    page.goto("/participar/")
    page.get_by_label("Código de inscrição").fill(registration.code)
    page.get_by_label("PIN").fill("123456")
    page.get_by_role("button", name="Abrir minha página").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minha página")


def test_a_rapporteur_writes_three_proposals_on_a_phone(new_page, group, rapporteur):
    page = new_page(width=360, height=740)
    open_my_page(page, rapporteur)
    page.get_by_role("link", name="Abrir o GT 1 (você escreve as propostas)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("GT 1")

    page.get_by_role("button", name="Salvar a proposta").click()
    expect(page.get_by_text("Escreva o texto: ele não pode ficar vazio.")).to_be_visible()
    texts = [
        "Ampliar a equipe do CRAS da zona rural.",
        "Garantir transporte para usuários irem às reuniões do conselho.",
        "Implantar o serviço de acolhimento para pessoas idosas.",
    ]
    spheres = ["Municipal", "Municipal", "Estadual"]
    for text, sphere in zip(texts, spheres, strict=True):
        page.get_by_role("radio", name=sphere, exact=True).check()
        page.get_by_role("radio", name="Proposta nova").check()
        page.get_by_label("Texto da proposta").fill(text)
        expect(page.get_by_text(f"{len(text)} / 2000 caracteres")).to_be_visible()
        page.get_by_role("button", name="Salvar a proposta").click()
        expect(page.get_by_role("status").filter(has_text="salva")).to_be_visible()
    expect(page.get_by_role("heading", name="Lista do grupo (3 propostas)")).to_be_visible()
    assert list(Proposal.objects.order_by("number").values_list("text", flat=True)) == texts
    assert Proposal.objects.get(number=3).sphere == "state"
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "group-phone")

    page.get_by_label("A favor").first.fill("12")
    page.get_by_label("Contra").first.fill("2")
    page.get_by_label("Abstenções").first.fill("1")
    page.get_by_role("button", name="Registrar os votos da Proposta 1.1").click()
    expect(page.get_by_text("Votos da Proposta 1.1 registrados: Aprovada.")).to_be_visible()


def test_the_table_opens_and_closes_highlights_and_sees_the_difference(
    new_page, organiser, conference, group, written, enrol
):
    approve_in_groups(written("Ampliar o CRAS da zona rural."), group)
    approve_in_groups(written("Criar o conselho tutelar itinerante."), group)
    delegate = enrol("Delegada Dalva")

    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/plenaria/")
    table.get_by_role("button", name="Abrir destaques do Eixo 1").click()
    expect(table.get_by_text("Prazo de destaques aberto desde")).to_be_visible()

    phone = new_page(width=360, height=740)
    open_my_page(phone, delegate)
    phone.get_by_text("Proposta 1.1 (Municipal)").click()
    item = phone.locator("details", has_text="Proposta 1.1 (Municipal)")
    item.get_by_role("radio", name="Modificativa").check()
    item.get_by_label("Texto proposto").fill("Ampliar e qualificar o CRAS da zona rural.")
    item.get_by_role("button", name="Enviar o destaque").click()
    expect(phone.get_by_text("Destaque 1 na Proposta 1.1 registrado.")).to_be_visible()
    check_accessibility(phone, "participant-phone")

    table.reload()
    table.get_by_role("button", name="Encerrar destaques do Eixo 1").click()
    expect(table.get_by_text("Prazo de destaques encerrado")).to_be_visible()
    highlight = table.locator("li", has=table.get_by_text("Destaque 1", exact=True))
    expect(highlight.locator("ins")).to_have_text("e qualificar ")
    check_accessibility(table, "plenary-highlights")

    table.get_by_label("Votação em bloco das propostas sem destaque").select_option("approved")
    table.get_by_role("button", name="Registrar a votação em bloco").click()
    expect(table.get_by_text("Votação em bloco registrada para 1 propostas.")).to_be_visible()
    result = table.get_by_role("group", name="Resultado do destaque 1")
    # The highlight first, each choice with what the proposal will say (issue 23).
    expect(result.get_by_role("radio")).to_have_count(2)
    approve = result.get_by_role("radio", name="Aprovar o destaque")
    expect(result.locator("label").first).to_contain_text(
        "Aprovar o destaque — A proposta dirá: Ampliar e qualificar o CRAS da zona rural."
    )
    expect(result.locator("label").last).to_contain_text(
        "Manter o texto original — A proposta dirá: Ampliar o CRAS da zona rural."
    )
    check_accessibility(table, "plenary-highlight-choice")
    approve.check()
    table.get_by_label("Votação (contagem ou enquete)").fill("41 a favor, 9 contra")
    table.get_by_role("button", name="Registrar", exact=True).click()
    expect(table.get_by_text("Resultado do destaque 1 registrado.")).to_be_visible()
    assert Proposal.objects.get(number=1).text == "Ampliar e qualificar o CRAS da zona rural."

    table.goto(f"/gestao/conferencias/{conference.pk}/deliberacoes/")
    expect(table.get_by_text("Ampliar e qualificar o CRAS da zona rural.").first).to_be_visible()
    expect(table.get_by_text("Criar o conselho tutelar itinerante.").first).to_be_visible()
    table.get_by_text("Histórico do texto (2 versões)").click()
    expect(
        table.get_by_text("Destaque 1 (Modificativa): Destaque aprovado — 41 a favor")
    ).to_be_visible()
    check_accessibility(table, "deliberations")


def test_a_motion_collects_signatures_and_qualifies(new_page, organiser, conference, enrol):
    delegates = [enrol(f"Delegado {i}") for i in range(10)]  # 20% of 10 → 2 signatures
    phone = new_page(width=360, height=740)
    open_my_page(phone, delegates[0])
    phone.get_by_label("Tipo").select_option("repudiation")
    phone.get_by_label("Destinatário").fill("Câmara Municipal")
    phone.get_by_label("Texto da moção").fill("Repúdio ao corte de verbas da assistência social.")
    phone.get_by_role("button", name="Apresentar a moção").click()
    expect(phone.get_by_text("Moção 1 apresentada com a sua assinatura.")).to_be_visible()
    expect(phone.get_by_text("1 de 2 assinaturas")).to_be_visible()

    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/mocoes/")
    expect(table.get_by_text("ainda sem assinaturas suficientes")).to_be_visible()
    table.get_by_label("Assinatura em papel na Moção 1").fill("NAOEXISTE")
    table.get_by_role("button", name="Incluir a assinatura").click()
    expect(table.get_by_text("Nenhuma inscrição com este código")).to_be_visible()
    table.get_by_label("Assinatura em papel na Moção 1").fill(delegates[1].code)
    table.get_by_role("button", name="Incluir a assinatura").click()
    expect(table.get_by_text("2 de 2 assinaturas")).to_be_visible()
    expect(table.get_by_text("vai à plenária", exact=True)).to_be_visible()
    check_accessibility(table, "motions")

    table.get_by_role("button", name="Encerrar as moções agora").click()
    expect(table.get_by_text("Moções encerradas com 10 delegados(as)")).to_be_visible()
    table.get_by_label("Votação da Moção 1 na plenária").select_option("approved")
    table.get_by_role("button", name="Registrar", exact=True).click()
    expect(table.get_by_text("Resultado da Moção 1 registrado.")).to_be_visible()
    assert selectors.plenary_of(conference).delegates_at_closing == 10
