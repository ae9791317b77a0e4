"""Deliberation rules: aggregation across groups, caps, motion signatures."""

import datetime as dt
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from plenaria.proposals.rules import (
    Aggregation,
    GroupVote,
    Outcome,
    aggregate,
    balance,
    group_outcome,
    half_plus_one,
    in_groups_hands,
    motion_qualifies,
    motions_open,
    over_cap,
    signatures_needed,
    word_diff,
)

# The example of DOMAIN.md §5 ("approved directly when it reaches ≥70% in at least
# half-plus-one of the groups of that axis; 50–70% ... go to the plenary"), as a
# regimento would set it, abstentions counted.
RULE = Aggregation(Decimal("0.70"), Decimal("0.50"), abstentions_count=True)
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


def test_whether_abstentions_are_in_the_base_is_the_regimentos_choice():
    """Issue 17, item 6: "Abstentions in or out of the base is a setting." DOMAIN.md §6
    counts majorities "of valid votes" by default and §5 leaves the groups' rule to each
    regulation, so the rule takes the regimento's answer and assumes none."""
    out = Aggregation(Decimal("0.70"), Decimal("0.50"), abstentions_count=False)
    vote = GroupVote(7, 3, 5)  # 7 of 15 cast, 7 of the 10 who took sides
    assert vote.share(True) == Decimal(7) / 15 and vote.share(False) == Decimal("0.7")
    assert group_outcome(vote, RULE) == Outcome.REJECTED
    assert group_outcome(vote, out) == Outcome.APPROVED
    assert group_outcome(GroupVote(0, 0, 4), out) == Outcome.REJECTED  # nobody took sides


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


SEGMENTS = ["users", "workers", "entities", "government"]


@given(
    groups=st.integers(1, 6),
    people=st.lists(st.sampled_from(SEGMENTS), max_size=120),
)
def test_balance_splits_each_segment_evenly_over_empty_groups(groups, people):
    placed = balance({g: Counter() for g in range(groups)}, enumerate(people))
    assert set(placed) == set(range(len(people)))
    for segment in SEGMENTS:
        per_group = Counter(placed[i] for i, s in enumerate(people) if s == segment)
        counts = [per_group.get(g, 0) for g in range(groups)]
        assert max(counts) - min(counts) <= 1


def test_balance_fills_the_group_short_of_a_segment_first():
    placed = balance({1: Counter(users=3), 2: Counter(users=1)}, [(10, "users"), (11, "users")])
    assert placed == {10: 2, 11: 2}


def test_balance_without_groups_places_nobody():
    assert balance({}, [(1, "users")]) == {}


words = st.lists(st.sampled_from(["a", "b", "c", "SUAS", "CRAS", "<b>", "ação"]), max_size=25)


@given(old=words, new=words)
def test_word_diff_rebuilds_both_texts(old, new):
    pieces = word_diff(" ".join(old), " ".join(new))
    kept_new = " ".join(t for op, t in pieces if op != "delete").split()
    kept_old = " ".join(t for op, t in pieces if op != "insert").split()
    assert kept_new == new
    assert kept_old == old


def test_word_diff_marks_the_changed_words():
    pieces = word_diff(
        "Ampliar os CRAS na zona rural", "Ampliar e qualificar os CRAS na zona rural"
    )
    assert ("insert", "e qualificar ") in pieces
    assert all(op != "delete" for op, _ in pieces)


def test_motions_are_open_until_closed_or_past_their_deadline():
    """DOMAIN.md §5: motions are "submitted by a deadline with signatures of a minimum share
    of the credentialed delegates"; the table may also close them before it."""
    now = dt.datetime(2025, 6, 20, 15, tzinfo=dt.UTC)
    hour = dt.timedelta(hours=1)
    assert motions_open(SimpleNamespace(motions_closed_at=None, motions_deadline=None), now)
    assert motions_open(SimpleNamespace(motions_closed_at=None, motions_deadline=now + hour), now)
    assert not motions_open(
        SimpleNamespace(motions_closed_at=None, motions_deadline=now - hour), now
    )
    assert not motions_open(SimpleNamespace(motions_closed_at=now, motions_deadline=None), now)


def test_a_group_changes_only_what_waits_for_the_groups_of_its_axis_or_its_own_list():
    """DOMAIN.md §5: "the group debates and approves its proposals": a proposal of its
    axis still waiting for the groups, or one of its own list; never another group's."""
    group = SimpleNamespace(pk=1, conference_id=7, axis_id=3)

    def proposal(**kw):
        return SimpleNamespace(
            **{"conference_id": 7, "axis_id": 3, "status": "adopted", "group_id": 1, **kw}
        )

    assert in_groups_hands(group, proposal())
    assert in_groups_hands(group, proposal(status="proposed", group_id=None))
    assert not in_groups_hands(group, proposal(group_id=2))
    assert not in_groups_hands(group, proposal(axis_id=4))
    assert not in_groups_hands(group, proposal(conference_id=8, status="proposed"))


# What approving a highlight does (issue 23: the table read the options the wrong way) ---


def test_approving_a_modification_gives_the_proposed_text():
    from plenaria.proposals.rules import outcome_if_approved

    assert outcome_if_approved(
        "modification", "Ampliar o CRAS.", "Ampliar os CRAS.", as_new_item=False
    ) == {"text": "Ampliar os CRAS.", "new": ""}


def test_approving_an_addition_appends_it_or_makes_a_new_proposal():
    from plenaria.proposals.rules import outcome_if_approved

    assert (
        outcome_if_approved("addition", "Ampliar o CRAS.", "Na zona rural.", as_new_item=False)[
            "text"
        ]
        == "Ampliar o CRAS. Na zona rural."
    )
    assert outcome_if_approved(
        "addition", "Ampliar o CRAS.", "Criar o CREAS.", as_new_item=True
    ) == {"text": "Ampliar o CRAS.", "new": "Criar o CREAS."}


def test_approving_a_suppression_leaves_no_text():
    from plenaria.proposals.rules import outcome_if_approved

    assert outcome_if_approved("suppression", "Ampliar o CRAS.", "", as_new_item=False) == {
        "text": "",
        "new": "",
    }
