from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenaria.conferences.models import Conference, PreparatoryEvent, Shift
from plenaria.core.collation import by
from plenaria.core.models import TimeStampedModel
from plenaria.participants import rules
from plenaria.participants.rules import format_phone, mask_phone
from plenaria.territory.models import Municipality


class Segment(models.TextChoices):
    """DOMAIN.md §4. Users, workers and entities together are civil society."""

    USERS = "users", _("Service users")
    WORKERS = "workers", _("SUAS workers")
    ENTITIES = "entities", _("Social assistance entities and organisations")
    GOVERNMENT = "government", pgettext_lazy("segment", "Government")


CIVIL_SOCIETY_SEGMENTS = [Segment.USERS, Segment.WORKERS, Segment.ENTITIES]
# Counts by segment end with the people who have none (speakers, authorities, staff).
NO_SEGMENT_LABEL = _("No segment (speakers, authorities, staff)")


class Category(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    GUEST = "guest", _("Guest")
    OBSERVER = "observer", _("Observer")
    # People the organisers register without a segment (issue 23): they are credentialed
    # and get certificates, never a vote, and count in no parity, quota or quorum.
    SPEAKER = "speaker", _("Speaker")
    AUTHORITY = "authority", _("Authority (opening panel)")
    STAFF = "staff", _("Support and organising staff")


# Categories that take part through a segment (DOMAIN.md §4); the others have none.
SEGMENT_CATEGORIES = [Category.DELEGATE, Category.GUEST, Category.OBSERVER]
WITHOUT_SEGMENT = [c for c in Category if c not in SEGMENT_CATEGORIES]


class AccessibilityNeed(models.TextChoices):
    LIBRAS = "libras", _("Libras interpreter")
    AUDIO_DESCRIPTION = "audio_description", _("Audio description")
    ACCESSIBLE_MATERIAL = "accessible_material", _("Accessible material (Braille, large print)")
    COMPANION = "companion", _("Companion")
    MOBILITY = "mobility", _("Reduced mobility")
    CHILDCARE = "childcare", _("Childcare")
    TRANSPORT = "transport", _("Transport")
    FOOD_RESTRICTION = "food_restriction", _("Food restriction")
    OTHER = "other", _("Other")


class SelfDeclaration(models.TextChoices):
    """Groups of the diversity quota (Res. CNAS 187/2025). Sensitive personal data."""

    BLACK = "black", _("Black person (preta or parda)")
    DISABILITY = "disability", _("Person with disability")
    LGBTQIAPN = "lgbtqiapn", _("LGBTQIAPN+ person")
    OLDER = "older", _("Older person (60 or more)")
    ADOLESCENT = "adolescent", _("Adolescent (12 to 17)")
    YOUNG = "young", _("Young person (18 to 29)")
    MIGRANT = "migrant", _("Migrant, refugee or stateless person")
    DAM_AFFECTED = "dam_affected", _("Person affected by dams")
    GPTE = "gpte", _("Traditional and specific population groups (GPTEs)")


class PersonalData(models.Model):
    """What a person told one conference (or one event) about themself: the copy that
    conference's council controls (LGPD). Staff of another conference never read or
    change it; erasing it here leaves other conferences' copies untouched."""

    name = models.CharField(_("full name"), max_length=200)
    social_name = models.CharField(_("social name"), max_length=200, blank=True)
    nis = models.CharField(_("NIS"), max_length=11, blank=True)
    other_document = models.CharField(_("other document"), max_length=60, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=11, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality of residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email="") | Q(erased_at__isnull=False),
                name="%(class)s_has_a_contact",
                violation_error_message=_("Give a phone or an e-mail (at least one)."),
            )
        ]

    @property
    def display_name(self) -> str:
        """The social name, when there is one, is the only name shown (Decreto
        8.727/2016): pages, ballots, badges, certificates, lists and exports."""
        return self.social_name or self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def formatted_phone(self) -> str:
        return format_phone(self.phone)


class Person(TimeStampedModel):
    """The same human being across conferences and years, known only by the CPF: it
    links their registrations (history of participation, delegates carried to the next
    level) and holds nothing else. Names and contacts live in each registration and
    attendance, so what one conference's staff type never changes another's record."""

    cpf = models.CharField(_("CPF"), max_length=11, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return _("person %(id)s") % {"id": self.pk}


class CategoryOption(models.Model):
    """A category a conference offers at registration, with its optional cap."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="category_options",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    online = models.BooleanField(_("open to online registration"), default=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave blank for no limit; beyond the limit people join the waiting list."),
    )

    class Meta:
        verbose_name = _("registration category")
        verbose_name_plural = _("registration categories")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "category"], name="one_option_per_category"
            )
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class Registration(TimeStampedModel, PersonalData):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Origin(models.TextChoices):
        ONLINE = "online", _("Online")
        STAFF = "staff", _("Staff, on site")
        IMPORT = "import", _("Imported list")
        PREPARATORY = "preparatory", _("Elected at a preparatory event")
        ATTENDANCE = "attendance", _("From a pre-conference's attendance list")
        HANDOVER = "handover", _("Sent by the conference that elected them")

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="registrations"
    )
    code = models.CharField(_("registration code"), max_length=12, unique=True)
    pin = models.CharField(_("PIN"), max_length=6, default=rules.new_pin)
    segment = models.CharField(
        _("segment"),
        max_length=20,
        choices=Segment.choices,
        blank=True,
        help_text=_("Empty only for speakers, authorities and staff, who have none."),
    )
    organisation = models.CharField(_("organisation, service or body"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    accessibility_needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    accessibility_other = models.CharField(
        _("other accessibility needs"), max_length=300, blank=True
    )
    self_declarations = models.JSONField(_("self-declarations"), default=list, blank=True)
    consent_at = models.DateTimeField(_("LGPD consent given at"), null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    preparatory_event = models.ForeignKey(
        PreparatoryEvent,
        verbose_name=_("elected at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elected",
    )
    is_substitute = models.BooleanField(
        _("substitute (suplente)"),
        default=False,
        help_text=_("A substitute delegate votes only when replacing an absent titular."),
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces the titular"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["conference", by("name")]
        indexes = [models.Index(fields=["conference", "category", "status"])]
        constraints = [
            *PersonalData.Meta.constraints,
            models.UniqueConstraint(
                fields=["conference", "person"],
                name="one_registration_per_person",
                violation_error_message=_("This person is already registered in this conference."),
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | Q(is_substitute=True),
                name="only_a_substitute_replaces",
            ),
            models.CheckConstraint(
                condition=(Q(category__in=SEGMENT_CATEGORIES) & ~Q(segment=""))
                | (~Q(category__in=SEGMENT_CATEGORIES) & Q(segment="")),
                name="segment_only_for_segment_categories",
                violation_error_message=_(
                    "Delegates, guests and observers have a segment; speakers, "
                    "authorities and staff have none."
                ),
            ),
        ]

    def __str__(self) -> str:
        # The code only: audit entries and admin pages are read by people who may not
        # see names (LGPD), and an erased person leaves no name behind.
        return self.code

    @property
    def accessibility_labels(self) -> list[str]:
        labels = dict(AccessibilityNeed.choices)
        return [str(labels.get(need, need)) for need in self.accessibility_needs]

    @property
    def accessibility_summary(self) -> str:
        """The kinds of need and the free text in one line, for the check-in desk."""
        return "; ".join([*self.accessibility_labels, *filter(None, [self.accessibility_other])])


class CheckIn(models.Model):
    """Presence of a registered person in one shift (credenciamento). One per person and
    shift, enforced by the database: two desks confirming at once make one check-in."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="checkins",
    )
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.PROTECT, related_name="checkins"
    )
    at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "shift"], name="one_checkin_per_shift")
        ]

    def __str__(self) -> str:
        return f"{self.registration} — {self.shift}"


class Attendance(PersonalData):
    """Presence of a person at a preparatory event or regional meeting."""

    event = models.ForeignKey(
        PreparatoryEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    code = models.CharField(_("attendance code"), max_length=12, unique=True)
    segment = models.CharField(_("segment"), max_length=20, choices=Segment.choices)
    organisation = models.CharField(_("organisation, service or body"), max_length=200, blank=True)
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["event", by("name")]
        constraints = [
            *PersonalData.Meta.constraints,
            models.UniqueConstraint(
                fields=["event", "person"],
                name="one_attendance_per_event",
                violation_error_message=_("This person is already on the attendance list."),
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Certificate(models.Model):
    """A certificate of participation, for a conference registration or an event
    attendance. Its code is what the public verification page checks; the hours are
    fixed when it is issued."""

    code = models.CharField(_("verification code"), max_length=16, unique=True)
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    attendance = models.OneToOneField(
        Attendance,
        verbose_name=_("attendance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(registration__isnull=False, attendance__isnull=True)
                | Q(registration__isnull=True, attendance__isnull=False),
                name="certificate_of_a_registration_or_an_attendance",
            )
        ]

    def __str__(self) -> str:
        return self.code
