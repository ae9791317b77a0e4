import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenaria.core.collation import by
from plenaria.core.models import Sector, TimeStampedModel
from plenaria.territory.rules import MAX_CONFERENCE_GAP_YEARS, Porte, porte_for_population


class State(models.Model):
    """A federative unit (26 states and the Federal District)."""

    ibge_code = models.PositiveSmallIntegerField(_("IBGE code"), unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=60)
    region = models.CharField(_("macro-region"), max_length=20)

    class Meta:
        verbose_name = _("state")
        verbose_name_plural = _("states")
        ordering = [by("name")]

    def __str__(self) -> str:
        return self.name


class PopulationSource(models.TextChoices):
    """Where a municipality's population figure came from (shown beside porte and seats)."""

    # The shipped reference data: IBGE's estimate for 1 July 2025 (data/README.md).
    IBGE_ESTIMATE = "ibge_estimate", _("IBGE estimate")
    IMPORTED = "import", _("imported file")


# The figure shipped in data/ibge-populacao-2025.csv, and the credit line its licence
# (CC BY-SA 4.0) asks for wherever it is shown.
REFERENCE_POPULATION_DATE = dt.date(2025, 7, 1)
REFERENCE_POPULATION_CREDIT = "Fonte: IBGE, dados tratados por Álvaro Justen/Brasil.IO"


class Municipality(TimeStampedModel):
    ibge_code = models.PositiveIntegerField(_("IBGE code"), unique=True)
    name = models.CharField(_("name"), max_length=80)
    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="municipalities"
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population reference year"), null=True, blank=True
    )
    population_source = models.CharField(
        _("population source"), max_length=20, choices=PopulationSource.choices, blank=True
    )
    population_date = models.DateField(_("population reference date"), null=True, blank=True)
    # Seat of the municipality (data/municipios-coordenadas.csv), for distances and maps.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = [by("name")]
        indexes = [models.Index(fields=["state", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ibge_code__gte=1_000_000) & Q(ibge_code__lte=9_999_999),
                name="municipality_ibge_code_7_digits",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def porte(self) -> str | None:
        return porte_for_population(self.population)

    def get_porte_display(self) -> str:
        return Porte(self.porte).label if self.porte else _("not informed")

    @property
    def population_credit(self) -> str:
        """The licence's credit line, owed only where the shipped IBGE figure is shown."""
        if self.population_source == PopulationSource.IBGE_ESTIMATE:
            return REFERENCE_POPULATION_CREDIT
        return ""


class Association(TimeStampedModel):
    """A group of municipalities: an association (e.g. AMAMS) or a planning region."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association of municipalities")
        REGION = "region", _("Region")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="associations"
    )
    members = models.ManyToManyField(
        Municipality,
        verbose_name=_("member municipalities"),
        related_name="associations",
        blank=True,
    )

    class Meta:
        verbose_name = _("association or region")
        verbose_name_plural = _("associations and regions")
        ordering = [by("name")]
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="association_unique_name")
        ]

    def __str__(self) -> str:
        return self.acronym or self.name


class Level(models.TextChoices):
    """The levels of the SUAS conference chain, bottom to top."""

    MUNICIPAL = "municipal", pgettext_lazy("conference level", "Municipal")
    REGIONAL = "regional", pgettext_lazy("conference level", "Regional")
    STATE = "state", pgettext_lazy("conference level", "State")
    NATIONAL = "national", pgettext_lazy("conference level", "National")


class CouncilSegment(models.TextChoices):
    """The civil-society segments that hold seats on a council (the same values as a
    registration's segment, DOMAIN.md §4)."""

    USERS = "users", _("Service users")
    WORKERS = "workers", _("SUAS workers")
    ENTITIES = "entities", _("Social assistance entities and organisations")


class Seat(models.TextChoices):
    TITULAR = "titular", _("Titular")
    SUPLENTE = "suplente", _("Suplente")


# A council with more seats than this for one segment is a typing error.
MAX_COUNCIL_SEATS = 30


class Council(TimeStampedModel):
    """CMAS (municipal), CEAS (state, CAS/DF) or CNAS (national)."""

    level = models.CharField(
        _("level"),
        max_length=20,
        choices=[(Level.MUNICIPAL, "CMAS"), (Level.STATE, "CEAS"), (Level.NATIONAL, "CNAS")],
    )
    name = models.CharField(_("name"), max_length=200)
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="councils",
    )
    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council",
    )
    # The council sets its own periodicity, within NOB-SUAS 2012 art. 117's four years.
    period_years = models.PositiveSmallIntegerField(
        _("years between conferences"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CONFERENCE_GAP_YEARS)],
        help_text=_(
            "The council's own periodicity, at most 4 years (NOB-SUAS 2012, art. 117). "
            "Blank: only the 4-year limit applies."
        ),
    )
    law = models.CharField(
        _("council's law"),
        max_length=300,
        blank=True,
        help_text=_(
            "The law or act that creates the council and fixes its seats, e.g. "
            "“Lei municipal nº 1.234/2012, art. 5º”."
        ),
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = [by("name")]
        constraints = [
            models.CheckConstraint(
                name="council_territory_matches_level",
                condition=(
                    Q(level=Level.MUNICIPAL, municipality__isnull=False, state__isnull=False)
                    | Q(level=Level.STATE, municipality__isnull=True, state__isnull=False)
                    | Q(level=Level.NATIONAL, municipality__isnull=True, state__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["state"], condition=Q(level=Level.STATE), name="one_state_council"
            ),
            models.UniqueConstraint(
                fields=["level"], condition=Q(level=Level.NATIONAL), name="one_national_council"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CouncilMember(TimeStampedModel):
    """A member of a council. Members with an account get the council's permissions."""

    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        COUNCILLOR = "councillor", _("Councillor")
        EXECUTIVE_SECRETARY = "executive_secretary", _("Executive secretary")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)
    is_organiser = models.BooleanField(
        _("organises conferences"),
        default=False,
        help_text=_("May create and edit the conferences of this council's territory."),
    )
    segment = models.CharField(
        _("segment"),
        max_length=20,
        choices=CouncilSegment.choices,
        blank=True,
        help_text=_("Civil society's segment; blank for government."),
    )
    seat = models.CharField(_("seat"), max_length=10, choices=Seat.choices, blank=True)
    act = models.CharField(
        _("mandate given by"),
        max_length=300,
        blank=True,
        help_text=_("Where the mandate comes from: the election, decree or nomination."),
    )
    # What wrote the row (e.g. "council-election:12" for a candidacy elected at a
    # conference), so writing the same result again finds it instead of adding a copy.
    source = models.CharField(max_length=60, blank=True, editable=False)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", by("name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="council_member_term_order",
            ),
            models.UniqueConstraint(
                fields=["council", "source"],
                condition=~Q(source=""),
                name="council_member_source_unique",
            ),
        ]

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.term_start <= today and (self.term_end is None or self.term_end >= today)

    def __str__(self) -> str:
        return f"{self.name} — {self.council}"


class CouncilSeat(TimeStampedModel):
    """How many titular and suplente seats one civil-society segment holds on a council,
    as the council's law says."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="seats"
    )
    segment = models.CharField(_("segment"), max_length=20, choices=CouncilSegment.choices)
    titulares = models.PositiveSmallIntegerField(
        _("titulares"), default=0, validators=[MaxValueValidator(MAX_COUNCIL_SEATS)]
    )
    suplentes = models.PositiveSmallIntegerField(
        _("suplentes"), default=0, validators=[MaxValueValidator(MAX_COUNCIL_SEATS)]
    )

    class Meta:
        verbose_name = _("council seats of a segment")
        verbose_name_plural = _("council seats of the segments")
        constraints = [
            models.UniqueConstraint(fields=["council", "segment"], name="council_seat_unique"),
            models.CheckConstraint(
                condition=Q(titulares__lte=MAX_COUNCIL_SEATS) & Q(suplentes__lte=MAX_COUNCIL_SEATS),
                name="council_seat_not_absurd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} — {self.get_segment_display()}: {self.titulares}+{self.suplentes}"


class AssociationMember(TimeStampedModel):
    """A person working for an association: follows its member municipalities."""

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="staff",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="association_memberships",
    )
    is_organiser = models.BooleanField(_("organises regional conferences"), default=False)

    class Meta:
        verbose_name = _("association member")
        verbose_name_plural = _("association members")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "user"], name="association_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.association}"
