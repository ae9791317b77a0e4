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


def test_conferences_two_years_apart_do_not_warn():
    """NOB-SUAS 2012, art. 117 (DOMAIN.md §3): "ordinary conferences every 4 years" is a
    limit, not a period: the council sets its own, so a municipality that met in 2023 and
    2025, as the national cycle did, is not warned (issue 17, item 3)."""
    previous = [PastConference(D(2023, 6, 1), "ordinary")]
    assert rules.periodicity_warnings(D(2025, 6, 1), "ordinary", previous) == []
    assert rules.periodicity_warnings(D(2024, 6, 1), "ordinary", previous) == []


def test_more_than_four_years_apart_warns():
    """NOB-SUAS 2012, art. 117 (DOMAIN.md §3): "ordinary conferences every 4 years";
    conferences may not be more than four years apart."""
    previous = [PastConference(D(2020, 6, 1), "ordinary")]
    warnings = rules.periodicity_warnings(D(2025, 6, 1), "ordinary", previous)
    assert len(warnings) == 1 and "2020" in warnings[0] and "4" in warnings[0]
    assert rules.periodicity_warnings(D(2024, 6, 1), "ordinary", previous) == []


def test_the_gap_counts_from_the_last_conference_of_any_nature():
    """NOB-SUAS 2012, art. 117 (DOMAIN.md §3): an extraordinary conference in between
    also counts: conferences, of either nature, are at most four years apart."""
    previous = [
        PastConference(D(2017, 6, 1), "ordinary"),
        PastConference(D(2019, 6, 1), "extraordinary"),
    ]
    assert rules.periodicity_warnings(D(2023, 6, 1), "ordinary", previous) == []


def test_the_councils_own_period_warns_when_exceeded():
    """NOB-SUAS 2012, art. 117: the council sets its periodicity within four years
    (issue 17, item 3: "Warn only when the gap exceeds four years or the council's own
    period")."""
    previous = [PastConference(D(2022, 6, 1), "ordinary")]
    warnings = rules.periodicity_warnings(D(2025, 6, 1), "ordinary", previous, council_period=2)
    assert len(warnings) == 1 and "2 " in warnings[0]
    assert rules.periodicity_warnings(D(2024, 6, 1), "ordinary", previous, council_period=2) == []
    assert rules.periodicity_warnings(D(2025, 6, 1), "ordinary", previous, council_period=3) == []


def test_extraordinary_one_year_after_the_previous_conference_warns():
    """DOMAIN.md §3 (NOB-SUAS 2012, art. 117): "an extraordinary one may be convoked every
    2 years by a majority of the council"."""
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


@given(
    last=st.integers(2000, 2040),
    gap=st.integers(0, 10),
    period=st.one_of(st.none(), st.integers(1, 4)),
)
def test_an_ordinary_conference_warns_exactly_past_the_limit(last, gap, period):
    """NOB-SUAS 2012, art. 117: at most four years apart, or the council's own period."""
    previous = [PastConference(D(last, 6, 1), "ordinary")]
    with translation.override("en"):
        warnings = rules.periodicity_warnings(
            D(last + gap, 7, 1), "ordinary", previous, council_period=period
        )
    assert bool(warnings) == (gap > min(4, period or 4))


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
