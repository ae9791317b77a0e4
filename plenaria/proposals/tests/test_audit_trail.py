"""Check-ins, signatures and group memberships change what the conference decided
(quorum, certificate hours, a motion reaching the plenary, who wrote in a group): each
leaves an audit entry, naming the registration by its code only (issue 15, defect 13)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from plenaria.core.models import AuditEntry
from plenaria.participants import services as participant_services
from plenaria.participants.models import CheckIn
from plenaria.proposals import services
from plenaria.proposals.models import Membership, Signature
from plenaria.proposals.tests.test_services import motion_data

pytestmark = pytest.mark.django_db


def _entries(model):
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))


def test_a_check_in_is_audited_with_who_made_it(enrol, shift, organiser):
    guest = enrol("Convidada Cida", category="guest", present=False)
    record, created = participant_services.checkin(actor=organiser, registration=guest, shift=shift)
    assert created
    entry = _entries(CheckIn).get(object_id=str(record.pk))
    assert entry.actor == organiser and entry.changes["registration"] == [None, guest.code]
    assert "Cida" not in entry.object_repr + str(entry.changes)
    # a second desk confirming the same person adds nothing
    participant_services.checkin(actor=organiser, registration=guest, shift=shift)
    assert _entries(CheckIn).count() == 1


def test_a_signature_is_audited_with_who_entered_it(conference, enrol, organiser):
    proposer, signer = enrol("Delegada Ana"), enrol("Delegado Beto")
    motion = services.motion_submit(
        author=services.Author(user=organiser),
        conference=conference,
        proposer=proposer,
        data=motion_data(),
    )
    signature = services.motion_sign(
        author=services.Author(user=organiser), motion=motion, registration=signer
    )
    entry = _entries(Signature).get(object_id=str(signature.pk))
    assert entry.actor == organiser and entry.changes["registration"] == [None, signer.code]
    assert "Beto" not in entry.object_repr + str(entry.changes)


def test_joining_and_changing_group_is_audited(group, enrol, conference, axis, organiser):
    other = services.group_save(
        actor=organiser, conference=conference, data={"name": "GT 2", "axis": axis}
    )
    member = enrol("Participante Dora", category="guest")
    services.member_join(registration=member, group=group, chosen=True)
    services.member_join(registration=member, group=other, chosen=True)
    entries = list(_entries(Membership).order_by("pk"))
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["group"] == [group.pk, other.pk]
    assert all("Dora" not in e.object_repr + str(e.changes) for e in entries)
