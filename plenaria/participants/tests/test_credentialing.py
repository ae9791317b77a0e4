import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.participants import selectors, services
from plenaria.participants.models import CheckIn

pytestmark = pytest.mark.django_db


def test_checkin_is_idempotent(registered, shift, organiser):
    first, created = services.checkin(actor=organiser, registration=registered[0], shift=shift)
    again, created_again = services.checkin(
        actor=organiser, registration=registered[0], shift=shift
    )
    assert created and not created_again and first == again
    assert CheckIn.objects.count() == 1


def test_only_confirmed_registrations_are_credentialed(registered, shift, organiser):
    services.registration_cancel(actor=organiser, registration=registered[0])
    registered[0].refresh_from_db()
    with pytest.raises(ValidationError):
        services.checkin(actor=organiser, registration=registered[0], shift=shift)


def test_presence_counts_give_the_quorum_base(registered, shift, organiser):
    for registration in registered[:4]:
        services.checkin(actor=organiser, registration=registration, shift=shift)
    counts = selectors.presence_counts(shift)
    assert counts["total"] == 4 and counts["delegates"] == 3


def _confirm(client, conference, **data):
    return client.post(
        reverse("participants:credentialing_confirm", args=[conference.pk]), data, follow=True
    )


def test_reading_a_code_checks_in_at_once(registered, shift, organiser, open_conference):
    client = client_for(organiser)
    response = _confirm(client, open_conference, code=registered[0].code.lower(), turno=shift.pk)
    assert CheckIn.objects.filter(registration=registered[0], shift=shift).exists()
    assert "Participante 0" in str([str(m) for m in response.context["messages"]])
    again = _confirm(client, open_conference, code=registered[0].code, turno=shift.pk)
    assert CheckIn.objects.count() == 1
    # "Already credentialed", then the person's accessibility needs again (libras).
    assert [m.level_tag for m in again.context["messages"]] == ["info", "warning"]


def test_search_then_confirm(registered, shift, organiser, open_conference):
    client = client_for(organiser)
    page = client.get(
        reverse("participants:credentialing", args=[open_conference.pk]),
        {"q": "participante 3", "turno": shift.pk},
    )
    assert [r.pk for r in page.context["results"]] == [registered[3].pk]
    _confirm(client, open_conference, registration=registered[3].pk, turno=shift.pk)
    page = client.get(
        reverse("participants:credentialing", args=[open_conference.pk]),
        {"q": "participante 3", "turno": shift.pk},
    )
    assert registered[3].pk in page.context["present_ids"]


def test_unknown_code_and_other_conferences(
    registered, shift, organiser, open_conference, make_conference, janauba
):
    client = client_for(organiser)
    response = _confirm(client, open_conference, code="XXXXXXXX", turno=shift.pk)
    assert response.status_code == 200 and not CheckIn.objects.exists()
    response = _confirm(client, open_conference, registration="abc", turno="x")
    assert response.status_code == 200 and not CheckIn.objects.exists()


def test_credentialing_roles(registered, shift, open_conference, state_member, outsider):
    url = reverse("participants:credentialing", args=[open_conference.pk])
    confirm = reverse("participants:credentialing_confirm", args=[open_conference.pk])
    assert client_for(state_member).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    assert client_for(state_member).post(confirm, {"code": registered[0].code}).status_code == 403
    assert client_for(state_member).get(confirm).status_code == 405
    assert not CheckIn.objects.exists()


def test_counts_fragment(registered, shift, organiser, open_conference):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    response = client_for(organiser).get(
        reverse("participants:credentialing_counts", args=[open_conference.pk]),
        {"turno": shift.pk},
    )
    assert response.context["counts"]["delegates"] == 1
    assert "<html" not in response.content.decode()


def test_register_and_credential_in_one_go(shift, organiser, open_conference):
    client = client_for(organiser)
    url = reverse("participants:new", args=[open_conference.pk]) + f"?credenciar={shift.pk}"
    response = client.post(
        url,
        {
            "name": "Chegou Agora",
            "phone": "38 97777-0000",
            "segment": "users",
            "category": "guest",
            "consent": "on",
        },
    )
    assert response.status_code == 302 and "credenciamento" in response["Location"]
    assert CheckIn.objects.get().registration.name == "Chegou Agora"


def test_no_shifts_yet(open_conference, organiser):
    page = client_for(organiser).get(
        reverse("participants:credentialing", args=[open_conference.pk])
    )
    assert page.status_code == 200 and page.context["shift"] is None


def test_odd_ids_in_the_address_are_ignored_not_crashing(shift, organiser, open_conference):
    client = client_for(organiser)
    new = reverse("participants:new", args=[open_conference.pk])
    assert client.get(new, {"credenciar": "²"}).status_code == 200
    desk = reverse("participants:credentialing", args=[open_conference.pk])
    assert client.get(desk, {"turno": "²", "q": "x"}).status_code == 200
