"""The public address: one setting, one helper, a warning when a deployment forgets it."""

import pytest
from django.core import mail
from django.core.management import call_command

from plenaria.core import site
from plenaria.participants import documents, services
from plenaria.participants.tests.conftest import person_data, registration_data


def test_links_are_built_from_site_url(settings):
    settings.SITE_URL = "https://plenaria.exemplo.gov.br/"
    assert site.site_url("/x/") == "https://plenaria.exemplo.gov.br/x/"
    url = site.absolute_url("participants:certificate_verify", query={"codigo": "AB CD"})
    assert url.startswith("https://plenaria.exemplo.gov.br/")
    assert url.endswith("?codigo=AB+CD")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000",
        "http://127.9.9.9",
        "http://localhost:8000",
        "http://app.localhost",
        "http://[::1]:8000",
        "http://0.0.0.0:8000",
        "plenaria.exemplo.gov.br",  # no scheme: no host either
        "",
    ],
)
def test_loopback_addresses_are_local(url):
    assert site.is_local_address(url)


@pytest.mark.parametrize(
    "url", ["https://plenaria.exemplo.gov.br", "http://10.0.0.5:8000", "https://200.1.2.3"]
)
def test_public_addresses_are_not_local(url):
    assert not site.is_local_address(url)


def test_a_deployment_that_forgot_site_url_is_warned(settings):
    settings.DEBUG = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    [warning] = site.site_url_is_public()
    assert warning.id == "plenaria.W002" and "127.0.0.1" in warning.msg
    settings.SITE_URL = "https://plenaria.exemplo.gov.br"
    assert site.site_url_is_public() == []


def test_make_run_is_not_warned(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert site.site_url_is_public() == []


def test_the_check_is_registered_with_django(settings, capsys):
    settings.DEBUG = False
    settings.SITE_URL = "http://localhost:8000"
    call_command("check")
    assert "plenaria.W002" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_confirmation_email_and_the_pin_slip_link_to_the_site(
    settings, make_conference, django_capture_on_commit_callbacks
):
    from plenaria.conferences.models import Status

    settings.SITE_URL = "https://plenaria.exemplo.gov.br"
    conference = make_conference(status=Status.REGISTRATION_OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(
            actor=None,
            conference=conference,
            person_data=person_data(),
            data=registration_data(),
            origin="online",
        )
    (message,) = mail.outbox
    assert "https://plenaria.exemplo.gov.br/" in message.body
    assert registration.code in message.body and "127.0.0.1" not in message.body
    slip = documents.pin_slip(registration)
    assert slip["login_url"].startswith("https://plenaria.exemplo.gov.br/")
