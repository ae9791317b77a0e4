"""Preparatory events and regional meetings: creation, attendance, elected delegates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences.models import PreparatoryEvent
from plenaria.conferences.services import preparatory_event_save
from plenaria.conftest import client_for, make_user
from plenaria.participants import certificates, services
from plenaria.participants.models import Attendance, Registration
from plenaria.participants.tests.conftest import person_data
from plenaria.territory.models import AssociationMember

pytestmark = pytest.mark.django_db

EVENT = {
    "kind": "pre_conference",
    "title": "Pré-conferência CRAS Santos Reis",
    "date": "2025-05-20",
    "start_time": "08:00",
    "end_time": "12:00",
    "place": "CRAS Santos Reis",
    "territory_kind": "cras_area",
    "territory": "Área do CRAS Santos Reis",
    "team": "Maria (técnica), João (coordenador)",
}


@pytest.fixture
def event(open_conference, organiser):
    data = {
        **EVENT,
        "date": dt.date(2025, 5, 20),
        "start_time": dt.time(8),
        "end_time": dt.time(12),
    }
    return preparatory_event_save(actor=organiser, data=data, conference=open_conference)


def _attend(event, actor, n=3):
    return [
        services.attendance_add(
            actor=actor,
            event=event,
            person_data=person_data(cpf=None, name=f"Morador {i}", phone=f"3898000000{i}"),
            data={"segment": "users", "organisation": ""},
        )
        for i in range(n)
    ]


def test_organiser_creates_a_preparatory_event(open_conference, organiser):
    url = reverse("participants:conference_events", args=[open_conference.pk])
    response = client_for(organiser).post(url, EVENT)
    event = PreparatoryEvent.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/eventos/{event.pk}/")
    assert event.conference == open_conference and event.hours == 4
    page = client_for(organiser).get(url)
    assert "Pré-conferência CRAS Santos Reis" in page.content.decode()


def test_event_form_explains_bad_times_and_dates(open_conference, organiser):
    url = reverse("participants:conference_events", args=[open_conference.pk])
    response = client_for(organiser).post(
        url, {**EVENT, "end_time": "07:00", "date": "2025-07-01", "title": ""}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors
    assert not PreparatoryEvent.objects.exists()
    response = client_for(organiser).post(url, {**EVENT, "date": "2025-07-01"})
    assert "antes de a conferência terminar" in str(response.context["form"].errors)
    response = client_for(organiser).post(url, {**EVENT, "end_time": "07:00"})
    assert "terminar depois de começar" in response.content.decode()


@pytest.mark.parametrize("who, status", [("outsider", 404), ("anonymous", 302)])
def test_others_cannot_see_events(open_conference, event, who, status, request):
    client = client_for(None if who == "anonymous" else request.getfixturevalue(who))
    assert client.get(reverse("participants:event", args=[event.pk])).status_code == status


def test_state_council_reads_but_does_not_change_an_event(event, state_member):
    client = client_for(state_member)
    page = client.get(reverse("participants:event", args=[event.pk]))
    assert page.status_code == 200 and not page.context["can_write"]
    assert client.post(reverse("participants:event", args=[event.pk]), {}).status_code == 403
    assert client.get(reverse("participants:event_edit", args=[event.pk])).status_code == 403
    url = reverse("participants:conference_events", args=[event.conference_id])
    assert client.post(url, EVENT).status_code == 403


def test_attendance_is_added_once_per_person(event, organiser):
    url = reverse("participants:event", args=[event.pk])
    data = {
        "name": "Rosa Lima",
        "phone": "(38) 99876-5432",
        "cpf": "529.982.247-25",
        "segment": "users",
        "consent": "on",
    }
    response = client_for(organiser).post(url, data)
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert attendance.person.cpf == "52998224725" and len(attendance.code) == 8
    again = client_for(organiser).post(url, data)
    assert again.status_code == 200
    assert "já está na lista de presença" in again.content.decode()
    assert Attendance.objects.count() == 1


def test_attendance_form_errors_at_the_field(event, organiser):
    url = reverse("participants:event", args=[event.pk])
    response = client_for(organiser).post(url, {"name": "<script>x</script>", "cpf": "111"})
    form = response.context["form"]
    assert {"cpf", "phone", "segment", "consent"} <= set(form.errors)
    assert not Attendance.objects.exists()


def test_elected_people_become_delegate_registrations(event, organiser, open_conference):
    people = _attend(event, organiser)
    url = reverse("participants:event_elect", args=[event.pk])
    client = client_for(organiser)
    response = client.post(url, {"attendance": [people[0].pk, people[1].pk], "role": "titular"})
    assert response.status_code == 302
    response = client.post(url, {"attendance": [people[2].pk], "role": "substitute"})
    elected = Registration.objects.filter(conference=open_conference).order_by("name")
    assert [(r.name, r.is_substitute) for r in elected] == [
        ("Morador 0", False),
        ("Morador 1", False),
        ("Morador 2", True),
    ]
    assert {r.origin for r in elected} == {Registration.Origin.PREPARATORY}
    assert {r.preparatory_event_id for r in elected} == {event.pk}
    assert {r.category for r in elected} == {"delegate"}
    # Electing again someone already registered records nobody.
    response = client.post(url, {"attendance": [people[0].pk]}, follow=True)
    assert "já está inscrito(a)" in response.content.decode()
    assert elected.count() == 3
    listing = client.get(reverse("participants:list", args=[open_conference.pk]))
    assert "eleito(a) em Pré-conferência CRAS Santos Reis" in listing.content.decode()


def test_electing_nobody_or_people_of_another_event_records_nothing(
    event, organiser, open_conference
):
    other = preparatory_event_save(
        actor=organiser,
        data={
            **EVENT,
            "date": dt.date(2025, 5, 21),
            "start_time": dt.time(8),
            "end_time": dt.time(9),
        },
        conference=open_conference,
    )
    outsider_attendance = _attend(other, organiser, n=1)[0]
    url = reverse("participants:event_elect", args=[event.pk])
    client_for(organiser).post(url, {"attendance": [outsider_attendance.pk]})
    client_for(organiser).post(url, {"attendance": ["x"]})
    assert not Registration.objects.exists()


def test_association_holds_regional_meetings(amams, association_member, outsider):
    url = reverse("participants:association_events", args=[amams.pk])
    data = {**EVENT, "kind": "conversation_circle", "title": "Roda de conversa Norte de Minas"}
    # A member who does not organise follows the meetings only.
    assert client_for(association_member).get(url).status_code == 200
    assert client_for(association_member).post(url, data).status_code == 403
    association_member = make_user("assoc-org")
    AssociationMember.objects.create(association=amams, user=association_member, is_organiser=True)
    client = client_for(association_member)
    assert client.post(url, {**data, "kind": "pre_conference"}).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302
    event = PreparatoryEvent.objects.get()
    assert event.association == amams and event.conference is None
    assert client_for(outsider).get(url).status_code == 404
    attendance = _attend(event, association_member, n=1)[0]
    # Regional meetings give certificates but elect nobody.
    with pytest.raises(ValidationError):
        services.delegates_elect(
            actor=association_member, event=event, attendances=[attendance], substitute=False
        )
    assert certificates.why_not(attendance, dt.date(2025, 5, 21)) is None
    response = client.get(reverse("participants:event_certificates", args=[event.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = client.get(reverse("participants:event_attendance", args=[event.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_attendance_code_downloads_the_event_certificate(client, event, organiser):
    attendance = _attend(event, organiser, n=1)[0]
    response = client.get(reverse("participants:my_certificate", args=[attendance.code]))
    assert response.status_code == 200
    certificate = attendance.certificate
    assert certificate.hours == 4
    text = certificates.text_of(certificate)
    assert text.event == event.title and text.name == "Morador 0"


def test_organiser_edits_an_event(event, organiser):
    url = reverse("participants:event_edit", args=[event.pk])
    response = client_for(organiser).post(url, {**EVENT, "place": "Salão paroquial"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.place == "Salão paroquial"


def test_who_only_attended_an_event_has_their_data_exported_and_erased(
    event, organiser, outsider, django_capture_on_commit_callbacks
):
    """No registration anywhere: the event's organisers answer for the list (LGPD)."""
    import json

    from plenaria.core.models import AuditEntry

    attendance = services.attendance_add(
        actor=organiser,
        event=event,
        person_data=person_data(name="Morador Único"),
        data={"segment": "users", "organisation": ""},
    )
    assert attendance.person.cpf
    export = reverse("participants:attendance_export", args=[event.pk, attendance.pk])
    erase = reverse("participants:attendance_erase", args=[event.pk, attendance.pk])
    assert client_for(outsider).get(export).status_code == 404
    assert client_for(outsider).post(erase, {"confirm": "yes"}).status_code == 404
    data = json.loads(client_for(organiser).get(export).content)
    assert data["presenca"]["codigo"] == attendance.code
    old_code, name = attendance.code, attendance.name
    assert client_for(organiser).post(erase, {"confirm": "yes"}).status_code == 302
    attendance.refresh_from_db()
    assert attendance.erased_at and attendance.phone == "" and attendance.code != old_code
    assert attendance.person.cpf is None and name not in attendance.name
    assert AuditEntry.objects.filter(action="erase", object_id=str(attendance.pk)).exists()
    html = client_for(organiser).get(reverse("participants:event", args=[event.pk])).content
    assert name.encode() not in html
