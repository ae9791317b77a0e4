"""Reading seat tables: the state's page and the seats a conference must fill."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.delegates import rules
from plenaria.delegates.models import SeatCount, SeatTable
from plenaria.editions.models import Edition
from plenaria.participants.models import Segment
from plenaria.territory.models import Level, Municipality, State
from plenaria.territory.rules import Porte


@dataclass(frozen=True)
class ConferenceSeats:
    titulares: int
    suplentes: int
    seats: rules.Seats
    source: str  # why these numbers, in pt-BR ("size class Small size I", "own seats: …")
    quota_needed: int

    def rows(self) -> list[tuple[str, int, int]]:
        """(segment label, titulares, suplentes), civil society first."""
        labels = dict(Segment.choices)
        return [
            (labels[s], self.seats.titulares[s], self.seats.suplentes[s]) for s in rules.SEGMENTS
        ]


def table_for(edition: Edition, state: State | None) -> SeatTable | None:
    return SeatTable.objects.filter(edition=edition, state=state).first()


def seats_for(conference: Conference) -> ConferenceSeats | None:
    """The seats a municipal conference fills at its state conference, or a state
    conference at the national one; None when no table covers it yet."""
    if conference.level == Level.MUNICIPAL:
        table = table_for(conference.edition, conference.state)
        if table is None:
            return None
        municipality = conference.municipality
        count = SeatCount.objects.filter(table=table, municipality=municipality).first()
        if count is not None:
            source = _("own seats set by the state council") + (
                f": {count.reason}" if count.reason else ""
            )
        else:
            if municipality.porte is None:
                return None
            count = SeatCount.objects.filter(table=table, porte=municipality.porte).first()
            source = str(municipality.get_porte_display())
    elif conference.level == Level.STATE:
        table = table_for(conference.edition, None)
        count = table and SeatCount.objects.filter(table=table, state=conference.state).first()
        source = _("seats of %(state)s in the national table") % {"state": conference.state.name}
    else:
        return None
    if count is None:
        return None
    count.table = table
    return ConferenceSeats(
        titulares=count.titulares,
        suplentes=count.suplentes,
        seats=count.seats,
        source=source,
        quota_needed=rules.quota_minimum(count.titulares, conference.edition.diversity_quota),
    )


def split_text(count: SeatCount | None) -> str:
    """ "government 1 · users 1 · workers 0 · entities 0": the titulares of a count."""
    if count is None:
        return ""
    titulares = count.seats.titulares
    return " · ".join(
        f"{rules.segment_label(s)} {titulares[s]}" for s in (rules.GOVERNMENT, *rules.CIVIL_SOCIETY)
    )


@dataclass(frozen=True)
class PorteRow:
    porte: str
    label: str
    municipalities: int
    count: SeatCount | None

    @property
    def split(self) -> str:
        return split_text(self.count)


@dataclass(frozen=True)
class StateOverview:
    """What the state's table adds up to, for the page's summary."""

    rows: list[PorteRow]
    overrides: list[SeatCount]
    municipalities: int
    without_population: int  # no porte, no seats until their population is entered
    titulares: int
    suplentes: int


def state_overview(table: SeatTable | None, state: State) -> StateOverview:
    populations = Municipality.objects.filter(state=state).values_list("pk", "population")
    counts = {c.porte: c for c in (table.counts.exclude(porte="") if table else [])}
    overrides = (
        list(table.counts.filter(municipality__isnull=False).select_related("municipality"))
        if table
        else []
    )
    overridden = {c.municipality_id for c in overrides}
    by_porte: Counter = Counter()
    without = 0
    for pk, population in populations:
        if pk in overridden:
            continue
        porte = Municipality(population=population).porte
        if porte is None:
            without += 1
        else:
            by_porte[porte] += 1
    titulares = sum(c.titulares for c in overrides)
    suplentes = sum(c.suplentes for c in overrides)
    for porte, n in by_porte.items():
        if porte in counts:
            titulares += n * counts[porte].titulares
            suplentes += n * counts[porte].suplentes
    return StateOverview(
        rows=[PorteRow(p, label, by_porte[p], counts.get(p)) for p, label in Porte.choices],
        overrides=sorted(overrides, key=lambda c: c.municipality.name),
        municipalities=len(populations),
        without_population=without,
        titulares=titulares,
        suplentes=suplentes,
    )
