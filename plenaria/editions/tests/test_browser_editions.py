"""The national council creates an edition with its axes and windows; a state council
sets its state's windows inside them (desktop and a phone)."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, make_council_member
from plenaria.editions.models import Edition, StateCalendar
from plenaria.territory.models import Council, Level

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_national_staff_create_an_edition_with_axes_and_windows(new_page):
    cnas = make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=True)
    page = new_page(cnas)
    page.goto("/")
    page.get_by_role("link", name="Edições").click()
    expect(page.get_by_role("heading", name="Edições nacionais e calendários")).to_be_visible()
    page.get_by_role("link", name="Nova edição").click()
    page.get_by_label("Número").fill("15")
    page.get_by_label("Ano").fill("2027")
    page.get_by_label("Natureza").select_option("ordinary")
    page.get_by_label("Tema").fill("SUAS: proteção social para todas as pessoas")
    page.get_by_label("Eixos").fill("Financiamento\nControle social\nGestão do trabalho")
    page.get_by_label("Etapa Municipal: de").fill("2027-04-01")
    page.get_by_label("Etapa Municipal: até").fill("2027-07-15")
    page.get_by_label("Etapa Estadual: de").fill("2027-08-10")
    check_accessibility(page, "edition-create")
    page.get_by_role("button", name="Salvar").click()
    # half a window: said at the field, nothing saved
    expect(page.get_by_text("Preencha as duas datas do período, ou nenhuma.")).to_be_visible()
    assert not Edition.objects.filter(year=2027).exists()
    page.get_by_label("Etapa Estadual: até").fill("2027-10-15")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Edição salva")).to_be_visible()
    section = page.locator("#edition-2027").locator("xpath=..")
    expect(section).to_contain_text("01/04/2027 – 15/07/2027")
    expect(section).to_contain_text("não informado")
    edition = Edition.objects.get(year=2027)
    assert [a.title for a in edition.axes.all()][2] == "Gestão do trabalho"
    check_accessibility(page, "edition-list")


def test_state_staff_set_their_windows_on_a_phone(new_page, mg):
    ceas = make_council_member(Council.objects.get(level=Level.STATE, state=mg), organiser=True)
    page = new_page(ceas, width=360, height=780)
    page.goto("/gestao/edicoes/")
    page.get_by_role("link", name="Calendário de MG em 2025").click()
    expect(page.get_by_role("heading", name="Calendário de Minas Gerais em 2025")).to_be_visible()
    page.get_by_label("Conferências municipais a partir de").fill("2025-04-01")
    page.get_by_label("Conferências municipais até").fill("2025-07-20")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("O calendário nacional fixa a etapa municipal")).to_be_visible()
    assert not StateCalendar.objects.exists()
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "state-calendar-360")
    page.get_by_label("Conferências municipais até").fill("2025-06-30")
    page.get_by_label("Início da conferência estadual").fill("2025-09-10")
    page.get_by_label("Término da conferência estadual").fill("2025-09-12")
    page.get_by_label("Prazo para as listas de delegados(as) dos municípios").fill("2025-07-31")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Calendário de Minas Gerais salvo.")).to_be_visible()
    expect(
        page.get_by_role("table", name="Calendários estaduais — 14ª Conferência Nacional (2025)")
    ).to_contain_text("01/04/2025 – 30/06/2025")
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "edition-list-360")
