from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from plenaria.delegates import rules
from plenaria.delegates.rules import ENTITIES, GOVERNMENT, SUPLENTE, TITULAR, USERS, WORKERS

even_seats = st.integers(min_value=0, max_value=rules.MAX_SEATS // 2).map(lambda n: n * 2)
orders = st.permutations(list(rules.CIVIL_SOCIETY))


def test_a_small_municipality_elects_one_government_and_one_civil_society_titular():
    table = rules.seats(2, 2)
    assert table.titulares == {USERS: 1, WORKERS: 0, ENTITIES: 0, GOVERNMENT: 1}
    assert table.suplentes == table.titulares


def test_remainders_follow_the_stated_order():
    assert rules.split(10) == {USERS: 2, WORKERS: 2, ENTITIES: 1, GOVERNMENT: 5}
    assert rules.split(10, [ENTITIES, WORKERS, USERS]) == {
        USERS: 1,
        WORKERS: 2,
        ENTITIES: 2,
        GOVERNMENT: 5,
    }
    assert rules.split(12) == {USERS: 2, WORKERS: 2, ENTITIES: 2, GOVERNMENT: 6}


def test_odd_negative_and_absurd_numbers_are_refused_in_portuguese():
    with translation.override("pt-br"):
        assert "par" in rules.seat_number_problem(3)
        assert "negativo" in rules.seat_number_problem(-2)
        assert "500" in rules.seat_number_problem(5000)
    assert rules.seat_number_problem(4) is None
    assert rules.seat_number_problem(0) is None
    with pytest.raises(ValueError):
        rules.split(3)


@given(even_seats, orders)
def test_any_table_keeps_parity_proportionality_and_its_total(number, order):
    parts = rules.split(number, order)
    assert sum(parts.values()) == number
    civil = [parts[s] for s in rules.CIVIL_SOCIETY]
    assert parts[GOVERNMENT] == sum(civil) == number // 2
    assert max(civil) - min(civil) <= 1  # proportional up to one remainder seat
    # the remainder seats went to the first segments of the order
    assert [parts[s] for s in order] == sorted(civil, reverse=True)


def test_the_quota_rounds_up_and_is_zero_without_a_rule():
    assert rules.quota_minimum(6, Decimal("0.30")) == 2
    assert rules.quota_minimum(10, Decimal("0.30")) == 3
    assert rules.quota_minimum(2, Decimal("0.30")) == 1
    assert rules.quota_minimum(0, Decimal("0.30")) == 0
    assert rules.quota_minimum(6, None) == 0


def candidate(key, votes, born=None, order=None):
    return rules.Candidate(
        key=key, votes=votes, birth_date=born, order=key if order is None else order
    )


def test_ties_go_to_the_older_candidate_then_to_the_earlier_candidacy():
    a = candidate(1, 5, date(1990, 1, 1))
    b = candidate(2, 5, date(1960, 1, 1))
    c = candidate(3, 7)
    d = candidate(4, 5)  # no birth date: after those with one
    e = candidate(5, 5, date(1960, 1, 1))
    assert [x.key for x in rules.rank([a, b, c, d, e])] == [3, 2, 5, 1, 4]
    assert [x.key for x in rules.rank([a, b, c, d, e], rules.YOUNGER_FIRST)] == [3, 1, 2, 5, 4]
    assert [x.key for x in rules.rank([a, b, c, d, e], rules.EARLIER_CANDIDACY)] == [3, 1, 2, 4, 5]


candidates = st.lists(
    st.builds(
        rules.Candidate,
        key=st.integers(min_value=1, max_value=10_000),
        votes=st.integers(min_value=0, max_value=50),
        birth_date=st.none() | st.dates(min_value=date(1920, 1, 1), max_value=date(2014, 1, 1)),
        order=st.integers(min_value=0, max_value=100),
    ),
    max_size=30,
    unique_by=lambda c: c.key,
)


@given(
    candidates,
    st.integers(0, 10),
    st.integers(0, 10),
    st.sampled_from([rules.OLDER_FIRST, rules.YOUNGER_FIRST, rules.EARLIER_CANDIDACY]),
)
def test_filling_never_exceeds_the_seats_and_follows_the_votes(people, titulares, suplentes, tie):
    ranked = rules.rank(people, tie)
    assert rules.rank(list(reversed(people)), tie) == ranked  # input order never decides
    roles = rules.fill(ranked, titulares, suplentes)
    chosen_t = [c for c in ranked if roles.get(c.key) == TITULAR]
    chosen_s = [c for c in ranked if roles.get(c.key) == SUPLENTE]
    assert len(chosen_t) == min(titulares, len(people))
    assert len(chosen_s) == min(suplentes, max(0, len(people) - titulares))
    left_out = [c for c in people if c.key not in roles]
    if chosen_t:
        assert all(c.votes <= min(t.votes for t in chosen_t) for c in chosen_s + left_out)
    if chosen_s:
        assert all(c.votes <= min(s.votes for s in chosen_s) for c in left_out)


def members(titulares: dict, suplentes: dict, quota=0):
    out = []
    for role, parts in ((TITULAR, titulares), (SUPLENTE, suplentes)):
        for segment, n in parts.items():
            out += [rules.Member(segment, role) for _ in range(n)]
    for i in range(quota):
        out[i] = rules.Member(out[i].segment, out[i].role, in_quota=True)
    return out


def test_the_check_says_exactly_what_is_missing():
    seats = rules.seats(6, 6)
    listed = members(
        {USERS: 0, WORKERS: 1, ENTITIES: 1, GOVERNMENT: 3},
        {USERS: 1, WORKERS: 1, ENTITIES: 1, GOVERNMENT: 3},
        quota=1,
    )
    with translation.override("pt-br"):
        check = rules.check_list(listed, seats, Decimal("0.30"))
    assert not check.ok
    assert "falta 1 titular do segmento usuários" in check.problems
    assert any("paridade" in p for p in check.problems)
    assert "a cota de diversidade exige ao menos 2 de 6 titulares (1 na lista)" in check.problems
    assert (check.quota_needed, check.quota_found) == (2, 1)


def test_a_complete_list_passes():
    seats = rules.seats(6, 6)
    listed = members(seats.titulares, seats.suplentes, quota=2)
    assert rules.check_list(listed, seats, Decimal("0.30")).ok


@given(even_seats.filter(lambda n: n <= 40), orders, st.data())
def test_a_list_that_matches_its_seats_has_no_count_problem(number, order, data):
    seats = rules.seats(number, number, order)
    needed = rules.quota_minimum(number, Decimal("0.30"))
    quota = data.draw(st.integers(0, number))
    check = rules.check_list(
        members(seats.titulares, seats.suplentes, quota), seats, Decimal("0.30")
    )
    assert check.ok == (quota >= needed)
