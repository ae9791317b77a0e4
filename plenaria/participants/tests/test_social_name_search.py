"""a reader of the list (personal data masked) types a
civil name and finds the person shown only by their social name, pairing the two."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.participants import services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db


def test_a_reader_searching_a_civil_name_does_not_find_who_holds_a_social_name(
    open_conference, state_member
):
    services.registration_create(
        actor=None,
        conference=open_conference,
        person_data=person_data(name="Joaquim Civil", social_name="Joana Social"),
        data=registration_data(),
        origin=Registration.Origin.ONLINE,
    )
    response = client_for(state_member).get(
        reverse("participants:list", args=[open_conference.pk]), {"q": "Joaquim Civil"}
    )
    assert response.status_code == 200
    assert "Joana Social" not in response.content.decode()
