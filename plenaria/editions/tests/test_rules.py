"""Rules of an edition's calendar (editions/rules.py)."""

import datetime as dt

from plenaria.editions import rules

D = dt.date
# 2025, DOMAIN.md §2: municipal 31 Mar–11 Jul, state 11 Aug–17 Oct, national 6–9 Dec.
NATIONAL_2025 = {
    "municipal": (D(2025, 3, 31), D(2025, 7, 11)),
    "state": (D(2025, 8, 11), D(2025, 10, 17)),
    "national": (D(2025, 12, 6), D(2025, 12, 9)),
}
LABELS = {"municipal": "municipal", "regional": "regional", "state": "estadual"}


def _errors(**given):
    values = {
        "municipal": (None, None),
        "conference": (None, None),
        "handover_deadline": None,
        "report_deadline": None,
        **given,
    }
    return rules.state_calendar_errors(**values, national=NATIONAL_2025, labels=LABELS)


def test_a_state_window_inside_the_national_ones_passes():
    """DOMAIN.md §2: the CNAS fixes the windows per level (2025: municipal 31 Mar–11 Jul,
    state 11 Aug–17 Oct); a state sets its own inside them."""
    assert (
        _errors(
            municipal=(D(2025, 4, 1), D(2025, 6, 30)),
            conference=(D(2025, 9, 10), D(2025, 9, 12)),
            handover_deadline=D(2025, 7, 31),
            report_deadline=D(2025, 7, 31),
        )
        == {}
    )


def test_blank_is_allowed_the_national_window_applies():
    """DOMAIN.md §2: where the state sets nothing, the national window is the rule."""
    assert _errors() == {}


def test_a_municipal_window_past_the_national_one_is_an_error_at_the_field():
    """DOMAIN.md §2: 2025 municipal window 31 Mar–11 Jul."""
    found = _errors(municipal=(D(2025, 4, 1), D(2025, 7, 20)))
    assert "31/03/2025" in found["municipal_end"] and "11/07/2025" in found["municipal_end"]


def test_the_state_conference_inside_the_national_state_window():
    """DOMAIN.md §2: 2025 state window 11 Aug–17 Oct."""
    found = _errors(conference=(D(2025, 10, 16), D(2025, 10, 18)))
    assert "conference_end" in found


def test_half_a_period_or_an_end_before_the_start_is_refused():
    """DOMAIN.md §2: a window is a period, from a start to an end."""
    assert "conference_end" in _errors(conference=(D(2025, 9, 10), None))
    assert "municipal_end" in _errors(municipal=(D(2025, 5, 10), D(2025, 5, 1)))


def test_the_state_conference_comes_after_the_municipal_ones():
    """DOMAIN.md §1: the chain always runs municipal → state (and DF) → national."""
    found = _errors(
        municipal=(D(2025, 4, 1), D(2025, 7, 11)), conference=(D(2025, 8, 11), D(2025, 8, 12))
    )
    assert found == {}
    narrow = {**NATIONAL_2025, "state": (D(2025, 7, 1), D(2025, 10, 17))}
    late = rules.state_calendar_errors(
        municipal=(D(2025, 4, 1), D(2025, 7, 10)),
        conference=(D(2025, 7, 5), D(2025, 7, 6)),
        handover_deadline=None,
        report_deadline=None,
        national=narrow,
        labels=LABELS,
    )
    assert "conference_start" in late


def test_the_delegate_lists_arrive_by_the_state_conference():
    """DOMAIN.md §7: the list "goes to the state council by a deadline; elected
    delegates are then registered at the state conference"."""
    found = _errors(conference=(D(2025, 9, 10), D(2025, 9, 12)), handover_deadline=D(2025, 9, 11))
    assert "handover_deadline" in found


def test_no_deadline_before_the_municipal_conferences_begin():
    """DOMAIN.md §7–8: lists and reports follow the municipal conferences."""
    found = _errors(handover_deadline=D(2025, 3, 1), report_deadline=D(2025, 3, 30))
    assert set(found) == {"handover_deadline", "report_deadline"}


def test_edition_windows_need_both_dates_and_follow_the_chain():
    """DOMAIN.md §2: calendar windows per level; §1: municipal → state → national."""
    assert rules.edition_window_errors(dict(NATIONAL_2025)) == {}
    assert rules.edition_window_errors({"municipal": (D(2025, 3, 31), None)}) == {
        "municipal": "Preencha as duas datas do período, ou nenhuma."
    }
    backwards = {"municipal": NATIONAL_2025["municipal"], "state": (D(2025, 1, 1), D(2025, 2, 1))}
    assert set(rules.edition_window_errors(backwards)) == {"state"}
