"""Population size classes (porte) of PNAS 2004. Pure functions, no database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Porte(models.TextChoices):
    SMALL_I = "small_i", _("Small size I")
    SMALL_II = "small_ii", _("Small size II")
    MEDIUM = "medium", _("Medium size")
    LARGE = "large", _("Large size")
    METROPOLIS = "metropolis", _("Metropolis")


# Upper bound (inclusive) of each class; the last one has none.
PORTE_UPPER_BOUNDS: list[tuple[str, int | None]] = [
    (Porte.SMALL_I, 20_000),
    (Porte.SMALL_II, 50_000),
    (Porte.MEDIUM, 100_000),
    (Porte.LARGE, 900_000),
    (Porte.METROPOLIS, None),
]


def porte_for_population(population: int | None) -> str | None:
    """The size class of a municipality, or None while its population is unknown."""
    if population is None:
        return None
    for porte, upper in PORTE_UPPER_BOUNDS:
        if upper is None or population <= upper:
            return porte
    raise AssertionError("unreachable")


def population_range(porte: str) -> tuple[int, int | None]:
    """(min, max) population of a size class, max None for the open-ended one."""
    lower = 0
    for candidate, upper in PORTE_UPPER_BOUNDS:
        if candidate == porte:
            return lower, upper
        lower = (upper or 0) + 1
    raise ValueError(f"unknown porte {porte!r}")


# NOB-SUAS 2012, art. 117 (DOMAIN.md §3): ordinary conferences every 4 years; an
# extraordinary one may be convoked every 2 years by a majority of the council. The
# council sets its own periodicity within these four years (Council.period_years).
MAX_CONFERENCE_GAP_YEARS = 4


def most_at_once(terms: list[tuple], start, end) -> int:
    """The most of ``terms`` ((start, end or None)) held on one same day between
    ``start`` and ``end`` (None: open). A term ends the day another starts: the hand-over
    day counts once, so a replacement never crowds its predecessor's seat."""
    changes = []
    for term_start, term_end in terms:
        if (end is not None and term_start > end) or (term_end is not None and term_end <= start):
            continue
        changes.append((max(term_start, start), 1))
        if term_end is not None:
            changes.append((term_end, -1))
    held = most = 0
    for _day, change in sorted(changes, key=lambda c: (c[0], c[1])):  # ends first
        held += change
        most = max(most, held)
    return most


def seat_overflow(*, law_seats: tuple[int, int] | None, seat: str, holders: int) -> int | None:
    """The law's number of ``seat`` ("titular"/"suplente") seats of a segment when
    ``holders`` members at once would exceed it, else None. A segment whose seats the
    council has not typed (or typed as all zero, "not set") is not checked."""
    if not law_seats or law_seats == (0, 0):
        return None
    limit = law_seats[0] if seat == "titular" else law_seats[1]
    return limit if holders > limit else None
