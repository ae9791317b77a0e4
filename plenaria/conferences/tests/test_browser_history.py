"""The organiser reads the whole history of a conference (issue 21, item 9)."""

import pytest
from playwright.sync_api import expect

from plenaria.conferences.rules import audit_context
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.core import audit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.mark.parametrize("width", [1280, 360])
def test_organiser_reads_every_entry_of_the_history(new_page, organiser, make_conference, width):
    conference = make_conference()
    for placed in range(1, 61):
        audit.record(
            actor=organiser,
            action="update",
            obj=conference,
            after={"working_groups_balanced": placed},
            context=audit_context(conference),
        )
    page = new_page(organiser, width=width, height=900 if width > 400 else 740)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    history = page.locator("section[aria-labelledby=history-title]")
    expect(history.get_by_text("Pessoas distribuídas nos grupos de trabalho").first).to_be_visible()
    expect(history.get_by_text("Working_groups_balanced")).to_have_count(0)
    page.get_by_role("link", name="Todo o histórico (61 registros)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Histórico")
    expect(page.locator("tbody tr")).to_have_count(50)
    expect(page.get_by_text("Página 1 de 2")).to_be_visible()
    assert_no_horizontal_scroll(page)
    check_accessibility(page, f"history-page-1-{width}")

    pages = page.get_by_role("navigation", name="Páginas da lista")
    pages.get_by_role("link", name="Próxima").click()
    expect(page.get_by_text("Página 2 de 2")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(11)
    # The oldest entry: the creation, with the conference's dates as Portuguese writes them.
    expect(page.locator("tbody")).to_contain_text("10 de junho de 2025")
    assert_no_horizontal_scroll(page)
    check_accessibility(page, f"history-page-2-{width}")
