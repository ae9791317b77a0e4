"""What the modules of this package share: who writes (``Author``), a stale edit, texts
and their history (``Revision``), a new proposal's number, the delegate check. Private
to the package, except ``Author`` and ``StaleEdit``, which the package re-exports."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.selectors import regimento_rules
from plenaria.editions.models import Axis
from plenaria.participants.models import Registration
from plenaria.proposals import rules
from plenaria.proposals.models import TEXT_LIMIT, AxisPlenary, Motion, Proposal, Revision
from plenaria.proposals.selectors import is_credentialed_delegate

Result = Proposal.Result


@dataclass(frozen=True)
class Author:
    user: Any = None  # a staff account, or None
    registration: Registration | None = None  # a participant on their phone

    @property
    def name(self) -> str:
        if self.registration is not None:
            return self.registration.display_name
        if self.user is None:
            return _("Plenária (automatic)")
        return self.user.get_full_name() or self.user.get_username()


class StaleEdit(Exception):
    """The text changed since the editor opened it: nothing was saved."""

    def __init__(self, current: Proposal | Motion):
        super().__init__("stale")
        self.current = current


def _clean_text(value: str, field: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("Write the text: it cannot be empty.")})
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            {field: _("At most %(n)s characters: split it in two.") % {"n": TEXT_LIMIT}}
        )
    return text


def _vote_note(vote: str) -> str:
    """Which vote decided (a poll's number, the counted cards): free text, so a NUL
    (which PostgreSQL refuses in any text) is refused here with Django's message."""
    note = " ".join((vote or "").split())[:200]
    ProhibitNullCharactersValidator()(note)
    return note


def _revise(obj: Proposal | Motion, *, author: Author, reason: str, highlight=None) -> None:
    field = "proposal" if isinstance(obj, Proposal) else "motion"
    Revision.objects.create(
        **{field: obj},
        version=obj.version,
        text=obj.text,
        # A participant is named through their registration, so erasing their data
        # leaves no name in the history; a staff account's name is kept as text.
        by="" if author.registration is not None else author.name,
        author=author.registration,
        reason=reason,
        highlight=highlight,
    )


def _new_proposal(conference: Conference, axis: Axis, **fields) -> Proposal:
    # Numbers follow the order of writing within the axis; the lock keeps two
    # rapporteurs writing at once from taking the same number.
    Conference.objects.select_for_update().filter(pk=conference.pk).first()
    number = rules.next_number(
        Proposal.objects.filter(conference=conference, axis=axis).values_list("number", flat=True)
    )
    proposal = Proposal(conference=conference, axis=axis, number=number, **fields)
    proposal.full_clean()
    proposal.save()
    return proposal


def _must_be_credentialed(conference: Conference, registration: Registration, field: str):
    if not is_credentialed_delegate(conference, registration):
        raise ValidationError(
            {field: _("Only credentialed delegates with vote right may do this.")}
        )


def _plenary_list_open(conference: Conference, axis) -> None:
    """With the plenary method a submitted proposal goes straight into the plenary's
    list: not once the plenary has begun on its axis (highlights opened), where nothing
    would decide it."""
    if not regimento_rules(conference).plenary_method:
        return
    if AxisPlenary.objects.filter(
        conference=conference, axis=axis, highlights_opened_at__isnull=False
    ).exists():
        raise ValidationError(
            {
                "axis": _(
                    "The final plenary has begun on this axis: its list of proposals is closed."
                )
            }
        )


def _groups_in_use(conference: Conference) -> None:
    """Refuse a working group's action where the regimento sends the proposals straight
    to the final plenary (no working groups: nothing for a group to write or count)."""
    if regimento_rules(conference).plenary_method:
        raise ValidationError(
            _(
                "This conference's regimento sends the proposals straight to the final "
                "plenary: working groups are not used."
            )
        )
