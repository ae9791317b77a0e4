from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

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
    # NOB-SUAS 2012, art. 117: ordinary every 4 years, extraordinary after 2.
    ordinary_interval_years = models.PositiveSmallIntegerField(
        _("years between ordinary conferences"), default=4
    )
    extraordinary_interval_years = models.PositiveSmallIntegerField(
        _("minimum years before an extraordinary conference"), default=2
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
        return f"{self.get_level_display()}: {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"
