"""an organiser erases an elected delegate's data on request (LGPD),
then the table sends the confirmed list to the state conference."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.delegates import handover
from plenaria.participants import rules as participant_rules
from plenaria.participants import services as participant_services
from plenaria.participants.models import Registration

pytestmark = pytest.mark.django_db

LIST = [
    ("Ana", "users", "titular"),
    ("Bia", "users", "suplente"),
    ("Gil", "government", "titular"),
    ("Gina", "government", "suplente"),
]


def test_sending_a_list_with_an_erased_delegate_answers_a_message_not_a_500(
    state_conference, confirmed_list, organiser
):
    made = confirmed_list(LIST)
    conference = made[0].conference
    participant_services.person_erase(actor=organiser, registration=made[0].registration)
    client = client_for(organiser)
    client.raise_request_exception = False
    response = client.post(reverse("delegates:send", args=[conference.pk]))
    assert response.status_code == 302, response.status_code
    assert not Registration.objects.filter(conference=state_conference).exists()


def test_a_list_sent_again_does_not_bring_back_what_the_state_erased(
    state_conference, confirmed_list, organiser, state_organiser
):
    """The state council erased Ana's data on her request; the municipality sends the
    same list again (a correction elsewhere in it)."""
    made = confirmed_list(LIST)
    conference = made[0].conference
    handover.send(actor=organiser, conference=conference)
    at_state = Registration.objects.get(conference=state_conference, name="Ana")
    participant_services.person_erase(actor=state_organiser, registration=at_state)
    handover.send(actor=organiser, conference=conference)
    names = set(
        Registration.objects.filter(conference=state_conference)
        .exclude(status="cancelled")
        .values_list("name", flat=True)
    )
    assert "Ana" not in names, names


def test_a_list_sent_again_does_not_overwrite_what_the_state_corrected(
    state_conference, confirmed_list, organiser, state_organiser
):
    """docs/architecture.md: "a list sent again does not overwrite what the parent
    corrected". The state corrects Ana's organisation and accessibility needs."""
    made = confirmed_list(LIST)
    conference = made[0].conference
    handover.send(actor=organiser, conference=conference)
    ana = Registration.objects.get(conference=state_conference, name="Ana")
    participant_services.registration_update(
        actor=state_organiser,
        registration=ana,
        person_data={
            **{f: getattr(ana, f) for f in participant_rules.PERSONAL_FIELDS},
            "cpf": ana.person.cpf,  # the same person: a correction, not a relink
            "phone": "38900000000",
        },
        data={
            **{f: getattr(ana, f) for f in participant_services.REGISTRATION_FIELDS},
            "organisation": "CRAS Centro (corrigido)",
            "accessibility_needs": ["libras"],
            "accessibility_other": "intérprete de Libras na mesa",
        },
    )
    handover.send(actor=organiser, conference=conference)
    ana = Registration.objects.get(conference=state_conference, name="Ana")
    assert ana.phone == "38900000000"  # holds
    assert (ana.organisation, ana.accessibility_needs, ana.accessibility_other) == (
        "CRAS Centro (corrigido)",
        ["libras"],
        "intérprete de Libras na mesa",
    )
