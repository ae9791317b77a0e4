"""Seat tables: how many delegates each municipality elects to the state conference, and
each state to the national one (DOMAIN.md §7). The split by segment is not stored: it
follows from the numbers by `delegates.rules`, so it cannot disagree with them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plenaria.core.collation import by
from plenaria.core.models import TimeStampedModel
from plenaria.delegates import rules
from plenaria.participants.models import Segment
from plenaria.territory.rules import Porte


def _default_remainder_order() -> list[str]:
    return list(rules.DEFAULT_REMAINDER_ORDER)


class SeatTable(TimeStampedModel):
    """One per edition and state (seats of its municipalities at the state conference),
    and one per edition with no state (seats of each state at the national conference)."""

    edition = models.ForeignKey(
        "editions.Edition", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    state = models.ForeignKey(
        "territory.State",
        verbose_name=_("state (blank: the national table)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    remainder_order = models.JSONField(
        _("order for the remainder seats of civil society"), default=_default_remainder_order
    )

    class Meta:
        verbose_name = _("seat table")
        verbose_name_plural = _("seat tables")
        constraints = [
            models.UniqueConstraint(fields=["edition", "state"], name="seat_table_unique"),
            models.UniqueConstraint(
                fields=["edition"], condition=Q(state=None), name="one_national_seat_table"
            ),
        ]

    def __str__(self) -> str:
        where = self.state.name if self.state_id else _("national")
        return _("Seats %(year)s: %(where)s") % {"year": self.edition.year, "where": where}


class SeatCount(models.Model):
    """Titulares and suplentes, for a size class (state tables) or for one municipality or
    state (an override; in the national table, every state's own figure)."""

    table = models.ForeignKey(SeatTable, on_delete=models.CASCADE, related_name="counts")
    porte = models.CharField(
        _("size class (porte)"), max_length=20, choices=Porte.choices, blank=True
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    state = models.ForeignKey(
        "territory.State",
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    titulares = models.PositiveSmallIntegerField(_("titulares"))
    suplentes = models.PositiveSmallIntegerField(_("suplentes"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("seat count")
        verbose_name_plural = _("seat counts")
        constraints = [
            models.CheckConstraint(
                condition=(
                    (~Q(porte="") & Q(municipality=None) & Q(state=None))
                    | (Q(porte="") & ~Q(municipality=None) & Q(state=None))
                    | (Q(porte="") & Q(municipality=None) & ~Q(state=None))
                ),
                name="seat_count_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(titulares__lte=rules.MAX_SEATS) & Q(suplentes__lte=rules.MAX_SEATS),
                name="seat_count_not_absurd",
            ),
            models.UniqueConstraint(
                fields=["table", "porte"], condition=~Q(porte=""), name="seat_count_porte_unique"
            ),
            models.UniqueConstraint(
                fields=["table", "municipality"],
                condition=~Q(municipality=None),
                name="seat_count_municipality_unique",
            ),
            models.UniqueConstraint(
                fields=["table", "state"], condition=~Q(state=None), name="seat_count_state_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titulares}+{self.suplentes}"

    @property
    def seats(self) -> rules.Seats:
        return rules.seats(self.titulares, self.suplentes, self.table.remainder_order)


# ------------------------------------------------------------ candidacies and elections


def national_kind_field():
    """Which of its state's shares a state conference's delegate fills at the national
    conference (municipal-level or state-level, each elected apart); empty for every
    other list (DOMAIN.md §7)."""
    return models.CharField(
        _("kind of delegate"),
        max_length=20,
        choices=[
            (rules.MUNICIPAL_LEVEL, _("Municipal-level delegate")),
            (rules.STATE_LEVEL, _("State-level delegate")),
        ],
        blank=True,
        default="",
    )


class Role(models.TextChoices):
    TITULAR = rules.TITULAR, _("Titular")
    SUPLENTE = rules.SUPLENTE, _("Suplente")


class TieBreak(models.TextChoices):
    OLDER_FIRST = rules.OLDER_FIRST, _("Older candidate first")
    YOUNGER_FIRST = rules.YOUNGER_FIRST, _("Younger candidate first")
    EARLIER = rules.EARLIER_CANDIDACY, _("Earlier candidacy first")


class Candidacy(TimeStampedModel):
    """A delegate of a conference standing for a seat at the next level: a civil-society
    candidate, elected by the segment, or a government delegate nominated by the manager.
    ``role`` is empty until elected (or set with the nomination)."""

    class Kind(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        NOMINATED = "nominated", _("Nominated by the manager")
        FORUM = "forum", _("Chosen at the segment's forum")

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="candidacies"
    )
    registration = models.OneToOneField(
        "participants.Registration",
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="candidacy",
    )
    segment = models.CharField(_("segment"), max_length=20, choices=Segment.choices)
    national_kind = national_kind_field()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("seat"), max_length=10, choices=Role.choices, blank=True)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: the delegate registered on the phone."),
    )

    class Meta:
        ordering = ["conference", "segment", "rank", "created_at", "pk"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        indexes = [models.Index(fields=["conference", "segment"])]

    def __str__(self) -> str:
        # The code: audit entries name nobody (LGPD).
        return self.registration.code

    @property
    def display_name(self) -> str:
        return self.registration.display_name

    @property
    def segment_text(self) -> str:
        """The segment, and at a state conference electing two lists, which one."""
        segment = str(self.get_segment_display())
        if self.national_kind:
            return f"{segment} — {self.get_national_kind_display()}"
        return segment


class Election(TimeStampedModel):
    """The election of one civil-society segment's delegates: a poll of the voting engine
    (secret or open, electronic or by cards) or an acclamation recorded as such."""

    class Method(models.TextChoices):
        VOTE = "vote", _("Vote")
        ACCLAMATION = "acclamation", _("Acclamation")

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="elections"
    )
    segment = models.CharField(
        _("segment"),
        max_length=20,
        choices=[c for c in Segment.choices if c[0] in rules.CIVIL_SOCIETY],
    )
    national_kind = national_kind_field()
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    poll = models.OneToOneField(
        "voting.Poll", null=True, blank=True, on_delete=models.PROTECT, related_name="election"
    )
    segment_only = models.BooleanField(
        _("only delegates of the segment vote"),
        default=True,
        help_text=_("As most regimentos say: each segment elects its own delegates."),
    )
    tie_break = models.CharField(
        _("tie-break"), max_length=20, choices=TieBreak.choices, default=TieBreak.OLDER_FIRST
    )
    recorded_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "segment", "national_kind"],
                name="one_election_per_segment_and_kind",
            ),
        ]

    def __str__(self) -> str:
        text = _("Election of the %(segment)s delegates") % {
            "segment": rules.segment_label(self.segment)
        }
        return f"{text} ({self.get_national_kind_display()})" if self.national_kind else text


class DelegateList(TimeStampedModel):
    """The confirmation of a conference's delegate list: when, by whom, what the check
    found then and, when the table confirmed despite it, the plenary's justification.
    Any later change of the list clears the confirmation."""

    conference = models.OneToOneField(
        "conferences.Conference", on_delete=models.CASCADE, related_name="delegate_list"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    problems = models.JSONField(_("what the check found"), default=list, blank=True)
    justification = models.TextField(_("justification"), blank=True)

    class Meta:
        verbose_name = _("delegate list")
        verbose_name_plural = _("delegate lists")

    def __str__(self) -> str:
        return str(self.conference)


# ------------------------------------------------------------------------ hand-over


class HandOver(TimeStampedModel):
    """One sending of a confirmed delegate list to the parent conference. Sending again
    makes a new version; the old ones are kept (``current`` marks the last)."""

    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("sent by"),
        on_delete=models.CASCADE,
        related_name="handovers",
    )
    receiver = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("sent to"),
        on_delete=models.CASCADE,
        related_name="handovers_received",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    current = models.BooleanField(_("current version"), default=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    problems = models.JSONField(_("what the check found"), default=list, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    titulares = models.PositiveSmallIntegerField(_("titulares"), default=0)
    suplentes = models.PositiveSmallIntegerField(_("suplentes"), default=0)

    class Meta:
        ordering = ["conference", "-version"]
        verbose_name = _("hand-over of delegates")
        verbose_name_plural = _("hand-overs of delegates")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "version"], name="handover_version_unique"
            ),
            models.UniqueConstraint(
                fields=["conference"], condition=Q(current=True), name="one_current_handover"
            ),
        ]
        indexes = [models.Index(fields=["receiver", "current"])]

    def __str__(self) -> str:
        return _("%(conference)s, version %(n)s") % {
            "conference": self.conference,
            "n": self.version,
        }


class Delegation(models.Model):
    """A delegate as sent in one hand-over, and the registration it became at the parent
    conference. A titular replaced by a suplente before the conference keeps the row,
    with the date and the reason."""

    handover = models.ForeignKey(HandOver, on_delete=models.CASCADE, related_name="delegates")
    person = models.ForeignKey(
        "participants.Person", on_delete=models.PROTECT, related_name="delegations"
    )
    segment = models.CharField(_("segment"), max_length=20, choices=Segment.choices)
    national_kind = national_kind_field()
    role = models.CharField(_("seat"), max_length=10, choices=Role.choices)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    in_quota = models.BooleanField(_("counts for the diversity quota"), default=False)
    registration = models.ForeignKey(
        "participants.Registration",
        verbose_name=_("registration at the parent conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegations",
    )
    replaced_on = models.DateField(_("replaced on"), null=True, blank=True)
    replacement_reason = models.CharField(
        _("reason of the replacement"), max_length=300, blank=True
    )
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    class Meta:
        ordering = ["handover", "national_kind", "segment", "role", "pk"]
        verbose_name = _("delegate sent")
        verbose_name_plural = _("delegates sent")
        constraints = [
            models.UniqueConstraint(fields=["handover", "person"], name="delegation_person_unique"),
        ]

    def __str__(self) -> str:
        # The registration's code: the audit log names nobody (LGPD).
        return self.registration.code if self.registration_id else str(self.pk)

    @property
    def display_name(self) -> str:
        """As the receiving conference holds the delegate's data."""
        return self.registration.display_name if self.registration_id else "—"


# ------------------------------------------------ kinds of delegate at the national level


class DelegateKind(models.TextChoices):
    """Who sits at the national conference (DOMAIN.md §4, §7)."""

    MUNICIPAL_LEVEL = rules.MUNICIPAL_LEVEL, _("Municipal-level delegate")
    STATE_LEVEL = rules.STATE_LEVEL, _("State-level delegate")
    FEDERAL = rules.FEDERAL, _("Federal delegate")
    EX_OFFICIO = rules.EX_OFFICIO, _("Ex-officio delegate (nato)")
    GUEST = rules.GUEST, _("Guest")
    OBSERVER = rules.OBSERVER, _("Observer")


class NationalShare(models.Model):
    """In the national table: a state's share of one kind elected by its conference
    (municipal-level, state-level), or, with no state, the national figure of a kind that
    is not shared among the states (federal, natos, guests, observers). The formula
    behind the shares (population, municipalities, council index) is the national
    council's: it types the numbers."""

    table = models.ForeignKey(SeatTable, on_delete=models.CASCADE, related_name="shares")
    state = models.ForeignKey(
        "territory.State",
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind of delegate"), max_length=20, choices=DelegateKind.choices)
    titulares = models.PositiveSmallIntegerField(_("titulares"), default=0)
    suplentes = models.PositiveSmallIntegerField(_("suplentes"), default=0)

    class Meta:
        verbose_name = _("national share")
        verbose_name_plural = _("national shares")
        ordering = ["table", by("state__name"), "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(state__isnull=False, kind__in=rules.STATE_SHARE_KINDS)
                    | Q(state__isnull=True, kind__in=rules.NATIONAL_TOTAL_KINDS)
                ),
                name="national_share_kind_fits_subject",
            ),
            models.CheckConstraint(
                condition=Q(titulares__lte=rules.MAX_NATIONAL_TOTAL)
                & Q(suplentes__lte=rules.MAX_NATIONAL_TOTAL),
                name="national_share_not_absurd",
            ),
            models.UniqueConstraint(
                fields=["table", "state", "kind"],
                condition=Q(state__isnull=False),
                name="national_share_state_kind_unique",
            ),
            models.UniqueConstraint(
                fields=["table", "kind"],
                condition=Q(state__isnull=True),
                name="national_share_total_unique",
            ),
        ]

    def __str__(self) -> str:
        where = self.state.abbreviation if self.state_id else _("national")
        return f"{where} — {self.get_kind_display()}: {self.titulares}+{self.suplentes}"


# ------------------------------------------- segments whose delegates are chosen elsewhere


class SegmentChoice(TimeStampedModel):
    """How one civil-society segment's delegates of a list are chosen (issue 23): at the
    conference (no row, or ``ELECTED``) or in the segment's own forum (``FORUM``: its
    name, date and act; the table records the people the forum chose). Government's
    delegates are always appointed by the manager (``nominate``)."""

    class How(models.TextChoices):
        ELECTED = "elected", _("Elected at the conference")
        FORUM = "forum", _("Chosen in the segment's forum")

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="segment_choices"
    )
    segment = models.CharField(
        _("segment"),
        max_length=20,
        choices=[c for c in Segment.choices if c[0] in rules.CIVIL_SOCIETY],
    )
    national_kind = national_kind_field()
    how = models.CharField(_("how the delegates are chosen"), max_length=20, choices=How.choices)
    forum_name = models.CharField(
        _("forum"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Fórum Municipal de Trabalhadores do SUAS”."),
    )
    forum_date = models.DateField(_("date of the forum"), null=True, blank=True)
    forum_act = models.CharField(
        _("act of the forum"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Ata da assembleia do Fórum Municipal de Trabalhadores do SUAS”."),
    )

    class Meta:
        verbose_name = _("how a segment's delegates are chosen")
        verbose_name_plural = _("how the segments' delegates are chosen")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "segment", "national_kind"],
                name="one_segment_choice_per_segment_and_kind",
            ),
            models.CheckConstraint(
                condition=Q(how="elected") | (Q(forum_date__isnull=False) & ~Q(forum_act="")),
                name="segment_choice_forum_has_date_and_act",
            ),
        ]

    def __str__(self) -> str:
        return f"{rules.segment_label(self.segment)}: {self.get_how_display()}"

    @property
    def is_forum(self) -> bool:
        return self.how == self.How.FORUM


# ------------------------------------------------------------ the council's own election


CIVIL_SEGMENTS = [c for c in Segment.choices if c[0] in rules.CIVIL_SOCIETY]


class CouncilCandidacy(TimeStampedModel):
    """A representative present at the conference standing for the civil-society seats
    of the council (not for delegate: a person may stand for both). ``role`` and
    ``rank`` are empty until the result is recorded."""

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="council_candidacies"
    )
    registration = models.OneToOneField(
        "participants.Registration",
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="council_candidacy",
    )
    segment = models.CharField(_("segment"), max_length=20, choices=CIVIL_SEGMENTS)
    role = models.CharField(_("seat"), max_length=10, choices=Role.choices, blank=True)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["conference", "segment", "rank", "created_at", "pk"]
        verbose_name = _("council candidacy")
        verbose_name_plural = _("council candidacies")
        indexes = [models.Index(fields=["conference", "segment"])]

    def __str__(self) -> str:
        # The code: audit entries name nobody (LGPD).
        return self.registration.code

    @property
    def display_name(self) -> str:
        return self.registration.display_name


class CouncilElection(TimeStampedModel):
    """The election, at the conference, of one civil-society segment's members of the
    council: a segment-restricted poll of the voting engine or an acclamation."""

    class Method(models.TextChoices):
        VOTE = "vote", _("Vote")
        ACCLAMATION = "acclamation", _("Acclamation")

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="council_elections"
    )
    segment = models.CharField(_("segment"), max_length=20, choices=CIVIL_SEGMENTS)
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    tie_break = models.CharField(
        _("tie-break"), max_length=20, choices=TieBreak.choices, default=TieBreak.OLDER_FIRST
    )
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    poll = models.OneToOneField(
        "voting.Poll",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_election",
    )
    recorded_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(_("written into the council at"), null=True, blank=True)
    # The council law's seats when the election started.
    titulares = models.PositiveSmallIntegerField(_("titulares"), default=0)
    suplentes = models.PositiveSmallIntegerField(_("suplentes"), default=0)

    class Meta:
        verbose_name = _("council election")
        verbose_name_plural = _("council elections")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "segment"], name="one_council_election_per_segment"
            ),
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")),
                name="council_election_term_order",
            ),
        ]

    def __str__(self) -> str:
        return _("Election of the council members of the %(segment)s segment") % {
            "segment": rules.segment_label(self.segment)
        }
