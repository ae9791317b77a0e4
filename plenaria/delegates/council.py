"""The council's own civil-society election at the conference (issue 23, item 4).

Many municipalities elect the civil-society members of their council at the conference.
The council's law fixes each segment's titular and suplente seats (``territory``); here the
table registers the candidacies of representatives present at the conference, runs each
segment's election as a poll of the voting engine restricted to the segment's delegates
(or records an acclamation), ranks the result with the delegates' rules (votes, then the
tie-break) and writes the elected into the council's members with their term.

Separate from the delegates' election: a person may stand for both."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.selectors import conference_council
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.models import Sector
from plenaria.delegates import rules
from plenaria.delegates.elections import counted_votes
from plenaria.delegates.models import CouncilCandidacy, CouncilElection, TieBreak
from plenaria.participants.models import Registration
from plenaria.proposals.selectors import is_credentialed_delegate
from plenaria.territory import selectors as territory_selectors
from plenaria.territory import services as territory
from plenaria.territory.models import Council, CouncilMember
from plenaria.voting import services as voting
from plenaria.voting.models import Poll

# When the council set no periodicity, the mandate lasts as long as the usual cycle.
DEFAULT_TERM_YEARS = 2

# Stored as codes, shown in the reader's language (core.audit.show_text).
ELECTION_RESULT = audit.system_text(gettext_noop("Result of the election"))
WRITTEN_INTO_COUNCIL = audit.system_text(gettext_noop("Written into the council's members"))

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    result=gettext_lazy("result"),
)


def council_of(conference: Conference) -> Council:
    """The council whose members the conference elects, or the refusal for a
    conference that no council convokes (a regional one)."""
    council = conference_council(conference)
    if council is None:
        raise ValidationError(_("No council convokes this conference: it elects no council."))
    return council


def seats_of(council: Council, segment: str) -> tuple[int, int]:
    """(titulares, suplentes) the council's law gives the segment; (0, 0) when not typed."""
    return territory_selectors.council_seats(council).get(segment, (0, 0))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def default_term(conference: Conference, council: Council | None) -> tuple[dt.date, dt.date]:
    """From the day after the conference, for the council's period (less a day)."""
    years = (council.period_years if council else None) or DEFAULT_TERM_YEARS
    try:
        start = conference.end_date + dt.timedelta(days=1)
        return start, _add_years(start, years) - dt.timedelta(days=1)
    except (OverflowError, ValueError):  # a conference dated near the year 9999
        return conference.end_date, conference.end_date


def _segment(segment: str) -> str:
    if segment not in rules.CIVIL_SOCIETY:
        raise ValidationError({"segment": _("Choose a civil-society segment.")})
    return segment


def _started(conference: Conference, segment: str) -> bool:
    return CouncilElection.objects.filter(conference=conference, segment=segment).exists()


@transaction.atomic
def council_candidacy_add(*, actor, registration: Registration, segment: str = ""):
    """A representative present at the conference stands for the council's seats of
    their own civil-society segment, registered by the table."""
    conference = conference_for_write(registration.conference)
    council_of(conference)
    if registration.segment not in rules.CIVIL_SOCIETY:
        raise ValidationError(
            _("Only civil-society representatives stand for the council's civil-society seats.")
        )
    if segment and _segment(segment) != registration.segment:
        raise ValidationError(
            _(
                "%(name)s represents the %(own)s segment and cannot stand for the seats of "
                "the %(segment)s segment."
            )
            % {
                "name": registration.display_name,
                "own": rules.segment_label(registration.segment),
                "segment": rules.segment_label(segment),
            }
        )
    if not is_credentialed_delegate(conference, registration):
        raise ValidationError(
            _(
                "%(name)s is not a credentialed delegate with vote right: only representatives "
                "present at the conference stand for the council."
            )
            % {"name": registration.display_name}
        )
    if _started(conference, registration.segment):
        raise ValidationError(
            _(
                "The council election of the %(segment)s segment has started: candidacies "
                "are closed."
            )
            % {"segment": rules.segment_label(registration.segment)}
        )
    if CouncilCandidacy.objects.filter(registration=registration).exists():
        raise ValidationError(
            _("%(name)s already stands for the council.") % {"name": registration.display_name}
        )
    candidacy = CouncilCandidacy(
        conference=conference,
        registration=registration,
        segment=registration.segment,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    candidacy.full_clean()
    candidacy.save()
    audit.record(actor=actor, action="create", obj=candidacy, context=audit_context(conference))
    return candidacy


@transaction.atomic
def council_candidacy_withdraw(*, actor, candidacy: CouncilCandidacy) -> None:
    """The candidate withdraws before the segment's election starts."""
    conference = conference_for_write(candidacy.conference)
    if _started(conference, candidacy.segment):
        raise ValidationError(_("The election has started: the candidacy stays on the record."))
    audit.record_deletion(actor=actor, obj=candidacy, context=audit_context(conference))
    candidacy.delete()


def _candidates(conference: Conference, segment: str) -> list[CouncilCandidacy]:
    return list(
        CouncilCandidacy.objects.filter(conference=conference, segment=segment)
        .select_related("registration")
        .order_by("created_at", "pk")
    )


@transaction.atomic
def council_election_start(
    *,
    actor,
    conference: Conference,
    segment: str,
    method: str,
    mode: str = "",
    tie_break: str = rules.OLDER_FIRST,
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
) -> CouncilElection:
    """Start a segment's council election: a poll with the candidates as options that
    only the segment's delegates vote in (the table opens and closes it in the voting
    console), or an acclamation, recorded at once."""
    conference = conference_for_write(conference)
    council = council_of(conference)
    segment = _segment(segment)
    if method not in CouncilElection.Method.values:
        raise ValidationError({"method": _("Choose vote or acclamation.")})
    if tie_break not in TieBreak.values:
        raise ValidationError({"tie_break": _("Choose the tie-break of the regimento.")})
    if _started(conference, segment):
        raise ValidationError(
            _("The council election of the %(segment)s segment has already started.")
            % {"segment": rules.segment_label(segment)}
        )
    titulares, suplentes = seats_of(council, segment)
    if not titulares + suplentes:
        raise ValidationError(
            _(
                "The council has no seats of the %(segment)s segment yet: the council types "
                "its law's seats on its own page."
            )
            % {"segment": rules.segment_label(segment)}
        )
    candidates = _candidates(conference, segment)
    if not candidates:
        raise ValidationError(
            _("No candidate for the council in the %(segment)s segment yet.")
            % {"segment": rules.segment_label(segment)}
        )
    default_start, default_end = default_term(conference, council)
    election = CouncilElection(
        conference=conference,
        segment=segment,
        method=method,
        tie_break=tie_break,
        term_start=term_start or default_start,
        term_end=term_end or default_end,
        # the law's seats when it starts: a later change of the law does not change a
        # result under way
        titulares=titulares,
        suplentes=suplentes,
    )
    if election.term_end <= election.term_start:
        raise ValidationError({"term_end": _("The term must end after it starts.")})
    election.full_clean(exclude=["poll"])
    if method == CouncilElection.Method.VOTE:
        election.poll = voting.poll_create(
            actor=actor,
            conference=conference,
            item=Poll.Item.ELECTION,
            question=str(election),
            mode=mode,
            candidates=[(f"c{c.pk}", c.display_name[:200]) for c in candidates],
            segment=segment,
        )
    election.save()
    audit.record(actor=actor, action="create", obj=election, context=audit_context(conference))
    if method == CouncilElection.Method.ACCLAMATION:
        _fill(actor, election, candidates, {}, (titulares, suplentes))
    return election


def _fill(actor, election: CouncilElection, candidates, votes: dict[int, int], seats) -> None:
    """Rank by votes with the tie-break, then titulares and suplentes up to the seats
    (the delegates' own rules)."""
    ranked = rules.rank_candidacies(candidates, votes, election.tie_break)
    roles = rules.fill(ranked, *seats)
    by_pk = {c.pk: c for c in candidates}
    for position, one in enumerate(ranked, 1):
        candidacy = by_pk[one.key]
        candidacy.rank = position
        candidacy.votes = votes.get(candidacy.pk, 0) if election.poll_id else None
        candidacy.role = roles.get(candidacy.pk, "")
    CouncilCandidacy.objects.bulk_update(candidates, ["rank", "votes", "role"])
    election.recorded_at = timezone.now()
    election.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    election.save(update_fields=["recorded_at", "recorded_by", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        obj=election,
        after={"result": [f"{by_pk[r.key]}: {r.votes} ({roles.get(r.key, '-')})" for r in ranked]},
        reason=ELECTION_RESULT,
        context=audit_context(election.conference),
    )


@transaction.atomic
def council_election_record(*, actor, election: CouncilElection) -> CouncilElection:
    """Carry the closed poll into the result: titulares, then suplentes, up to the
    seats of the council's law."""
    conference = conference_for_write(election.conference)
    election = CouncilElection.objects.select_related("poll").get(pk=election.pk)
    votes = counted_votes(election)
    seats = (election.titulares, election.suplentes)
    _fill(actor, election, _candidates(conference, election.segment), votes, seats)
    return election


@transaction.atomic
def council_election_cancel(*, actor, election: CouncilElection, reason: str) -> None:
    """Undo a segment's council election not yet recorded, so it can start again."""
    conference = conference_for_write(election.conference)
    election = CouncilElection.objects.select_related("poll").get(pk=election.pk)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why the election is cancelled.")})
    ProhibitNullCharactersValidator()(reason)  # kept in the audit entry
    if election.recorded_at:
        raise ValidationError(_("The result is recorded: the election cannot be cancelled."))
    poll = election.poll
    if poll is not None and poll.state == Poll.State.OPEN:
        raise ValidationError(_("Close the election's poll in the voting console first."))
    audit.record_deletion(
        actor=actor, obj=election, context=audit_context(conference), reason=reason
    )
    election.delete()
    if poll is not None and poll.state == Poll.State.CREATED:  # never seen by the plenary
        audit.record_deletion(actor=actor, obj=poll, context=audit_context(conference))
        poll.delete()


def member_source(candidacy: CouncilCandidacy) -> str:
    return f"council-election:{candidacy.pk}"


@transaction.atomic
def council_members_from_election(*, actor, conference: Conference) -> tuple[int, int]:
    """Write the elected titulares and suplentes of every recorded segment into the
    council's members, with the election's term and the conference as the act. Running
    it again adds nobody twice. Returns (written now, already there)."""
    council = council_of(conference)
    elections = list(
        CouncilElection.objects.filter(conference=conference, recorded_at__isnull=False)
    )
    if not elections:
        raise ValidationError(_("Record the result of at least one council election first."))
    by_segment = {e.segment: e for e in elections}
    elected = CouncilCandidacy.objects.filter(
        conference=conference, segment__in=list(by_segment)
    ).exclude(role="")
    act = _("Elected at the %(conference)s (%(date)s)") % {
        "conference": conference.title,
        "date": date_format(conference.end_date, "SHORT_DATE_FORMAT"),
    }
    members = [
        {
            "source": member_source(c),
            "name": c.display_name,
            "role": CouncilMember.Role.COUNCILLOR,
            "sector": Sector.CIVIL_SOCIETY,
            "segment": c.segment,
            "seat": c.role,
            "term_start": by_segment[c.segment].term_start,
            "term_end": by_segment[c.segment].term_end,
            "act": act[:300],
        }
        for c in elected.select_related("registration").order_by("segment", "rank")
    ]
    if not members:
        raise ValidationError(_("Nobody was elected: there is nobody to write into the council."))
    written = territory.council_members_write(actor=actor, council=council, members=members)
    now = timezone.now()
    for election in elections:
        if election.written_at is None:
            audit.update_audited(
                election,
                actor=actor,
                changes={"written_at": now},
                reason=WRITTEN_INTO_COUNCIL,
                context=audit_context(conference),
            )
    return written


# --------------------------------------------------------------------------- reads


@dataclass
class SegmentRace:
    """One segment's council election as the page shows it."""

    segment: str
    label: str
    titulares: int
    suplentes: int
    candidacies: list[CouncilCandidacy]
    election: CouncilElection | None

    @property
    def has_seats(self) -> bool:
        return bool(self.titulares + self.suplentes)

    @property
    def elected(self) -> list[CouncilCandidacy]:
        return [c for c in self.candidacies if c.role]

    @property
    def titular_list(self) -> list[CouncilCandidacy]:
        return [c for c in self.candidacies if c.role == rules.TITULAR]

    @property
    def suplente_list(self) -> list[CouncilCandidacy]:
        return [c for c in self.candidacies if c.role == rules.SUPLENTE]


@dataclass
class CouncilRace:
    conference: Conference
    council: Council | None
    segments: list[SegmentRace]

    @property
    def recorded(self) -> list[SegmentRace]:
        return [s for s in self.segments if s.election and s.election.recorded_at]

    @property
    def written(self) -> bool:
        return bool(self.recorded) and all(s.election.written_at for s in self.recorded)


def council_race(conference: Conference) -> CouncilRace:
    """The council, its seats per segment, the candidacies and each segment's election:
    a fixed number of queries whatever the number of candidates."""
    from plenaria.participants.models import Segment

    council = conference_council(conference)
    seats = territory_selectors.council_seats(council) if council else {}
    candidacies = list(
        CouncilCandidacy.objects.filter(conference=conference)
        .select_related("registration")
        .order_by("segment", "rank", "created_at", "pk")
    )
    elections = {
        e.segment: e
        for e in CouncilElection.objects.filter(conference=conference).select_related("poll")
    }
    labels = dict(Segment.choices)
    return CouncilRace(
        conference=conference,
        council=council,
        segments=[
            SegmentRace(
                segment=segment,
                label=str(labels[segment]),
                titulares=seats.get(segment, (0, 0))[0],
                suplentes=seats.get(segment, (0, 0))[1],
                candidacies=[c for c in candidacies if c.segment == segment],
                election=elections.get(segment),
            )
            for segment in rules.CIVIL_SOCIETY
        ],
    )


def _names(candidacies: list[CouncilCandidacy]) -> list[str]:
    return [
        f"{n}. {c.display_name}"
        + (f" ({c.registration.organisation})" if c.registration.organisation else "")
        for n, c in enumerate(candidacies, 1)
    ]


def council_resolution_text(race: CouncilRace) -> str:
    """The draft resolution the council edits and publishes: the civil-society members
    elected at the conference, titulares and suplentes of each segment, and the term."""
    conference = race.conference
    council = race.council.name if race.council else _("Social Assistance Council")
    law = race.council.law if race.council else ""
    parts = [
        _("RESOLUTION No. ___/%(year)s") % {"year": conference.end_date.year},
        "",
        _(
            "Makes public the civil-society composition of the %(council)s elected at the "
            "%(conference)s."
        )
        % {"council": council, "conference": conference.title},
        "",
        _(
            "The %(council)s, in the use of its powers%(law)s, and considering the election "
            "held at the %(conference)s on %(date)s,"
        )
        % {
            "council": council,
            "law": _(" under %(law)s") % {"law": law} if law else "",
            "conference": conference.title,
            "date": date_format(conference.end_date, "SHORT_DATE_FORMAT"),
        },
        "",
        _("RESOLVES:"),
        "",
        _("Art. 1 To make public the civil-society members of the council elected:"),
        "",
    ]
    for race_segment in race.recorded:
        election = race_segment.election
        parts += [
            _("%(segment)s — term from %(start)s to %(end)s")
            % {
                "segment": race_segment.label,
                "start": date_format(election.term_start, "SHORT_DATE_FORMAT"),
                "end": date_format(election.term_end, "SHORT_DATE_FORMAT"),
            },
            _("Titulares:"),
            *(_names(race_segment.titular_list) or ["—"]),
            _("Suplentes:"),
            *(_names(race_segment.suplente_list) or ["—"]),
            "",
        ]
    parts += [
        _("Art. 2 This resolution comes into force on the date of its publication."),
        "",
        _("%(place)s, %(date)s.")
        % {
            "place": conference.territory_name,
            "date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
        },
        "",
        _("President of the %(council)s") % {"council": council},
    ]
    return "\n".join(parts)
