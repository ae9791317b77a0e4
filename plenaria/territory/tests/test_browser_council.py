"""Issue 17: a municipal conference sees its seats with the shipped IBGE population and
its source; the council's organiser sets its periodicity and the warning follows it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.delegates import services as seat_services
from plenaria.editions.models import Edition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SEATS = {"small_i": 2, "small_ii": 4, "medium": 6, "large": 8, "metropolis": 12}
CREDIT = "Fonte: IBGE, dados tratados por Álvaro Justen/Brasil.IO"


def test_a_municipal_conference_sees_its_seats_and_the_population_source(
    new_page, organiser, state_organiser, make_conference, edition, mg
):
    seat_services.save_table(
        actor=state_organiser,
        edition=edition,
        state=mg,
        data=seat_services.TableInput(
            ["users", "workers", "entities"],
            portes={p: seat_services.Count(n, n) for p, n in SEATS.items()},
        ),
    )
    conference = make_conference()  # Montes Claros: no population typed, no override

    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    section = page.get_by_role("region", name="Vagas de delegados a preencher")
    expect(section).to_contain_text("8 titulares e 8 suplentes (Grande Porte)")
    expect(section).to_contain_text("População: 437.601 (estimativa IBGE, 01/07/2025)")
    expect(section).to_contain_text(CREDIT)
    check_accessibility(page, "population-conference")

    phone = new_page(organiser, width=360, height=740)
    phone.goto(f"/gestao/conferencias/{conference.pk}/")
    expect(phone.get_by_text(CREDIT)).to_be_visible()
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "population-conference-360")


def test_the_council_sets_its_periodicity_and_the_warning_follows_it(
    new_page, organiser, make_conference
):
    make_conference(
        edition=Edition.objects.get(year=2023),
        title="XIV Conferência Municipal",
        start_date=dt.date(2022, 6, 1),
        end_date=dt.date(2022, 6, 1),
    )
    conference = make_conference()  # 2025: three years later, within the four of art. 117

    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    expect(page.get_by_text("há 3 anos")).to_have_count(0)

    page.goto("/gestao/")
    page.get_by_role("link", name="Dados do conselho — Conselho Municipal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dados do conselho")
    expect(page.get_by_text(CREDIT)).to_be_visible()
    field = page.get_by_label("Anos entre as conferências")
    field.fill("5")
    page.get_by_role("button", name="Salvar", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("menor ou igual a 4")
    check_accessibility(page, "council-settings-error")
    page.get_by_label("Anos entre as conferências").fill("2")
    page.get_by_role("button", name="Salvar", exact=True).click()
    expect(page.get_by_text("Dados do conselho salvos.")).to_be_visible()
    expect(page.get_by_label("Anos entre as conferências")).to_have_value("2")
    check_accessibility(page, "council-settings")

    page.goto(f"/gestao/conferencias/{conference.pk}/")
    expect(page.get_by_text("o conselho realiza suas conferências a cada 2 anos")).to_be_visible()

    phone = new_page(organiser, width=360, height=740)
    phone.goto("/gestao/")
    phone.get_by_role("link", name="Dados do conselho — Conselho Municipal").click()
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "council-settings-360")
