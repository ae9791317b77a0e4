"""The warning rules are pure functions: no database."""

import datetime as dt

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from plenaria.conferences import rules
from plenaria.conferences.rules import PastConference

D = dt.date


def test_dates_inside_the_window_do_not_warn():
    assert (
        rules.window_warnings(
            D(2025, 6, 1), D(2025, 6, 2), (D(2025, 3, 31), D(2025, 7, 11)), "municipal"
        )
        == []
    )


def test_dates_after_the_window_warn_in_portuguese():
    with translation.override("pt-br"):
        warnings = rules.window_warnings(
            D(2025, 7, 25), D(2025, 7, 25), (D(2025, 3, 31), D(2025, 7, 11)), "municipal"
        )
    assert len(warnings) == 1
    assert "fora do período" in warnings[0]
    assert "11/07/2025" in warnings[0]


def test_no_window_means_no_warning():
    assert rules.window_warnings(D(2030, 1, 1), D(2030, 1, 2), None, "municipal") == []


def test_ordinary_four_years_after_the_previous_ordinary_is_fine():
    previous = [
        PastConference(D(2021, 6, 1), "ordinary"),
        PastConference(D(2023, 6, 1), "extraordinary"),
    ]
    assert rules.periodicity_warnings(D(2025, 6, 1), "ordinary", previous) == []


def test_ordinary_three_years_after_the_previous_ordinary_warns():
    warnings = rules.periodicity_warnings(
        D(2024, 6, 1), "ordinary", [PastConference(D(2021, 6, 1), "ordinary")]
    )
    assert len(warnings) == 1 and "2021" in warnings[0]


def test_extraordinary_one_year_after_the_previous_conference_warns():
    warnings = rules.periodicity_warnings(
        D(2022, 6, 1), "extraordinary", [PastConference(D(2021, 6, 1), "ordinary")]
    )
    assert len(warnings) == 1


def test_extraordinary_two_years_after_is_fine():
    assert (
        rules.periodicity_warnings(
            D(2023, 6, 1), "extraordinary", [PastConference(D(2021, 6, 1), "ordinary")]
        )
        == []
    )


def test_intervals_come_from_configuration():
    previous = [PastConference(D(2020, 6, 1), "ordinary")]
    assert rules.periodicity_warnings(D(2025, 6, 1), "ordinary", previous, ordinary_years=5) == []


def test_first_conference_has_no_periodicity_warning():
    assert rules.periodicity_warnings(D(2025, 6, 1), "ordinary", []) == []


def test_later_conferences_are_not_counted_as_previous():
    later = [PastConference(D(2027, 6, 1), "ordinary")]
    assert rules.periodicity_warnings(D(2025, 6, 1), "ordinary", later) == []


def test_ending_on_or_after_the_parent_start_warns():
    assert rules.parent_warnings(D(2025, 9, 15), D(2025, 9, 15), "Estadual")
    assert rules.parent_warnings(D(2025, 9, 14), D(2025, 9, 15), "Estadual") == []
    assert rules.parent_warnings(D(2025, 9, 14), None, "") == []


def test_parity_of_the_commission():
    assert rules.parity_warnings(["government", "civil_society"]) == []
    assert rules.parity_warnings([]) == []
    warnings = rules.parity_warnings(["government", "government", "civil_society"])
    assert len(warnings) == 1 and "2" in warnings[0]


@given(st.lists(st.sampled_from(["government", "civil_society"]), max_size=30))
def test_parity_warns_exactly_when_sides_differ(sectors):
    unequal = sectors.count("government") != sectors.count("civil_society")
    assert bool(rules.parity_warnings(sectors)) == unequal


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)),
    st.integers(min_value=0, max_value=60),
    st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)),
    st.integers(min_value=0, max_value=200),
)
def test_window_warns_exactly_when_dates_leave_it(start, length, w_start, w_length):
    end = start + dt.timedelta(days=length)
    w_end = w_start + dt.timedelta(days=w_length)
    outside = start < w_start or end > w_end
    assert bool(rules.window_warnings(start, end, (w_start, w_end), "municipal")) == outside
