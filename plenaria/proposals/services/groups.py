"""Working groups (GTs) and who is in them."""

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.collation import by
from plenaria.participants.models import SEGMENT_CATEGORIES, Registration
from plenaria.proposals import rules
from plenaria.proposals.models import Membership, WorkingGroup
from plenaria.proposals.services._common import _groups_in_use

# The keys this module writes into audit entries that are no field: their labels.
audit.key_labels(
    working_groups_balanced=gettext_lazy("people placed in the working groups"),
    chosen=gettext_lazy("chosen by the person"),
)


def _participant_of(conference: Conference, registration: Registration | None, field: str):
    if registration is not None and registration.conference_id != conference.pk:
        raise ValidationError({field: _("This person is not registered in this conference.")})


@transaction.atomic
def group_save(
    *, actor, conference: Conference, data: dict[str, Any], group: WorkingGroup | None = None
) -> WorkingGroup:
    conference = conference_for_write(conference)
    _groups_in_use(conference)
    if group is not None and group.conference_id != conference.pk:
        raise ValidationError(_("This group belongs to another conference."))
    if data["axis"].edition_id != conference.edition_id:
        raise ValidationError({"axis": _("This axis belongs to another edition.")})
    _participant_of(conference, data.get("coordinator"), "coordinator")
    _participant_of(conference, data.get("rapporteur"), "rapporteur")
    before = audit.snapshot(group) if group else None
    group = group or WorkingGroup(conference=conference)
    for field in ("axis", "name", "room", "coordinator", "rapporteur"):
        setattr(group, field, data.get(field) or ("" if field in {"name", "room"} else None))
    group.name = group.name.strip()
    group.full_clean()
    group.save()
    audit.record(
        actor=actor,
        action="update" if before else "create",
        obj=group,
        before=before,
        context=audit_context(conference),
    )
    for person in (group.coordinator, group.rapporteur):
        if person is not None:
            Membership.objects.update_or_create(registration=person, defaults={"group": group})
    return group


@transaction.atomic
def member_join(
    *, registration: Registration, group: WorkingGroup, chosen: bool, actor=None
) -> Membership:
    """A participant joins a group on their phone (``chosen``), or staff place them."""
    _groups_in_use(conference_for_write(group.conference_id))
    if registration.conference_id != group.conference_id:
        raise ValidationError(_("This person is not registered in this conference."))
    before = Membership.objects.filter(registration=registration).values_list("group_id", flat=True)
    before = {"group": before[0]} if before else {}
    membership, _created = Membership.objects.update_or_create(
        registration=registration, defaults={"group": group, "chosen": chosen}
    )
    audit.record(
        actor=actor,
        action="update" if before else "create",
        obj=membership,
        before=before,
        after={"group": group.pk, "registration": registration.code, "chosen": chosen},
        context=audit_context(group.conference),
    )
    return membership


@transaction.atomic
def members_balance(*, actor, conference: Conference) -> int:
    """Place every confirmed participant without a group so that each group gets an
    even share of each segment; those already placed stay, and speakers, authorities
    and staff (no segment) are placed in none. Returns how many moved in."""
    conference = conference_for_write(conference)
    _groups_in_use(conference)
    groups = list(WorkingGroup.objects.filter(conference=conference).order_by("pk"))
    if not groups:
        raise ValidationError(_("Create the working groups first."))
    load = {g.pk: Counter() for g in groups}
    for group_id, segment in Membership.objects.filter(group__conference=conference).values_list(
        "group_id", "registration__segment"
    ):
        load[group_id][segment] += 1
    waiting = Registration.objects.filter(
        conference=conference,
        status=Registration.Status.CONFIRMED,
        membership__isnull=True,
        category__in=SEGMENT_CATEGORIES,  # speakers, authorities and staff join no group
    ).order_by("segment", by("name"))
    placed = rules.balance(load, waiting.values_list("pk", "segment"))
    Membership.objects.bulk_create(
        Membership(registration_id=person, group_id=group) for person, group in placed.items()
    )
    audit.record(
        actor=actor,
        action="update",
        obj=conference,
        before={},
        after={"working_groups_balanced": len(placed)},
        context=audit_context(conference),
    )
    return len(placed)
