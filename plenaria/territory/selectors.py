"""Reads about territories and about what a user's roles reach."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from plenaria.territory.models import AssociationMember, CouncilMember, Level


@dataclass(frozen=True)
class Scope:
    """The territories a user's roles reach, computed once per request.

    Reading follows council membership downwards (a state council reads every
    municipality of the state) and association membership to member
    municipalities. Writing needs the organiser role and stays at the council's
    own level: a state council member reads a municipal conference but edits none.
    """

    is_admin: bool = False
    national_reader: bool = False
    national_writer: bool = False
    read_state_ids: frozenset[int] = field(default_factory=frozenset)
    write_state_ids: frozenset[int] = field(default_factory=frozenset)
    read_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    write_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    read_association_ids: frozenset[int] = field(default_factory=frozenset)
    write_association_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def monitors(self) -> bool:
        """Follows many municipalities: national and state councils, associations."""
        return bool(
            self.is_admin
            or self.national_reader
            or self.read_state_ids
            or self.read_association_ids
        )

    @property
    def can_organise_anything(self) -> bool:
        return bool(
            self.is_admin
            or self.national_writer
            or self.write_state_ids
            or self.write_municipality_ids
            or self.write_association_ids
        )

    def reads_state(self, state_id: int) -> bool:
        return self.is_admin or self.national_reader or state_id in self.read_state_ids


def active_council_memberships(user):
    today = timezone.localdate()
    return CouncilMember.objects.filter(
        Q(term_end__isnull=True) | Q(term_end__gte=today),
        user=user,
        term_start__lte=today,
    ).select_related("council")


def user_scope(user) -> Scope:
    """The user's Scope, cached on the user object for the rest of the request."""
    cached = getattr(user, "_plenaria_scope", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False):
        return Scope()
    if user.is_superuser:
        scope = Scope(is_admin=True, national_reader=True, national_writer=True)
        user._plenaria_scope = scope
        return scope

    national_reader = national_writer = False
    read_states: set[int] = set()
    write_states: set[int] = set()
    read_munis: set[int] = set()
    write_munis: set[int] = set()
    for membership in active_council_memberships(user):
        council = membership.council
        if council.level == Level.NATIONAL:
            national_reader = True
            national_writer |= membership.is_organiser
        elif council.level == Level.STATE:
            read_states.add(council.state_id)
            if membership.is_organiser:
                write_states.add(council.state_id)
        else:
            read_munis.add(council.municipality_id)
            if membership.is_organiser:
                write_munis.add(council.municipality_id)

    read_assocs: set[int] = set()
    write_assocs: set[int] = set()
    for staff in AssociationMember.objects.filter(user=user).prefetch_related(
        "association__members"
    ):
        read_assocs.add(staff.association_id)
        if staff.is_organiser:
            write_assocs.add(staff.association_id)
        read_munis.update(m.pk for m in staff.association.members.all())

    scope = Scope(
        national_reader=national_reader,
        national_writer=national_writer,
        read_state_ids=frozenset(read_states),
        write_state_ids=frozenset(write_states),
        read_municipality_ids=frozenset(read_munis),
        write_municipality_ids=frozenset(write_munis),
        read_association_ids=frozenset(read_assocs),
        write_association_ids=frozenset(write_assocs),
    )
    user._plenaria_scope = scope
    return scope


@dataclass(frozen=True)
class CouncilMembers:
    current: list
    past: list


def council_members(council) -> CouncilMembers:
    """The council's members in their term (and those to start later), then the past
    terms, newest first. Two lists from one query."""
    today = timezone.localdate()
    rows = list(council.members.order_by("-term_start", "sector", "segment", "seat", "name"))
    past = [m for m in rows if m.term_end is not None and m.term_end < today]
    current = sorted(
        (m for m in rows if m not in past),
        key=lambda m: (m.sector, m.segment, m.seat != "titular", m.name),
    )
    return CouncilMembers(current=current, past=past)


def council_seats(council) -> dict[str, tuple[int, int]]:
    """(titulares, suplentes) per civil-society segment, as the council's law says;
    a segment the council has not typed is absent."""
    from plenaria.territory.models import CouncilSeat

    return {
        s.segment: (s.titulares, s.suplentes) for s in CouncilSeat.objects.filter(council=council)
    }
