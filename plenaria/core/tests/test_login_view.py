"""Staff sign-in (/entrar/ and the admin's): failed passwords are limited per username
and per address; while throttled even the right password is refused."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def _try(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_the_right_password_signs_in(organiser):
    client = Client()
    response = _try(client, organiser.username, "pw-123456")
    assert response.status_code == 302 and SESSION_KEY in client.session
    # to their work, not the public home page; a page asked for first still wins
    assert response["Location"] == reverse("conferences:dashboard")
    asked = client.post(
        f"{LOGIN}?next=/gestao/conferencias/nova/",
        {"username": organiser.username, "password": "pw-123456"},
    )
    assert asked["Location"] == "/gestao/conferencias/nova/"


def test_it_refuses_the_right_password_after_many_wrong_ones(organiser):
    """The attack: 50 wrong passwords, then the right one. Now the 11th try is refused
    before the password is looked at, and nobody is signed in."""
    client = Client()
    for _ in range(10):
        response = _try(client, organiser.username, "wrong-guess")
        assert response.status_code == 200
    for password in ("wrong-guess", "pw-123456"):
        response = _try(client, organiser.username, password)
        assert response.status_code == 429
        assert "Tentativas de entrada erradas demais" in response.content.decode()
        assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert SESSION_KEY not in client.session


def test_the_username_limit_ignores_case(organiser):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(10):
        _try(client, organiser.username.upper(), "wrong")
    assert _try(client, organiser.username, "pw-123456").status_code == 429


def test_a_guesser_elsewhere_does_not_keep_the_owner_out(organiser):
    for _ in range(30):
        _try(Client(REMOTE_ADDR="198.51.100.66"), organiser.username, "wrong")
    response = _try(Client(REMOTE_ADDR="203.0.113.9"), organiser.username, "pw-123456")
    assert response.status_code == 302


@override_settings(LOGIN_FAILURES_PER_USERNAME_ALL=20)
def test_guesses_from_many_networks_stop_the_username_everywhere(organiser):
    for n in range(20):
        _try(Client(REMOTE_ADDR=f"198.51.100.{n}"), organiser.username, "wrong")
    response = _try(Client(REMOTE_ADDR="203.0.113.9"), organiser.username, "pw-123456")
    assert response.status_code == 429


@override_settings(LOGIN_FAILURES_PER_ADDRESS=5)
def test_one_address_trying_many_usernames_is_stopped(organiser):
    client = Client()
    for n in range(5):
        _try(client, f"someone{n}", "wrong")
    assert _try(client, organiser.username, "pw-123456").status_code == 429
    elsewhere = _try(Client(REMOTE_ADDR="203.0.113.9"), organiser.username, "pw-123456")
    assert elsewhere.status_code == 302


@override_settings(LOGIN_FAILURES_PER_ADDRESS=5, LOGIN_FAILURES_PER_USERNAME=100)
def test_a_forged_forwarded_address_does_not_escape_the_limit(organiser):
    """X-Forwarded-For from a peer that is not a trusted proxy is ignored."""
    for n in range(5):
        _try(Client(), f"someone{n}", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = _try(Client(), organiser.username, "pw-123456", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response.status_code == 429


@override_settings(
    LOGIN_FAILURES_PER_ADDRESS=5, LOGIN_FAILURES_PER_USERNAME=100, TRUSTED_PROXIES=["127.0.0.1"]
)
def test_behind_a_trusted_proxy_each_client_address_counts_apart(organiser):
    for n in range(5):
        _try(Client(), f"someone{n}", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1")
    blocked = _try(Client(), organiser.username, "pw-123456", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert blocked.status_code == 429
    other = _try(Client(), organiser.username, "pw-123456", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


def test_the_admin_sign_in_has_the_same_limit(admin_user):
    client = Client()
    url = reverse("admin:login")
    for _ in range(10):
        client.post(url, {"username": "root", "password": "wrong"})
    response = client.post(url, {"username": "root", "password": "pw-123456"})
    assert "Tentativas de entrada erradas demais" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_sign_in_page_answers_get_and_refuses_other_methods():
    assert Client().get(LOGIN).status_code == 200
    assert Client().put(LOGIN).status_code == 405
