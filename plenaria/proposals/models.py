"""Working groups, proposals, highlights and motions (DOMAIN.md §5)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference, PreparatoryEvent
from plenaria.core.collation import by
from plenaria.core.models import TimeStampedModel
from plenaria.editions.models import Axis, MotionType, Sphere
from plenaria.participants.models import Registration

# A proposal or motion is read aloud in the plenary: long texts are a sign of several
# proposals in one. The form shows the counter.
TEXT_LIMIT = 2000


def _text(label, *, blank: bool = False) -> models.TextField:
    return models.TextField(label, blank=blank, validators=[MaxLengthValidator(TEXT_LIMIT)])


class WorkingGroup(TimeStampedModel):
    """A grupo de trabalho: one or more per axis, with a coordinator and a rapporteur
    chosen among the participants."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="working_groups",
    )
    axis = models.ForeignKey(Axis, verbose_name=_("axis"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=100)
    room = models.CharField(_("room"), max_length=100, blank=True)
    coordinator = models.ForeignKey(
        Registration,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rapporteur = models.ForeignKey(
        Registration,
        verbose_name=_("rapporteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["conference", "axis__number", by("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "name"],
                name="working_group_unique_name",
                violation_error_message=_("There is already a group with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A participant in a working group: one group per registration."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="members"
    )
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    chosen = models.BooleanField(_("chosen by the participant"), default=False)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"{self.registration_id} → {self.group_id}"


class Proposal(TimeStampedModel):
    class Kind(models.TextChoices):
        NEW = "new", _("New proposal")
        RECOMMENDATION = "recommendation", _("Recommendation of an earlier deliberation")

    class Origin(models.TextChoices):
        GROUP = "group", _("Written in the working group")
        PREPARATORY = "preparatory", _("Preparatory event")
        SUBMITTED = "submitted", _("Submitted before the conference")
        PLENARY = "plenary", _("Addition in the final plenary")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for the group")
        ADOPTED = "adopted", _("In the group's list")
        MERGED = "merged", _("Merged into another proposal")
        DROPPED = "dropped", _("Dropped by the group")

    class Result(models.TextChoices):
        """The outcome of the groups (aggregation rule) and, later, of the plenary."""

        APPROVED = "approved", _("Approved")
        PLENARY = "plenary", _("To the plenary")
        REJECTED = "rejected", _("Rejected")

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="proposals"
    )
    axis = models.ForeignKey(Axis, verbose_name=_("axis"), on_delete=models.PROTECT)
    sphere = models.CharField(_("sphere"), max_length=20, choices=Sphere.choices)
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEW)
    text = _text(_("text"))
    justification = _text(_("justification"), blank=True)
    refers_to = models.ForeignKey(
        "self",
        verbose_name=_("earlier deliberation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommended_again",
    )
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    event = models.ForeignKey(
        PreparatoryEvent,
        verbose_name=_("preparatory event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ADOPTED
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    group_result = models.CharField(
        _("result in the groups"), max_length=20, choices=Result.choices, blank=True
    )
    priority = models.PositiveSmallIntegerField(
        _("plenary priority"),
        null=True,
        blank=True,
        help_text=_("Order the plenary gave when the axis has more proposals than the cap."),
    )
    final_status = models.CharField(
        _("final status"), max_length=20, choices=Result.choices, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["conference", "axis__number", "number"]
        indexes = [models.Index(fields=["conference", "axis", "sphere", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "axis", "number"], name="proposal_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(refers_to__isnull=True) | Q(kind="recommendation"),
                name="only_a_recommendation_refers",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(status="merged"),
                name="only_merged_points_to_merge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.axis.number}.{self.number}"

    @property
    def label(self) -> str:
        return _("Proposal %(axis)s.%(number)s") % {
            "axis": self.axis.number,
            "number": self.number,
        }


class GroupVote(models.Model):
    """The counts one working group recorded for one proposal of its axis."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="votes"
    )
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="votes"
    )
    yes = models.PositiveIntegerField(_("in favour"))
    no = models.PositiveIntegerField(_("against"))
    abstention = models.PositiveIntegerField(_("abstentions"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("group vote")
        verbose_name_plural = _("group votes")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "group"], name="one_vote_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.yes}/{self.no}/{self.abstention}"


class AxisPlenary(models.Model):
    """The final plenary's handling of one axis: the highlight window and the en-bloc
    vote of the proposals nobody highlighted."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="+"
    )
    axis = models.ForeignKey(Axis, verbose_name=_("axis"), on_delete=models.PROTECT)
    highlights_opened_at = models.DateTimeField(_("highlights opened at"), null=True, blank=True)
    highlights_closed_at = models.DateTimeField(_("highlights closed at"), null=True, blank=True)
    en_bloc_result = models.CharField(
        _("en-bloc vote"), max_length=20, choices=Proposal.Result.choices, blank=True
    )

    class Meta:
        verbose_name = _("axis in the plenary")
        verbose_name_plural = _("axes in the plenary")
        constraints = [
            models.UniqueConstraint(fields=["conference", "axis"], name="one_plenary_per_axis")
        ]

    def __str__(self) -> str:
        return str(self.axis)

    @property
    def window_open(self) -> bool:
        return bool(self.highlights_opened_at and not self.highlights_closed_at)


class Highlight(TimeStampedModel):
    """A destaque: a delegate asks the plenary to suppress, change or add to a proposal."""

    class Kind(models.TextChoices):
        SUPPRESSION = "suppression", _("Suppression (supressiva)")
        MODIFICATION = "modification", _("Modification (modificativa)")
        ADDITION = "addition", _("Addition (aditiva)")

    class Result(models.TextChoices):
        ORIGINAL = "original", _("Original text kept")
        PROPOSED = "proposed", _("Highlight approved")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="highlights"
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = _text(_("proposed text"), blank=True)
    as_new_item = models.BooleanField(_("as a new proposal"), default=False)
    proposer = models.ForeignKey(
        Registration, verbose_name=_("proposer"), on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)

    class Meta:
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")
        ordering = ["proposal__axis__number", "proposal__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="highlight_unique_number"),
            models.CheckConstraint(
                condition=Q(kind="suppression") | ~Q(text=""), name="highlight_has_text"
            ),
        ]


class Plenary(models.Model):
    """What the final plenary of a conference fixes for motions: the deadline and the
    credentialed delegates counted when the table closed them."""

    conference = models.OneToOneField(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="plenary"
    )
    motions_deadline = models.DateTimeField(_("deadline for motions"), null=True, blank=True)
    motions_closed_at = models.DateTimeField(_("motions closed at"), null=True, blank=True)
    delegates_at_closing = models.PositiveIntegerField(
        _("credentialed delegates at closing"), null=True, blank=True
    )
    # The regimento's share of signatures when the table closed them: a later change of
    # the rule does not move the threshold of motions already counted.
    share_at_closing = models.DecimalField(
        _("share of signatures at closing"), max_digits=3, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("final plenary")
        verbose_name_plural = _("final plenaries")

    def __str__(self) -> str:
        return str(_("Final plenary"))


class Motion(TimeStampedModel):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="motions"
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("type"), max_length=20, choices=MotionType.choices)
    addressee = models.CharField(_("addressee"), max_length=200)
    text = _text(_("text"))
    justification = _text(_("justification"), blank=True)
    proposer = models.ForeignKey(
        Registration, verbose_name=_("proposer"), on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    final_status = models.CharField(
        _("final status"), max_length=20, choices=Proposal.Result.choices, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="motion_unique_number")
        ]

    def __str__(self) -> str:
        return _("Motion %(number)s") % {"number": self.number}


class Signature(models.Model):
    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="signatures"
    )
    registration = models.ForeignKey(
        Registration, verbose_name=_("delegate"), on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by (paper)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "registration"],
                name="one_signature_per_delegate",
                violation_error_message=_("This delegate has already signed this motion."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.registration_id}"


class Revision(models.Model):
    """One text of a proposal or motion: every change keeps who, when and why (the
    group's writing, a merge, the plenary vote that approved a highlight)."""

    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    motion = models.ForeignKey(
        Motion, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    by = models.CharField(_("by"), max_length=200, blank=True)
    author = models.ForeignKey(
        "participants.Registration",
        verbose_name=_("written by the participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("why"), max_length=300)
    highlight = models.ForeignKey(
        Highlight, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("text revision")
        verbose_name_plural = _("text revisions")
        ordering = ["version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) ^ Q(motion__isnull=True),
                name="revision_of_one_text",
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version}"

    @property
    def by_name(self) -> str:
        return self.author.display_name if self.author_id else self.by
