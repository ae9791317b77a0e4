"""Public registration is limited per address: a script made 100 registrations and
sent 100 e-mails to addresses of its choosing in 12 seconds."""

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from plenaria.participants.models import Registration
from plenaria.participants.rules import cpf_with_digits

pytestmark = pytest.mark.django_db


def _form(n: int) -> dict:
    return {
        "name": f"Pessoa Inventada {n}",
        "phone": f"(38) 99999-{n:04d}",
        "email": f"vitima{n}@exemplo.org",
        "cpf": cpf_with_digits(f"{100000000 + n * 7919:09d}"),
        "birth_date": "1980-05-01",
        "segment": "users",
        "category": "delegate",
        "consent": "on",
    }


def _register(client, conference, n: int):
    return client.post(reverse("participants:register", args=[conference.pk]), _form(n))


@override_settings(REGISTRATIONS_PER_ADDRESS=5)
def test_a_script_registering_from_one_address_is_stopped_with_429(
    open_conference, django_capture_on_commit_callbacks
):
    script = Client(REMOTE_ADDR="198.51.100.66")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [_register(script, open_conference, n).status_code for n in range(8)]
    assert statuses == [302] * 5 + [429] * 3
    assert Registration.objects.count() == 5
    sent = len(mail.outbox)
    refused = _register(script, open_conference, 99)
    page = refused.content.decode()
    assert "Tentativas demais a partir desta rede" in page
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert Registration.objects.count() == 5 and len(mail.outbox) == sent


@override_settings(REGISTRATIONS_PER_ADDRESS=5)
def test_other_addresses_still_register(open_conference):
    script = Client(REMOTE_ADDR="198.51.100.66")
    for n in range(5):
        _register(script, open_conference, n)
    assert _register(Client(REMOTE_ADDR="203.0.113.9"), open_conference, 50).status_code == 302


@override_settings(REGISTRATIONS_PER_ADDRESS=5)
def test_a_forged_forwarded_address_does_not_escape_the_limit(open_conference):
    for n in range(5):
        Client().post(
            reverse("participants:register", args=[open_conference.pk]),
            _form(n),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = Client().post(
        reverse("participants:register", args=[open_conference.pk]),
        _form(60),
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )
    assert response.status_code == 429 and Registration.objects.count() == 5


def test_the_default_limit_lets_a_helper_register_twenty_people_an_hour(open_conference):
    """A CRAS worker registering users from the office computer."""
    desk = Client(REMOTE_ADDR="203.0.113.20")
    statuses = [_register(desk, open_conference, n).status_code for n in range(21)]
    assert statuses == [302] * 20 + [429]


def test_form_errors_do_not_use_up_the_limit(open_conference):
    client = Client()
    for _ in range(30):
        response = client.post(
            reverse("participants:register", args=[open_conference.pk]), {"name": "x"}
        )
        assert response.status_code == 200
    assert _register(client, open_conference, 1).status_code == 302
