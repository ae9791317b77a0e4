"""Rules of deliberation (DOMAIN.md §5), as pure functions of plain values.

The numbers come from the conference's regimento, else its state's or its edition's rule
set (``conferences.selectors.regimento_rules``); nothing here reads the database, so
every rule is tested on its own, with hypothesis. No number here has a default: a rule
nobody cited is not applied.
"""

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Outcome(StrEnum):
    APPROVED = "approved"  # approved directly by the groups
    PLENARY = "plenary"  # goes to the final plenary
    REJECTED = "rejected"  # fell in the groups


@dataclass(frozen=True)
class GroupVote:
    yes: int
    no: int
    abstention: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstention

    def share(self, abstentions_count: bool) -> Decimal:
        """Share of yes in the group: of all votes cast when abstentions count in the
        base, else of yes and no only (the regimento says which)."""
        base = self.total if abstentions_count else self.yes + self.no
        return Decimal(self.yes) / Decimal(base) if base else Decimal(0)


@dataclass(frozen=True)
class Aggregation:
    """The regimento's rule for the groups of an axis (one 2025 national-stage regulation,
    DOMAIN.md §5: approved directly at ≥ 70% in at least half-plus-one of the groups;
    50–70% to the plenary). Every number is the regimento's: none is assumed."""

    direct_share: Decimal
    plenary_share: Decimal
    abstentions_count: bool


def half_plus_one(n: int) -> int:
    return n // 2 + 1


def group_outcome(vote: GroupVote, rule: Aggregation) -> Outcome:
    share = vote.share(rule.abstentions_count)
    if share >= rule.direct_share:
        return Outcome.APPROVED
    if share >= rule.plenary_share:
        return Outcome.PLENARY
    return Outcome.REJECTED


def aggregate(votes: Iterable[GroupVote | None], groups: int, rule: Aggregation) -> Outcome:
    """The outcome of a proposal across the ``groups`` of its axis. ``votes`` has one
    entry per group that voted it (a group that did not vote counts against a direct
    approval, since the majority is of the axis' groups, not of those voting).

    Approved when at least half-plus-one of the groups approved it directly; otherwise
    the plenary decides when at least half-plus-one reached the plenary share or the
    groups disagree (some approved it); else it fell.
    """
    outcomes = Counter(group_outcome(v, rule) for v in votes if v is not None)
    needed = half_plus_one(max(groups, 1))
    if outcomes[Outcome.APPROVED] >= needed:
        return Outcome.APPROVED
    if (
        outcomes[Outcome.APPROVED] + outcomes[Outcome.PLENARY] >= needed
        or outcomes[Outcome.APPROVED]
    ):
        return Outcome.PLENARY
    return Outcome.REJECTED


def over_cap(counts: dict[tuple, int], cap: int | None) -> dict[tuple, int]:
    """The (axis, sphere) keys with more approved proposals than the cap, and by how
    many: the plenary must prioritise those."""
    if cap is None:
        return {}
    return {key: n - cap for key, n in counts.items() if n > cap}


def signatures_needed(credentialed_delegates: int, share: Decimal) -> int:
    """Signatures a motion needs: the share of the credentialed delegates, rounded up
    (20% of 101 delegates is 21 signatures), and at least one."""
    return max(1, math.ceil(Decimal(credentialed_delegates) * share))


def motion_qualifies(signatures: int, credentialed_delegates: int, share: Decimal) -> bool:
    return signatures >= signatures_needed(credentialed_delegates, share)


def balance(groups: dict[int, Counter], people: Iterable[tuple[int, str]]) -> dict[int, int]:
    """Spread people over groups so that each segment is evenly split: each person goes
    to the group with the fewest members of their segment, then the fewest members.

    ``groups`` maps a group to the segments of those already in it (kept where they
    are); ``people`` are (person, segment) pairs. Returns person → group.
    """
    if not groups:
        return {}
    load = {g: Counter(c) for g, c in groups.items()}
    placed = {}
    for person, segment in people:
        group = min(load, key=lambda g: (load[g][segment], sum(load[g].values()), g))
        load[group][segment] += 1
        placed[person] = group
    return placed


def next_number(numbers: Iterable[int]) -> int:
    return max(numbers, default=0) + 1


def word_diff(original: str, proposed: str) -> list[tuple[str, str]]:
    """The word-level difference the plenary reads: ("equal" | "delete" | "insert",
    text) pieces that, read without the deletions, give the proposed text, and without
    the insertions, the original."""
    old, new = re.findall(r"\S+\s*", original), re.findall(r"\S+\s*", proposed)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=[w.strip() for w in old], b=[w.strip() for w in new])
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("equal", "".join(new[b1:b2])))
            continue
        if a1 != a2:
            pieces.append(("delete", "".join(old[a1:a2])))
        if b1 != b2:
            pieces.append(("insert", "".join(new[b1:b2])))
    return pieces


def text_with(kind: str, original: str, proposed: str) -> str:
    """The proposal's text once a highlight of ``kind`` is approved: a modification
    replaces it, an addition is appended, a suppression leaves it (the proposal falls)."""
    if kind == "modification":
        return proposed
    if kind == "addition":
        return f"{original.rstrip()} {proposed}"
    return original


def outcome_if_approved(kind: str, original: str, proposed: str, *, as_new_item: bool) -> dict:
    """What "approve the highlight" does to the proposal (DOMAIN.md §5), for the table to
    read before it records a vote: ``text`` is what the proposal will say ("" when a
    suppression makes it fall) and ``new`` the text of the new proposal an addition as a
    new item makes ("" otherwise). "Keep the original text" leaves ``original`` as it is.
    Mirrors highlight_decide, which a test holds it to."""
    if kind == "suppression":
        return {"text": "", "new": ""}
    if as_new_item:
        return {"text": original, "new": proposed}
    return {"text": text_with(kind, original, proposed), "new": ""}


def in_groups_hands(group, proposal) -> bool:
    """What a group may drop or merge (DOMAIN.md §5, "the group debates and approves its
    proposals"): a proposal of its axis still waiting for the groups, or one of its own
    list. Another group's proposal is not its to change, whatever id is posted."""
    if proposal.conference_id != group.conference_id or proposal.axis_id != group.axis_id:
        return False
    return proposal.status == "proposed" or proposal.group_id == group.pk  # Status.PROPOSED


def motions_open(plenary, now) -> bool:
    """Motions are "submitted by a deadline" (DOMAIN.md §5): open until the table closes
    them or the deadline, if one is set, passes."""
    if plenary.motions_closed_at:
        return False
    return plenary.motions_deadline is None or now <= plenary.motions_deadline
