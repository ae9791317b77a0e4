import pytest

from plenaria.territory.models import Council, Municipality, State
from plenaria.territory.services import load_reference_data

pytestmark = pytest.mark.django_db


def test_the_whole_country_is_loaded():
    assert State.objects.count() == 27
    assert Municipality.objects.count() == 5570
    assert Municipality.objects.filter(state__abbreviation="MG").count() == 853
    assert Municipality.objects.get(ibge_code=3143302).name == "Montes Claros"
    assert Municipality.objects.get(ibge_code=5300108).name == "Brasília"


def test_every_territory_has_its_council():
    assert Council.objects.filter(level="national").count() == 1
    assert Council.objects.filter(level="state").count() == 27
    assert Council.objects.filter(level="municipal").count() == 5570
    assert "CAS/DF" in Council.objects.get(level="state", state__abbreviation="DF").name


def test_loading_again_creates_nothing():
    assert load_reference_data(State, Municipality, Council) == {
        "states": 0,
        "municipalities": 0,
        "councils": 0,
    }
