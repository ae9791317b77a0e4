"""The conference's staff type what their regimento says about the working groups and
the forwarding, and see where each rule in force comes from (issue 17, item 6)."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.editions.models import DeliberationRules

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_the_staff_set_the_regimentos_rules_and_see_each_rules_source(
    new_page, make_conference, organiser, edition, mg
):
    conference = make_conference()
    DeliberationRules.objects.create(
        edition=edition, state=mg, max_per_axis_sphere=5, source="Resolução CEAS/MG nº 12/2025"
    )
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    rules = page.locator("#regimento-rules")
    expect(rules).to_contain_text(
        "no máximo 5 (Regras do estado (MG) — Resolução CEAS/MG nº 12/2025)"
    )
    expect(rules).to_contain_text("não definido: o regimento precisa dizer")
    page.get_by_role("link", name="Definir as regras do regimento da conferência").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regras do regimento")
    check_accessibility(page, "regimento-empty")

    page.get_by_label("O grupo aprova a proposta diretamente a partir de (% dos votos)").fill("60")
    page.get_by_label("A proposta vai à plenária a partir de (% dos votos)").fill("70")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Diga onde o regimento define estas regras")).to_be_visible()
    page.get_by_label("Onde o regimento define estas regras").fill("Regimento interno, art. 14")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("não pode passar do percentual de aprovação direta")).to_be_visible()
    check_accessibility(page, "regimento-error")

    page.get_by_label("A proposta vai à plenária a partir de (% dos votos)").fill("50")
    page.get_by_label("Abstenções contam na base do percentual").select_option(
        label="Não: o percentual é só sobre os votos a favor e contra"
    )
    quorum = page.locator("#rule-quorum-shift")
    expect(quorum).to_contain_text("credenciados no turno em que a votação acontece")
    page.get_by_label("Quem vota e conta para o quórum numa votação").select_option(
        label="Os delegados credenciados em qualquer turno da conferência"
    )
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Regras do regimento salvas.")).to_be_visible()
    expect(page.locator("#rule-quorum-shift")).to_have_text(
        "os delegados credenciados em qualquer turno "
        "(Regimento da conferência — Regimento interno, art. 14)"
    )
    page.screenshot(path="var/screenshots/shiftquorum-regimento.png", full_page=True)
    rules = page.locator("#regimento-rules")
    expect(rules).to_contain_text(
        "a partir de 60% dos votos, em ao menos metade mais um dos grupos do eixo "
        "(Regimento da conferência — Regimento interno, art. 14)"
    )
    expect(rules).to_contain_text("ficam fora da base do percentual")
    expect(rules).to_contain_text("(Regras do estado (MG) — Resolução CEAS/MG nº 12/2025)")
    check_accessibility(page, "regimento-saved")

    phone = new_page(organiser, width=360, height=740)
    phone.goto(f"/gestao/conferencias/{conference.pk}/regimento/")
    expect(phone.locator("#regimento-rules")).to_contain_text("Regimento interno, art. 14")
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "regimento-phone")
    phone.screenshot(path="var/screenshots/shiftquorum-regimento-360.png", full_page=True)
