from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenaria.core.models import TimeStampedModel
from plenaria.territory.models import Level


class Nature(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


class Edition(TimeStampedModel):
    """A national cycle convoked by the CNAS (e.g. the 14th, 2025)."""

    number = models.PositiveSmallIntegerField(_("number"))
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    theme = models.TextField(_("theme"))
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    # The periodicity (NOB-SUAS 2012, art. 117) is a rule: territory.rules and the
    # council's own period (Council.period_years), not a figure of the edition.
    # Res. CNAS 187/2025: at least 30% of the delegates from the groups of DOMAIN.md §4.
    diversity_quota = models.DecimalField(
        _("diversity quota (share of the titular delegates)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("E.g. 0.30 for at least 30%. Blank: the edition has no quota."),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    diversity_quota_source = models.CharField(
        _("source of the diversity quota"),
        max_length=200,
        blank=True,
        help_text=_("The act that sets it, e.g. Resolução CNAS nº 187/2025."),
    )

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("%(number)sth National Conference (%(year)s)") % {
            "number": self.number,
            "year": self.year,
        }


class Axis(models.Model):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="axes"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("title"))

    class Meta:
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="axis_unique_number")
        ]

    def __str__(self) -> str:
        return _("Axis %(number)s") % {"number": self.number}


class CalendarWindow(models.Model):
    """When the conferences of one level of an edition should take place."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="windows"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))

    class Meta:
        verbose_name = _("calendar window")
        verbose_name_plural = _("calendar windows")
        ordering = ["edition", "start"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "level"], name="window_unique_level"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="window_end_after_start"),
        ]

    def __str__(self) -> str:
        start = date_format(self.start, "SHORT_DATE_FORMAT")
        end = date_format(self.end, "SHORT_DATE_FORMAT")
        return f"{self.get_level_display()}: {start}–{end}"


class Sphere(models.TextChoices):
    """Where a proposal is addressed (âmbito): the municipality itself, or the state and
    federal levels by their competences (LOAS arts. 12–15)."""

    MUNICIPAL = "municipal", pgettext_lazy("sphere", "Municipal")
    STATE = "state", pgettext_lazy("sphere", "State")
    FEDERAL = "federal", pgettext_lazy("sphere", "Federal")


class Method(models.TextChoices):
    """How proposals reach the final plenary (the regimento's methodology): through the
    working groups of each axis with their counts, or straight from the preparatory
    events and earlier submissions, as small municipalities often hold it."""

    GROUPS = "groups", _("Through the working groups")
    PLENARY = "plenary", _("Straight to the final plenary (no working groups)")


class MotionType(models.TextChoices):
    SUPPORT = "support", _("Support (apoio)")
    REPUDIATION = "repudiation", _("Repudiation (repúdio)")
    CONGRATULATION = "congratulation", _("Congratulation (congratulação)")
    RECOMMENDATION = "recommendation", _("Recommendation (recomendação)")
    DEMAND = "demand", _("Demand (reivindicação)")
    INDIGNATION = "indignation", _("Indignation (indignação)")


def _all_spheres() -> list[str]:
    return [s.value for s in Sphere]


def _all_motion_types() -> list[str]:
    return [m.value for m in MotionType]


def _share(label) -> models.DecimalField:
    """A share from 1% to 100%, blank when this rule set does not set it."""
    return models.DecimalField(
        label,
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_("Blank: not set here."),
    )


class RegimentoRuleFields(models.Model):
    """The rules a regimento (or a council's act) sets for the working groups and the
    forwarding. Blank is "not set here": the value comes from the next rule set (the
    conference's regimento, then its state's rules, then the edition's), or stays unset.
    The aggregation is the regimento's (DOMAIN.md §5 cites 70% / 50% only as one
    regulation's example): nothing here has a default."""

    method = models.CharField(
        _("methodology"),
        max_length=10,
        choices=Method.choices,
        null=True,
        blank=True,
        help_text=_("Blank: not set here (unset everywhere: through the working groups)."),
    )
    max_per_axis_sphere = models.PositiveSmallIntegerField(
        _("maximum proposals forwarded per axis and sphere"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Blank: not set here."),
    )
    direct_approval_share = _share(_("share of a group's votes that approves a proposal directly"))
    plenary_share = _share(_("share of a group's votes that sends a proposal to the plenary"))
    abstentions_count = models.BooleanField(
        _("abstentions count in the base of the share"),
        null=True,
        blank=True,
        help_text=_(
            "Yes: the share is of all votes cast; no: of yes and no only. Blank: not set here."
        ),
    )
    # DOMAIN.md §5 gives 20% only as an example: the regimento sets it.
    motion_signature_share = _share(_("share of credentialed delegates who must sign a motion"))
    quorum_any_shift = models.BooleanField(
        _("delegates credentialed in any shift vote and count for the quorum"),
        null=True,
        blank=True,
        help_text=_(
            "Yes: whoever was credentialed in any shift of the conference; no: only those "
            "credentialed in the shift in which the poll runs. Blank: not set here (when no "
            "rule sets it, the shift's credentialing counts)."
        ),
    )

    class Meta:
        abstract = True


class DeliberationRules(TimeStampedModel, RegimentoRuleFields):
    """How proposals and motions are decided in an edition; a state may set its own for
    its conferences. Data, not code: councils change it in the admin."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="deliberation_rules",
    )
    state = models.ForeignKey(
        "territory.State",
        verbose_name=_("state (blank: the whole edition)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Where these rules are written (a resolution, the state council's act): shown next to
    # each value they set, so nobody mistakes an example for the rule.
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The act that sets these rules, e.g. Resolução CEAS/MG nº 12/2025."),
    )
    spheres = models.JSONField(_("spheres in use"), default=_all_spheres)
    asks_recommendations = models.BooleanField(
        _("asks for recommendations of earlier deliberations"), default=True
    )
    motion_types = models.JSONField(_("motion types"), default=_all_motion_types)
    # Res. CNAS 187/2025 says "delegates" without saying whether suplentes count: each
    # edition (or state) settles it from its regimento; blank falls back to the edition.
    quota_counts_suplentes = models.BooleanField(
        _("suplentes count toward the diversity quota"),
        null=True,
        blank=True,
        help_text=_("Blank: not set here (a state's blank follows the edition's rules)."),
    )

    class Meta:
        verbose_name = _("deliberation rules")
        verbose_name_plural = _("deliberation rules")
        constraints = [
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(state__isnull=True),
                name="one_rule_set_per_edition",
                violation_error_message=_("This edition already has its rules."),
            ),
            models.UniqueConstraint(
                fields=["edition", "state"],
                name="one_rule_set_per_edition_and_state",
                violation_error_message=_("This state already has its rules for this edition."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(plenary_share__isnull=True)
                    | Q(direct_approval_share__isnull=True)
                    | Q(plenary_share__lte=F("direct_approval_share"))
                )
                & (Q(direct_approval_share__isnull=True) | Q(direct_approval_share__lte=1))
                & (Q(motion_signature_share__isnull=True) | Q(motion_signature_share__lte=1)),
                name="deliberation_shares_in_order",
                violation_error_message=_(
                    "Shares go from 0 to 1, and the plenary share cannot exceed the share of "
                    "direct approval."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = self.state.abbreviation if self.state_id else _("all states")
        return f"{self.edition} — {where}"

    @property
    def sphere_labels(self) -> list[str]:
        labels = dict(Sphere.choices)
        return [str(labels[s]) for s in self.spheres if s in labels]

    @property
    def motion_type_labels(self) -> list[str]:
        labels = dict(MotionType.choices)
        return [str(labels[m]) for m in self.motion_types if m in labels]

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if not self.spheres or set(self.spheres) - set(Sphere.values):
            errors["spheres"] = _("Choose among municipal, state and federal.")
        if set(self.motion_types) - set(MotionType.values):
            errors["motion_types"] = _("Unknown motion type.")
        if errors:
            raise ValidationError(errors)


# What a state council sets in its calendar (the form's fields, the audited values).
STATE_CALENDAR_FIELDS = (
    "municipal_start",
    "municipal_end",
    "conference_start",
    "conference_end",
    "handover_deadline",
    "report_deadline",
)


class StateCalendar(TimeStampedModel):
    """What a state council sets for its state in an edition, inside the national
    windows: when its municipalities hold their conferences, when the state conference
    takes place, and the deadlines for the municipalities' delegate lists and reports
    (DOMAIN.md §2, §7, §8). Every field may stay blank: the national window applies."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="state_calendars"
    )
    state = models.ForeignKey(
        "territory.State", verbose_name=_("state"), on_delete=models.CASCADE, related_name="+"
    )
    municipal_start = models.DateField(_("municipal conferences from"), null=True, blank=True)
    municipal_end = models.DateField(_("municipal conferences until"), null=True, blank=True)
    conference_start = models.DateField(_("state conference starts"), null=True, blank=True)
    conference_end = models.DateField(_("state conference ends"), null=True, blank=True)
    handover_deadline = models.DateField(
        _("deadline for the municipal delegate lists"), null=True, blank=True
    )
    report_deadline = models.DateField(
        _("deadline for the municipal final reports"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("state calendar")
        verbose_name_plural = _("state calendars")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "state"],
                name="one_state_calendar_per_edition",
                violation_error_message=_("This state already has its calendar for this edition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} — {self.state.abbreviation}"

    def window(self, level: str) -> tuple | None:
        """The state's own window for a level (municipal, state), or None."""
        start, end = {
            Level.MUNICIPAL: (self.municipal_start, self.municipal_end),
            Level.STATE: (self.conference_start, self.conference_end),
        }.get(level, (None, None))
        return (start, end) if start and end else None
