"""Reads about conferences that span relations."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

from plenaria.conferences import rules
from plenaria.conferences.models import (
    COMMISSION_ROLE_ORDER,
    REGIMENTO_RULE_FIELDS,
    CommissionMember,
    Conference,
    ConferenceRules,
    ConvocationAct,
    Status,
)
from plenaria.conferences.visibility import public_page_q
from plenaria.core.collation import sort_key
from plenaria.editions.models import Edition
from plenaria.editions.selectors import Sourced, first_set, rule_sets_for, window_for
from plenaria.territory.models import Council, Level, Municipality, State


def previous_conferences(conference: Conference) -> list[rules.PastConference]:
    """Earlier conferences of the same territory and level, in any edition."""
    territory = {
        Level.MUNICIPAL: Q(municipality_id=conference.municipality_id),
        Level.REGIONAL: Q(association_id=conference.association_id),
        Level.STATE: Q(state_id=conference.state_id),
        Level.NATIONAL: Q(),
    }[conference.level]
    rows = (
        Conference.objects.filter(territory, level=conference.level)
        .exclude(pk=conference.pk)
        .filter(start_date__lt=conference.start_date)
        .values_list("start_date", "nature")
    )
    return [rules.PastConference(start=start, nature=nature) for start, nature in rows]


def conference_council(conference: Conference) -> Council | None:
    """The council that convokes the conference: the municipality's, the state's or the
    national one (None for a regional conference, which no council convokes)."""
    territory = {
        Level.MUNICIPAL: Q(level=Level.MUNICIPAL, municipality_id=conference.municipality_id),
        Level.STATE: Q(level=Level.STATE, state_id=conference.state_id),
        Level.NATIONAL: Q(level=Level.NATIONAL),
    }.get(conference.level)
    if territory is None:
        return None
    return Council.objects.filter(territory).first()


def council_period(conference: Conference) -> int | None:
    """The periodicity the conference's council set for itself (None: not set, or a
    regional conference, which no council convokes)."""
    territory = {
        Level.MUNICIPAL: Q(level=Level.MUNICIPAL, municipality_id=conference.municipality_id),
        Level.STATE: Q(level=Level.STATE, state_id=conference.state_id),
        Level.NATIONAL: Q(level=Level.NATIONAL),
    }.get(conference.level)
    if territory is None:
        return None
    return Council.objects.filter(territory).values_list("period_years", flat=True).first()


def conference_warnings(conference: Conference) -> list[str]:
    """Everything that is allowed but unusual about the conference (DOMAIN.md §2–3)."""
    edition = conference.edition
    # The state council's own window for its state's conferences, else the national one.
    window = window_for(edition, conference.level, conference.state_id)
    own = window[2] if window else None
    warnings = rules.window_warnings(
        conference.start_date,
        conference.end_date,
        window[:2] if window else None,
        conference.get_level_display().lower(),
        set_by_state=own.state.name if own else "",
    )
    warnings += rules.periodicity_warnings(
        conference.start_date,
        conference.nature,
        previous_conferences(conference),
        council_period=council_period(conference),
    )
    parent = conference.parent
    # A draft parent's title is not public yet: name it generically.
    parent_title = (
        (parent.title if parent.is_public else _("the next-stage conference")) if parent else ""
    )
    warnings += rules.parent_warnings(
        conference.end_date, parent.start_date if parent else None, parent_title
    )
    if conference.pk:
        sectors = CommissionMember.objects.filter(
            conference=conference, is_alternate=False
        ).values_list("sector", flat=True)
        warnings += rules.parity_warnings(sectors)
    return warnings


def act_of(conference: Conference) -> ConvocationAct | None:
    return ConvocationAct.objects.filter(conference=conference).first()


def commission_of(conference: Conference) -> list[CommissionMember]:
    """Titulars first, president and vice-president leading, then by name."""
    return sorted(
        conference.commission.all(),
        key=lambda m: (m.is_alternate, COMMISSION_ROLE_ORDER.index(m.role), sort_key(m.name)),
    )


def draft_warnings(conference: Conference | None, data: dict, territory: dict) -> list[str]:
    """Warnings for unsaved form data: of an existing conference being edited, or of
    a new one (``territory`` then holds level and municipality/state/association)."""
    if conference is None:
        conference = Conference(edition=data["edition"], **territory)
        if conference.municipality_id:
            conference.state = conference.municipality.state
        if conference.association_id:
            conference.state = conference.association.state
        conference.parent = default_parent(
            edition=conference.edition,
            level=conference.level,
            state=conference.state,
            municipality=conference.municipality,
        )
    else:
        conference = Conference.objects.select_related("edition", "parent").get(pk=conference.pk)
        if "parent" in data:
            conference.parent = data["parent"]
    for name in ("start_date", "end_date", "nature"):
        if data.get(name):
            setattr(conference, name, data[name])
    return conference_warnings(conference)


def public_conferences():
    """Conferences anyone can see, soonest first."""
    return (
        Conference.objects.filter(public_page_q())
        .select_related("edition", "state", "municipality", "association")
        .order_by("-start_date")
    )


def parent_candidates(conference: Conference):
    """Conferences of the same edition that this one may feed (convoked ones, or the
    current parent: a draft's title is not public yet)."""
    qs = Conference.objects.filter(edition=conference.edition).select_related("state")
    qs = qs.filter(~Q(status=Status.DRAFT) | Q(pk=conference.parent_id))
    if conference.level == Level.MUNICIPAL:
        return qs.filter(
            Q(level=Level.STATE, state_id=conference.state_id)
            | Q(level=Level.REGIONAL, association__members=conference.municipality_id)
        )
    if conference.level == Level.REGIONAL:
        return qs.filter(level=Level.STATE, state_id=conference.state_id)
    if conference.level == Level.STATE:
        return qs.filter(level=Level.NATIONAL)
    return qs.none()


def convening_body(conference: Conference) -> str:
    """The name a conference's documents (certificates, lists) are issued in: its
    council, or the association for a regional conference."""
    from plenaria.territory.models import Council

    if conference.level == Level.REGIONAL:
        return str(conference.association)
    lookup = {
        Level.MUNICIPAL: {"municipality_id": conference.municipality_id},
        Level.STATE: {"state_id": conference.state_id, "level": Level.STATE},
        Level.NATIONAL: {"level": Level.NATIONAL},
    }[conference.level]
    council = Council.objects.filter(**lookup).first()
    return council.name if council else conference.territory_name


@dataclass(frozen=True)
class RegimentoRules:
    """The rules a conference deliberates by, each with where it is written: its own
    regimento, else its state's rules for the edition, else the edition's."""

    method: Sourced
    max_per_axis_sphere: Sourced
    direct_approval_share: Sourced
    plenary_share: Sourced
    abstentions_count: Sourced
    motion_signature_share: Sourced
    # Blank everywhere: the shift's credentialing counts (participants.selectors.quorum_shift).
    quorum_any_shift: Sourced

    @property
    def plenary_method(self) -> bool:
        """Proposals go straight to the final plenary: no working groups (unset: they
        go through the groups, as before the rule existed)."""
        return rules.uses_plenary_method(self.method.value)

    @property
    def aggregation_set(self) -> bool:
        """The group votes can be aggregated: both shares and the base are set."""
        return all(
            rule.is_set
            for rule in (self.direct_approval_share, self.plenary_share, self.abstentions_count)
        )


def regimento_source(own: ConferenceRules) -> str:
    where = _("Regimento of the conference")
    return f"{where} — {own.source}" if own.source else where


def regimento_rules_of(conference: Conference) -> ConferenceRules | None:
    return ConferenceRules.objects.filter(conference=conference).first()


def regimento_rules(conference: Conference) -> RegimentoRules:
    own = regimento_rules_of(conference)
    sets = rule_sets_for(conference)
    values = {}
    for name in REGIMENTO_RULE_FIELDS:
        value = getattr(own, name) if own else None
        values[name] = (
            Sourced(value, regimento_source(own)) if value is not None else first_set(sets, name)
        )
    return RegimentoRules(**values)


def default_parent(
    *, edition: Edition, level: str, state: State | None, municipality: Municipality | None
) -> Conference | None:
    """The next-level conference a new conference feeds by default."""
    if level in (Level.MUNICIPAL, Level.REGIONAL):
        return Conference.objects.filter(edition=edition, level=Level.STATE, state=state).first()
    if level == Level.STATE:
        return Conference.objects.filter(edition=edition, level=Level.NATIONAL).first()
    return None


def transition_problems(conference: Conference, to_status: str) -> list[str]:
    """Why the conference cannot move forward to ``to_status`` yet."""
    problems = []
    if to_status != rules.next_status(conference.status):
        problems.append(_("The status can only move to the next step."))
    if (
        to_status == Status.CONVOKED
        and not ConvocationAct.objects.filter(conference=conference).exists()
    ):
        problems.append(_("Record the convocation act before convoking the conference."))
    if to_status == Status.CLOSED:
        # Ballots do not take the conference's lock (it would queue every vote): a poll
        # still open would let votes in after closing.
        poll_model = apps.get_model("voting", "Poll")
        still_open = poll_model.objects.filter(
            conference=conference, state=poll_model.State.OPEN
        ).first()
        if still_open is not None:
            problems.append(
                _("Close poll %(n)s in the voting console before closing the conference.")
                % {"n": still_open.number}
            )
    return problems
