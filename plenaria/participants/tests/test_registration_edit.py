"""Staff correct registrations."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry
from plenaria.participants import services
from plenaria.participants.models import CategoryOption, Registration

pytestmark = pytest.mark.django_db


def _form(registration, **changes):
    data = {
        "name": registration.name,
        "phone": registration.phone,
        "email": registration.email,
        "segment": registration.segment,
        "category": registration.category,
    }
    data.update(changes)
    return data


def test_organiser_corrects_the_name_and_the_category(open_conference, organiser, registered):
    registration = registered[0]
    url = reverse("participants:edit", args=[open_conference.pk, registration.pk])
    client = client_for(organiser)
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"]["name"].value() == "Participante 0"
    response = client.post(url, _form(registration, name="Participante Zero", category="guest"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.name == "Participante Zero" and registration.category == "guest"
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).latest("at")
    assert entry.changes["category"] == ["delegate", "guest"]
    assert "Participante" not in str(entry.changes)  # no personal data in the log


def test_moving_to_a_full_category_joins_its_waiting_list(open_conference, organiser, registered):
    CategoryOption.objects.create(conference=open_conference, category="guest", capacity=2)
    registration = registered[0]
    url = reverse("participants:edit", args=[open_conference.pk, registration.pk])
    client_for(organiser).post(url, _form(registration, category="guest"))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.WAITLISTED


def test_bad_values_are_refused_at_the_field(open_conference, organiser, registered):
    registration = registered[0]
    url = reverse("participants:edit", args=[open_conference.pk, registration.pk])
    response = client_for(organiser).post(url, _form(registration, cpf="123", phone="", email=""))
    assert response.status_code == 200
    assert {"cpf", "phone"} <= set(response.context["form"].errors)
    registration.refresh_from_db()
    assert registration.phone == "38970000000"


@pytest.mark.parametrize("who, status", [("outsider", 404), ("state_member", 403)])
def test_others_cannot_edit(open_conference, registered, who, status, request):
    url = reverse("participants:edit", args=[open_conference.pk, registered[0].pk])
    client = client_for(request.getfixturevalue(who))
    assert client.get(url).status_code == status
    assert client.post(url, _form(registered[0], name="X")).status_code == status


def test_erased_people_are_not_edited(open_conference, organiser, registered):
    services.person_erase(actor=organiser, registration=registered[0])
    url = reverse("participants:edit", args=[open_conference.pk, registered[0].pk])
    assert client_for(organiser).get(url).status_code == 302
