import json

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry
from plenaria.participants import selectors, services
from plenaria.participants.models import CheckIn, Person

pytestmark = pytest.mark.django_db


def test_export_gives_everything_and_is_audited(registered, open_conference, organiser):
    registration = registered[0]
    url = reverse("participants:person_export", args=[open_conference.pk, registration.pk])
    response = client_for(organiser).get(url)
    data = json.loads(response.content)
    assert data["pessoa"]["telefone"] == registration.person.phone
    assert data["inscricoes"][0]["codigo"] == registration.code
    assert data["inscricoes"][0]["acessibilidade"] == ["libras"]
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == organiser and entry.object_id == str(registration.person.pk)


def test_only_organisers_export_or_erase(registered, open_conference, state_member, outsider):
    registration = registered[0]
    export = reverse("participants:person_export", args=[open_conference.pk, registration.pk])
    erase = reverse("participants:person_erase", args=[open_conference.pk, registration.pk])
    assert client_for(state_member).get(export).status_code == 403
    assert client_for(outsider).get(export).status_code == 404
    assert client_for(None).get(export).status_code == 302
    assert client_for(state_member).post(erase, {"confirm": "yes"}).status_code == 403
    assert client_for(state_member).get(erase).status_code == 405
    assert not AuditEntry.objects.filter(action__in=["export", "erase"]).exists()


def test_erasure_anonymises_and_keeps_counts(registered, shift, open_conference, organiser):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    before = selectors.statistics(open_conference)
    url = reverse("participants:person_erase", args=[open_conference.pk, registered[0].pk])
    client = client_for(organiser)
    client.post(url)  # without confirmation: nothing happens
    assert Person.objects.get(pk=registered[0].person_id).erased_at is None
    client.post(url, {"confirm": "yes"})
    person = Person.objects.get(pk=registered[0].person_id)
    assert person.erased_at and person.phone == "" and person.cpf is None
    assert "Participante" not in person.name
    registered[0].refresh_from_db()
    assert registered[0].accessibility_needs == [] and registered[0].self_declarations == []
    assert CheckIn.objects.filter(registration=registered[0]).exists()
    after = selectors.statistics(open_conference)
    assert (after["registered"], after["attended"], after["by_category"]) == (
        before["registered"],
        before["attended"],
        before["by_category"],
    )
    assert AuditEntry.objects.filter(action="erase", object_id=str(person.pk)).exists()
