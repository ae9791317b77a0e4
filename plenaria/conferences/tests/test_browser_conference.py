"""An organiser creates and convokes a conference through the forms; anyone reads
its public page on a phone."""

import re

import pytest
from playwright.sync_api import expect

from plenaria.conferences.models import Conference, Status
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_organiser_creates_convokes_and_publishes_a_conference(new_page, organiser, edition):
    page = new_page()
    # Sign in through the form, as a person would.
    page.goto("/entrar/")
    page.get_by_label("Usuário").fill(organiser.username)
    page.get_by_label("Senha").fill("pw-123456")
    page.get_by_role("button", name="Entrar").click()

    page.get_by_role("link", name="Minhas conferências").click()
    page.get_by_role("link", name="Nova conferência").click()
    expect(page.get_by_role("heading", name="Nova conferência")).to_be_visible()
    check_accessibility(page, "conference-create")
    page.get_by_label("Edição nacional").select_option(label="14ª Conferência Nacional (2025)")
    page.get_by_label("Título").fill("XV Conferência Municipal de Assistência Social")
    page.get_by_label("Número da edição local").fill("15")
    # After the municipal window of 2025 (31/03 to 11/07): allowed, with a warning.
    page.get_by_label("Data de início").fill("2025-07-25")
    page.get_by_label("Data de término").fill("2025-07-26")
    page.get_by_label("Data de término").blur()
    # The warning shows on the form while it is filled, before saving.
    expect(page.locator("#form-warnings")).to_contain_text("fora do período")
    page.get_by_label("Data de término").fill("2025-07-24")
    page.get_by_role("button", name="Salvar").click()
    # End before start is an error at the field; nothing was saved.
    expect(
        page.get_by_text("A data de término não pode ser anterior à data de início.")
    ).to_be_visible()
    assert Conference.objects.count() == 0
    page.get_by_label("Data de término").fill("2025-07-26")
    page.get_by_label("Local", exact=True).fill("Centro Cultural Hermes de Paula")
    page.get_by_role("button", name="Salvar").click()

    expect(page.get_by_text("Conferência criada como rascunho.")).to_be_visible()
    expect(page.locator("#warnings")).to_contain_text("fora do período")
    check_accessibility(page, "conference-manage-draft")

    # The convocation act.
    page.get_by_role("link", name="Registrar ato").click()
    page.get_by_label("Tipo de ato").select_option("joint_ordinance")
    page.get_by_label("Número").fill("12/2025")
    page.get_by_label("Data do ato").fill("2025-05-02")
    page.get_by_label("Signatários").fill("Prefeito Municipal\nPresidente do CMAS")
    page.get_by_label("Link da publicação (diário oficial)").fill("https://diario.example.org/12")
    check_accessibility(page, "conference-act")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Ato de convocação salvo.")).to_be_visible()

    # A commission without parity: saved, with a warning.
    page.get_by_role("link", name="Editar comissão").click()
    page.get_by_label("Nome (linha 1)").fill("Marta Oliveira")
    page.get_by_label("Setor (linha 1)").select_option("government")
    page.get_by_label("Função (linha 1)").select_option("president")
    page.get_by_label("Nome (linha 2)").fill("Luciana Alves")
    page.get_by_label("Setor (linha 2)").select_option("government")
    check_accessibility(page, "conference-commission")
    page.get_by_role("button", name="Salvar").click()
    expect(page.locator("#warnings")).to_contain_text("paridade")

    # Convoke: the step says what it changes, and needs a second click to confirm.
    page.locator("summary", has_text="Passar para “Convocada”").click()
    expect(page.get_by_text("não pode mais ser excluída")).to_be_visible()
    assert Conference.objects.get().status == Status.DRAFT
    check_accessibility(page, "conference-manage-confirm-convoke")
    page.get_by_role("button", name=re.compile("Confirmar: passar para “Convocada”")).click()
    expect(page.get_by_text("Situação alterada para “Convocada”.")).to_be_visible()
    conference = Conference.objects.get()
    assert conference.status == Status.CONVOKED
    check_accessibility(page, "conference-manage-convoked")

    # Anyone reads the public page on a 360 px phone.
    phone = new_page(width=360, height=740)
    phone.goto(f"/conferencias/{conference.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "XV Conferência Municipal de Assistência Social"
    )
    expect(phone.get_by_text("Centro Cultural Hermes de Paula")).to_be_visible()
    expect(phone.get_by_text("Portaria conjunta nº 12/2025", exact=False)).to_be_visible()
    expect(phone.get_by_text("Marta Oliveira", exact=False)).to_be_visible()
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "conference-public-360")


def test_reopen_asks_for_a_reason(new_page, organiser, make_conference):
    conference = make_conference(status=Status.CLOSED)
    page = new_page(organiser, width=360, height=740)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_text("Reabrir (voltar a situação)").click()
    # the least harmful choice is the default: one step back, never "Rascunho"
    expect(page.get_by_label("Reabrir para")).to_have_value("in_progress")
    page.get_by_role("button", name="Reabrir", exact=True).click()  # no reason yet
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Corrija 1 campo antes de continuar")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Motivo").click()
    expect(page.get_by_label("Motivo")).to_be_focused()
    assert_no_horizontal_scroll(page)
    page.get_by_label("Motivo").fill("A plenária final foi retomada")
    page.get_by_role("button", name="Reabrir", exact=True).click()
    expect(page.get_by_text("Conferência reaberta para “Em andamento”.")).to_be_visible()
    expect(page.get_by_text("A plenária final foi retomada")).to_be_visible()  # in the history
