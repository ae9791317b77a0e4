"""Segments whose delegates are chosen in their own forum (issue 23): the workers or the
entities elect theirs in the Fórum Municipal de Trabalhadores (or of entities) and the
conference only records them, with the forum's date and act; the government appoints
its own (``elections.nominate``). The list is checked as a whole whatever the source.

The same lock, list kinds and seats as ``elections``: every write serialises on the
conference, is audited and clears the list's confirmation."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.delegates import rules, selectors
from plenaria.delegates.elections import (
    _election_started,
    _kind,
    _lock,
    _role_word,
    _seats,
    _unconfirm,
)
from plenaria.delegates.models import Candidacy, SegmentChoice
from plenaria.participants.models import Category, Registration


def _clean_text(value: str, limit: int, field: str) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": limit}})
    return value


@transaction.atomic
def segment_choice_set(
    *,
    actor,
    conference: Conference,
    segment: str,
    how: str,
    kind: str = "",
    forum_name: str = "",
    forum_date: dt.date | None = None,
    forum_act: str = "",
) -> SegmentChoice:
    """Say how a civil-society segment's delegates (of list ``kind``) are chosen: at the
    conference, or in the segment's forum (its name, date and act). Refused once the
    segment's election has started or it has candidates here; back to "elected at the
    conference" refused while people chosen by the forum are on the list."""
    conference_for_write(conference)
    listed = _lock(conference)
    kind = _kind(conference, kind)
    if segment not in rules.CIVIL_SOCIETY:
        raise ValidationError(
            _(
                "Only the users, workers and entities choose their delegates in a forum; the "
                "government's are appointed by the manager."
            )
        )
    if how not in SegmentChoice.How.values:
        raise ValidationError({"how": _("Choose how the segment's delegates are chosen.")})
    label = rules.segment_label(segment)
    forum_name = _clean_text(forum_name, 200, "forum_name")
    forum_act = _clean_text(forum_act, 300, "forum_act")
    if how == SegmentChoice.How.FORUM:
        errors = {}
        if forum_date is None:
            errors["forum_date"] = _("Enter the date of the forum.")
        elif forum_date > timezone.localdate():
            errors["forum_date"] = _("The forum's date cannot be in the future.")
        if not forum_act:
            errors["forum_act"] = _("Enter the forum's act (e.g. the minutes of its assembly).")
        if errors:
            raise ValidationError(errors)
    else:
        forum_name, forum_date, forum_act = "", None, ""
    here = Candidacy.objects.filter(conference=conference, segment=segment, national_kind=kind)
    if how == SegmentChoice.How.FORUM:
        if _election_started(conference, segment, kind):
            raise ValidationError(
                _(
                    "The election of the %(segment)s segment has started at the conference: "
                    "its delegates can no longer be chosen in a forum."
                )
                % {"segment": label}
            )
        if here.filter(kind=Candidacy.Kind.CANDIDATE).exists():
            raise ValidationError(
                _(
                    "The %(segment)s segment has candidates registered at the conference: "
                    "remove them before saying its delegates are chosen in a forum."
                )
                % {"segment": label}
            )
    elif here.filter(kind=Candidacy.Kind.FORUM).exists():
        raise ValidationError(
            _(
                "People chosen in the forum of the %(segment)s segment are on the list: "
                "remove them before electing the segment's delegates at the conference."
            )
            % {"segment": label}
        )
    found = SegmentChoice.objects.filter(
        conference=conference, segment=segment, national_kind=kind
    ).first()
    changes = {
        "how": how,
        "forum_name": forum_name,
        "forum_date": forum_date,
        "forum_act": forum_act,
    }
    if found is None:
        found = SegmentChoice(conference=conference, segment=segment, national_kind=kind, **changes)
        found.full_clean()
        found.save()
        audit.record(actor=actor, action="create", obj=found, context=audit_context(conference))
    elif all(getattr(found, k) == v for k, v in changes.items()):
        return found  # the same again: nothing to record
    else:
        audit.update_audited(
            found,
            actor=actor,
            changes=changes,
            fields=list(changes),
            context=audit_context(conference),
        )
    _unconfirm(actor, listed, _("How a segment's delegates are chosen changed"))
    return found


@transaction.atomic
def forum_delegate_record(
    *,
    actor,
    conference: Conference,
    registration: Registration,
    role: str,
    kind: str = "",
    segment: str = "",
) -> Candidacy:
    """Record a person the segment's forum chose, as titular or suplente, within the
    segment's seats. Any confirmed delegate registration of the segment at this
    conference: they need not be credentialed (they may not attend). ``segment``: the
    one the table records for (its form), when given."""
    conference_for_write(conference)
    listed = _lock(conference)
    kind = _kind(conference, kind)
    if registration.conference_id != conference.pk:
        raise ValidationError(
            {"registration": _("No registration with this code in this conference.")}
        )
    if segment and segment != registration.segment:
        raise ValidationError(
            {
                "registration": _(
                    "%(name)s is a delegate of the %(own)s segment, not of the %(segment)s segment."
                )
                % {
                    "name": registration.display_name,
                    "own": rules.segment_label(registration.segment),
                    "segment": rules.segment_label(segment),
                }
            }
        )
    segment = registration.segment
    if segment not in rules.CIVIL_SOCIETY:
        raise ValidationError(
            {
                "registration": _("%(name)s is a government delegate: the manager nominates them.")
                % {"name": registration.display_name}
            }
        )
    if selectors.forum_choice(conference, segment, kind) is None:
        raise ValidationError(
            {
                "registration": _(
                    "The delegates of the %(segment)s segment are elected at the conference, "
                    "not chosen in a forum."
                )
                % {"segment": rules.segment_label(segment)}
            }
        )
    if (
        registration.status != Registration.Status.CONFIRMED
        or registration.category != Category.DELEGATE
    ):
        raise ValidationError(
            {
                "registration": _(
                    "%(name)s is not a confirmed delegate registration: register them as a "
                    "delegate of the segment first."
                )
                % {"name": registration.display_name}
            }
        )
    if role not in (rules.TITULAR, rules.SUPLENTE):
        raise ValidationError({"role": _("Choose titular or suplente.")})
    if Candidacy.objects.filter(registration=registration).exists():
        raise ValidationError(
            {
                "registration": _("%(name)s is already on the list.")
                % {"name": registration.display_name}
            }
        )
    seats = _seats(conference, kind)
    # where civil society's seats are too few to split, its segments share them
    sharing = rules.CIVIL_SOCIETY if seats.shared(role) else (segment,)
    taken = Candidacy.objects.filter(
        conference=conference, segment__in=sharing, national_kind=kind, role=role
    ).count()
    if taken >= seats.of(segment, role):
        raise ValidationError(
            {
                "role": ngettext(
                    "The %(segment)s segment has %(n)s %(role)s seat and it is filled.",
                    "The %(segment)s segment has %(n)s %(role)s seats and all are filled.",
                    seats.of(segment, role),
                )
                % {
                    "segment": rules.segment_label(segment),
                    "n": seats.of(segment, role),
                    "role": _role_word(role),
                }
            }
        )
    candidacy = Candidacy(
        conference=conference,
        registration=registration,
        segment=segment,
        national_kind=kind,
        kind=Candidacy.Kind.FORUM,
        role=role,
        created_by=actor,
    )
    candidacy.full_clean()
    candidacy.save()
    audit.record(actor=actor, action="create", obj=candidacy, context=audit_context(conference))
    _unconfirm(actor, listed, _("Delegate chosen in the segment's forum recorded"))
    return candidacy
