"""An organiser types the programme row by row without leaving the page, sees an error
at the row's field, removes a row; the public page shows it by day and time, on a
phone too."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _fill(page, line: int, date: str, start: str, kind: str, title: str, end: str = ""):
    page.get_by_label(f"Data (linha {line})").fill(date)
    page.get_by_label(f"Início (linha {line})").fill(start)
    if end:
        page.get_by_label(f"Término (linha {line})").fill(end)
    page.get_by_label(f"Tipo (linha {line})").select_option(label=kind)
    page.get_by_label(f"Título (linha {line})", exact=True).fill(title)


def test_organiser_types_the_programme_in_rows(new_page, organiser, make_conference):
    conference = make_conference()  # 10 and 11 June 2025
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Editar programação").click()
    expect(page.get_by_role("heading", name="Programação")).to_be_visible()
    url = page.url

    _fill(page, 1, "2025-06-10", "08:00", "Credenciamento", "Credenciamento e café")
    page.get_by_role("button", name="Adicionar linha").click()
    # the new row is there, focused, on the same page, the first row kept as typed
    expect(page.get_by_label("Data (linha 2)")).to_be_focused()
    assert page.url == url
    expect(page.get_by_label("Título (linha 1)", exact=True)).to_have_value("Credenciamento e café")
    _fill(page, 2, "2025-06-11", "14:00", "Eleição do conselho", "Eleição do CMAS")
    page.get_by_role("button", name="Adicionar linha").click()
    # ends before it starts: the error is at that row's field
    _fill(page, 3, "2025-06-10", "10:00", "Apresentação cultural", "Coral", end="09:00")
    page.get_by_role("button", name="Adicionar linha").click()
    _fill(page, 4, "2025-06-10", "16:00", "Intervalo", "Lanche")
    page.get_by_role("button", name="Adicionar linha").click()
    _fill(page, 5, "2025-06-10", "17:00", "Eleição de delegados", "Eleição dos delegados")
    check_accessibility(page, "programme-rows")
    page.get_by_role("button", name="Salvar").click()
    error = page.locator("#id_programme-2-end_time_error")
    expect(error).to_have_text("O item precisa terminar depois de começar.")
    assert not conference.programme.exists()

    page.get_by_label("Término (linha 3)").fill("10:30")
    page.get_by_label("Remover (linha 4)").check()  # a row typed by mistake
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Alterações salvas.")).to_be_visible()
    assert [p.title for p in conference.programme.all()] == [
        "Credenciamento e café",
        "Coral",
        "Eleição dos delegados",
        "Eleição do CMAS",
    ]

    # The public page, on a 360 px phone, in the order of the day.
    phone = new_page(organiser, width=360, height=740)
    phone.goto(f"/conferencias/{conference.pk}/")
    rows = phone.locator("#programme-title ~ div table tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(1)).to_contain_text("Apresentação cultural")
    expect(rows.nth(3)).to_contain_text("Eleição do conselho")
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "programme-public-360")

    # The rows on a phone: the table scrolls sideways inside its frame, not the page.
    phone.goto(f"/gestao/conferencias/{conference.pk}/programacao/")
    phone.get_by_role("button", name="Adicionar linha").click()
    expect(phone.get_by_label("Data (linha 6)")).to_be_focused()
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "programme-rows-360")


def test_a_row_is_added_without_javascript(browser, live_server, organiser, make_conference):
    from django.conf import settings

    from plenaria.conftest import client_for

    conference = make_conference()
    context = browser.new_context(
        java_script_enabled=False, locale="pt-BR", base_url=live_server.url
    )
    cookie = client_for(organiser).cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(f"/gestao/conferencias/{conference.pk}/programacao/")
        _fill(page, 1, "2025-06-10", "08:00", "Credenciamento", "Credenciamento")
        page.get_by_role("button", name="Adicionar linha").click()
        _fill(page, 2, "2025-06-10", "09:00", "Mesa de abertura", "Abertura")
        page.get_by_role("button", name="Salvar").click()
        expect(page.get_by_text("Alterações salvas.")).to_be_visible()
        assert [p.title for p in conference.programme.all()] == ["Credenciamento", "Abertura"]
    finally:
        context.close()
