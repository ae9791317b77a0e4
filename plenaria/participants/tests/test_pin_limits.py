"""Wrong PINs: a growing delay per code and network, a high limit per address, and the check-in
desk's unlock. Before: five mistakes from one venue address locked the whole hall out
and five wrong PINs from anywhere locked the owner out."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from plenaria.conferences.models import ConferenceRole
from plenaria.conftest import client_for, make_user
from plenaria.core import audit, ratelimit
from plenaria.core.models import AuditEntry
from plenaria.core.net import address_bucket
from plenaria.participants import access, services
from plenaria.participants.models import Registration
from plenaria.participants.rules import CODE_ALPHABET
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db

LOGIN = reverse("participants:participant_login")
HERE = address_bucket("127.0.0.1")  # the test client's address


def _here(code: str) -> str:
    """The subject of a code's delay for tries made from the test client's network."""
    return access._on_network(code, HERE)


def _pin(client, registration, pin, **extra):
    return client.post(LOGIN, {"code": registration.code, "pin": pin}, **extra)


def _wrong(registration) -> str:
    return "000000" if registration.pin != "000000" else "111111"


def _unknown_code(n: int) -> str:
    """A well-formed code nobody holds (each n its own)."""
    return "ZZZZ" + CODE_ALPHABET[n % len(CODE_ALPHABET)] * 4


def _opened(client, registration) -> bool:
    return registration.pk in client.session.get(access.SESSION_KEY, [])


@pytest.fixture
def clock(monkeypatch):
    now = {"t": 2_000_000.0}
    monkeypatch.setattr(ratelimit, "clock", lambda: now["t"])
    return now


@pytest.fixture
def hall(open_conference):
    """Thirty confirmed delegates."""
    return [
        services.registration_create(
            actor=None,
            conference=open_conference,
            origin=Registration.Origin.ONLINE,
            person_data=person_data(
                cpf=None, name=f"Delegada {i}", phone=f"389700001{i:02d}", email=""
            ),
            data=registration_data(),
        )
        for i in range(30)
    ]


def test_a_hall_behind_one_address_mistyping_is_not_locked_out(hall):
    """Thirty phones on the venue's Wi-Fi (one address), each mistyping three times:
    90 failures, and every delegate then gets in."""
    for registration in hall:
        phone = Client(REMOTE_ADDR="203.0.113.50")
        for _ in range(3):
            assert (
                "não conferem" in _pin(phone, registration, _wrong(registration)).content.decode()
            )
        response = _pin(phone, registration, registration.pin)
        assert response.status_code == 302 and _opened(phone, registration)


def test_wrong_pins_make_the_code_wait_on_that_network_and_the_owner_gets_in_after(
    registered, clock
):
    owner = registered[0]
    venue = "198.51.100.66"  # the hall's Wi-Fi: the guesser and the owner behind it
    attacker = Client(REMOTE_ADDR=venue)
    for _ in range(5):
        _pin(attacker, owner, _wrong(owner))
    phone = Client(REMOTE_ADDR=venue)
    response = _pin(phone, owner, owner.pin)
    assert response.status_code == 429 and response["Retry-After"] == "2"
    assert "Tentativas erradas demais com este código" in response.content.decode()
    assert not _opened(phone, owner)
    clock["t"] += 2
    assert _pin(phone, owner, owner.pin).status_code == 302 and _opened(phone, owner)


def test_tries_while_waiting_are_refused_without_counting(registered, clock):
    owner = registered[0]
    client = Client()
    for _ in range(5):
        _pin(client, owner, _wrong(owner))
    for _ in range(10):
        assert _pin(client, owner, _wrong(owner)).status_code == 429
    assert ratelimit.PIN_CODE.failures(_here(owner.code)) == 5
    clock["t"] += 2
    _pin(client, owner, _wrong(owner))
    assert ratelimit.PIN_CODE.wait(_here(owner.code)) == 4


def test_the_wait_grows_to_five_minutes_and_no_further(registered, clock):
    owner = registered[0]
    client = Client()
    for _ in range(20):
        clock["t"] += ratelimit.PIN_CODE.wait(_here(owner.code))
        assert _pin(client, owner, _wrong(owner)).status_code == 200
    assert ratelimit.PIN_CODE.wait(_here(owner.code)) == 300


def test_the_right_pin_forgets_the_failures(registered):
    owner = registered[0]
    client = Client()
    for _ in range(4):
        _pin(client, owner, _wrong(owner))
    assert _pin(client, owner, owner.pin).status_code == 302
    assert ratelimit.PIN_CODE.failures(_here(owner.code)) == 0


@override_settings(PIN_FAILURES_PER_ADDRESS=10)
def test_one_address_trying_many_codes_is_stopped_even_with_a_right_pin(registered):
    machine = Client(REMOTE_ADDR="198.51.100.66")
    for n in range(10):
        machine.post(LOGIN, {"code": _unknown_code(n), "pin": "123456"})
    response = _pin(machine, registered[0], registered[0].pin)
    assert response.status_code == 429
    assert "a partir desta rede" in response.content.decode()
    assert not _opened(machine, registered[0])
    # the same person on mobile data
    assert (
        _pin(Client(REMOTE_ADDR="203.0.113.9"), registered[0], registered[0].pin).status_code == 302
    )


@override_settings(PIN_FAILURES_PER_ADDRESS=10)
def test_a_forged_forwarded_address_does_not_escape_the_address_limit(registered):
    for n in range(10):
        Client().post(
            LOGIN,
            {"code": _unknown_code(n), "pin": "123456"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = _pin(Client(), registered[0], registered[0].pin, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response.status_code == 429


# --- the check-in desk unlocks a code ------------------------------------------------


def _unlock(client, conference, code, **extra):
    return client.post(reverse("pin_unlock", args=[conference.pk]), {"code": code.lower(), **extra})


@pytest.fixture
def desk(open_conference):
    user = make_user("desk")
    ConferenceRole.objects.create(conference=open_conference, user=user, role="checkin")
    return user


def _locked(registration):
    for _ in range(9):
        access._failed(registration.code, HERE)
    assert ratelimit.PIN_CODE.wait(_here(registration.code)) > 0


def test_check_in_staff_unlock_a_code_and_the_owner_gets_in_at_once(
    registered, open_conference, desk, django_capture_on_commit_callbacks
):
    owner = registered[0]
    _locked(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = _unlock(client_for(desk), open_conference, owner.code, turno="7")
    assert response.status_code == 302
    assert response["Location"].endswith("/credenciamento/?turno=7")
    entry = AuditEntry.objects.get(object_id=str(owner.pk), action="update")
    assert entry.actor == desk and entry.changes == {"pin_failures": [9, 0]}
    # Stored as a code, shown in the reader's language (issue 21, item 11).
    assert entry.reason == "PIN unlocked at the check-in desk"
    assert audit.show_text(entry.reason) == "PIN desbloqueado no credenciamento"
    phone = Client()
    assert _pin(phone, owner, owner.pin).status_code == 302 and _opened(phone, owner)


def test_the_unlock_form_is_on_the_credentialing_page(open_conference, desk):
    page = client_for(desk).get(reverse("participants:credentialing", args=[open_conference.pk]))
    assert reverse("pin_unlock", args=[open_conference.pk]) in page.content.decode()


@pytest.mark.parametrize("who", ["outsider", "state_member", "anonymous"])
def test_it_refuses_to_unlock_for_who_does_not_register_people(
    request, registered, open_conference, who
):
    owner = registered[0]
    _locked(owner)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = _unlock(client_for(user), open_conference, owner.code)
    assert response.status_code == {"outsider": 404, "state_member": 403, "anonymous": 302}[who]
    assert ratelimit.PIN_CODE.failures(_here(owner.code)) == 9
    assert not AuditEntry.objects.filter(object_id=str(owner.pk), action="update").exists()


def test_it_refuses_a_code_of_another_conference(
    registered,
    open_conference,
    make_conference,
    janauba,
    outsider,
    desk,
    django_capture_on_commit_callbacks,
):
    other = make_conference(status=open_conference.status, municipality=janauba, actor=outsider)
    stranger = services.registration_create(
        actor=None,
        conference=other,
        origin=Registration.Origin.ONLINE,
        person_data=person_data(cpf=None, name="De fora", phone="38970000999", email=""),
        data=registration_data(),
    )
    _locked(stranger)
    with django_capture_on_commit_callbacks(execute=True):
        response = _unlock(client_for(desk), open_conference, stranger.code)
    assert response.status_code == 302
    assert ratelimit.PIN_CODE.failures(_here(stranger.code)) == 9
    assert not AuditEntry.objects.filter(object_id=str(stranger.pk), action="update").exists()


def test_a_code_without_failures_is_left_alone_and_not_audited(registered, open_conference, desk):
    response = _unlock(client_for(desk), open_conference, registered[0].code)
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(object_id=str(registered[0].pk), action="update").exists()


def test_unlocking_needs_a_post(open_conference, desk):
    url = reverse("pin_unlock", args=[open_conference.pk])
    assert client_for(desk).get(url).status_code == 405


def test_someone_who_read_a_badge_cannot_keep_its_owner_out_from_another_network(registered, clock):
    owner = registered[0]
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    phone = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(60):  # an hour of wrong PINs, as fast as the delay allows
        clock["t"] += ratelimit.PIN_CODE.wait(access._on_network(owner.code, "198.51.100.66"))
        _pin(attacker, owner, _wrong(owner))
    assert _pin(attacker, owner, owner.pin).status_code == 429  # the attacker waits...
    assert _pin(phone, owner, owner.pin).status_code == 302  # ...the owner does not
    assert _opened(phone, owner)


@override_settings(PIN_FAILURES_PER_CODE=20)
def test_wrong_pins_from_many_networks_stop_the_code_until_the_desk_unlocks(registered, clock):
    owner = registered[0]
    for n in range(20):
        _pin(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), owner, _wrong(owner))
    response = _pin(Client(REMOTE_ADDR="203.0.113.50"), owner, owner.pin)
    assert response.status_code == 429 and "credenciamento" in response.content.decode()
    access._unlock(owner.code)
    assert _pin(Client(REMOTE_ADDR="203.0.113.50"), owner, owner.pin).status_code == 302
