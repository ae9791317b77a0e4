"""Seat tables: how many delegates each municipality elects to the state conference, and
each state to the national one (DOMAIN.md §7). The split by segment is not stored: it
follows from the numbers by `delegates.rules`, so it cannot disagree with them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plenaria.core.models import TimeStampedModel
from plenaria.delegates import rules
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
