"""Check-in staff credential people by code and by search."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import check_accessibility
from plenaria.participants.models import CheckIn

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_checkin_by_code_and_by_search(new_page, organiser, open_conference, shift, registered):
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/")
    page.get_by_role("link", name="Credenciamento").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credenciamento")
    check_accessibility(page, "credentialing")

    # A USB reader types the code and presses Enter.
    code_field = page.get_by_label("Código de inscrição (leitor de QR ou digitado)")
    code_field.fill(registered[0].code)
    code_field.press("Enter")
    expect(page.get_by_text("Participante 0 credenciado(a)", exact=False)).to_be_visible()
    presence = page.get_by_role("list", name="Presentes neste turno")
    expect(presence).to_contain_text("1")

    # Search by name, then one click.
    page.get_by_label("Nome, código ou CPF").fill("participante 4")
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("button", name="Confirmar presença — Participante 4").click()
    expect(page.get_by_text("Participante 4 credenciado(a)", exact=False)).to_be_visible()
    assert CheckIn.objects.filter(shift=shift).count() == 2
    check_accessibility(page, "credentialing-after")


def test_statistics_page(new_page, organiser, open_conference, shift, registered):
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/")
    page.get_by_role("link", name="Estatísticas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Estatísticas")
    expect(page.get_by_role("list", name="Totais")).to_contain_text("5")
    check_accessibility(page, "statistics")
