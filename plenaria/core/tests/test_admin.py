import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry
from plenaria.territory.models import Council, CouncilMember

pytestmark = pytest.mark.django_db


def test_admin_writes_are_audited(admin_user, montes_claros):
    client = client_for(admin_user)
    council = Council.objects.get(municipality=montes_claros)
    response = client.post(
        reverse("admin:territory_councilmember_add"),
        {
            "council": council.pk,
            "name": "Ana",
            "role": "president",
            "sector": "civil_society",
            "term_start": "2024-01-01",
            "is_organiser": "on",
        },
    )
    assert response.status_code == 302, response.content
    member = CouncilMember.objects.get(name="Ana")
    entry = AuditEntry.objects.get(action="create", object_id=str(member.pk))
    assert entry.actor == admin_user and entry.changes["name"] == [None, "Ana"]


def test_admin_cannot_bypass_the_conference_services(admin_user, make_conference):
    conference = make_conference()
    client = client_for(admin_user)
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    client.post(url, {"title": "Changed behind the services' back"})
    conference.refresh_from_db()
    assert conference.title != "Changed behind the services' back"
    assert client.get(url).status_code == 200  # read-only view


def test_admin_pages_render(admin_user):
    client = client_for(admin_user)
    for name in [
        "territory_municipality",
        "territory_association",
        "territory_council",
        "territory_councilmember",
        "editions_edition",
        "conferences_conference",
        "core_auditentry",
        "conferences_conferencerole",
    ]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name


def test_admin_inline_and_bulk_deletions_are_audited(admin_user, montes_claros, amams):
    from plenaria.territory.models import AssociationMember

    client = client_for(admin_user)
    council = Council.objects.get(municipality=montes_claros)
    member = CouncilMember.objects.create(
        council=council, name="Zé", role="councillor", sector="government", term_start="2024-01-01"
    )
    prefix = "members"
    response = client.post(
        reverse("admin:territory_council_change", args=[council.pk]),
        {
            "name": council.name,
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-id": member.pk,
            f"{prefix}-0-council": council.pk,
            f"{prefix}-0-name": "Zé",
            f"{prefix}-0-role": "councillor",
            f"{prefix}-0-sector": "government",
            f"{prefix}-0-term_start": "2024-01-01",
            f"{prefix}-0-DELETE": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert not CouncilMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(member.pk)).exists()

    staff = AssociationMember.objects.create(association=amams, user=admin_user)
    client.post(
        reverse("admin:territory_associationmember_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [staff.pk],
            "post": "yes",
        },
    )
    assert not AssociationMember.objects.filter(pk=staff.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(staff.pk)).exists()


def test_admin_membership_changes_are_audited(admin_user, amams, mg):
    from plenaria.territory.models import Municipality

    client = client_for(admin_user)
    pirapora = Municipality.objects.get(ibge_code=3151206)
    members = [*amams.members.values_list("pk", flat=True), pirapora.pk]
    response = client.post(
        reverse("admin:territory_association_change", args=[amams.pk]),
        {
            "name": amams.name,
            "acronym": "AMAMS",
            "kind": "association",
            "state": mg.pk,
            "members": members,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.filter(object_id=str(amams.pk), changes__has_key="members").get()
    assert pirapora.pk in entry.changes["members"][1]


def test_participant_admin_pages_render(admin_user):
    client = client_for(admin_user)
    for name in [
        "participants_categoryoption",
        "participants_registration",
        "participants_checkin",
    ]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
