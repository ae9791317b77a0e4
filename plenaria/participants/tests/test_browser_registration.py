"""A member of the public registers from a phone."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.participants.models import Registration

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_register_on_a_phone(new_page, open_conference):
    page = new_page(width=360, height=740)
    page.goto(f"/conferencias/{open_conference.pk}/")
    page.get_by_role("link", name="Inscreva-se nesta conferência").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrição")
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "registration-form-360")

    page.get_by_label("Nome completo").fill("Maria das Dores")
    page.get_by_label("Telefone (com DDD)").fill("(38) 99876-5432")
    page.get_by_label("CPF").fill("123.456.789-00")  # wrong check digits
    page.get_by_label("Usuário(a) dos serviços").check()
    page.get_by_label("Delegado(a)").check()
    page.get_by_label("Intérprete de Libras").check()
    page.get_by_role("button", name="Inscrever-me").click()
    # the CPF is wrong and consent is missing: both said at their field
    expect(page.get_by_text("Este CPF não é válido: confira os números.")).to_be_visible()
    assert not Registration.objects.exists()
    # the long form opens at its error summary, focused, each error a link to its field
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Corrija 2 campos antes de continuar")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    summary.get_by_role("link", name="CPF").click()
    expect(page.get_by_label("CPF")).to_be_focused()
    expect(page.get_by_label("CPF")).to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link", name="Concordo", exact=False).click()
    expect(page.get_by_label("Concordo", exact=False)).to_be_focused()
    check_accessibility(page, "registration-form-errors-360")

    page.get_by_label("CPF").fill("")
    page.get_by_label("Concordo", exact=False).check()
    page.get_by_role("button", name="Inscrever-me").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrição confirmada")
    registration = Registration.objects.get()
    expect(page.get_by_text(registration.code)).to_be_visible()
    assert registration.accessibility_needs == ["libras"]
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "registration-confirmation-360")
