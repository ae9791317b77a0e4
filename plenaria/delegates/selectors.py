"""Reading seat tables: the state's page and the seats a conference must fill."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from plenaria.conferences import visibility
from plenaria.conferences.models import Conference
from plenaria.core.collation import by, sorted_by_name
from plenaria.delegates import rules
from plenaria.delegates.models import (
    Candidacy,
    DelegateList,
    Delegation,
    Election,
    HandOver,
    NationalShare,
    SeatCount,
    SeatTable,
    SegmentChoice,
)
from plenaria.editions.models import Edition
from plenaria.editions.selectors import Sourced, quota_rule
from plenaria.participants.models import Segment
from plenaria.territory.models import CouncilMember, Level, Municipality, State
from plenaria.territory.rules import Porte


@dataclass(frozen=True)
class ConferenceSeats:
    titulares: int
    suplentes: int
    seats: rules.Seats
    source: str  # why these numbers, in pt-BR ("size class Small size I", "own seats: …")
    quota_needed: int
    quota: Quota | None = None

    def rows(self) -> list[tuple[str, int, int]]:
        """(segment label, titulares, suplentes), civil society first."""
        labels = dict(Segment.choices)
        if self.shared:
            t, s = rules.TITULAR, rules.SUPLENTE
            return [
                (_("Civil society (any segment)"), self.seats.civil(t), self.seats.civil(s)),
                (
                    labels[rules.GOVERNMENT],
                    self.seats.of(rules.GOVERNMENT, t),
                    self.seats.of(rules.GOVERNMENT, s),
                ),
            ]
        return [
            (labels[s], self.seats.titulares[s], self.seats.suplentes[s]) for s in rules.SEGMENTS
        ]

    @property
    def shared(self) -> bool:
        """Civil society's seats of some role are too few to split among its segments."""
        return self.seats.shared(rules.TITULAR) or self.seats.shared(rules.SUPLENTE)


@dataclass(frozen=True)
class Quota:
    """The diversity quota as a conference must meet it: the share and whether suplentes
    count (each with its source), and the minimum in each part."""

    share: Sourced
    suplentes: Sourced
    government: int
    civil_society: int

    @property
    def suplentes_count(self) -> bool:
        return bool(self.suplentes.value)


def quota_for(conference: Conference, seats: rules.Seats) -> Quota:
    share, suplentes = quota_rule(conference)
    parts = rules.quota_by_part(seats, share.value, suplentes_count=bool(suplentes.value))
    return Quota(share, suplentes, parts[rules.GOVERNMENT], parts[rules.CIVIL_PART])


def table_for(edition: Edition, state: State | None) -> SeatTable | None:
    return SeatTable.objects.filter(edition=edition, state=state).first()


def _state_shares(conference: Conference) -> tuple[SeatTable | None, list[NationalShare]]:
    table = table_for(conference.edition, None)
    shares = list(table.shares.filter(state=conference.state)) if table else []
    order = rules.STATE_SHARE_KINDS
    return table, sorted(shares, key=lambda s: order.index(s.kind))


def stray_candidacies(conference: Conference):
    """Candidacies of a list the conference no longer elects (the national table's
    shares by kind were typed or removed after they were registered)."""
    return Candidacy.objects.filter(conference=conference).exclude(
        national_kind__in=list_kinds(conference)
    )


def list_kinds(conference: Conference) -> tuple[str, ...]:
    """The lists a conference elects: a state conference whose shares by kind are typed
    in the national table elects its municipal-level and its state-level delegates
    apart (DOMAIN.md §7); every other conference, one list (``""``)."""
    if conference.level != Level.STATE:
        return ("",)
    return tuple(s.kind for s in _state_shares(conference)[1]) or ("",)


def seats_for(conference: Conference, kind: str = "") -> ConferenceSeats | None:
    """The seats a municipal conference fills at its state conference, or a state
    conference at the national one (of one ``kind`` of delegate, or all kinds
    together); None when no table covers it yet."""
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
        table, shares = _state_shares(conference)
        count = table and SeatCount.objects.filter(table=table, state=conference.state).first()
        source = _("seats of %(state)s in the national table") % {"state": conference.state.name}
        if kind:
            shares = [s for s in shares if s.kind == kind]
            if not shares:
                return None
        if shares:
            # The shares by kind, when typed, are the state's seats.
            count = SeatCount(
                table=table,
                state=conference.state,
                titulares=sum(s.titulares for s in shares),
                suplentes=sum(s.suplentes for s in shares),
            )
            source = _("seats of %(state)s in the national table by kind: %(kinds)s") % {
                "state": conference.state.name,
                "kinds": ", ".join(
                    f"{s.get_kind_display()} {s.titulares}+{s.suplentes}" for s in shares
                ),
            }
    else:
        return None
    if count is None:
        return None
    count.table = table
    quota = quota_for(conference, count.seats)
    return ConferenceSeats(
        titulares=count.titulares,
        suplentes=count.suplentes,
        seats=count.seats,
        source=source,
        quota_needed=quota.government + quota.civil_society,
        quota=quota,
    )


def split_text(count: SeatCount | None) -> str:
    """ "government 1 · users 1 · workers 0 · entities 0": the titulares of a count."""
    if count is None:
        return ""
    seats = count.seats
    government = f"{rules.segment_label(rules.GOVERNMENT)} {seats.titulares[rules.GOVERNMENT]}"
    if seats.shared(rules.TITULAR):
        civil = _("civil society (any segment) %(n)s") % {"n": seats.civil(rules.TITULAR)}
        return f"{government} · {civil}"
    return " · ".join(
        [
            government,
            *(f"{rules.segment_label(s)} {seats.titulares[s]}" for s in rules.CIVIL_SOCIETY),
        ]
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
        overrides=sorted_by_name(overrides, key=lambda c: c.municipality.name),
        municipalities=len(populations),
        without_population=without,
        titulares=titulares,
        suplentes=suplentes,
    )


# ------------------------------------------------------------- the conference's list


def _members(candidacies) -> list[rules.Member]:
    return [
        rules.Member(c.segment, c.role, in_quota=bool(c.registration.self_declarations))
        for c in candidacies
        if c.role
    ]


def _check(conference: Conference, candidacies, seats: ConferenceSeats) -> rules.Check:
    quota = seats.quota or quota_for(conference, seats.seats)
    return rules.check_list(
        _members(candidacies),
        seats.seats,
        quota.share.value,
        suplentes_count=quota.suplentes_count,
    )


def kind_label(kind: str) -> str:
    return str(dict(Candidacy._meta.get_field("national_kind").choices)[kind]) if kind else ""


def list_check(conference: Conference) -> rules.Check | None:
    """What the list lacks against the conference's seats (each list of a state
    conference checked on its own, its problems named after it); None without a seat
    table. A delegate counts for the diversity quota when they self-declared in a group."""
    candidacies = list(
        Candidacy.objects.filter(conference=conference).select_related("registration")
    )
    checks = []
    for kind in list_kinds(conference):
        seats = seats_for(conference, kind)
        if seats is None:
            return None
        own = [c for c in candidacies if c.national_kind == kind]
        checks.append((kind, _check(conference, own, seats)))
    return _joined(checks)


def _joined(checks: list[tuple[str, rules.Check]]) -> rules.Check:
    if len(checks) == 1:
        return checks[0][1]
    joined = rules.Check()
    for kind, check in checks:
        joined.problems += [f"{kind_label(kind)}: {p}" for p in check.problems]
        joined.quota_needed += check.quota_needed
        joined.quota_found += check.quota_found
    return joined


@dataclass
class SegmentBlock:
    segment: str
    label: str
    titulares: int
    suplentes: int
    candidacies: list[Candidacy]
    election: Election | None
    kind: str = ""
    choice: SegmentChoice | None = None  # how the segment chooses (None: elected here)

    @property
    def is_government(self) -> bool:
        return self.segment == rules.GOVERNMENT

    @property
    def by_forum(self) -> bool:
        return bool(self.choice and self.choice.is_forum)

    @property
    def how_text(self) -> str:
        return how_chosen_text(self.segment, self.choice)

    @property
    def key(self) -> str:
        """Unique on the page, for the ids of its fields."""
        return f"{self.kind}-{self.segment}" if self.kind else self.segment


@dataclass
class KindList:
    """One list a conference elects: all its delegates, or (a state conference) its
    municipal-level or its state-level delegates."""

    kind: str
    seats: ConferenceSeats | None
    blocks: list[SegmentBlock]
    check: rules.Check | None

    @property
    def label(self) -> str:
        return kind_label(self.kind)


@dataclass
class ConferenceList:
    lists: list[KindList]
    check: rules.Check | None  # all the lists together
    confirmation: DelegateList | None
    # registered for a list the conference no longer elects (the national table's
    # shares by kind were typed or removed afterwards): to remove and register again
    stray: list[Candidacy]

    @property
    def confirmed(self) -> bool:
        return bool(self.confirmation and self.confirmation.confirmed_at)

    @property
    def seats(self) -> ConferenceSeats | None:
        """Every list has its seats (else None: the page says no table covers it)."""
        return self.lists[0].seats if all(k.seats for k in self.lists) else None

    @property
    def blocks(self) -> list[SegmentBlock]:
        return [b for k in self.lists for b in k.blocks]


def conference_list(conference: Conference) -> ConferenceList:
    """The delegates' page of a conference: per list and segment its seats, candidates
    or nominations with votes and seat, and the election; the check; the confirmation."""
    candidacies = list(
        Candidacy.objects.filter(conference=conference)
        .select_related("registration")
        .order_by("rank", "created_at", "pk")
    )
    elections = {
        (e.national_kind, e.segment): e
        for e in Election.objects.filter(conference=conference).select_related("poll")
    }
    choices = segment_choices(conference)
    labels = dict(Segment.choices)
    lists = []
    for kind in list_kinds(conference):
        seats = seats_for(conference, kind)
        own = [c for c in candidacies if c.national_kind == kind]
        blocks = [
            SegmentBlock(
                segment=segment,
                label=str(labels[segment]),
                titulares=seats.seats.of(segment, rules.TITULAR) if seats else 0,
                suplentes=seats.seats.of(segment, rules.SUPLENTE) if seats else 0,
                candidacies=[c for c in own if c.segment == segment],
                election=elections.get((kind, segment)),
                kind=kind,
                choice=choices.get((kind, segment)),
            )
            for segment in (*rules.CIVIL_SOCIETY, rules.GOVERNMENT)
        ]
        check = _check(conference, own, seats) if seats else None
        lists.append(KindList(kind, seats, blocks, check))
    checks = [(k.kind, k.check) for k in lists]
    kinds = {k.kind for k in lists}
    return ConferenceList(
        lists=lists,
        check=_joined(checks) if all(c for _k, c in checks) else None,
        confirmation=DelegateList.objects.filter(conference=conference).first(),
        stray=[c for c in candidacies if c.national_kind not in kinds],
    )


# ------------------------------------------------- how each segment's delegates are chosen


def segment_choices(conference: Conference) -> dict[tuple[str, str], SegmentChoice]:
    """(national_kind, segment) → how that segment chooses its delegates; a segment
    missing here elects them at the conference."""
    return {
        (c.national_kind, c.segment): c for c in SegmentChoice.objects.filter(conference=conference)
    }


def forum_choice(conference: Conference, segment: str, kind: str) -> SegmentChoice | None:
    """The segment's forum, when its delegates of list ``kind`` are chosen there."""
    return SegmentChoice.objects.filter(
        conference=conference,
        segment=segment,
        national_kind=kind,
        how=SegmentChoice.How.FORUM,
    ).first()


def how_chosen_text(segment: str, choice: SegmentChoice | None) -> str:
    """ "Elected at the conference", "Chosen at the Fórum X on 02/06/2025 (Ata …)" or
    "Appointed by the manager" (government, always)."""
    if segment == rules.GOVERNMENT:
        return _("Appointed by the manager")
    if choice is None or not choice.is_forum:
        return _("Elected at the conference")
    values = {
        "forum": choice.forum_name or _("the segment's forum"),
        "date": date_format(choice.forum_date, "SHORT_DATE_FORMAT"),
        "act": choice.forum_act,
    }
    return _("Chosen at %(forum)s on %(date)s (%(act)s)") % values


@dataclass(frozen=True)
class HowChosen:
    kind: str
    segment: str
    label: str  # the segment, and on a state conference's two lists, which one
    text: str
    forum: bool = False  # chosen in the segment's forum


def how_chosen(conference: Conference) -> list[HowChosen]:
    """How each segment of each list the conference sends chose its delegates, for the
    documents, the public page and the parent's page of what it received."""
    choices = segment_choices(conference)
    rows = []
    for kind in list_kinds(conference):
        for segment in (*rules.CIVIL_SOCIETY, rules.GOVERNMENT):
            label = capfirst(rules.segment_label(segment))
            if kind:
                label = f"{label} — {kind_label(kind)}"
            choice = choices.get((kind, segment))
            text = how_chosen_text(segment, choice)
            rows.append(HowChosen(kind, segment, label, text, bool(choice and choice.is_forum)))
    return rows


def public_how_chosen(conference: Conference) -> list[HowChosen] | None:
    """:func:`how_chosen` for the public page, once its delegates are public (None
    before: the same rule as :func:`public_delegates`)."""
    confirmed = DelegateList.objects.filter(
        conference=conference, confirmed_at__isnull=False
    ).exists()
    if not visibility.delegates_are_public(conference, list_confirmed=confirmed):
        return None
    return how_chosen(conference)


# ------------------------------------------------------------- what the parent receives


@dataclass(frozen=True)
class SentList:
    """The current list a conference sent, as the state's page shows it."""

    pk: int
    version: int
    sent_at: datetime
    titulares: int
    suplentes: int
    problems: list[str]


@dataclass(frozen=True)
class ReceivedRow:
    conference_id: int  # a municipal (or state) conference that sends here
    name: str  # its municipality (or state)
    sent: SentList | None  # None while not sent


@dataclass
class Received:
    rows: list[ReceivedRow]
    expected: int  # conferences that send to this one
    sent: int
    with_problems: int
    titulares: int
    suplentes: int


SHOW_SENT, SHOW_MISSING, SHOW_PROBLEMS = "enviadas", "faltando", "pendencias"


def received(receiver: Conference, *, query: str = "", show: str = "") -> Received:
    """Every conference that sends to this one, with the list it sent (its current
    version) or none yet, and the totals: three queries of plain values whatever the
    number of municipalities (853 in Minas Gerais; bench/delegates.py)."""
    sent = {
        row["conference_id"]: SentList(
            pk=row["pk"],
            version=row["version"],
            sent_at=row["created_at"],
            titulares=row["titulares"],
            suplentes=row["suplentes"],
            problems=row["problems"],
        )
        for row in HandOver.objects.filter(receiver=receiver, current=True).values(
            "pk", "conference_id", "version", "created_at", "titulares", "suplentes", "problems"
        )
    }
    children = Conference.objects.filter(parent=receiver)
    expected = children.count()
    if query:
        children = children.filter(  # a municipality's state is not what is searched
            Q(municipality__name__icontains=query)
            | Q(level=Level.STATE, state__name__icontains=query)
        )
    rows = [
        ReceivedRow(pk, municipality or state, sent.get(pk))
        for pk, municipality, state in children.order_by(
            by("municipality__name"), by("state__name"), "pk"
        ).values_list("pk", "municipality__name", "state__name")
    ]
    if show == SHOW_SENT:
        rows = [r for r in rows if r.sent]
    elif show == SHOW_MISSING:
        rows = [r for r in rows if not r.sent]
    elif show == SHOW_PROBLEMS:
        rows = [r for r in rows if r.sent and r.sent.problems]
    lists = sent.values()
    return Received(
        rows=rows,
        expected=expected,
        sent=len(sent),
        with_problems=sum(1 for s in lists if s.problems),
        titulares=sum(s.titulares for s in lists),
        suplentes=sum(s.suplentes for s in lists),
    )


def handover_delegates(handover: HandOver) -> list[Delegation]:
    return list(
        handover.delegates.select_related(
            "registration", "replaced_by__registration", "replaces__registration"
        ).order_by("segment", "role", "pk")
    )


def public_delegates(conference: Conference) -> list[visibility.PublicDelegate] | None:
    """The elected delegates as the public page shows them, titulares first, or None
    while `conferences.visibility` says they are not public. Only the display name
    (social name first), the segment and the seat leave this function."""
    confirmed = DelegateList.objects.filter(
        conference=conference, confirmed_at__isnull=False
    ).exists()
    if not visibility.delegates_are_public(conference, list_confirmed=confirmed):
        return None
    order = {s: i for i, s in enumerate(rules.SEGMENTS)}
    elected = sorted(
        Candidacy.objects.filter(conference=conference)
        .exclude(role="")
        .select_related("registration"),
        key=lambda c: (
            c.national_kind,
            c.role != rules.TITULAR,
            order.get(c.segment, 9),
            c.rank or 0,
        ),
    )
    return [
        visibility.public_delegate(
            social_name=c.registration.display_name,
            segment=c.segment_text,
            seat=c.get_role_display(),
        )
        for c in elected
    ]


@dataclass(frozen=True)
class NationalShares:
    """The national table by kind of delegate: each state's shares, the national figures,
    what they add up to, and the natos (the national council's members)."""

    shares: dict[tuple[int, str], NationalShare]
    totals: dict[str, NationalShare]
    composition: dict[str, int]
    with_vote: int
    natos: list


def national_shares(edition: Edition) -> NationalShares:
    table = table_for(edition, None)
    rows = list(table.shares.all()) if table else []
    shares = {(s.state_id, s.kind): s for s in rows if s.state_id}
    totals = {s.kind: s for s in rows if not s.state_id}
    composition = rules.national_composition(
        [(s.kind, s.titulares) for s in shares.values()],
        {kind: s.titulares for kind, s in totals.items()},
    )
    return NationalShares(
        shares=shares,
        totals=totals,
        composition=composition,
        with_vote=rules.delegates_with_vote(composition),
        natos=ex_officio_members(),
    )


def ex_officio_members() -> list[CouncilMember]:
    """The delegados natos: the national council's members in office (DOMAIN.md §4:
    "Delegados natos are ex-officio delegates (council members)"), not elected."""
    today = timezone.localdate()
    return list(
        CouncilMember.objects.filter(
            Q(term_end__isnull=True) | Q(term_end__gte=today),
            council__level=Level.NATIONAL,
            term_start__lte=today,
        ).order_by(by("name"))
    )
