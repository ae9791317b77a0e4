from hypothesis import given
from hypothesis import strategies as st

from plenaria.voting import rules


def decide(counts, majority="simple", quorum="majority", entitled=10):
    return rules.outcome(counts, majority=majority, quorum=quorum, entitled=entitled)


def test_quorum_is_more_than_half_of_the_credentialed_by_default():
    assert rules.quorum_needed("majority", 10) == 6
    assert rules.quorum_needed("majority", 9) == 5
    assert rules.quorum_needed("one_third", 10) == 4
    assert rules.quorum_needed("none", 10) == 0


def test_simple_majority_counts_valid_votes_only():
    assert decide({"yes": 3, "no": 2, "abstention": 5}).approved is True
    assert decide({"yes": 2, "no": 2, "abstention": 6}).approved is False  # a tie falls
    assert decide({"yes": 2, "no": 2, "abstention": 6}).tie is True


def test_absolute_majority_needs_more_than_half_of_the_entitled():
    assert decide({"yes": 5, "no": 0, "abstention": 3}, majority="absolute").approved is False
    assert decide({"yes": 6, "no": 0}, majority="absolute").approved is True


def test_two_thirds_of_valid_votes():
    assert decide({"yes": 4, "no": 2}, majority="two_thirds").approved is True
    assert decide({"yes": 5, "no": 3}, majority="two_thirds").approved is False


def test_without_quorum_nothing_passes():
    result = decide({"yes": 3, "no": 0}, entitled=10)
    assert (result.quorum_met, result.approved) == (False, False)


def test_options_are_won_by_the_most_voted_and_a_tie_decides_nothing():
    assert decide({"original": 2, "proposed": 5, "abstention": 1}).winner == "proposed"
    assert decide({"original": 4, "proposed": 4}).winner is None
    assert decide({"o1": 3, "o2": 2, "o3": 2}, majority="absolute").winner is None


counts = st.fixed_dictionaries(
    {"yes": st.integers(0, 500), "no": st.integers(0, 500), "abstention": st.integers(0, 500)}
)


@given(counts, st.sampled_from(["simple", "absolute", "two_thirds"]), st.integers(0, 2000))
def test_an_approval_always_has_more_yes_than_no_and_the_quorum(counts, majority, entitled):
    result = decide(counts, majority=majority, entitled=entitled)
    if result.approved:
        assert counts["yes"] > counts["no"]
        assert sum(counts.values()) >= rules.quorum_needed("majority", entitled)


@given(counts, st.integers(1, 100))
def test_abstentions_never_turn_a_simple_result(counts, extra):
    more = dict(counts, abstention=counts["abstention"] + extra)
    before = decide(counts, quorum="none")
    assert decide(more, quorum="none").approved == before.approved
