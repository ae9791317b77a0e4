"""A two-shift day in the browser (issue 23, item 2): the desk credentials three
delegates in the morning and two of them again in the afternoon; the afternoon's
quorum base on the credentialing page and the afternoon poll's count agree, and the
delegate who left at lunch is told to go to the desk instead of voting."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plenaria.conferences.models import Shift
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, choose_poll_item
from plenaria.voting.models import Poll
from plenaria.voting.tests.test_browser_voting import open_voting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SHOTS = Path("var/screenshots")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def credential(page, conference, shift, people):
    page.goto(f"/gestao/conferencias/{conference.pk}/credenciamento/")
    page.get_by_role("combobox", name="Turno").select_option(label=str(shift))
    page.get_by_role("button", name="Trocar de turno").click()
    for person in people:
        field = page.get_by_label("Código de inscrição (leitor de QR ou digitado)")
        field.fill(person.code)
        field.press("Enter")
        expect(page.get_by_text(f"{person.name} credenciado(a)", exact=False)).to_be_visible()


def test_an_afternoon_poll_counts_only_the_afternoon_credentialing(
    new_page, conference, shift, organiser, enrol
):
    afternoon = Shift.objects.create(
        conference=conference,
        name="Tarde",
        date=timezone.localdate(),
        start_time=dt.time(0, 0),
        end_time=dt.time(23, 59),
    )
    ana, bia, cida = (enrol(f"Delegada {n}", present=False) for n in ("Ana", "Bia", "Cida"))

    desk = new_page(organiser)
    credential(desk, conference, shift, [ana, bia, cida])
    expect(desk.locator("#quorum-base")).to_contain_text("3")
    credential(desk, conference, afternoon, [ana, bia])  # Cida left at lunch
    expect(desk.locator("#quorum-base")).to_have_text("2 delegados(as) presentes (base do quórum)")
    check_accessibility(desk, "credentialing-afternoon")
    shot(desk, "shiftquorum-credentialing")

    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/votacao/")
    choose_poll_item(table, "Regimento interno")
    table.get_by_role("combobox", name="Modo", exact=True).select_option(
        label="Eletrônica aberta (nominal)"
    )
    table.get_by_role("button", name="Criar a votação").click()
    table.get_by_role("button", name="Abrir a votação 1").click()
    expect(table.locator("#current-rules")).to_contain_text("credenciados no turno Tarde")
    expect(table.get_by_text("0 de 2 delegados(as) credenciados(as) já votaram")).to_be_visible()
    check_accessibility(table, "console-afternoon-poll")
    shot(table, "shiftquorum-console")

    left = new_page(width=360, height=740)
    open_voting(left, cida)
    expect(left.get_by_text("Você não foi credenciado(a) no turno Tarde")).to_be_visible()
    expect(left.get_by_role("button", name="Favorável")).to_have_count(0)
    check_accessibility(left, "phone-other-shift")
    assert_no_horizontal_scroll(left)
    shot(left, "shiftquorum-phone-360")

    for person in (ana, bia):
        phone = new_page(width=360, height=740)
        open_voting(phone, person)
        phone.get_by_role("button", name="Favorável").click()
        expect(phone.get_by_role("status")).to_contain_text("Seu voto está registrado.")

    table.reload()
    expect(table.get_by_text("2 de 2 delegados(as) credenciados(as) já votaram")).to_be_visible()
    table.get_by_role("button", name="Encerrar a votação 1").click()
    expect(table.get_by_role("heading", name="Resultado: Aprovada")).to_be_visible()
    poll = Poll.objects.get()
    assert (poll.shift, poll.entitled_count) == (afternoon, 2)

    narrow = new_page(organiser, width=360, height=740)
    narrow.goto(f"/gestao/conferencias/{conference.pk}/credenciamento/?turno={afternoon.pk}")
    expect(narrow.locator("#quorum-base")).to_contain_text(str(poll.entitled_count))
    assert_no_horizontal_scroll(narrow)
    shot(narrow, "shiftquorum-credentialing-360")


def test_the_table_gives_the_time_an_analog_vote_was_held(
    new_page, conference, shift, organiser, enrol
):
    enrol("Delegada Ana")
    enrol("Delegada Bia")
    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/votacao/")
    choose_poll_item(table, "Regimento interno")
    table.get_by_role("combobox", name="Modo", exact=True).select_option(
        label="Analógica (crachás de votação contados pela mesa)"
    )
    table.get_by_role("button", name="Criar a votação").click()
    table.get_by_role("button", name="Abrir a votação 1").click()
    table.get_by_role("button", name="Encerrar a votação 1").click()
    opened = timezone.localtime(Poll.objects.get().opened_at)
    held = table.get_by_label("Votação realizada em")
    expect(held).to_have_value(opened.strftime("%Y-%m-%dT%H:%M"))  # default: the opening
    earlier = (opened - dt.timedelta(minutes=20)).replace(second=0, microsecond=0)
    held.fill(earlier.strftime("%Y-%m-%dT%H:%M"))
    table.get_by_label("Favorável").fill("2")
    table.get_by_label("Contrário").fill("0")
    table.get_by_label("Abstenção").fill("0")
    table.get_by_role("button", name="Registrar as contagens").click()
    expect(table.get_by_role("heading", name="Resultado: Aprovada")).to_be_visible()
    expect(table.locator("#current-rules")).to_contain_text(
        "realizada em " + earlier.strftime("%d/%m/%Y %H:%M")
    )
    check_accessibility(table, "console-analog-held")
    shot(table, "shiftquorum-analog")
    assert Poll.objects.get().held_at == earlier
