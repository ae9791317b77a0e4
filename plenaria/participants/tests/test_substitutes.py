"""A substitute delegate (suplente) replaces a named absent titular at credentialing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.participants import selectors, services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def substitute(open_conference, organiser):
    return services.registration_create(
        actor=organiser,
        conference=open_conference,
        origin=Registration.Origin.STAFF,
        person_data=person_data(cpf=None, name="Suplente Users", phone="38970000099", email=""),
        data=registration_data(category="delegate", segment="users", is_substitute=True),
    )


def test_substitute_replaces_an_absent_titular_and_counts_in_the_quorum(
    organiser, registered, substitute, shift
):
    titular = registered[0]
    services.checkin(actor=organiser, registration=substitute, shift=shift)
    assert selectors.presence_counts(shift)["delegates"] == 0  # no vote without replacing
    services.substitute_replace(actor=organiser, substitute=substitute, titular=titular)
    assert selectors.presence_counts(shift)["delegates"] == 1
    # The replaced titular is not credentialed until the replacement is undone.
    with pytest.raises(ValidationError, match="substituído"):
        services.checkin(actor=organiser, registration=titular, shift=shift)
    services.substitute_release(actor=organiser, substitute=substitute)
    services.checkin(actor=organiser, registration=titular, shift=shift)
    assert selectors.presence_counts(shift)["delegates"] == 1


def test_only_an_absent_titular_of_the_same_segment_is_replaced(
    organiser, registered, substitute, shift
):
    services.checkin(actor=organiser, registration=registered[1], shift=shift)
    with pytest.raises(ValidationError, match="credenciado"):
        services.substitute_replace(actor=organiser, substitute=substitute, titular=registered[1])
    with pytest.raises(ValidationError):  # a guest of the workers' segment
        services.substitute_replace(actor=organiser, substitute=substitute, titular=registered[3])
    with pytest.raises(ValidationError):  # a titular is not a substitute
        services.substitute_replace(
            actor=organiser, substitute=registered[0], titular=registered[2]
        )
    choices = selectors.absent_titulars(substitute.conference, segment="users")
    assert [r.pk for r in choices] == [registered[0].pk, registered[2].pk]


def test_a_titular_is_replaced_once(open_conference, organiser, registered, substitute):
    services.substitute_replace(actor=organiser, substitute=substitute, titular=registered[0])
    second = services.registration_create(
        actor=organiser,
        conference=open_conference,
        origin=Registration.Origin.STAFF,
        person_data=person_data(cpf=None, name="Outra Suplente", phone="38970000098", email=""),
        data=registration_data(is_substitute=True),
    )
    with pytest.raises(ValidationError, match="já foi substituído"):
        services.substitute_replace(actor=organiser, substitute=second, titular=registered[0])


def test_substitution_page_records_the_replacement(
    open_conference, organiser, registered, substitute, shift
):
    url = reverse("participants:substitution", args=[open_conference.pk, substitute.pk])
    client = client_for(organiser)
    page = client.get(url, {"turno": shift.pk})
    assert page.status_code == 200
    assert [r.pk for r in page.context["titulars"]] == [
        registered[0].pk,
        registered[1].pk,
        registered[2].pk,
    ]
    response = client.post(url, {"titular": registered[2].pk, "turno": shift.pk})
    assert response.status_code == 302 and f"turno={shift.pk}" in response["Location"]
    substitute.refresh_from_db()
    assert substitute.replaces == registered[2]
    release = reverse("participants:substitution_release", args=[open_conference.pk, substitute.pk])
    assert client.get(release).status_code == 405
    response = client.post(release)
    assert response.status_code == 302
    substitute.refresh_from_db()
    assert substitute.replaces is None


def test_substitution_page_is_for_substitutes_and_staff_only(
    open_conference, organiser, state_member, registered, substitute
):
    url = reverse("participants:substitution", args=[open_conference.pk, registered[0].pk])
    assert client_for(organiser).get(url).status_code == 404
    url = reverse("participants:substitution", args=[open_conference.pk, substitute.pk])
    assert client_for(state_member).get(url).status_code == 403
    response = client_for(organiser).post(url, {"titular": "nope"})
    assert response.status_code == 404


def test_only_a_delegate_is_a_substitute(open_conference, organiser):
    url = reverse("participants:new", args=[open_conference.pk])
    response = client_for(organiser).post(
        url,
        {
            "name": "Ana",
            "phone": "38999990000",
            "segment": "users",
            "category": "guest",
            "is_substitute": "on",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert "is_substitute" in response.context["form"].errors
