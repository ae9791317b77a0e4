"""A state council member follows the municipal conferences of Minas Gerais."""

import pytest
from playwright.sync_api import expect

from plenaria.conferences.models import Status
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_state_member_filters_the_municipalities(
    new_page, state_member, make_conference, janauba, amams
):
    make_conference(status=Status.CONVOKED)  # Montes Claros
    make_conference(municipality=janauba, status=Status.REPORT_SUBMITTED)
    page = new_page(state_member)
    page.goto("/")
    page.get_by_role("link", name="Acompanhamento").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minas Gerais")
    counts = page.get_by_role("list", name="Totais por situação")
    expect(counts).to_contain_text("853")
    expect(page.locator("tbody tr")).to_have_count(50)
    check_accessibility(page, "monitoring-state")

    # Filtering updates the results in place (htmx) and keeps the address shareable.
    page.get_by_label("Situação", exact=True).select_option("convoked")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Montes Claros")
    assert "situacao=convoked" in page.url

    page.get_by_label("Situação", exact=True).select_option("")
    page.get_by_label("Região ou associação").select_option(label="AMAMS")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.locator("tbody")).to_contain_text("Relatório enviado")

    page.get_by_label("Porte").select_option("unknown")
    expect(page.locator("tbody tr")).to_have_count(2)
    page.get_by_label("Porte").select_option("metropolis")
    expect(page.get_by_text("Nenhum município corresponde a estes filtros.")).to_be_visible()
    check_accessibility(page, "monitoring-state-filtered")


def test_monitoring_reads_on_a_phone(new_page, association_member):
    page = new_page(association_member, width=360, height=740)
    page.goto("/acompanhamento/mg/")
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "monitoring-association-360")


def test_cnas_member_drills_into_a_state(new_page, national_member, make_conference):
    make_conference(status=Status.CLOSED)
    page = new_page(national_member)
    page.goto("/acompanhamento/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Conferências municipais por estado")
    check_accessibility(page, "monitoring-national")
    page.get_by_role("link", name="Minas Gerais").click()
    expect(page.locator("tbody tr")).to_have_count(50)


@pytest.mark.parametrize("width", [1280, 360])
def test_state_member_searches_and_pages_keeping_the_filter(
    new_page, state_member, make_conference, janauba, width
):
    """Issue 21, item 8: find a municipality by name, walk the pages of a filter, read
    the real stage, all without scrolling sideways."""
    make_conference(status=Status.REGISTRATION_OPEN)  # Montes Claros
    make_conference(municipality=janauba, status=Status.IN_PROGRESS)
    page = new_page(state_member, width=width, height=800 if width > 400 else 740)
    page.goto("/acompanhamento/mg/")
    assert_no_horizontal_scroll(page)

    page.get_by_label("Nome do município").fill("JANAUBA")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Janaúba")
    expect(page.locator("tbody")).to_contain_text("Em andamento")
    assert "q=JANAUBA" in page.url
    page.get_by_label("Nome do município").fill("montes")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.locator("tbody")).to_contain_text("Inscrições abertas")
    # The counts on top stay the state's.
    expect(page.get_by_role("list", name="Totais por situação")).to_contain_text("853")

    page.get_by_label("Nome do município").fill("")
    page.get_by_label("Porte").select_option("small_i")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text("Página 1 de")).to_be_visible()
    first_page = page.locator("tbody tr th").first.inner_text()
    pages = page.get_by_role("navigation", name="Páginas da lista")
    # A keyboard reaches the page links: focus one and press Enter.
    pages.get_by_role("link", name="página 2", exact=True).focus()
    page.keyboard.press("Enter")
    # a whole page load of the state's list: slower than expect's 5 s on a loaded machine
    expect(page.get_by_text("Página 2 de")).to_be_visible(timeout=20_000)
    assert "porte=small_i" in page.url and "pagina=2" in page.url
    expect(page.get_by_label("Porte")).to_have_value("small_i")
    expect(pages.get_by_role("link", name="página 2", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert page.locator("tbody tr th").first.inner_text() != first_page
    assert_no_horizontal_scroll(page)
    check_accessibility(page, f"monitoring-state-page-2-{width}")
