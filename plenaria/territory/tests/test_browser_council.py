"""Issue 17: a municipal conference sees its seats with the shipped IBGE population and
its source."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.delegates import services as seat_services

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

