"""A small municipality's conference without working groups (issue 23, item 1): the
staff set the plenary method in the regimento, the pre-conference's proposals are in
the plenary's list, one en-bloc poll covers every axis, one highlight is voted and the
final deliberations come out."""

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from plenaria.conferences.services import preparatory_event_save
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, choose_poll_item
from plenaria.proposals import services
from plenaria.proposals.models import Proposal
from plenaria.proposals.tests.conftest import proposal_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SHOTS = os.environ.get("PLENARIA_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    """Screenshots for a person to look at, when PLENARIA_SCREENSHOTS names a folder."""
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _pre_conference(conference, organiser):
    event = preparatory_event_save(
        actor=organiser,
        conference=conference,
        data={
            "kind": "pre_conference",
            "title": "Pré-conferência Zona Rural",
            "date": dt.date(2025, 5, 20),
            "start_time": dt.time(8),
            "end_time": dt.time(12),
            "place": "Escola do Distrito",
            "territory_kind": "rural_zone",
            "territory": "Zona rural",
            "team": "Equipe do CRAS",
        },
    )
    first, second = conference.edition.axes.order_by("number")[:2]
    for axis, text in [
        (first, "Ampliar a equipe do CRAS da zona rural."),
        (first, "Criar o serviço de convivência para idosos."),
        (second, "Garantir transporte para as reuniões do conselho."),
    ]:
        services.proposal_submit(
            actor=organiser,
            conference=conference,
            data=proposal_data(axis=axis, text=text, event=event),
        )


def _poll_by_cards(table, n: int, counts: dict[str, str]) -> None:
    table.get_by_role("button", name=f"Abrir a votação {n}").click()
    table.get_by_role("button", name=f"Encerrar a votação {n}").click()
    for label, value in counts.items():
        table.get_by_role("spinbutton", name=label).fill(value)
    table.get_by_role("button", name="Registrar as contagens").click()
    table.get_by_role("button", name=f"Publicar o resultado da votação {n}").click()


def test_a_conference_without_groups_votes_its_pre_conference_proposals(
    new_page, organiser, conference, enrol
):
    _pre_conference(conference, organiser)
    delegate = enrol("Delegada Dalva")
    enrol("Delegado Davi")
    page = new_page(organiser)

    page.goto(f"/gestao/conferencias/{conference.pk}/propostas/")
    expect(page.get_by_text("Ampliar a equipe do CRAS")).to_have_count(0)

    page.goto(f"/gestao/conferencias/{conference.pk}/regimento/")
    page.get_by_label("Como as propostas chegam à plenária final").select_option(
        label="Direto para a plenária final (sem grupos de trabalho)"
    )
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Regras do regimento salvas.")).to_be_visible()
    expect(page.locator("#regimento-rules")).to_contain_text(
        "direto para a plenária final: as propostas dos eventos preparatórios"
    )
    shot(page, "regimento-plenary")
    check_accessibility(page, "regimento-plenary")

    page.goto(f"/gestao/conferencias/{conference.pk}/grupos/")
    expect(page.locator("#groups-not-used")).to_contain_text("os grupos de trabalho não são usados")
    expect(page.get_by_role("button", name="Criar o grupo")).to_have_count(0)
    shot(page, "groups-not-used")

    page.get_by_role("link", name="Ver a lista consolidada").click()
    item = page.locator("li", has_text="Ampliar a equipe do CRAS da zona rural.")
    expect(item).to_contain_text("Evento preparatório (Pré-conferência Zona Rural)")
    expect(page.get_by_text("Garantir transporte para as reuniões do conselho.")).to_be_visible()
    shot(page, "consolidated-plenary")
    check_accessibility(page, "consolidated-plenary")

    page.get_by_role("link", name="Destaques").click()
    expect(page.locator("#en-bloc-all")).to_be_visible()
    page.get_by_role("button", name="Abrir destaques do Eixo 1").click()
    target = Proposal.objects.get(text__startswith="Criar o serviço")
    page.get_by_role("combobox", name="Proposta").select_option(str(target.pk))
    page.get_by_label("Delegado(a) (código)").fill(delegate.code)
    page.get_by_role("radio", name="Modificativa").check()
    page.get_by_label("Texto proposto").fill(
        "Criar o serviço de convivência para idosos no distrito."
    )
    page.get_by_role("button", name="Registrar o destaque").click()
    expect(page.get_by_text("Destaque 1 registrado.")).to_be_visible()
    page.get_by_role("button", name="Encerrar destaques do Eixo 1").click()
    page.get_by_role("button", name="Abrir destaques do Eixo 2").click()
    page.get_by_role("button", name="Encerrar destaques do Eixo 2").click()
    shot(page, "plenary-console")

    page.locator("#en-bloc-all").get_by_role("link", name="Votação").click()
    choose_poll_item(page, "Aprovação em bloco de um eixo")
    page.get_by_label("Eixo (aprovação em bloco)").select_option(
        label="Todos os eixos (todas as propostas sem destaque)"
    )
    page.get_by_role("combobox", name="Modo", exact=True).select_option(
        label="Analógica (crachás de votação contados pela mesa)"
    )
    page.get_by_role("button", name="Criar a votação").click()
    expect(
        page.get_by_role(
            "cell", name="Aprovação em bloco de todas as propostas sem destaque, todos os eixos"
        )
    ).to_be_visible()
    shot(page, "voting-en-bloc-all")
    _poll_by_cards(page, 1, {"Favorável": "2", "Contrário": "0", "Abstenção": "0"})
    expect(page.get_by_role("heading", name="Resultado: Aprovada")).to_be_visible()

    choose_poll_item(page, "Destaque")
    page.get_by_role("combobox", name="Destaque").select_option(label="Destaque 1 na Proposta 1.2")
    page.get_by_role("combobox", name="Modo", exact=True).select_option(
        label="Analógica (crachás de votação contados pela mesa)"
    )
    page.get_by_role("button", name="Criar a votação").click()
    _poll_by_cards(
        page, 2, {"Aprovar o destaque": "2", "Manter o texto original": "0", "Abstenção": "0"}
    )

    page.goto(f"/gestao/conferencias/{conference.pk}/deliberacoes/")
    for text in (
        "Ampliar a equipe do CRAS da zona rural.",
        "Criar o serviço de convivência para idosos no distrito.",
        "Garantir transporte para as reuniões do conselho.",
    ):
        expect(page.get_by_text(text).first).to_be_visible()
    shot(page, "deliberations-plenary")
    check_accessibility(page, "deliberations-plenary")
    assert set(Proposal.objects.values_list("final_status", flat=True)) == {"approved"}

    phone = new_page(organiser, width=360, height=740)
    for path, name in [
        ("regimento/", "regimento-plenary-phone"),
        ("grupos/", "groups-not-used-phone"),
        ("propostas/", "consolidated-plenary-phone"),
        ("deliberacoes/", "deliberations-plenary-phone"),
    ]:
        phone.goto(f"/gestao/conferencias/{conference.pk}/{path}")
        assert_no_horizontal_scroll(phone)
        shot(phone, name)
