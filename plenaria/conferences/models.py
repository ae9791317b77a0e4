from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from plenaria.core.collation import by
from plenaria.core.models import Sector, TimeStampedModel
from plenaria.editions.models import Edition, Nature, RegimentoRuleFields
from plenaria.territory.models import Association, Level, Municipality, State


class Status(models.TextChoices):
    """The life of a conference, in order. It only moves forward, except by an
    explicit, audited reopening."""

    DRAFT = "draft", _("Draft")
    CONVOKED = "convoked", _("Convoked")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
    REPORT_SUBMITTED = "report_submitted", _("Report submitted")


STATUS_ORDER: list[str] = [s.value for s in Status]


class Format(models.TextChoices):
    PRESENTIAL = "presential", _("Presential")
    HYBRID = "hybrid", _("Hybrid")
    VIRTUAL = "virtual", _("Virtual")


# The conference's own data, as its organisers fill them in.
EDITABLE_FIELDS = [
    "title",
    "local_number",
    "nature",
    "format",
    "start_date",
    "end_date",
    "venue_name",
    "venue_address",
    "online_url",
    "accessibility_notes",
]


class Conference(TimeStampedModel):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="conferences"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    # Municipal conferences carry their state too, so state-wide reads need no join.
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("region or association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("next-level conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=300)
    local_number = models.PositiveSmallIntegerField(
        _("local edition number"),
        null=True,
        blank=True,
        help_text=_("The conference's own number, e.g. 15 for the “XV Conferência Municipal”."),
    )
    nature = models.CharField(
        _("nature"), max_length=20, choices=Nature.choices, default=Nature.ORDINARY
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.PRESENTIAL
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    online_url = models.URLField(_("online room link"), blank=True)
    accessibility_notes = models.TextField(_("accessibility of the venue"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-start_date", by("title")]
        indexes = [models.Index(fields=["edition", "level", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="conference_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                name="conference_territory_matches_level",
                condition=(
                    Q(
                        level=Level.MUNICIPAL,
                        municipality__isnull=False,
                        state__isnull=False,
                        association__isnull=True,
                    )
                    | Q(
                        level=Level.REGIONAL,
                        municipality__isnull=True,
                        state__isnull=False,
                        association__isnull=False,
                    )
                    | Q(
                        level=Level.STATE,
                        municipality__isnull=True,
                        state__isnull=False,
                        association__isnull=True,
                    )
                    | Q(
                        level=Level.NATIONAL,
                        municipality__isnull=True,
                        state__isnull=True,
                        association__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["edition", "municipality"],
                condition=Q(level=Level.MUNICIPAL),
                name="one_municipal_conference_per_edition",
                violation_error_message=_(
                    "This municipality already has a conference in this edition."
                ),
            ),
            models.UniqueConstraint(
                fields=["edition", "state"],
                condition=Q(level=Level.STATE),
                name="one_state_conference_per_edition",
                violation_error_message=_(
                    "This state already has a state conference in this edition."
                ),
            ),
            models.UniqueConstraint(
                fields=["edition", "association"],
                condition=Q(level=Level.REGIONAL),
                name="one_regional_conference_per_edition",
                violation_error_message=_(
                    "This region or association already has a conference in this edition."
                ),
            ),
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(level=Level.NATIONAL),
                name="one_national_conference_per_edition",
                violation_error_message=_("This edition already has a national conference."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def territory_name(self) -> str:
        if self.level == Level.MUNICIPAL:
            return f"{self.municipality.name} ({self.state.abbreviation})"
        if self.level == Level.REGIONAL:
            return f"{self.association} ({self.state.abbreviation})"
        if self.level == Level.STATE:
            return self.state.name
        return str(_("Brazil"))

    @property
    def is_public(self) -> bool:
        # What is public lives in one place (conferences.visibility); imported here
        # because that module reads this one.
        from plenaria.conferences.visibility import page_is_public

        return page_is_public(self)


class ConvocationAct(TimeStampedModel):
    """The act that convokes the conference (decree, joint ordinance, resolution)."""

    class Kind(models.TextChoices):
        DECREE = "decree", _("Decree")
        JOINT_ORDINANCE = "joint_ordinance", _("Joint ordinance")
        RESOLUTION = "resolution", _("Council resolution")
        OTHER = "other", _("Other act")

    conference = models.OneToOneField(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="convocation_act",
    )
    kind = models.CharField(_("kind of act"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date of the act"))
    signatories = models.TextField(
        _("signatories"), help_text=_("Name and office of each signatory, one per line.")
    )
    publication_url = models.URLField(_("publication link (official gazette)"), blank=True)
    document = models.FileField(
        _("act document (PDF)"),
        upload_to="convocation-acts/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )

    class Meta:
        verbose_name = _("convocation act")
        verbose_name_plural = _("convocation acts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} nº {self.number}"


class Shift(models.Model):
    """A shift (turno) of the conference days; credentialing happens per shift."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="shifts"
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("E.g. “Morning”."))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["conference", "date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="shift_end_after_start",
                violation_error_message=_("A shift must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} — {date_format(self.date, 'SHORT_DATE_FORMAT')}"


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        CREDENTIALING = "credentialing", _("Credentialing")
        OPENING = "opening", _("Opening panel")
        RULES = "rules", _("Reading and approval of the internal rules")
        LECTURE = "lecture", _("Keynote lecture")
        WORKING_GROUPS = "working_groups", _("Working groups")
        GROUP_REPORTS = "group_reports", _("Working group reports")
        PLENARY = "plenary", _("Final plenary")
        DELEGATE_ELECTION = "delegate_election", _("Election of delegates")
        COUNCIL_ELECTION = "council_election", _("Election of council members")
        EVALUATION = "evaluation", _("Evaluation")
        CLOSING = "closing", _("Closing")
        BREAK = "break", _("Break")
        CULTURAL = "cultural", _("Cultural presentation")
        OTHER = "other", _("Other")

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="programme",
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["conference", "date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="programme_end_after_start",
                violation_error_message=_("An item must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title


COMMISSION_ROLE_ORDER = ["president", "vice_president", "member"]


class CommissionMember(models.Model):
    """A member of the organising commission (comissão organizadora)."""

    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        MEMBER = "member", _("Member")

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="commission",
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_alternate = models.BooleanField(_("alternate (suplente)"), default=False)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    accessibility_group = models.BooleanField(_("accessibility working group"), default=False)

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("organising commission")
        ordering = ["conference", "is_alternate", "role", by("name")]

    def __str__(self) -> str:
        return self.name


class ConferenceRole(TimeStampedModel):
    """A role scoped to one conference (DESIGN.md: organiser, rapporteur, table, check-in)."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        RAPPORTEUR = "rapporteur", _("Working-group rapporteur")
        TABLE = "table", _("Presiding table")
        CHECKIN = "checkin", _("Check-in staff")

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="roles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="conference_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("conference role")
        verbose_name_plural = _("conference roles")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "user", "role"], name="conference_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


# What organisers fill in for a preparatory event.
EVENT_FIELDS = [
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "territory_kind",
    "territory",
    "team",
]


class PreparatoryEvent(TimeStampedModel):
    """An event before the conference, in a territory (pré-conferência), which elects
    delegates to it; or an association's regional meeting (roda de conversa, encontro
    de gestores). Either way it has attendance and gives certificates."""

    class Kind(models.TextChoices):
        PRE_CONFERENCE = "pre_conference", _("Preparatory conference (pré-conferência)")
        CONVERSATION_CIRCLE = "conversation_circle", _("Conversation circle (roda de conversa)")
        MANAGERS_MEETING = "managers_meeting", _("Managers' meeting (encontro de gestores)")
        REGIONAL_MEETING = "regional_meeting", _("Regional meeting")

    class TerritoryKind(models.TextChoices):
        CRAS_AREA = "cras_area", _("CRAS area")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
        RURAL_ZONE = "rural_zone", _("Rural zone")
        SERVICE = "service", _("Service or unit")
        REGION = "region", _("Region")
        OTHER = "other", _("Other")

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="preparatory_events",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association or region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    territory_kind = models.CharField(
        _("kind of territory"), max_length=20, choices=TerritoryKind.choices
    )
    territory = models.CharField(
        _("territory"), max_length=200, help_text=_("E.g. “CRAS Vila Operária”, “Zona rural”.")
    )
    team = models.TextField(
        _("responsible team"), help_text=_("Names and roles of the people in charge.")
    )

    class Meta:
        verbose_name = _("preparatory event")
        verbose_name_plural = _("preparatory events")
        ordering = ["date", "start_time", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(conference__isnull=False, association__isnull=True)
                | Q(conference__isnull=True, association__isnull=False),
                name="event_of_a_conference_or_an_association",
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="event_end_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {date_format(self.date, 'SHORT_DATE_FORMAT')}"

    @property
    def hours(self):
        return hours_between(self.start_time, self.end_time)


def hours_between(start, end):
    """Hours between two times of the same day, rounded to the half hour below."""

    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return Decimal(max(minutes, 0) // 30) / 2


class ConferenceRules(TimeStampedModel, RegimentoRuleFields):
    """The rules the conference's own regimento interno sets for its deliberations. A
    blank value follows the state's rules for the edition, then the edition's
    (``conferences.selectors.regimento_rules``)."""

    conference = models.OneToOneField(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="regimento_rules",
    )
    source = models.CharField(
        _("where the regimento sets these rules"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Regimento interno, arts. 14 and 15, approved in the opening plenary."),
    )

    class Meta:
        verbose_name = _("rules of the regimento")
        verbose_name_plural = _("rules of the regimento")

    def __str__(self) -> str:
        return str(self.conference)

    def clean(self):
        if self.source.strip() == "" and any(
            getattr(self, name) is not None for name in REGIMENTO_RULE_FIELDS
        ):
            raise ValidationError(
                {"source": _("Say where the regimento sets these rules (e.g. its articles).")}
            )


REGIMENTO_RULE_FIELDS = (
    "method",
    "max_per_axis_sphere",
    "direct_approval_share",
    "plenary_share",
    "abstentions_count",
    "motion_signature_share",
    "quorum_any_shift",
)
