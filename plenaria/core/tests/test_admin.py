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
