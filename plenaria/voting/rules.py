"""The plenary's arithmetic: quorum and majority (DOMAIN.md §6). Pure functions, no
database: the counts come in, the outcome goes out."""

from dataclasses import dataclass

SIMPLE, ABSOLUTE, TWO_THIRDS = "simple", "absolute", "two_thirds"
MAJORITY, ONE_THIRD, NO_QUORUM = "majority", "one_third", "none"


def quorum_needed(rule: str, entitled: int) -> int:
    """Ballots a vote needs to be valid: by default more than half of the credentialed
    delegates (the quorum base)."""
    if rule == NO_QUORUM:
        return 0
    if rule == ONE_THIRD:
        return -(-entitled // 3)  # ceiling
    return entitled // 2 + 1


@dataclass(frozen=True)
class Outcome:
    quorum_met: bool
    approved: bool | None  # yes/no polls: approved or not; None when options are listed
    winner: str | None  # the leading option's key for polls with a list of options
    tie: bool


def outcome(
    counts: dict[str, int],
    *,
    majority: str,
    quorum: str,
    entitled: int,
    abstention_key: str = "abstention",
    yes_key: str = "yes",
    no_key: str = "no",
) -> Outcome:
    """Whether a poll passed. ``counts`` maps option keys to votes; abstentions count for
    the quorum, never as valid votes.

    - simple: more yes than no (valid votes = yes + no);
    - absolute: yes from more than half of the entitled delegates;
    - two_thirds: yes from at least two thirds of the valid votes.
    Polls with other options (highlights: original/proposed; a free list) are won by the
    option with most votes (simple), or only if it also has more than half of the
    entitled (absolute) or two thirds of the valid votes (two_thirds); a tie decides
    nothing.
    """
    cast = sum(counts.values())
    met = cast >= quorum_needed(quorum, entitled)
    valid = {k: v for k, v in counts.items() if k != abstention_key}
    total_valid = sum(valid.values())
    if set(valid) <= {yes_key, no_key}:
        yes, no = valid.get(yes_key, 0), valid.get(no_key, 0)
        passes = _passes(yes, total_valid, majority, entitled) and yes > no
        return Outcome(met, met and passes, None, yes == no)
    if not valid:
        return Outcome(met, None, None, False)
    ranked = sorted(valid.items(), key=lambda kv: -kv[1])
    top_key, top = ranked[0]
    tie = len(ranked) > 1 and ranked[1][1] == top
    enough = majority == SIMPLE or _passes(top, total_valid, majority, entitled)
    winner = top_key if met and top and not tie and enough else None
    return Outcome(met, None, winner, tie)


def _passes(votes: int, total_valid: int, majority: str, entitled: int) -> bool:
    if votes == 0:
        return False
    if majority == ABSOLUTE:
        return votes > entitled / 2
    if majority == TWO_THIRDS:
        return 3 * votes >= 2 * total_valid
    return 2 * votes > total_valid if total_valid else False
