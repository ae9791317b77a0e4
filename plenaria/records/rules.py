"""Pure rules of the conference's record."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A narrative part is a few pages of the report at most; more is a paste gone wrong.
MAX_NARRATIVE = 20_000


class Part(models.TextChoices):
    """The parts of the final report the organisers write (DOMAIN.md §8), in the order
    the report shows them."""

    METHODOLOGY = "methodology", _("Methodology")
    DEBATE = "debate", _("How the debate went")
    DIFFICULTIES = "difficulties", _("Difficulties")
    REFERRALS = "referrals", _("Referrals")


def narrative_problem(text: str) -> str | None:
    """Why a narrative text cannot be saved, or None. PostgreSQL refuses NUL in text and
    a field without a limit would take any paste."""
    if "\x00" in text:
        return gettext("Null characters are not allowed.")
    if len(text) > MAX_NARRATIVE:
        return gettext("Keep this part to %(max)s characters (it has %(n)s).") % {
            "max": MAX_NARRATIVE,
            "n": len(text),
        }
    return None


def is_stale(*, saved_version: int, edited_version: int) -> bool:
    """Whether the text was edited from a version older than the saved one."""
    return edited_version != saved_version
