"""Seats, quotas, ranking and the check of a delegate list (DOMAIN.md §7).

Pure functions, no database: the pages, the services and the tests all call these.

- Parity: government and civil society get half of the titulares each, and half of the
  suplentes each; an odd number is refused where the table is entered.
- Proportionality: civil society's half is split in equal parts among users, workers and
  entities; the seats that do not divide by three go one each to the segments in the
  table's remainder order (by default users, then workers, then entities). Where civil
  society has fewer seats of a role than it has segments (a 2 + 2 municipality has one
  civil-society titular), equal parts are impossible: any civil-society segment fills them.
- Diversity quota: at least ``share`` of the delegates of each part (government and civil
  society, each rounded up) self-declare in one of the groups of the edition's rule; the
  titulares only, or titulares and suplentes, as the edition's (or state's) rules say.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenaria.participants.models import Registration

USERS, WORKERS, ENTITIES, GOVERNMENT = "users", "workers", "entities", "government"
CIVIL_SOCIETY = (USERS, WORKERS, ENTITIES)
SEGMENTS = (USERS, WORKERS, ENTITIES, GOVERNMENT)
DEFAULT_REMAINDER_ORDER = CIVIL_SOCIETY

# A municipality or state never elects more than this many titulares (or suplentes):
# a larger figure is a typing error, not a seat table.
MAX_SEATS = 500

TITULAR, SUPLENTE = "titular", "suplente"

# The two parts that parity balances: the quota is checked in each (Res. CNAS 187/2025).
CIVIL_PART = "civil_society"
PARTS = (GOVERNMENT, CIVIL_PART)

OLDER_FIRST, YOUNGER_FIRST, EARLIER_CANDIDACY = "older_first", "younger_first", "earlier"


@dataclass(frozen=True)
class Seats:
    """How many titulares and suplentes each segment elects."""

    titulares: dict[str, int]
    suplentes: dict[str, int]

    @property
    def total_titulares(self) -> int:
        return sum(self.titulares.values())

    def civil(self, role: str) -> int:
        """Civil society's seats of ``role``, all segments together."""
        parts = self.titulares if role == TITULAR else self.suplentes
        return sum(parts[s] for s in CIVIL_SOCIETY)

    def shared(self, role: str) -> bool:
        """Civil society has seats of ``role`` but fewer than its segments: proportionality
        cannot apply, and any civil-society segment may fill them."""
        return 0 < self.civil(role) < len(CIVIL_SOCIETY)

    def of(self, segment: str, role: str) -> int:
        """The seats ``segment`` may fill: its own part, or all of civil society's seats
        where they are shared."""
        if segment in CIVIL_SOCIETY and self.shared(role):
            return self.civil(role)
        return (self.titulares if role == TITULAR else self.suplentes)[segment]

    def part(self, part: str, role: str) -> int:
        return self.of(GOVERNMENT, role) if part == GOVERNMENT else self.civil(role)


def seat_number_problem(number: int | None) -> str | None:
    """Why a number of titulares or suplentes cannot be a seat count, or None."""
    if number is None:
        return None
    if number < 0:
        return _("The number of seats cannot be negative.")
    if number > MAX_SEATS:
        return _("At most %(max)s seats.") % {"max": MAX_SEATS}
    if number % 2:
        return _(
            "Use an even number: government and civil society get half of the seats each (parity)."
        )
    return None


def split_civil_society(seats: int, remainder_order: Sequence[str]) -> dict[str, int]:
    """Equal parts among users, workers and entities; the remainder goes one seat each to
    the segments in ``remainder_order``."""
    if seats < 0:
        raise ValueError("seats must not be negative")
    if sorted(remainder_order) != sorted(CIVIL_SOCIETY):
        raise ValueError(f"remainder order must list the civil-society segments: {remainder_order}")
    base, remainder = divmod(seats, len(CIVIL_SOCIETY))
    parts = dict.fromkeys(CIVIL_SOCIETY, base)
    for segment in remainder_order[:remainder]:
        parts[segment] += 1
    return parts


def split(number: int, remainder_order: Sequence[str] = DEFAULT_REMAINDER_ORDER) -> dict[str, int]:
    """Seats per segment for an even ``number``: half government, half civil society."""
    if number % 2 or number < 0:
        raise ValueError("parity needs an even, non-negative number of seats")
    parts = split_civil_society(number // 2, remainder_order)
    parts[GOVERNMENT] = number // 2
    return parts


def seats(
    titulares: int, suplentes: int, remainder_order: Sequence[str] = DEFAULT_REMAINDER_ORDER
) -> Seats:
    return Seats(split(titulares, remainder_order), split(suplentes, remainder_order))


def quota_minimum(delegates: int, share: Decimal | None) -> int:
    """Delegates who must belong to the quota's groups (0 when the edition has none):
    "at least" the share, so a fraction of a person rounds up."""
    if not share:
        return 0
    return math.ceil(delegates * Decimal(share) - Decimal("1e-9"))


def quota_by_part(
    seats: Seats, share: Decimal | None, *, suplentes_count: bool = False
) -> dict[str, int]:
    """The quota's minimum in each part: government and civil society each meet it on
    their own seats (Res. CNAS 187/2025 applies it to both, keeping parity)."""
    roles = (TITULAR, SUPLENTE) if suplentes_count else (TITULAR,)
    return {
        part: quota_minimum(sum(seats.part(part, role) for role in roles), share) for part in PARTS
    }


# ---------------------------------------------------------------------------- ranking


@dataclass(frozen=True)
class Candidate:
    key: int  # the candidacy's id
    votes: int
    birth_date: date | None = None
    order: int = 0  # when the candidacy was registered (smaller: earlier)
    name: str = ""
    # False when the registration was cancelled after standing: ranked with its votes,
    # never seated
    may_sit: bool = True


def rank(candidates: Iterable[Candidate], tie_break: str = OLDER_FIRST) -> list[Candidate]:
    """Most votes first; ties broken by the regimento's rule, then by the earlier
    candidacy (so the result never depends on the database's order). A candidate with no
    birth date comes after those with one when age decides."""

    def age_key(candidate: Candidate) -> tuple:
        if candidate.birth_date is None:
            return (1, 0)
        ordinal = candidate.birth_date.toordinal()
        return (0, ordinal if tie_break == OLDER_FIRST else -ordinal)

    def key(candidate: Candidate) -> tuple:
        by_age = age_key(candidate) if tie_break in (OLDER_FIRST, YOUNGER_FIRST) else (0, 0)
        return (-candidate.votes, by_age, candidate.order, candidate.key)

    return sorted(candidates, key=key)


def rank_candidacies(candidacies, votes: dict[int, int], tie_break: str) -> list[Candidate]:
    """Candidacies (for delegate or for the council), given in the order they were
    registered, ranked by ``votes`` (by candidacy id) and then the tie-break. One whose
    registration was cancelled after standing keeps its votes and rank, never a seat."""
    return rank(
        [
            Candidate(
                key=c.pk,
                votes=votes.get(c.pk, 0),
                birth_date=c.registration.birth_date,
                order=position,
                name=c.display_name,
                may_sit=c.registration.status == Registration.Status.CONFIRMED,
            )
            for position, c in enumerate(candidacies)
        ],
        tie_break,
    )


def fill(ranked: Sequence[Candidate], titulares: int, suplentes: int) -> dict[int, str]:
    """The first ``titulares`` who may sit become titulares, the next ``suplentes``
    suplentes; the rest are not elected (absent from the result)."""
    roles: dict[int, str] = {}
    for position, candidate in enumerate(c for c in ranked if c.may_sit):
        if position < titulares:
            roles[candidate.key] = TITULAR
        elif position < titulares + suplentes:
            roles[candidate.key] = SUPLENTE
        else:
            break
    return roles


# ---------------------------------------------------------------------- the list check


@dataclass(frozen=True)
class Member:
    """One delegate on a list, as the check sees it."""

    segment: str
    role: str  # TITULAR or SUPLENTE
    in_quota: bool = False


@dataclass
class Check:
    problems: list[str] = field(default_factory=list)
    quota_needed: int = 0
    quota_found: int = 0
    # per part (GOVERNMENT, CIVIL_PART): (needed, found)
    quota_parts: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def segment_label(segment: str) -> str:
    return {
        USERS: _("users"),
        WORKERS: _("workers"),
        ENTITIES: _("entities"),
        GOVERNMENT: _("government"),
    }[segment]


def part_label(part: str) -> str:
    return _("government") if part == GOVERNMENT else _("civil society")


def _count_problem(segment: str, role: str, expected: int, found: int) -> str | None:
    label = segment_label(segment)
    if found < expected:
        missing = expected - found
        if role == TITULAR:
            text = ngettext(
                "%(n)s titular of the %(segment)s segment is missing",
                "%(n)s titulares of the %(segment)s segment are missing",
                missing,
            )
        else:
            text = ngettext(
                "%(n)s suplente of the %(segment)s segment is missing",
                "%(n)s suplentes of the %(segment)s segment are missing",
                missing,
            )
        return text % {"n": missing, "segment": label}
    if found > expected:
        extra = found - expected
        if role == TITULAR:
            text = ngettext(
                "%(n)s titular too many in the %(segment)s segment (%(seats)s seats)",
                "%(n)s titulares too many in the %(segment)s segment (%(seats)s seats)",
                extra,
            )
        else:
            text = ngettext(
                "%(n)s suplente too many in the %(segment)s segment (%(seats)s seats)",
                "%(n)s suplentes too many in the %(segment)s segment (%(seats)s seats)",
                extra,
            )
        return text % {"n": extra, "segment": label, "seats": expected}
    return None


def _shared_count_problem(role: str, expected: int, found: int) -> str | None:
    """Civil society's seats of ``role`` are shared among its segments: only the total
    counts."""
    if found < expected:
        text = (
            ngettext(
                "%(n)s civil-society titular is missing (any segment)",
                "%(n)s civil-society titulares are missing (any segment)",
                expected - found,
            )
            if role == TITULAR
            else ngettext(
                "%(n)s civil-society suplente is missing (any segment)",
                "%(n)s civil-society suplentes are missing (any segment)",
                expected - found,
            )
        )
        return text % {"n": expected - found}
    if found > expected:
        text = (
            ngettext(
                "%(n)s civil-society titular too many (%(seats)s seats)",
                "%(n)s civil-society titulares too many (%(seats)s seats)",
                found - expected,
            )
            if role == TITULAR
            else ngettext(
                "%(n)s civil-society suplente too many (%(seats)s seats)",
                "%(n)s civil-society suplentes too many (%(seats)s seats)",
                found - expected,
            )
        )
        return text % {"n": found - expected, "seats": expected}
    return None


def _count_problems(members: Sequence[Member], seats: Seats, role: str) -> list[str]:
    def found(segments) -> int:
        return sum(1 for m in members if m.segment in segments and m.role == role)

    problems = []
    for segment in SEGMENTS:
        if segment in CIVIL_SOCIETY and seats.shared(role):
            continue
        problems.append(_count_problem(segment, role, seats.of(segment, role), found((segment,))))
    if seats.shared(role):
        problems.append(_shared_count_problem(role, seats.civil(role), found(CIVIL_SOCIETY)))
    return [p for p in problems if p]


def _quota_problem(part: str, needed: int, total: int, found: int, suplentes_count: bool) -> str:
    if suplentes_count:
        text = ngettext(
            "diversity quota, %(part)s: at least %(needed)s of its %(total)s delegate "
            "(titulares and suplentes; %(found)s on the list)",
            "diversity quota, %(part)s: at least %(needed)s of its %(total)s delegates "
            "(titulares and suplentes; %(found)s on the list)",
            total,
        )
    else:
        text = ngettext(
            "diversity quota, %(part)s: at least %(needed)s of its %(total)s titular "
            "(%(found)s on the list)",
            "diversity quota, %(part)s: at least %(needed)s of its %(total)s titulares "
            "(%(found)s on the list)",
            total,
        )
    return text % {"part": part_label(part), "needed": needed, "total": total, "found": found}


def check_list(
    members: Sequence[Member],
    seats: Seats,
    quota_share: Decimal | None,
    *,
    suplentes_count: bool = False,
) -> Check:
    """Everything a list lacks against its seats: parity, proportionality, numbers of
    titulares and suplentes, diversity quota in each part. Each problem is one pt-BR
    sentence."""
    result = Check()
    for role in (TITULAR, SUPLENTE):
        result.problems += _count_problems(members, seats, role)
    titulares = [m for m in members if m.role == TITULAR]
    government = sum(1 for m in titulares if m.segment == GOVERNMENT)
    civil = len(titulares) - government
    if government != civil:
        result.problems.append(
            _("parity: %(gov)s government titulares and %(civil)s civil-society titulares")
            % {"gov": government, "civil": civil}
        )
    roles = (TITULAR, SUPLENTE) if suplentes_count else (TITULAR,)
    counted = [m for m in members if m.role in roles]
    for part, needed in quota_by_part(seats, quota_share, suplentes_count=suplentes_count).items():
        in_part = [m for m in counted if (m.segment == GOVERNMENT) == (part == GOVERNMENT)]
        found = sum(1 for m in in_part if m.in_quota)
        result.quota_parts[part] = (needed, found)
        if found < needed:
            total = sum(seats.part(part, role) for role in roles)
            result.problems.append(_quota_problem(part, needed, total, found, suplentes_count))
    result.quota_needed = sum(n for n, _f in result.quota_parts.values())
    result.quota_found = sum(f for _n, f in result.quota_parts.values())
    return result


# ------------------------------------------------- kinds of delegate at the national level

# DOMAIN.md §7: "national 2023: 1,500 municipal-level, 246 state-level, 60 federal, 36
# ex-officio delegates with vote; plus guests and observers; each state's share by
# population, number of municipalities and council index". §4: "Delegados natos are
# ex-officio delegates (council members)"; guests have voice, observers are present.
MUNICIPAL_LEVEL, STATE_LEVEL = "municipal_level", "state_level"
FEDERAL, EX_OFFICIO, GUEST, OBSERVER = "federal", "ex_officio", "guest", "observer"
# Each state's share, elected by its state conference.
STATE_SHARE_KINDS = (MUNICIPAL_LEVEL, STATE_LEVEL)
# One national figure each: federal government delegates, the CNAS members (natos, not
# elected), guests and observers.
NATIONAL_TOTAL_KINDS = (FEDERAL, EX_OFFICIO, GUEST, OBSERVER)
KINDS_WITH_VOTE = frozenset({MUNICIPAL_LEVEL, STATE_LEVEL, FEDERAL, EX_OFFICIO})
# A national figure past this is a typing error (2023: 1,500 municipal-level in all).
MAX_NATIONAL_TOTAL = 5000


def kind_votes(kind: str) -> bool:
    """Whether a delegate of this kind votes at the national conference."""
    return kind in KINDS_WITH_VOTE


def national_total_problem(number: int | None) -> str | None:
    """Why a national figure (federal, natos, guests, observers) cannot be one, or None."""
    if number is None:
        return None
    if number < 0:
        return _("The number of seats cannot be negative.")
    if number > MAX_NATIONAL_TOTAL:
        return _("At most %(max)s seats.") % {"max": MAX_NATIONAL_TOTAL}
    return None


def national_composition(
    shares: Iterable[tuple[str, int]], totals: dict[str, int]
) -> dict[str, int]:
    """The titulares of each kind at the national conference: the states' shares added up
    per kind (``shares``: (kind, titulares) per state and kind) and the national figures."""
    composition = dict.fromkeys((*STATE_SHARE_KINDS, *NATIONAL_TOTAL_KINDS), 0)
    for kind, titulares in shares:
        composition[kind] += titulares
    for kind, number in totals.items():
        composition[kind] += number or 0
    return composition


def delegates_with_vote(composition: dict[str, int]) -> int:
    return sum(n for kind, n in composition.items() if kind_votes(kind))
