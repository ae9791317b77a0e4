"""A highlight voted by cards (issue 23): the table reads "approve the highlight" first,
sees what the proposal will say under each count before recording it, and the phone and
the projector name the options the same way."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.proposals.models import Proposal
from plenaria.voting.tests.test_browser_voting import open_voting
from plenaria.voting.tests.test_highlight_polls import (  # noqa: F401 - fixtures
    _poll,
    as_rapporteur,
    group,
    highlight,
    rapporteur,
    written,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_the_table_records_a_highlight_by_cards_reading_what_each_count_means(
    new_page,
    conference,
    organiser,
    delegates,
    highlight,  # noqa: F811
):
    _poll(organiser, conference, highlight)
    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/votacao/")
    table.get_by_role("button", name="Abrir a votação 1").click()
    expect(table.get_by_text("está aberta.")).to_be_visible()

    phone = new_page(width=360, height=740)
    open_voting(phone, delegates[0])
    outcomes = phone.locator(".plenaria-outcomes dt")
    expect(outcomes).to_have_text(["Aprovar o destaque", "Manter o texto original"])
    expect(phone.get_by_text("A proposta dirá: Ampliar e qualificar o CRAS.")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "highlight-poll-phone")

    projector = new_page(organiser)
    projector.goto(f"/gestao/conferencias/{conference.pk}/votacao/projetor/")
    expect(projector.locator(".plenaria-outcomes dt")).to_have_text(
        ["Aprovar o destaque", "Manter o texto original"]
    )
    check_accessibility(projector, "highlight-poll-projector")

    table.get_by_role("button", name="Encerrar a votação 1").click()
    counts = table.get_by_role("group", name="Crachás contados pela mesa")
    expect(counts.get_by_role("spinbutton")).to_have_count(3)
    labels = counts.locator("label[for^='id_count_']")
    expect(labels.nth(0)).to_contain_text("Aprovar o destaque")
    expect(labels.nth(1)).to_contain_text("Manter o texto original")
    # what each count means, read before saving
    expect(counts.locator(".outcome-proposed")).to_contain_text(
        "A proposta dirá: Ampliar e qualificar o CRAS."
    )
    expect(counts.locator(".outcome-original")).to_contain_text("A proposta dirá: Ampliar o CRAS.")
    check_accessibility(table, "highlight-poll-counts")
    small = new_page(organiser, width=360, height=740)
    small.goto(f"/gestao/conferencias/{conference.pk}/votacao/")
    check_accessibility(small, "highlight-poll-counts-360")
    assert_no_horizontal_scroll(small)

    # the hall approved the highlight: 2 voting badges for it, 1 against
    counts.get_by_label("Aprovar o destaque").fill("2")
    counts.get_by_label("Manter o texto original").fill("1")
    counts.get_by_label("Abstenção").fill("0")
    table.get_by_role("button", name="Registrar as contagens").click()
    table.get_by_role("button", name="Publicar o resultado da votação 1").click()
    expect(table.get_by_text("O resultado foi levado à proposta ou moção.")).to_be_visible()
    proposal = Proposal.objects.get(pk=highlight.proposal_id)
    assert proposal.text == "Ampliar e qualificar o CRAS."
