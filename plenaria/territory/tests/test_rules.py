from hypothesis import given
from hypothesis import strategies as st

from plenaria.territory.rules import Porte, population_range, porte_for_population


def test_pnas_thresholds():
    assert porte_for_population(None) is None
    assert porte_for_population(20_000) == Porte.SMALL_I
    assert porte_for_population(20_001) == Porte.SMALL_II
    assert porte_for_population(50_000) == Porte.SMALL_II
    assert porte_for_population(50_001) == Porte.MEDIUM
    assert porte_for_population(100_000) == Porte.MEDIUM
    assert porte_for_population(100_001) == Porte.LARGE
    assert porte_for_population(900_000) == Porte.LARGE
    assert porte_for_population(900_001) == Porte.METROPOLIS


@given(st.integers(min_value=0, max_value=15_000_000))
def test_every_population_falls_in_the_range_of_its_class(population):
    low, high = population_range(porte_for_population(population))
    assert low <= population and (high is None or population <= high)
