"""The console's "New poll" on a phone (issue 21, item 12): choosing what is voted shows
that item's fields only (htmx, and the button without it), each label names its own
field (axe), nothing wider than 360 px."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from plenaria.conftest import (
    SCREENSHOTS,
    assert_no_horizontal_scroll,
    check_accessibility,
    choose_poll_item,
)
from plenaria.voting.models import Poll

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SHOTS = Path("/tmp/shots-hall")


def _shot(page, name):
    check_accessibility(page, name)
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(SCREENSHOTS / f"{name}.png", SHOTS / f"{name}.png")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_table_sees_only_the_fields_of_what_is_voted(new_page, conference, organiser, width):
    page = new_page(organiser, width=width, height=800)
    page.goto(f"/gestao/conferencias/{conference.pk}/votacao/")
    new = page.locator("#new-poll")
    expect(new.get_by_text("Votação de: Regimento interno")).to_be_visible()
    expect(new.get_by_label("Opções (pergunta livre)")).to_have_count(0)
    expect(new.get_by_label("Eixo (aprovação em bloco)")).to_have_count(0)
    # Each "Modo" label names its own select (the rules' one is "Modo padrão").
    expect(page.get_by_role("combobox", name="Modo", exact=True)).to_have_count(1)
    expect(page.get_by_role("combobox", name="Modo padrão")).to_have_count(1)
    _shot(page, f"voting-new-poll-regimento-{width}")

    choose_poll_item(page, "Aprovação em bloco de um eixo")
    expect(new.get_by_label("Eixo (aprovação em bloco)")).to_be_visible()
    expect(new.get_by_label("Opções (pergunta livre)")).to_have_count(0)

    choose_poll_item(page, "Pergunta livre")
    expect(new.get_by_label("Eixo (aprovação em bloco)")).to_have_count(0)
    new.get_by_role("textbox", name="Pergunta", exact=True).fill(
        "Qual o local da próxima conferência?"
    )
    new.get_by_label("Opções (pergunta livre)").fill("Montes Claros\nJanaúba")
    new.get_by_role("combobox", name="Modo", exact=True).select_option(label="Eletrônica secreta")
    assert_no_horizontal_scroll(page)
    _shot(page, f"voting-new-poll-free-{width}")
    new.get_by_role("button", name="Criar a votação").click()
    created = "Votação 1: Qual o local da próxima conferência? criada"
    expect(page.get_by_text(created)).to_be_visible()
    poll = Poll.objects.get()
    assert (poll.item, poll.mode) == ("free", "secret")
    assert [o.label for o in poll.options.all()][:2] == ["Montes Claros", "Janaúba"]

    # The button does the same by reloading the page (what works without JavaScript).
    page.get_by_label("O que se vota").select_option(label="Moção")
    page.get_by_role("button", name="Mostrar os campos").click()
    expect(page).to_have_url(f"{page.url.split('?')[0].split('#')[0]}?item=motion#new-title")
    expect(new.get_by_text("Votação de: Moção")).to_be_visible()
    expect(new.get_by_role("combobox", name="Moção")).to_be_visible()
    check_accessibility(page, f"voting-new-poll-motion-{width}")
