"""The national council types a state's shares per kind of delegate and sees what the
national conference adds up to, with its natos listed."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import check_accessibility, make_council_member
from plenaria.delegates.models import NationalShare
from plenaria.territory.models import Council, Level

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_national_staff_set_shares_by_kind(new_page):
    cnas = make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=True)
    page = new_page(cnas)
    page.goto("/gestao/vagas/2025/nacional/")
    page.get_by_role("link", name="Delegados(as) por tipo").click()
    page.get_by_label("MG — Delegado(a) de âmbito municipal: titulares").fill("40")
    page.get_by_label("MG — Delegado(a) de âmbito municipal: suplentes").fill("40")
    page.get_by_label("MG — Delegado(a) de âmbito estadual: titulares").fill("7")
    page.get_by_label("Delegado(a) federal: titulares").fill("60")
    page.get_by_label("Delegado(a) nato(a): titulares").fill("36")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # 7 is odd: parity
    assert not NationalShare.objects.exists()
    page.get_by_label("MG — Delegado(a) de âmbito estadual: titulares").fill("8")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Cotas nacionais salvas.")).to_be_visible()
    expect(page.get_by_text("144 delegados(as) com voto no total.")).to_be_visible()
    expect(page.locator("#natos-title + ul")).to_contain_text("member")
    check_accessibility(page, "national-shares")
