"""Candidacies, elections and the confirmation of a conference's delegate list (the
services of DOMAIN.md §7 after the seat tables). Every write is checked, audited and
all-or-nothing; any change of who holds a seat clears the list's confirmation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.delegates import rules, selectors
from plenaria.delegates.models import Candidacy, DelegateList, Election, TieBreak
from plenaria.participants.models import Registration
from plenaria.proposals.selectors import is_credentialed_delegate
from plenaria.voting import services as voting
from plenaria.voting.models import Mode, Poll


def _lock(conference: Conference) -> DelegateList:
    """Serialises every change of one conference's list (two table members at once).
    Only writes call it, so the list's row is made by the first of them; pages read it
    with ``selectors`` (no row: not confirmed)."""
    Conference.objects.select_for_update().get(pk=conference.pk)
    found, _created = DelegateList.objects.get_or_create(conference=conference)
    return found


def _unconfirm(actor, listed: DelegateList, why: str) -> None:
    if listed.confirmed_at is None:
        return
    audit.update_audited(
        listed,
        actor=actor,
        changes={"confirmed_at": None, "confirmed_by": None},
        fields=["confirmed_at"],
        reason=why,
        context=audit_context(listed.conference),
    )


def _check_delegate(conference: Conference, registration: Registration, *, nominated: bool):
    if not is_credentialed_delegate(conference, registration):
        message = (
            _("%(name)s is not a credentialed delegate with vote right: only they are nominated.")
            if nominated
            else _(
                "%(name)s is not a credentialed delegate with vote right: only they can be "
                "candidates."
            )
        )
        raise ValidationError(message % {"name": registration.display_name})


def _election_started(conference: Conference, segment: str, kind: str) -> bool:
    return Election.objects.filter(
        conference=conference, segment=segment, national_kind=kind
    ).exists()


def _refuse_forum(conference: Conference, segment: str, kind: str) -> None:
    """A segment whose delegates its own forum chooses has no candidacy nor election
    at the conference."""
    found = selectors.forum_choice(conference, segment, kind)
    if found is not None:
        raise ValidationError(
            _(
                "The delegates of this segment are chosen in the forum of the segment "
                "(%(forum)s): there is no candidacy nor election at the conference."
            )
            % {"forum": found.forum_name or found.forum_act}
        )


def _kind(conference: Conference, kind: str) -> str:
    """The list a write is about: one of those the conference elects."""
    kinds = selectors.list_kinds(conference)
    if kind in kinds:
        return kind
    if kinds == ("",):
        raise ValidationError(_("This conference elects one list of delegates."))
    raise ValidationError(
        {
            "national_kind": _("Choose which delegates: %(kinds)s.")
            % {"kinds": " / ".join(selectors.kind_label(k) for k in kinds)}
        }
    )


@transaction.atomic
def candidacy_register(
    *, actor, registration: Registration, segment: str = "", kind: str = ""
) -> Candidacy:
    """A civil-society delegate stands for election in their own segment, on the phone
    (``actor`` None) or at the table (which says which segment it is registering); at a
    state conference that elects two lists, for one of them (``kind``)."""
    conference = registration.conference
    conference_for_write(conference)
    listed = _lock(conference)
    kind = _kind(conference, kind)
    if registration.segment not in rules.CIVIL_SOCIETY:
        raise ValidationError(
            _("Government seats are filled by the manager's nomination, not by candidacy.")
        )
    if segment and segment not in rules.CIVIL_SOCIETY:
        raise ValidationError(_("Choose a civil-society segment."))
    if segment and segment != registration.segment:
        raise ValidationError(
            _(
                "%(name)s is a delegate of the %(own)s segment and cannot be a candidate "
                "of the %(segment)s segment."
            )
            % {
                "name": registration.display_name,
                "own": rules.segment_label(registration.segment),
                "segment": rules.segment_label(segment),
            }
        )
    _check_delegate(conference, registration, nominated=False)
    _refuse_forum(conference, registration.segment, kind)
    if _election_started(conference, registration.segment, kind):
        raise ValidationError(
            _("The election of the %(segment)s segment has started: candidacies are closed.")
            % {"segment": rules.segment_label(registration.segment)}
        )
    # Two taps at once cannot both pass this check: _lock serialises the conference.
    if Candidacy.objects.filter(registration=registration).exists():
        raise ValidationError(
            _("%(name)s is already a candidate.") % {"name": registration.display_name}
        )
    candidacy = Candidacy.objects.create(
        conference=conference,
        registration=registration,
        segment=registration.segment,
        national_kind=kind,
        kind=Candidacy.Kind.CANDIDATE,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(actor=actor, action="create", obj=candidacy, context=audit_context(conference))
    _unconfirm(actor, listed, _("New candidacy"))
    return candidacy


@transaction.atomic
def candidacy_withdraw(*, actor, candidacy: Candidacy) -> None:
    """A candidate withdraws (or the table removes a nomination) before the election."""
    conference = candidacy.conference
    conference_for_write(conference)
    listed = _lock(conference)
    if actor is None and candidacy.kind == Candidacy.Kind.FORUM:  # from the phone
        raise ValidationError(_("Only the table removes a delegate chosen in the forum."))
    if actor is None and candidacy.kind != Candidacy.Kind.CANDIDATE:
        raise ValidationError(_("Only the manager withdraws a nomination."))
    stray = candidacy.national_kind not in selectors.list_kinds(conference)
    if (
        not stray
        and candidacy.kind == Candidacy.Kind.CANDIDATE
        and _election_started(conference, candidacy.segment, candidacy.national_kind)
    ):
        raise ValidationError(_("The election has started: the candidacy stays on the record."))
    audit.record_deletion(actor=actor, obj=candidacy, context=audit_context(conference))
    candidacy.delete()
    if stray:  # the election of a list no longer elected goes with its last candidate
        for election in Election.objects.filter(
            conference=conference, segment=candidacy.segment, national_kind=candidacy.national_kind
        ):
            if not Candidacy.objects.filter(
                conference=conference,
                segment=election.segment,
                national_kind=election.national_kind,
            ).exists():
                audit.record_deletion(actor=actor, obj=election, context=audit_context(conference))
                election.delete()
    _unconfirm(actor, listed, _("Candidacy withdrawn"))


@transaction.atomic
def nominate(*, actor, registration: Registration, role: str, kind: str = "") -> Candidacy:
    """The manager nominates a government delegate as titular or suplente (of one of a
    state conference's lists, ``kind``)."""
    conference = registration.conference
    conference_for_write(conference)
    listed = _lock(conference)
    kind = _kind(conference, kind)
    if registration.segment != rules.GOVERNMENT:
        raise ValidationError(
            _("Only government delegates are nominated; civil society elects its delegates.")
        )
    if role not in (rules.TITULAR, rules.SUPLENTE):
        raise ValidationError({"role": _("Choose titular or suplente.")})
    _check_delegate(conference, registration, nominated=True)
    if Candidacy.objects.filter(registration=registration).exists():
        raise ValidationError(
            _("%(name)s is already on the list.") % {"name": registration.display_name}
        )
    seats = _seats(conference, kind)
    taken = Candidacy.objects.filter(
        conference=conference, segment=rules.GOVERNMENT, national_kind=kind, role=role
    ).count()
    if taken >= seats.of(rules.GOVERNMENT, role):
        raise ValidationError(
            {
                "role": ngettext(
                    "The government has %(n)s %(role)s seat and it is filled.",
                    "The government has %(n)s %(role)s seats and all are filled.",
                    seats.of(rules.GOVERNMENT, role),
                )
                % {"n": seats.of(rules.GOVERNMENT, role), "role": _role_word(role)}
            }
        )
    candidacy = Candidacy.objects.create(
        conference=conference,
        registration=registration,
        segment=rules.GOVERNMENT,
        national_kind=kind,
        kind=Candidacy.Kind.NOMINATED,
        role=role,
        created_by=actor,
    )
    audit.record(actor=actor, action="create", obj=candidacy, context=audit_context(conference))
    _unconfirm(actor, listed, _("New nomination"))
    return candidacy


def _refuse_stray(conference: Conference) -> None:
    if selectors.stray_candidacies(conference).exists():
        raise ValidationError(
            _(
                "Some candidacies are on a list this conference no longer elects: remove them "
                "(and register them again in their list) first."
            )
        )


def _role_word(role: str) -> str:
    return _("titular") if role == rules.TITULAR else _("suplente")


def _seats(conference: Conference, kind: str) -> rules.Seats:
    found = selectors.seats_for(conference, kind)
    if found is None:
        raise ValidationError(
            _(
                "No seat table covers this conference yet: the state (or national) council "
                "sets how many delegates it elects."
            )
        )
    return found.seats


@transaction.atomic
def election_start(
    *,
    actor,
    conference: Conference,
    segment: str,
    method: str,
    mode: str = "",
    segment_only: bool = True,
    tie_break: str = rules.OLDER_FIRST,
    kind: str = "",
) -> Election:
    """Start a segment's election: a poll with the candidates as options, which the
    table opens and closes in the voting console; or an acclamation, recorded at once
    (the candidates in the order of the tie-break, as nobody was voted above another)."""
    conference_for_write(conference)
    listed = _lock(conference)
    kind = _kind(conference, kind)
    if segment not in rules.CIVIL_SOCIETY:
        raise ValidationError({"segment": _("Choose a civil-society segment.")})
    if method not in Election.Method.values:
        raise ValidationError({"method": _("Choose vote or acclamation.")})
    if tie_break not in TieBreak.values:
        raise ValidationError({"tie_break": _("Choose the tie-break of the regimento.")})
    _refuse_forum(conference, segment, kind)
    if _election_started(conference, segment, kind):
        raise ValidationError(
            _("The election of the %(segment)s segment has already started.")
            % {"segment": rules.segment_label(segment)}
        )
    seats = _seats(conference, kind)
    candidates = list(
        Candidacy.objects.filter(conference=conference, segment=segment, national_kind=kind)
        .select_related("registration")
        .order_by("created_at", "pk")
    )
    if not candidates:
        raise ValidationError(
            _("No candidate in the %(segment)s segment yet.")
            % {"segment": rules.segment_label(segment)}
        )
    election = Election(
        conference=conference,
        segment=segment,
        national_kind=kind,
        method=method,
        segment_only=segment_only,
        tie_break=tie_break,
    )
    if method == Election.Method.VOTE:
        election.poll = voting.poll_create(
            actor=actor,
            conference=conference,
            item=Poll.Item.ELECTION,
            question=str(election),
            mode=mode,
            candidates=[(f"c{c.pk}", c.display_name[:200]) for c in candidates],
            segment=segment if segment_only else "",
        )
    election.save()
    audit.record(actor=actor, action="create", obj=election, context=audit_context(conference))
    if method == Election.Method.ACCLAMATION:
        _fill(actor, listed, election, candidates, {c.pk: 0 for c in candidates}, seats)
    return election


def _fill(
    actor,
    listed: DelegateList,
    election: Election,
    candidates,
    votes: dict[int, int],
    seats: rules.Seats,
):
    ranked = rules.rank_candidacies(candidates, votes, election.tie_break)
    segment = election.segment
    roles = rules.fill(ranked, seats.of(segment, rules.TITULAR), seats.of(segment, rules.SUPLENTE))
    by_pk = {c.pk: c for c in candidates}
    for position, ranked_one in enumerate(ranked, 1):
        candidacy = by_pk[ranked_one.key]
        candidacy.rank = position
        candidacy.votes = votes.get(candidacy.pk) if election.poll_id else None
        candidacy.role = roles.get(candidacy.pk, "")
    Candidacy.objects.bulk_update(candidates, ["rank", "votes", "role"])
    election.recorded_at = timezone.now()
    election.recorded_by = actor
    election.save(update_fields=["recorded_at", "recorded_by", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        obj=election,
        after={
            "result": [
                f"{by_pk[r.key]}: {r.votes} ({_role_word(roles[r.key]) if r.key in roles else '-'})"
                for r in ranked
            ]
        },
        reason=_("Result of the election"),
        context=audit_context(election.conference),
    )
    _unconfirm(actor, listed, _("Result of the election"))


def counted_votes(election) -> dict[int, int]:
    """The votes of each candidacy (by id) in an election's counted poll, for delegate or
    council seats alike; refused while the result cannot be recorded yet (or already was)."""
    if election.recorded_at:
        raise ValidationError(_("The result of this election is already recorded."))
    poll = election.poll
    if poll is None or poll.state not in (Poll.State.CLOSED, Poll.State.PUBLISHED):
        raise ValidationError(_("Close the election's poll in the voting console first."))
    if poll.mode == Mode.ANALOG and not poll.outcome:
        raise ValidationError(_("Enter the counted cards in the voting console first."))
    if poll.quorum_met is False:
        raise ValidationError(
            _("The election's poll did not reach the quorum: cancel the election and vote again.")
        )
    return {int(o.key[1:]): o.votes for o in poll.options.all() if o.key.startswith("c")}


@transaction.atomic
def election_record(*, actor, election: Election) -> Election:
    """Carry a counted poll into the list: candidates ranked by votes with the tie-break;
    the first become titulares, the next suplentes, up to the segment's seats."""
    conference = election.conference
    conference_for_write(conference)
    listed = _lock(conference)
    election = Election.objects.select_related("poll").get(pk=election.pk)
    votes = counted_votes(election)
    candidates = list(
        Candidacy.objects.filter(
            conference=conference,
            segment=election.segment,
            national_kind=election.national_kind,
        )
        .select_related("registration")
        .order_by("created_at", "pk")
    )
    _fill(actor, listed, election, candidates, votes, _seats(conference, election.national_kind))
    return election


@transaction.atomic
def election_cancel(*, actor, election: Election, reason: str) -> None:
    """Undo a segment's election not yet recorded (no quorum, a wrong setting), so the
    table can start it again. A poll already opened stays in the voting history."""
    conference = election.conference
    conference_for_write(conference)
    _lock(conference)
    election = Election.objects.select_related("poll").get(pk=election.pk)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Say why the election is cancelled."))
    ProhibitNullCharactersValidator()(reason)  # kept in the audit entry
    if election.recorded_at:
        raise ValidationError(
            _("The result is recorded: change who holds the seats instead of cancelling.")
        )
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


@transaction.atomic
def roles_set(
    *,
    actor,
    conference: Conference,
    segment: str,
    roles: dict[int, str],
    reason: str,
    kind: str = "",
):
    """The table changes who holds a segment's seats (the plenary decided, e.g. to meet
    the diversity quota): all the segment's roles at once (in one list, ``kind``),
    never more than the seats."""
    conference_for_write(conference)
    listed = _lock(conference)
    kind = _kind(conference, kind)
    if segment not in rules.SEGMENTS:
        raise ValidationError(_("Choose a segment."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the seats change (e.g. the plenary's decision).")}
        )
    seats = _seats(conference, kind)
    candidacies = list(
        Candidacy.objects.filter(
            conference=conference, segment=segment, national_kind=kind
        ).select_related("registration")
    )
    if {c.pk for c in candidacies} != set(roles):
        raise ValidationError(_("The list changed meanwhile; reload the page."))
    for role in (rules.TITULAR, rules.SUPLENTE):
        chosen = sum(1 for r in roles.values() if r == role)
        if chosen > seats.of(segment, role):
            raise ValidationError(
                ngettext(
                    "The %(segment)s segment has %(n)s %(role)s seat; %(chosen)s were chosen.",
                    "The %(segment)s segment has %(n)s %(role)s seats; %(chosen)s were chosen.",
                    seats.of(segment, role),
                )
                % {
                    "segment": rules.segment_label(segment),
                    "n": seats.of(segment, role),
                    "role": _role_word(role),
                    "chosen": chosen,
                }
            )
    changed = [c for c in candidacies if c.role != roles[c.pk]]
    before = {c.registration.code: c.role for c in changed}
    for candidacy in changed:
        candidacy.role = roles[candidacy.pk]
    Candidacy.objects.bulk_update(changed, ["role"])
    if changed:
        audit.record(
            actor=actor,
            action="update",
            obj=listed,
            before=before,
            after={c.registration.code: c.role for c in changed},
            reason=reason,
            context=audit_context(conference),
        )
        _unconfirm(actor, listed, reason)
    return changed


@transaction.atomic
def list_confirm(*, actor, conference: Conference, justification: str = "") -> DelegateList:
    """Confirm the list. With problems found by the check, only with the justification
    the plenary decided; both are kept and shown in the report."""
    conference_for_write(conference)
    listed = _lock(conference)
    if listed.confirmed_at:
        raise ValidationError(_("The list is already confirmed."))
    _refuse_stray(conference)
    check = selectors.list_check(conference)
    if check is None:
        for kind in selectors.list_kinds(conference):
            _seats(conference, kind)  # raises with the reason
    justification = (justification or "").strip()
    if check.problems and not justification:
        raise ValidationError(
            {
                "justification": _(
                    "The list does not meet the rules: write the plenary's justification "
                    "to confirm it anyway."
                )
            }
        )
    if len(justification) > 2000:
        raise ValidationError({"justification": _("At most 2,000 characters.")})
    audit.update_audited(
        listed,
        actor=actor,
        changes={
            "confirmed_at": timezone.now(),
            "confirmed_by": actor,
            "problems": check.problems,
            "justification": justification if check.problems else "",
        },
        fields=["confirmed_at", "justification", "problems"],
        reason=_("Delegate list confirmed"),
        context=audit_context(conference),
    )
    return listed
