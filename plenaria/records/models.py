"""The conference's record (issue 18): the narrative parts of the final report that the
organisers write. Everything else in the report is read from what the other apps
recorded (selectors.report_contents)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import Conference
from plenaria.core.models import TimeStampedModel
from plenaria.records import rules


class NarrativePart(TimeStampedModel):
    """One narrative part of a conference's final report. ``version`` grows by one at
    every save: a save made from an older version is refused (services.narrative_save),
    so two organisers editing the same part never overwrite each other."""

    Part = rules.Part

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="report_parts",
    )
    part = models.CharField(_("part"), max_length=20, choices=rules.Part.choices)
    text = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("narrative part of the report")
        verbose_name_plural = _("narrative parts of the report")
        constraints = [
            models.UniqueConstraint(fields=["conference", "part"], name="one_narrative_per_part")
        ]

    def __str__(self) -> str:
        return f"{self.conference} — {self.get_part_display()}"
