"""The hand-over: a delegate list sent to the parent conference (called by
``delegates.handover``) registers or re-seats the delegates there."""

from typing import Any

from plenaria.conferences.models import Conference
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.participants import rules
from plenaria.participants.models import Registration
from plenaria.participants.services._common import (
    AUDITED_REGISTRATION_FIELDS,
    _new_code,
    _save_new_registration,
)

# The part of a registration a delegate list decides (the rest is the parent's own copy).
SEAT_FIELDS = {"segment", "category", "status", "is_substitute", "origin", "replaces"}


def _seat(seat: dict[str, Any]) -> dict[str, Any]:
    if not set(seat) <= SEAT_FIELDS:
        raise ValueError(f"not a seat: {sorted(set(seat) - SEAT_FIELDS)}")
    return seat


def registration_from_handover(
    *, actor, conference: Conference, source: Registration, seat: dict[str, Any]
) -> Registration:
    """A delegate sent by a child conference, registered at ``conference`` (its parent).
    Sending the list is how the delegate's data reach the parent: it gets its own copy,
    which its council controls from then on."""
    conference = conference_for_write(conference)
    registration = Registration(
        conference=conference,
        person_id=source.person_id,
        code=_new_code(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=source.organisation,
        accessibility_needs=source.accessibility_needs,
        accessibility_other=source.accessibility_other,
        self_declarations=source.self_declarations,
        consent_at=source.consent_at,
        **_seat(seat),
    )
    rules.copy_personal(source, registration)
    _save_new_registration(actor, registration)
    return registration


def registration_seat_set(*, actor, registration: Registration, seat: dict[str, Any]) -> None:
    """A delegate list sent again, or a suplente taking a titular's seat: only the seat
    changes, never what the parent corrected or erased."""
    conference_for_write(registration.conference_id)
    audit.update_audited(
        registration,
        actor=actor,
        changes=_seat(seat),
        fields=AUDITED_REGISTRATION_FIELDS,
        clean=False,  # the parent may have erased its copy: a blank name is its right
        context=rules.registrations_context(registration.conference_id),
    )
