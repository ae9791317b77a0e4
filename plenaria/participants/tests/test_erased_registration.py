"""an erased registration points to nobody, yet the desk still
prints a PIN slip for it and anyone holding the slip opens its page (and its vote)."""

import pytest
from django.test import Client
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.participants import access, services

pytestmark = pytest.mark.django_db


def test_an_erased_registration_gets_no_pin_slip_and_opens_no_page(
    registered, open_conference, organiser
):
    erased = services.person_erase(actor=organiser, registration=registered[0])
    slip = client_for(organiser).get(
        reverse("participants:pin_slip", args=[open_conference.pk, erased.pk])
    )
    phone = Client()
    phone.post(reverse("participants:participant_login"), {"code": erased.code, "pin": erased.pin})
    opened = erased.pk in phone.session.get(access.SESSION_KEY, [])
    assert (slip.status_code, opened) != (200, True), "slip shown and page opened"
