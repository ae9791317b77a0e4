"""Polls of the plenary and their ballots.

"Who voted" (`Voter`, one row per delegate and poll, unique) and "what was voted" are
kept apart. In open polls the voter row names the option. In secret polls it does not:
the choice only increments a counter (`SecretTally`, a few slots per option so
concurrent votes do not queue on one row), which has no voter, no time and no order, so
nothing can link a delegate to a choice.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenaria.conferences.models import Conference
from plenaria.core.models import TimeStampedModel
from plenaria.participants.models import Registration, Segment
from plenaria.voting import rules

SECRET_SLOTS = 8


class Majority(models.TextChoices):
    SIMPLE = rules.SIMPLE, _("Simple majority of valid votes")
    ABSOLUTE = rules.ABSOLUTE, _("Absolute majority (more than half of the entitled)")
    TWO_THIRDS = rules.TWO_THIRDS, _("Two thirds of valid votes")


class Quorum(models.TextChoices):
    MAJORITY = rules.MAJORITY, _("Majority of the credentialed delegates")
    ONE_THIRD = rules.ONE_THIRD, _("One third of the credentialed delegates")
    NONE = rules.NO_QUORUM, _("No quorum")


class Mode(models.TextChoices):
    ANALOG = "analog", _("Analog (voting cards counted by the table)")
    OPEN = "open", _("Open electronic (named)")
    SECRET = "secret", _("Secret electronic")


class VotingSettings(TimeStampedModel):
    """The regimento's rules for the conference's polls; each poll copies them when it is
    created, so a later change does not alter a vote already taken."""

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="voting_settings"
    )
    majority = models.CharField(
        _("majority"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE
    )
    quorum = models.CharField(
        _("quorum"), max_length=20, choices=Quorum.choices, default=Quorum.MAJORITY
    )
    mode = models.CharField(
        _("default mode"), max_length=10, choices=Mode.choices, default=Mode.OPEN
    )
    allow_change = models.BooleanField(
        _("delegates may change their vote while the poll is open"),
        default=True,
        help_text=_("Only in open polls: a secret vote cannot be found again to be changed."),
    )

    class Meta:
        verbose_name = _("voting settings")
        verbose_name_plural = _("voting settings")


class Poll(TimeStampedModel):
    class Item(models.TextChoices):
        REGIMENTO = "regimento", _("Internal rules (regimento)")
        EN_BLOC = "en_bloc", _("En-bloc approval of an axis")
        HIGHLIGHT = "highlight", _("Highlight")
        MOTION = "motion", _("Motion")
        FREE = "free", _("Free question")
        ELECTION = "election", _("Election of delegates")

    class State(models.TextChoices):
        CREATED = "created", pgettext_lazy("poll", "Created")
        OPEN = "open", pgettext_lazy("poll", "Open")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Published")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DECIDED = "decided", _("Decided")
        UNDECIDED = "undecided", _("No decision")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="polls")
    number = models.PositiveIntegerField(_("number"))
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    question = models.CharField(_("question"), max_length=300)
    axis = models.ForeignKey(
        "editions.Axis", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    highlight = models.ForeignKey(
        "proposals.Highlight", on_delete=models.PROTECT, null=True, blank=True, related_name="polls"
    )
    motion = models.ForeignKey(
        "proposals.Motion", on_delete=models.PROTECT, null=True, blank=True, related_name="polls"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    # An election of one segment's delegates where the regimento says only that segment
    # votes; empty: every credentialed delegate votes.
    segment = models.CharField(
        _("only delegates of the segment vote"),
        max_length=20,
        choices=Segment.choices,
        blank=True,
    )
    majority = models.CharField(_("majority"), max_length=20, choices=Majority.choices)
    quorum = models.CharField(_("quorum"), max_length=20, choices=Quorum.choices)
    allow_change = models.BooleanField(_("vote may be changed"), default=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.CREATED
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    # Fixed when the poll opens (the shift happening then, and the regimento's rule), so
    # the entitled voters and the quorum base stay the same whenever they are counted
    # again: those credentialed in this shift, or in any shift (``entitled_any_shift``,
    # and every poll without a shift).
    shift = models.ForeignKey(
        "conferences.Shift",
        verbose_name=_("shift"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="polls",
    )
    entitled_any_shift = models.BooleanField(
        _("delegates credentialed in any shift vote"), default=False
    )
    # An analog vote is held in the room; the table may type the counts later.
    held_at = models.DateTimeField(_("vote held at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    entitled_count = models.PositiveIntegerField(
        _("entitled delegates at closing"), null=True, blank=True
    )
    quorum_met = models.BooleanField(_("quorum met"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    recorded = models.BooleanField(_("outcome carried into the proposal or motion"), default=False)

    class Meta:
        ordering = ["conference", "number"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="poll_number_unique"),
            # The delegate page shows "the" current poll: one open at a time.
            models.UniqueConstraint(
                fields=["conference"], condition=Q(state="open"), name="one_open_poll"
            ),
        ]

    def __str__(self) -> str:
        return _("Poll %(n)s: %(q)s") % {"n": self.number, "q": self.question}

    @property
    def is_secret(self) -> bool:
        return self.mode == Mode.SECRET

    @property
    def is_electronic(self) -> bool:
        return self.mode != Mode.ANALOG

    @property
    def held(self):
        """When the vote was held: the time the table gave with the cards of an analog
        vote, else the closing."""
        return self.held_at or self.closed_at


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=20)
    label = models.CharField(_("option"), max_length=200)
    votes = models.PositiveIntegerField(
        _("votes"), default=0, help_text=_("Entered by the table (analog) or counted at closing.")
    )

    class Meta:
        ordering = ["poll", "position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "key"], name="poll_option_key_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Voter(models.Model):
    """Who voted: one row per delegate and poll, whatever the request retries do. In
    open polls it names the option; in secret polls ``option`` stays empty."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="voters")
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+")
    receipt = models.CharField(_("receipt"), max_length=12)
    option = models.ForeignKey(
        PollOption, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    voted_at = models.DateTimeField(_("voted at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "registration"], name="one_ballot_per_voter"),
        ]

    def __str__(self) -> str:
        return self.receipt


class SecretTally(models.Model):
    """What was voted in a secret poll: counters only (see the module's docstring)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "slot"], name="secret_tally_slot_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.option_id}#{self.slot}"


class Entitlement(models.Model):
    """The snapshot taken at closing: who was entitled to vote in the poll."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="entitlements")
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "registration"], name="entitlement_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.registration_id}"
