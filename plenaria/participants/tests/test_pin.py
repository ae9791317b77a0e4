"""The PIN reaches only its owner: no badge, list or public page shows it; the check-in
desk shows and prints the slip and issues a new PIN, which closes the old one's
sessions. The attack: whoever reads a badge in the hall opens that person's page."""

import re
import shutil
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences.models import ConferenceRole, Status
from plenaria.conftest import client_for, conference_to, job_file, make_user
from plenaria.core import documents as core_documents
from plenaria.core.models import AuditEntry
from plenaria.participants import documents, services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db

PINS = ["135790", "246801", "975310", "864202", "112358"]


@pytest.fixture
def pinned(registered):
    """The five registrations with PINs known to the test (so none is found by chance)."""
    for registration, pin in zip(registered, PINS, strict=True):
        # Written directly on purpose: the PIN service draws a random PIN.
        Registration.objects.filter(pk=registration.pk).update(pin=pin)
        registration.pin = pin
    return registered


@pytest.fixture
def desk(open_conference):
    """Check-in staff of the conference (not an organiser)."""
    user = make_user("desk")
    ConferenceRole.objects.create(conference=open_conference, user=user, role="checkin")
    return user


def shows(pin: str, text: str) -> bool:
    """Whether ``pin`` is shown, outside the random CSRF token (which may hold any digits)."""
    visible = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    return re.search(rf"(?<![0-9A-Za-z]){pin}(?![0-9A-Za-z])", visible) is not None


def pdf_text(data: bytes, tmp_path) -> str:
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF")
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(  # noqa: S603 - our own file
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def slip_url(registration, name="pin_slip"):
    return reverse(f"participants:{name}", args=[registration.conference_id, registration.pk])


def login(client, registration, pin):
    return client.post(
        reverse("participants:participant_login"), {"code": registration.code, "pin": pin}
    )


def participant_page(client, registration):
    return client.get(reverse("proposals:participant", args=[registration.code]))


# --- nowhere but the slip ------------------------------------------------------------


def test_badges_show_the_code_but_no_pin(open_conference, organiser, pinned, tmp_path, worker):
    client = client_for(organiser)
    response = client.post(reverse("participants:badges", args=[open_conference.pk]))
    text = pdf_text(job_file(client, response, worker), tmp_path)
    for registration in pinned:
        assert registration.code in text
        assert not shows(registration.pin, text)
    assert "PIN" not in text


def test_a_badges_qr_code_holds_only_the_registration_code(pinned):
    for registration in pinned:
        badge = documents.badge(registration)
        assert badge["qr"] == core_documents.qr_data_uri(registration.code)
        assert not any(registration.pin in str(value) for value in badge.values())


def test_the_public_confirmation_page_shows_no_pin(pinned):
    """Anyone holding the code (the badge's QR code) opens this page."""
    registration = pinned[0]
    page = client_for(None).get(reverse("participants:confirmation", args=[registration.code]))
    text = page.content.decode()
    assert registration.code in text
    assert not shows(registration.pin, text)
    assert "o credenciamento entrega a você o PIN" in text


def test_the_confirmation_email_carries_no_pin(open_conference):
    """The e-mail often is not the person's own (a CRAS's, a relative's), and the
    duplicate-registration path sends it again on anyone's request."""
    registration = services.registration_create(
        actor=None,
        conference=open_conference,
        origin=Registration.Origin.ONLINE,
        person_data=person_data(),
        data=registration_data(),
    )
    # A known PIN the message must not show (the service draws a random one).
    Registration.objects.filter(pk=registration.pk).update(pin="135790")
    mail.outbox.clear()
    services.send_confirmation(registration.pk)
    (message,) = mail.outbox
    assert registration.code in message.body
    assert not shows("135790", message.body)
    assert all(b"135790" not in content for _name, content, _type in message.attachments)


def test_lists_and_the_desks_search_show_no_pin(open_conference, organiser, pinned, shift):
    client = client_for(organiser)
    services.checkin(actor=organiser, registration=pinned[0], shift=shift)
    pages = [
        client.get(reverse("participants:list", args=[open_conference.pk])),
        client.get(
            reverse("participants:credentialing", args=[open_conference.pk]),
            {"turno": shift.pk, "q": "participante"},
        ),
    ]
    for page in pages:
        text = page.content.decode()
        assert pinned[0].code in text
        assert not any(shows(pin, text) for pin in PINS)


# --- the slip at the check-in desk ----------------------------------------------------


@pytest.mark.parametrize("who", ["organiser", "desk"])
def test_the_desk_shows_the_slip_and_the_audit_keeps_who_saw_it_but_not_the_pin(
    pinned, who, request
):
    user = request.getfixturevalue(who)
    registration = pinned[1]
    response = client_for(user).get(slip_url(registration))
    assert response.status_code == 200
    text = response.content.decode()
    assert shows(registration.pin, text) and registration.code in text
    assert "/participar/" in text
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT, object_id=str(registration.pk))
    assert entry.actor == user and entry.changes == {"document": [None, "pin-slip"]}
    assert registration.pin not in str(entry.changes) + entry.object_repr


def test_the_slip_prints_as_a_pdf_with_code_pin_and_address(organiser, pinned, tmp_path):
    registration = pinned[2]
    response = client_for(organiser).get(slip_url(registration, "pin_slip_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content, tmp_path)
    assert registration.code in text and shows(registration.pin, text)
    assert "/participar/" in text and "Participante 2" in text


@pytest.mark.parametrize("name", ["pin_slip", "pin_slip_pdf"])
@pytest.mark.parametrize(
    "who, status", [("outsider", 404), ("state_member", 403), ("anonymous", 302)]
)
def test_only_the_conferences_desk_sees_a_slip(pinned, name, who, status, request):
    client = client_for(None if who == "anonymous" else request.getfixturevalue(who))
    response = client.get(slip_url(pinned[0], name))
    assert response.status_code == status
    assert not shows(pinned[0].pin, response.content.decode(errors="replace"))
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_a_registration_of_another_conference_is_not_found_through_this_one(
    make_conference, janauba, organiser, outsider, pinned
):
    other = make_conference(
        title="Outra", municipality=janauba, actor=outsider, status=Status.REGISTRATION_OPEN
    )
    stranger = services.registration_create(
        actor=outsider,
        conference=other,
        origin=Registration.Origin.STAFF,
        person_data=person_data(cpf=None, name="De Janaúba", email=""),
        data=registration_data(),
    )
    # A known PIN (the service draws a random one): a refused reset must leave it.
    Registration.objects.filter(pk=stranger.pk).update(pin="111111")
    for name in ("pin_slip", "pin_slip_pdf"):
        url = reverse(f"participants:{name}", args=[pinned[0].conference_id, stranger.pk])
        assert client_for(organiser).get(url).status_code == 404
    url = reverse("participants:pin_reset", args=[pinned[0].conference_id, stranger.pk])
    assert client_for(organiser).post(url).status_code == 404
    stranger.refresh_from_db()
    assert stranger.pin == "111111"


def test_huge_ids_in_the_address_are_not_found(organiser, open_conference):
    for args in ([open_conference.pk, 10**20], [10**20, 1]):
        url = reverse("participants:pin_slip", args=args)
        assert client_for(organiser).get(url).status_code == 404


def test_a_cancelled_registration_gets_no_slip(open_conference, organiser, pinned):
    services.registration_cancel(actor=organiser, registration=pinned[4])
    response = client_for(organiser).get(slip_url(pinned[4]), follow=True)
    text = response.content.decode()
    assert "Só uma inscrição confirmada" in text and not shows(pinned[4].pin, text)


# --- a new PIN --------------------------------------------------------------------------


def test_a_new_pin_makes_the_old_one_fail_and_logs_out_the_phone_opened_with_it(organiser, pinned):
    registration = pinned[0]
    phone = client_for(None)
    assert login(phone, registration, "135790").status_code == 302
    assert participant_page(phone, registration).status_code == 200

    response = client_for(organiser).post(slip_url(registration, "pin_reset"), {"turno": "7"})
    assert response.status_code == 302
    assert response["Location"] == slip_url(registration) + "?turno=7"
    registration.refresh_from_db()
    assert registration.pin != "135790" and re.fullmatch(r"\d{6}", registration.pin)

    # The phone opened with the old PIN is out, and its login page no longer lists it.
    assert participant_page(phone, registration).status_code == 403
    login_page = phone.get(reverse("participants:participant_login")).content.decode()
    assert reverse("proposals:participant", args=[registration.code]) not in login_page
    # The old PIN no longer opens anything; the new one does.
    assert "não conferem" in login(client_for(None), registration, "135790").content.decode()
    fresh = client_for(None)
    assert login(fresh, registration, registration.pin).status_code == 302
    assert participant_page(fresh, registration).status_code == 200

    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_id=str(registration.pk))
    assert entry.actor == organiser and set(entry.changes) == {"pin"}
    assert "135790" not in str(entry.changes) and registration.pin not in str(entry.changes)


def test_a_new_pin_leaves_the_other_registrations_opened_on_the_same_phone(organiser, pinned):
    """A shared phone (a family, an interpreter) opened two registrations."""
    phone = client_for(None)
    login(phone, pinned[0], pinned[0].pin)
    login(phone, pinned[1], pinned[1].pin)
    services.registration_pin_reset(actor=organiser, registration=pinned[0])
    assert participant_page(phone, pinned[0]).status_code == 403
    assert participant_page(phone, pinned[1]).status_code == 200


def test_checkin_staff_issue_a_new_pin(desk, pinned):
    response = client_for(desk).post(slip_url(pinned[1], "pin_reset"))
    assert response.status_code == 302
    assert Registration.objects.get(pk=pinned[1].pk).pin != pinned[1].pin


@pytest.mark.parametrize(
    "who, status", [("outsider", 404), ("state_member", 403), ("anonymous", 302)]
)
def test_strangers_and_readers_cannot_issue_a_new_pin(pinned, who, status, request):
    client = client_for(None if who == "anonymous" else request.getfixturevalue(who))
    response = client.post(slip_url(pinned[0], "pin_reset"))
    assert response.status_code == status
    assert Registration.objects.get(pk=pinned[0].pk).pin == pinned[0].pin
    assert not AuditEntry.objects.filter(object_id=str(pinned[0].pk), action="update").exists()


def test_a_new_pin_needs_a_post(organiser, pinned):
    response = client_for(organiser).get(slip_url(pinned[0], "pin_reset"))
    assert response.status_code == 405
    assert Registration.objects.get(pk=pinned[0].pk).pin == pinned[0].pin


def test_no_new_pin_once_the_conference_is_closed(open_conference, organiser, pinned):
    conference_to(open_conference, Status.CLOSED, actor=organiser)
    response = client_for(organiser).post(slip_url(pinned[0], "pin_reset"), follow=True)
    assert "A conferência está encerrada" in response.content.decode()
    assert Registration.objects.get(pk=pinned[0].pk).pin == pinned[0].pin
    assert not AuditEntry.objects.filter(object_id=str(pinned[0].pk), action="update").exists()


def test_no_new_pin_for_a_cancelled_registration(organiser, pinned):
    services.registration_cancel(actor=organiser, registration=pinned[3])
    with pytest.raises(ValidationError):
        services.registration_pin_reset(actor=organiser, registration=pinned[3])
    assert Registration.objects.get(pk=pinned[3].pk).pin == pinned[3].pin


def test_a_phone_opened_before_this_version_enters_again(pinned):
    """Sessions that kept no PIN fingerprint (opened before it existed) count as closed:
    nothing can tell whether their PIN is still the current one."""
    phone = client_for(None)
    login(phone, pinned[0], pinned[0].pin)
    session = phone.session
    del session["participant_pins"]
    session.save()
    assert participant_page(phone, pinned[0]).status_code == 403


def test_the_admin_does_not_show_the_pin(admin_user, pinned):
    url = reverse("admin:participants_registration_change", args=[pinned[0].pk])
    response = client_for(admin_user).get(url)
    assert response.status_code == 200 and pinned[0].code in response.content.decode()
    assert not shows(pinned[0].pin, response.content.decode())
