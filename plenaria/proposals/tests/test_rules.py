"""Deliberation rules: aggregation across groups, caps, motion signatures."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from plenaria.proposals.rules import (
    Aggregation,
    GroupVote,
    Outcome,
    aggregate,
    group_outcome,
    half_plus_one,
    motion_qualifies,
    over_cap,
    signatures_needed,
)

RULE = Aggregation()
votes = st.builds(
    GroupVote,
    yes=st.integers(0, 200),
    no=st.integers(0, 200),
    abstention=st.integers(0, 200),
)


def test_a_group_approves_at_seventy_percent_and_sends_fifty_to_plenary():
    assert group_outcome(GroupVote(7, 3, 0), RULE) == Outcome.APPROVED
    assert group_outcome(GroupVote(69, 31, 0), RULE) == Outcome.PLENARY
    assert group_outcome(GroupVote(5, 5, 0), RULE) == Outcome.PLENARY
    assert group_outcome(GroupVote(4, 5, 1), RULE) == Outcome.REJECTED
    assert group_outcome(GroupVote(0, 0, 0), RULE) == Outcome.REJECTED


def test_abstentions_count_as_votes_cast():
    assert group_outcome(GroupVote(7, 0, 3), RULE) == Outcome.APPROVED
    assert group_outcome(GroupVote(7, 0, 4), RULE) == Outcome.PLENARY


def test_half_plus_one_of_the_groups():
    assert [half_plus_one(n) for n in (1, 2, 3, 4, 5)] == [1, 2, 2, 3, 3]


def test_aggregation_across_three_groups():
    strong, middle, weak = GroupVote(8, 2, 0), GroupVote(6, 4, 0), GroupVote(2, 8, 0)
    assert aggregate([strong, strong, weak], 3, RULE) == Outcome.APPROVED
    assert aggregate([strong, middle, weak], 3, RULE) == Outcome.PLENARY
    assert aggregate([middle, middle, weak], 3, RULE) == Outcome.PLENARY
    assert aggregate([strong, weak, weak], 3, RULE) == Outcome.PLENARY  # groups disagree
    assert aggregate([middle, weak, weak], 3, RULE) == Outcome.REJECTED
    # A proposal voted by only one of three groups is not approved directly.
    assert aggregate([strong, None, None], 3, RULE) == Outcome.PLENARY


@given(st.lists(votes, min_size=1, max_size=9))
def test_one_group_more_in_favour_never_makes_the_outcome_worse(group_votes):
    rank = {Outcome.REJECTED: 0, Outcome.PLENARY: 1, Outcome.APPROVED: 2}
    before = aggregate(group_votes, len(group_votes), RULE)
    better = [*group_votes]
    better[0] = GroupVote(better[0].total or 1, 0, 0)
    assert rank[aggregate(better, len(better), RULE)] >= rank[before]


@given(st.lists(votes, min_size=1, max_size=9))
def test_unanimous_groups_approve_and_empty_ones_reject(group_votes):
    unanimous = [GroupVote(v.total or 1, 0, 0) for v in group_votes]
    assert aggregate(unanimous, len(unanimous), RULE) == Outcome.APPROVED
    against = [GroupVote(0, v.total or 1, 0) for v in group_votes]
    assert aggregate(against, len(against), RULE) == Outcome.REJECTED


def test_over_cap_flags_only_axes_beyond_the_cap():
    counts = {(1, "municipal"): 6, (1, "state"): 5, (2, "federal"): 2}
    assert over_cap(counts, 5) == {(1, "municipal"): 1}
    assert over_cap(counts, None) == {}


def test_motion_needs_the_share_of_credentialed_delegates_rounded_up():
    share = Decimal("0.20")
    assert signatures_needed(100, share) == 20
    assert signatures_needed(101, share) == 21
    assert signatures_needed(0, share) == 1
    assert motion_qualifies(21, 101, share) and not motion_qualifies(20, 101, share)


@given(st.integers(0, 5000), st.decimals("0.01", "1", places=2))
def test_signatures_needed_is_the_smallest_count_reaching_the_share(delegates, share):
    needed = signatures_needed(delegates, share)
    assert needed >= 1
    assert needed >= Decimal(delegates) * share
    assert needed - 1 < max(Decimal(delegates) * share, 1)
