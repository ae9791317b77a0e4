"""Every write of the plenary's polls. Each is atomic; changes of a poll are audited and
announced live after commit (`live.announce`); ballots are counted live by the hubs'
ticker instead (see live.py)."""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.selectors import regimento_rules
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.participants.access import PIN_FINGERPRINT_SQL, pin_salt
from plenaria.participants.models import Category, Registration
from plenaria.participants.selectors import current_shift, quorum_shift
from plenaria.proposals import selectors as deliberation_selectors
from plenaria.proposals import services as deliberation
from plenaria.proposals.models import Highlight, Motion
from plenaria.voting import live, rules, selectors
from plenaria.voting.models import (
    SECRET_SLOTS,
    Entitlement,
    Mode,
    Poll,
    PollOption,
    SecretTally,
    Voter,
    VotingSettings,
)
from plenaria.voting.selectors import entitled_voters, may_vote

YES_NO = [
    ("yes", gettext_lazy("Yes (in favour)")),
    ("no", gettext_lazy("No (against)")),
    ("abstention", gettext_lazy("Abstention")),
]
ABSTENTION = "abstention"
MAX_OPTIONS = 20
# A clock a minute ahead of the server's (the table's laptop) is not "the future".
HELD_AT_SLACK = timedelta(minutes=5)

# Stored as a code, shown in the reader's language (core.audit.show_text).
CARDS_COUNTED = audit.system_text(gettext_noop("Cards counted by the table"))

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    counts=gettext_lazy("counts"),
)


@transaction.atomic
def settings_save(*, actor, conference: Conference, data: dict) -> VotingSettings:
    conference = conference_for_write(conference)
    # The row is made by the first save; until then pages read the defaults (selectors).
    current, _created = VotingSettings.objects.get_or_create(conference=conference)
    return audit.update_audited(
        current,
        actor=actor,
        changes={field: data[field] for field in ("majority", "quorum", "mode", "allow_change")},
        context=audit_context(conference),
    )


def _options_for(item: str, labels: list[str]) -> list[tuple[str, str]]:
    if item == Poll.Item.ELECTION:
        return [*labels, (ABSTENTION, _("Blank vote"))]
    if item == Poll.Item.HIGHLIGHT:
        # In the order the table reads them, each named by what it does to the proposal
        # (a "yes/no" reading of "original/proposed" recorded the opposite once).
        return [
            ("proposed", _("Approve the highlight")),
            ("original", _("Keep the original text")),
            (ABSTENTION, _("Abstention")),
        ]
    if labels:
        cleaned = [label.strip() for label in labels if label.strip()]
        if len(cleaned) < 2:
            raise ValidationError({"options": _("Give at least two options, one per line.")})
        if len(cleaned) > MAX_OPTIONS:
            raise ValidationError({"options": _("At most %(n)s options.") % {"n": MAX_OPTIONS}})
        if len({c.casefold() for c in cleaned}) != len(cleaned):
            raise ValidationError({"options": _("Each option must be different.")})
        if any(len(c) > 200 for c in cleaned):
            raise ValidationError({"options": _("Each option has at most 200 characters.")})
        return [(f"o{i}", c) for i, c in enumerate(cleaned, 1)] + [(ABSTENTION, _("Abstention"))]
    return [(key, str(label)) for key, label in YES_NO]


def _en_bloc_overlap(conference: Conference, axis) -> None:
    """Two en-bloc polls over the same axis: the second to be published could record
    nothing (the axis is decided), so it is not created while the first is pending."""
    pending = Poll.objects.filter(conference=conference, item=Poll.Item.EN_BLOC).exclude(
        state=Poll.State.PUBLISHED
    )
    if axis is not None:
        pending = pending.filter(Q(axis__isnull=True) | Q(axis=axis))
    first = pending.order_by("number").first()
    if first is not None:
        raise ValidationError(
            {
                "axis": _("Poll %(n)s already votes these proposals en bloc: publish it first.")
                % {"n": first.number}
            }
        )


def _item_target(conference: Conference, item: str, *, axis, highlight, motion) -> str:
    """Checks the item can be voted and returns the default question."""
    if item == Poll.Item.EN_BLOC and axis is None and regimento_rules(conference).plenary_method:
        # The plenary method's single vote: every axis' proposals without highlights.
        pending = deliberation_selectors.en_bloc_pending(conference)
        if pending.still_open:
            raise ValidationError(
                {
                    "axis": _("Close the highlight window of every axis first: %(axes)s.")
                    % {"axes": ", ".join(str(a) for a in pending.still_open)}
                }
            )
        if not pending.axes:
            raise ValidationError({"axis": _("The en-bloc vote of every axis is recorded.")})
        _en_bloc_overlap(conference, None)
        return _("En-bloc approval of every proposal without highlights, all axes")
    if item == Poll.Item.EN_BLOC:
        if axis is None or axis.edition_id != conference.edition_id:
            raise ValidationError({"axis": _("Choose the axis.")})
        plenary = deliberation_selectors.axis_plenary(conference, axis)
        if not plenary.highlights_closed_at:
            raise ValidationError({"axis": _("Close the highlight window of the axis first.")})
        if plenary.en_bloc_result:
            raise ValidationError({"axis": _("The en-bloc vote of this axis is recorded.")})
        _en_bloc_overlap(conference, axis)
        return _("En-bloc approval of the proposals of %(axis)s without highlights") % {
            "axis": axis
        }
    if item == Poll.Item.HIGHLIGHT:
        if highlight is None or highlight.proposal.conference_id != conference.pk:
            raise ValidationError({"highlight": _("Choose the highlight.")})
        if highlight.result:
            raise ValidationError({"highlight": _("This highlight has already been voted.")})
        return _("Highlight %(n)s on %(p)s: approve the highlight or keep the original text?") % {
            "n": highlight.number,
            "p": highlight.proposal.label,
        }
    if item == Poll.Item.MOTION:
        if motion is None or motion.conference_id != conference.pk:
            raise ValidationError({"motion": _("Choose the motion.")})
        if motion.final_status:
            raise ValidationError({"motion": _("This motion has already been voted.")})
        return _("%(motion)s: approve?") % {"motion": motion}
    if item == Poll.Item.REGIMENTO:
        return _("Approval of the internal rules (regimento)")
    return ""  # a free question or an election: the question comes with the poll


@transaction.atomic
def poll_create(
    *,
    actor,
    conference: Conference,
    item: str,
    question: str = "",
    mode: str = "",
    options: list[str] | None = None,
    axis=None,
    highlight: Highlight | None = None,
    motion: Motion | None = None,
    candidates: list[tuple[str, str]] | None = None,
    segment: str = "",
) -> Poll:
    """A new poll. Elections are created by plenaria.delegates with the candidates as
    ``(key, name)`` options and, where the regimento says so, the voters' segment."""
    conference = conference_for_write(conference)  # the lock also keeps numbers in order
    if item not in Poll.Item.values:
        raise ValidationError({"item": _("Choose what is voted.")})
    default = _item_target(conference, item, axis=axis, highlight=highlight, motion=motion)
    question = " ".join((question or default).split())
    if not question:
        raise ValidationError({"question": _("Write the question the plenary votes.")})
    if len(question) > 300:
        raise ValidationError({"question": _("The question has at most 300 characters.")})
    rules_now = selectors.settings_for(conference)
    mode = mode or rules_now.mode
    if mode not in Mode.values:
        raise ValidationError({"mode": _("Choose how the plenary votes.")})
    # Listed options only for a free question; agenda items have fixed options.
    if item == Poll.Item.ELECTION:
        if not candidates:
            raise ValidationError(_("An election needs candidates."))
        choices = _options_for(item, candidates)
    else:
        choices = _options_for(item, (options or []) if item == Poll.Item.FREE else [])
        segment = ""
    number = (conference.polls.aggregate(n=Max("number"))["n"] or 0) + 1
    poll = Poll.objects.create(
        conference=conference,
        number=number,
        item=item,
        question=question,
        axis=axis if item == Poll.Item.EN_BLOC else None,
        highlight=highlight if item == Poll.Item.HIGHLIGHT else None,
        motion=motion if item == Poll.Item.MOTION else None,
        mode=mode,
        segment=segment,
        majority=rules_now.majority,
        quorum=rules_now.quorum,
        allow_change=rules_now.allow_change and mode == Mode.OPEN,
    )
    made = PollOption.objects.bulk_create(
        PollOption(poll=poll, position=i, key=key, label=label)
        for i, (key, label) in enumerate(choices)
    )
    if mode == Mode.SECRET:
        SecretTally.objects.bulk_create(
            SecretTally(poll=poll, option=option, slot=slot)
            for option in made
            for slot in range(SECRET_SLOTS)
        )
    audit.record(actor=actor, action="create", obj=poll, context=audit_context(conference))
    live.announce(conference.pk)
    return poll


def _locked(poll: Poll) -> Poll:
    return Poll.objects.select_for_update().select_related("conference").get(pk=poll.pk)


def _transition(actor, poll: Poll, *, field: str, to: str, **changes) -> Poll:
    audit.update_audited(
        poll,
        actor=actor,
        changes={"state": to, field: timezone.now(), **changes},
        fields=["state", *changes],
        context=audit_context(poll.conference),
    )
    live.announce(poll.conference_id)
    return poll


@transaction.atomic
def poll_open(*, actor, poll: Poll) -> Poll:
    conference_for_write(poll.conference_id)
    poll = _locked(poll)
    if poll.state != Poll.State.CREATED:
        raise ValidationError(_("Only a poll not yet opened can be opened."))
    other = Poll.objects.filter(conference_id=poll.conference_id, state=Poll.State.OPEN).first()
    if other:
        raise ValidationError(
            _("Close poll %(n)s before opening another one.") % {"n": other.number}
        )
    # The shift it runs in and the regimento's rule, fixed now: the entitled voters and
    # the quorum base are counted again at closing (a delegate credentialed in this shift
    # while it is open votes and counts), never from another shift's credentialing.
    shift = current_shift(poll.conference, timezone.localtime())
    try:
        with transaction.atomic():
            return _transition(
                actor,
                poll,
                field="opened_at",
                to=Poll.State.OPEN,
                shift=shift,
                entitled_any_shift=quorum_shift(poll.conference, shift) is None,
            )
    except IntegrityError:  # another table member opened one at the same moment
        raise ValidationError(_("Another poll was opened at the same moment.")) from None


def _poll_open_for_votes(poll_id: int) -> Poll:
    """The poll, read under a shared lock on PostgreSQL: closing (FOR UPDATE) waits for
    the ballots being written and every later ballot sees it closed."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM voting_poll WHERE id = %s FOR SHARE", [poll_id])
    return Poll.objects.select_related("conference").get(pk=poll_id)


# A first, valid ballot in one statement (PostgreSQL): lock the open poll for share,
# check the delegate's right (the conditions of voting.selectors.entitled_voters:
# credentialed in the poll's shift, and of the election's segment; kept in step by
# test_services.test_the_first_ballot_statement_*), insert "who voted" and, in a
# secret poll, add one to a random counter slot. Through the ORM that took twelve round
# trips and made a ballot four times dearer than the plainest insert
# (bench/vote_load.py). Anything but a first valid ballot (a repeat, a change, a
# refusal) returns no row and ballot_cast handles it, with its message. Ballots are not
# announced: live.py says why and how the live count still moves.
# The session must have opened the registration with its current PIN (a PIN issued again
# at the check-in desk closes the sessions of the old one): participants.access.
FIRST_BALLOT_SQL = """
WITH poll AS (
    SELECT id, conference_id, mode, segment, shift_id, entitled_any_shift FROM voting_poll
    WHERE id = %(poll)s AND state = %(open)s AND mode IN (%(named)s, %(secret)s)
    FOR SHARE
), voter AS (
    SELECT r.id FROM participants_registration r JOIN poll ON r.conference_id = poll.conference_id
    WHERE r.code = %(code)s AND r.id = ANY(%(opened)s)
      AND PIN_FINGERPRINT = ANY(%(pins)s)
      AND r.category = %(delegate)s AND r.status = %(confirmed)s
      AND (poll.segment = '' OR r.segment = poll.segment)
      AND (NOT r.is_substitute OR r.replaces_id IS NOT NULL)
      AND EXISTS (
        SELECT 1 FROM participants_checkin c WHERE c.registration_id = r.id
        AND (poll.entitled_any_shift OR poll.shift_id IS NULL OR c.shift_id = poll.shift_id)
      )
), choice AS (
    SELECT id FROM voting_polloption WHERE poll_id = %(poll)s AND key = %(option)s
), ballot AS (
    INSERT INTO voting_voter (poll_id, registration_id, receipt, option_id, voted_at)
    SELECT poll.id, voter.id, %(receipt)s,
           CASE WHEN poll.mode = %(secret)s THEN NULL ELSE choice.id END, now()
    FROM poll, voter, choice
    ON CONFLICT (poll_id, registration_id) DO NOTHING
    RETURNING receipt
), counted AS (
    UPDATE voting_secrettally SET count = count + 1
    WHERE option_id = (SELECT id FROM choice) AND slot = %(slot)s
      AND EXISTS (SELECT 1 FROM ballot) AND EXISTS (SELECT 1 FROM poll WHERE mode = %(secret)s)
)
SELECT receipt FROM ballot
""".replace("PIN_FINGERPRINT", PIN_FINGERPRINT_SQL)


def ballot_first(
    *, poll_id: int, code: str, opened: list[int], pins: list[str], option_key: str
) -> str | None:
    """The receipt of a first, valid ballot by the registration ``code`` that this
    session opened (``opened``, with the PIN fingerprints ``pins``: access.opened_pins);
    None for anything else — a repeat, a change, a refusal, an old PIN — which
    ballot_cast then handles with its message. Only on PostgreSQL: elsewhere None."""
    if connection.vendor != "postgresql" or not opened or not pins:
        return None
    params = {
        "poll": poll_id,
        "code": code,
        "opened": list(opened),
        "pins": list(pins),
        "pin_salt": pin_salt(),
        "option": option_key,
        "receipt": secrets.token_hex(4).upper(),
        "slot": secrets.randbelow(SECRET_SLOTS),
        "open": Poll.State.OPEN,
        "named": Mode.OPEN,
        "secret": Mode.SECRET,
        "delegate": Category.DELEGATE,
        "confirmed": Registration.Status.CONFIRMED,
    }
    with connection.cursor() as cursor:  # one statement: atomic without BEGIN/COMMIT
        cursor.execute(FIRST_BALLOT_SQL, params)
        row = cursor.fetchone()
    return row[0] if row else None


@transaction.atomic
def ballot_cast(*, poll: Poll, registration: Registration, option_key: str) -> Voter:
    """One ballot of a delegate. A retry or a double click returns the first receipt and
    stores nothing; where the regimento allows, an open vote may be changed while open."""
    poll = _poll_open_for_votes(poll.pk)
    if registration.conference_id != poll.conference_id:
        raise ValidationError(_("This poll belongs to another conference."))
    if poll.state != Poll.State.OPEN:
        raise ValidationError(_("This poll is not open: your vote was not recorded."))
    if not poll.is_electronic:
        raise ValidationError(_("This poll is counted by show of cards, not on the phone."))
    option = PollOption.objects.filter(poll=poll, key=option_key).first()
    if option is None:
        raise ValidationError(_("Choose one of the options."))
    if not may_vote(poll, registration):
        if poll.segment and registration.segment != poll.segment:
            raise ValidationError(
                _("Only delegates of the segment %(segment)s vote in this election.")
                % {"segment": poll.get_segment_display()}
            )
        if selectors.missing_shift_checkin(poll, registration):
            raise ValidationError(
                _(
                    "You were not credentialed in the %(shift)s shift, in which this poll "
                    "runs: go to the credentialing desk to vote."
                )
                % {"shift": poll.shift.name}
            )
        raise ValidationError(
            _("Only credentialed delegates with vote right vote (and substitutes replacing one).")
        )
    try:
        with transaction.atomic():
            voter = Voter.objects.create(
                poll=poll,
                registration=registration,
                receipt=secrets.token_hex(4).upper(),
                option=None if poll.is_secret else option,
            )
    except IntegrityError:
        voter = Voter.objects.get(poll=poll, registration=registration)
        if poll.allow_change and not poll.is_secret and voter.option_id != option.pk:
            voter.option = option
            voter.save(update_fields=["option"])
        return voter
    if poll.is_secret:
        SecretTally.objects.filter(option=option, slot=secrets.randbelow(SECRET_SLOTS)).update(
            count=F("count") + 1
        )
    return voter


def _decide(poll: Poll, counts: dict[str, int]) -> None:
    result = rules.outcome(
        counts, majority=poll.majority, quorum=poll.quorum, entitled=poll.entitled_count or 0
    )
    poll.quorum_met = result.quorum_met
    if result.approved is not None:
        poll.outcome = Poll.Outcome.APPROVED if result.approved else Poll.Outcome.REJECTED
    elif result.winner:
        poll.outcome = Poll.Outcome.DECIDED
    else:
        poll.outcome = Poll.Outcome.UNDECIDED


@transaction.atomic
def poll_close(*, actor, poll: Poll) -> Poll:
    """Close the poll: snapshot who was entitled, count the ballots again from the
    database and store the counts with the outcome under the poll's rule."""
    conference_for_write(poll.conference_id)
    poll = _locked(poll)
    if poll.state != Poll.State.OPEN:
        raise ValidationError(_("Only an open poll can be closed."))
    entitled = list(entitled_voters(poll).values_list("pk", flat=True))
    Entitlement.objects.bulk_create(Entitlement(poll=poll, registration_id=pk) for pk in entitled)
    poll.entitled_count = len(entitled)
    if poll.is_electronic:
        counts = selectors.recount(poll)
        voters = Voter.objects.filter(poll=poll).count()
        if sum(counts.values()) != voters:  # would mean a lost or duplicated ballot
            raise ValidationError(_("The ballots do not add up; the poll stays open."))
        _store_counts(poll, counts)
        _decide(poll, counts)
    return _transition(
        actor,
        poll,
        field="closed_at",
        to=Poll.State.CLOSED,
        entitled_count=poll.entitled_count,
        quorum_met=poll.quorum_met,
        outcome=poll.outcome,
    )


def _store_counts(poll: Poll, counts: dict[str, int]) -> None:
    options = list(poll.options.all())
    for option in options:
        option.votes = counts.get(option.key, 0)
    PollOption.objects.bulk_update(options, ["votes"])


@transaction.atomic
def analog_counts_enter(
    *, actor, poll: Poll, counts: dict[str, int], held_at: datetime | None = None
) -> Poll:
    """The cards the table counted, after closing an analog poll, and when the vote was
    held (``held_at``; None: when the poll was opened), which results and minutes show:
    the table may type the counts long after the cards were raised."""
    conference_for_write(poll.conference_id)
    poll = _locked(poll)
    if poll.mode != Mode.ANALOG:
        raise ValidationError(_("Only analog polls take counts from the table."))
    if poll.state != Poll.State.CLOSED:
        raise ValidationError(_("Close the poll, then enter the counted cards."))
    keys = set(poll.options.values_list("key", flat=True))
    errors = {}
    for key in keys:
        value = counts.get(key)
        if value is None or value < 0:
            errors[f"count_{key}"] = _("Enter a count of 0 or more.")
    held_at = held_at or poll.held_at or poll.opened_at or timezone.now()
    if held_at > timezone.now() + HELD_AT_SLACK:
        errors["held_at"] = _("The vote cannot have been held in the future.")
    elif timezone.localtime(held_at).date() < poll.conference.start_date:
        errors["held_at"] = _("The vote cannot have been held before the conference began.")
    if errors:
        raise ValidationError(errors)
    if sum(counts[k] for k in keys) > (poll.entitled_count or 0):
        raise ValidationError(
            _("The counts add up to more than the %(n)s delegates entitled to vote.")
            % {"n": poll.entitled_count or 0}
        )
    before = audit.snapshot(poll, ["outcome", "held_at"])
    counts = {k: counts[k] for k in keys}
    _store_counts(poll, counts)
    _decide(poll, counts)
    poll.held_at = held_at
    poll.save(update_fields=["quorum_met", "outcome", "held_at", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        obj=poll,
        before=before,
        after={"counts": counts, **audit.snapshot(poll, ["outcome", "held_at"])},
        reason=CARDS_COUNTED,
        context=audit_context(poll.conference),
    )
    live.announce(poll.conference_id)
    return poll


@transaction.atomic
def poll_publish(*, actor, poll: Poll) -> Poll:
    """Publish the result and carry the outcome into the item voted: the en-bloc
    proposals of the axis, the highlight's text, the motion."""
    conference_for_write(poll.conference_id)
    poll = _locked(poll)
    if poll.state != Poll.State.CLOSED:
        raise ValidationError(_("Only a closed poll can be published."))
    if not poll.outcome:
        raise ValidationError(_("Enter the counted cards before publishing."))
    vote = selectors.summary(poll)
    if (
        poll.item == Poll.Item.EN_BLOC
        and poll.axis_id is None
        and poll.outcome in {Poll.Outcome.APPROVED, Poll.Outcome.REJECTED}
    ):
        deliberation.en_bloc_record_all(
            actor=actor, conference=poll.conference, result=poll.outcome, vote=vote
        )
        poll.recorded = True
    elif poll.item == Poll.Item.EN_BLOC and poll.outcome in {
        Poll.Outcome.APPROVED,
        Poll.Outcome.REJECTED,
    }:
        deliberation.en_bloc_record(
            actor=actor, conference=poll.conference, axis=poll.axis, result=poll.outcome, vote=vote
        )
        poll.recorded = True
    elif poll.item == Poll.Item.HIGHLIGHT and poll.outcome == Poll.Outcome.DECIDED:
        winner = poll.options.exclude(key=ABSTENTION).order_by("-votes").first()
        result = (
            Highlight.Result.PROPOSED if winner.key == "proposed" else Highlight.Result.ORIGINAL
        )
        deliberation.highlight_decide(
            actor=actor, highlight=poll.highlight, result=result, vote=vote
        )
        poll.recorded = True
    elif poll.item == Poll.Item.MOTION and poll.outcome in {
        Poll.Outcome.APPROVED,
        Poll.Outcome.REJECTED,
    }:
        deliberation.motion_decide(actor=actor, motion=poll.motion, result=poll.outcome, vote=vote)
        poll.recorded = True
    return _transition(
        actor, poll, field="published_at", to=Poll.State.PUBLISHED, recorded=poll.recorded
    )
