import datetime as dt
from decimal import Decimal

import pytest

from plenaria.territory.models import Council, Municipality, State
from plenaria.territory.services import load_reference_data, load_reference_figures

pytestmark = pytest.mark.django_db


def test_the_whole_country_is_loaded():
    assert State.objects.count() == 27
    assert Municipality.objects.count() == 5571
    assert Municipality.objects.filter(state__abbreviation="MG").count() == 853
    assert Municipality.objects.get(ibge_code=3143302).name == "Montes Claros"
    assert Municipality.objects.get(ibge_code=5300108).name == "Brasília"


def test_every_territory_has_its_council():
    assert Council.objects.filter(level="national").count() == 1
    assert Council.objects.filter(level="state").count() == 27
    assert Council.objects.filter(level="municipal").count() == 5571
    assert "CAS/DF" in Council.objects.get(level="state", state__abbreviation="DF").name


def test_loading_again_creates_nothing():
    assert load_reference_data(State, Municipality, Council) == {
        "states": 0,
        "municipalities": 0,
        "councils": 0,
    }


def test_the_municipality_installed_in_2025_is_there_with_its_council():
    """IBGE: Boa Esperança do Norte (MT, 5101837) was installed in 2025, the 5,571st."""
    muni = Municipality.objects.get(ibge_code=5101837)
    assert (muni.name, muni.state.abbreviation) == ("Boa Esperança do Norte", "MT")
    assert muni.council.name.endswith("Boa Esperança do Norte/MT (CMAS)")


def test_every_municipality_has_the_ibge_2025_estimate_and_a_porte():
    """IBGE, Estimativas da População residente, reference date 1 July 2025 (data/README.md:
    national total 213,421,037; MG 21,393,441); porte by the PNAS 2004 thresholds, whose
    counts per class the README lists (MG: 663, 118, 36, 35, 1)."""
    assert not Municipality.objects.filter(population__isnull=True).exists()
    assert sum(Municipality.objects.values_list("population", flat=True)) == 213_421_037
    moc = Municipality.objects.get(ibge_code=3143302)
    assert (moc.population, moc.population_year, moc.population_date) == (
        437_601,
        2025,
        dt.date(2025, 7, 1),
    )
    assert moc.population_source == "ibge_estimate" and moc.porte == "large"
    assert moc.population_credit == "Fonte: IBGE, dados tratados por Álvaro Justen/Brasil.IO"
    mg = [m.porte for m in Municipality.objects.filter(state__abbreviation="MG")]
    counts = [mg.count(p) for p in ("small_i", "small_ii", "medium", "large", "metropolis")]
    assert counts == [663, 118, 36, 35, 1]


def test_every_municipality_has_the_coordinates_of_its_seat():
    """kelvins/municipios-brasileiros (data/README.md): Montes Claros at -16.7282, -43.8578."""
    assert not Municipality.objects.filter(latitude__isnull=True).exists()
    moc = Municipality.objects.get(ibge_code=3143302)
    assert (moc.latitude, moc.longitude) == (Decimal("-16.7282"), Decimal("-43.8578"))


def test_loading_the_figures_again_keeps_a_newer_imported_figure():
    """The import stays for updates: a figure of a later year than the shipped one is kept,
    an older one is replaced by the shipped estimate."""
    Municipality.objects.filter(ibge_code=3143302).update(
        population=440_000, population_year=2026, population_source="import"
    )
    Municipality.objects.filter(ibge_code=3135100).update(
        population=66_000, population_year=2022, population_source="import"
    )
    assert load_reference_figures(Municipality) == {"population": 1, "coordinates": 0}
    assert Municipality.objects.get(ibge_code=3143302).population == 440_000
    janauba = Municipality.objects.get(ibge_code=3135100)
    assert (janauba.population_source, janauba.population_year) == ("ibge_estimate", 2025)
