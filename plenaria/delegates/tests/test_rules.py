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
    assert "cota de diversidade, governo: ao menos 1 de seus 3 titulares (0 na lista)" in (
        check.problems
    )
    assert (check.quota_needed, check.quota_found) == (2, 1)


def test_a_complete_list_passes():
    seats = rules.seats(6, 6)
    listed = members(seats.titulares, seats.suplentes)
    # one quota titular in each part (members() lists users first, government last)
    listed[0] = rules.Member(USERS, TITULAR, in_quota=True)
    listed[5] = rules.Member(GOVERNMENT, TITULAR, in_quota=True)
    assert rules.check_list(listed, seats, Decimal("0.30")).ok


@given(even_seats.filter(lambda n: n <= 40), orders, st.data())
def test_a_list_that_matches_its_seats_has_no_count_problem(number, order, data):
    seats = rules.seats(number, number, order)
    needed = rules.quota_by_part(seats, Decimal("0.30"))
    listed = members(seats.titulares, seats.suplentes)
    civil_quota = data.draw(st.integers(0, number // 2))
    government_quota = data.draw(st.integers(0, number // 2))
    civil = [i for i, m in enumerate(listed) if m.role == TITULAR and m.segment != GOVERNMENT]
    government = [i for i, m in enumerate(listed) if m.role == TITULAR and m.segment == GOVERNMENT]
    for i in civil[:civil_quota] + government[:government_quota]:
        listed[i] = rules.Member(listed[i].segment, TITULAR, in_quota=True)
    check = rules.check_list(listed, seats, Decimal("0.30"))
    assert check.ok == (
        civil_quota >= needed[rules.CIVIL_PART] and government_quota >= needed[GOVERNMENT]
    )


def test_the_quota_is_met_by_each_part_and_the_check_names_the_part_that_falls_short():
    """DOMAIN.md §4, Res. CNAS 187/2025: "at least 30% of delegates at every level from
    [the quota's groups] ... Applies to government and civil society alike, keeping
    parity." So each part meets it on its own seats ("at least": rounded up); a 6 + 6
    list whose two quota titulares are both civil society fails in the government part."""
    seats = rules.seats(6, 6)
    assert rules.quota_by_part(seats, Decimal("0.30")) == {GOVERNMENT: 1, rules.CIVIL_PART: 1}
    listed = members(seats.titulares, seats.suplentes)
    listed[0] = rules.Member(USERS, TITULAR, in_quota=True)
    listed[1] = rules.Member(WORKERS, TITULAR, in_quota=True)
    with translation.override("pt-br"):
        check = rules.check_list(listed, seats, Decimal("0.30"))
    assert check.problems == [
        "cota de diversidade, governo: ao menos 1 de seus 3 titulares (0 na lista)"
    ]
    assert check.quota_parts == {GOVERNMENT: (1, 0), rules.CIVIL_PART: (1, 2)}


def test_whether_suplentes_count_toward_the_quota_is_the_rules_setting():
    """Res. CNAS 187/2025 counts "delegates" without saying whether suplentes are among
    them: the edition's (or the state's) rules say so. With suplentes counted, the base
    of each part is its titulares and suplentes, and a quota suplente counts."""
    seats = rules.seats(6, 6)
    assert rules.quota_by_part(seats, Decimal("0.30"), suplentes_count=True) == {
        GOVERNMENT: 2,
        rules.CIVIL_PART: 2,
    }
    listed = members(seats.titulares, seats.suplentes)
    quota = [i for i, m in enumerate(listed) if m.role == SUPLENTE][:1]  # a users suplente
    quota += [i for i, m in enumerate(listed) if m.segment == GOVERNMENT][:2]
    quota += [i for i, m in enumerate(listed) if m.segment == WORKERS][:1]  # titular
    for i in quota:
        listed[i] = rules.Member(listed[i].segment, listed[i].role, in_quota=True)
    assert rules.check_list(listed, seats, Decimal("0.30"), suplentes_count=True).ok
    with translation.override("pt-br"):
        by_titulares = rules.check_list(listed, seats, Decimal("0.30"))
    assert by_titulares.ok  # a workers titular and two government titulares suffice too
    listed[quota[-1]] = rules.Member(WORKERS, TITULAR)
    with translation.override("pt-br"):
        check = rules.check_list(listed, seats, Decimal("0.30"), suplentes_count=True)
        assert rules.check_list(listed, seats, Decimal("0.30")).problems == [
            "cota de diversidade, sociedade civil: ao menos 1 de seus 3 titulares (0 na lista)"
        ]
    assert check.problems == [
        "cota de diversidade, sociedade civil: ao menos 2 de seus 6 delegados(as) "
        "(titulares e suplentes; 1 na lista)"
    ]


def test_a_two_seat_municipality_may_elect_any_civil_society_segment():
    """DOMAIN.md §7: "Small municipalities often elect 2 titulares + 2 suplentes" with
    "Proportionality among users, workers and entities inside civil society". One
    civil-society titular cannot be split among three segments (issue 17, item 5): any
    segment fills it, and the check warns only about the civil-society total."""
    seats = rules.seats(2, 2)
    assert seats.shared(TITULAR) and seats.shared(SUPLENTE)
    assert seats.of(WORKERS, TITULAR) == seats.of(ENTITIES, TITULAR) == 1
    worker_and_entity = [
        rules.Member(WORKERS, TITULAR, in_quota=True),
        rules.Member(ENTITIES, SUPLENTE),
        rules.Member(GOVERNMENT, TITULAR, in_quota=True),
        rules.Member(GOVERNMENT, SUPLENTE),
    ]
    assert rules.check_list(worker_and_entity, seats, Decimal("0.30")).problems == []
    two_civil = [*worker_and_entity, rules.Member(USERS, TITULAR)]
    with translation.override("pt-br"):
        problems = rules.check_list(two_civil, seats, None).problems
    assert problems[0] == "1 titular a mais na sociedade civil (1 vaga(s))"
    assert not any("segmento" in p for p in problems)


def test_from_three_civil_society_seats_proportionality_applies_again():
    """With as many seats as segments, each segment has its own (DOMAIN.md §7)."""
    seats = rules.seats(6, 6)
    assert not seats.shared(TITULAR)
    assert seats.of(WORKERS, TITULAR) == 1
