"""People on the attendance lists of a conference's pre-conferences become its
registrations without being typed again: never twice, never from another conference's
event, each audited, with what was left aside and why."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences.models import Status
from plenaria.conferences.services import preparatory_event_save
from plenaria.conftest import client_for, conference_to, run_queued_tasks
from plenaria.core.models import AuditEntry
from plenaria.participants import selectors, services
from plenaria.participants.models import CategoryOption, Registration
from plenaria.participants.rules import cpf_with_digits
from plenaria.participants.services import AttendeeChoice
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db

EVENT = {
    "kind": "pre_conference",
    "title": "Pré-conferência CRAS Santos Reis",
    "date": dt.date(2025, 5, 20),
    "start_time": dt.time(8),
    "end_time": dt.time(12),
    "place": "CRAS Santos Reis",
    "territory_kind": "cras_area",
    "territory": "Área do CRAS Santos Reis",
    "team": "Maria (técnica)",
}


def make_event(conference, actor, **extra):
    return preparatory_event_save(actor=actor, data={**EVENT, **extra}, conference=conference)


def attend(
    event, actor, name, *, cpf=None, phone="38980000000", segment="users", email="", **extra
):
    return services.attendance_add(
        actor=actor,
        event=event,
        person_data=person_data(cpf=cpf, name=name, phone=phone, email=email, **extra),
        data={"segment": segment, "organisation": "Associação do bairro"},
    )


def names(skipped):
    return [(a.display_name if a else "", reason) for a, reason in skipped]


def choose(attendance, category="guest", segment=None):
    return AttendeeChoice(attendance.pk, category, segment or attendance.segment)


@pytest.fixture
def event(open_conference, organiser):
    return make_event(open_conference, organiser)


def test_it_registers_attendees_with_their_data_copied(open_conference, organiser, event):
    ana = attend(event, organiser, "Ana Souza", cpf=cpf_with_digits("111444777"))
    bia = attend(event, organiser, "Bia Lima", phone="38980000001", segment="workers")
    result = services.registrations_from_attendance(
        actor=organiser,
        conference=open_conference,
        choices=[choose(ana, "delegate"), choose(bia, "observer", "entities")],
    )
    assert result.skipped == []
    first, second = sorted((r for _a, r in result.created), key=lambda r: r.name)
    assert (first.name, first.person_id, first.category, first.segment) == (
        "Ana Souza",
        ana.person_id,
        "delegate",
        "users",
    )
    assert first.phone == ana.phone and first.organisation == "Associação do bairro"
    assert first.origin == Registration.Origin.ATTENDANCE
    assert first.created_by == organiser
    assert (second.category, second.segment) == ("observer", "entities")
    # the report of a background job names nobody; the page drawn now does
    kept = result.report(open_conference.pk, names=False)["created"]
    assert {row["name"] for row in kept} == {""}
    assert {row["attendance"] for row in kept} == {ana.code, bia.code}
    shown = result.report(open_conference.pk, names=True)["created"]
    assert {row["name"] for row in shown} == {"Ana Souza", "Bia Lima"}
    # each registration audited, without personal data; and the whole operation once
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_repr=first.code)
    assert entries.count() == 1 and "Ana" not in str(entries.get().changes)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 1


def test_it_never_registers_a_person_twice(open_conference, organiser, event):
    cpf = cpf_with_digits("111444777")
    ana = attend(event, organiser, "Ana Souza", cpf=cpf)
    other = make_event(open_conference, organiser, title="Pré-conferência zona rural")
    ana_again = attend(other, organiser, "Ana de Souza", cpf=cpf)
    registered = services.registration_create(
        actor=organiser,
        conference=open_conference,
        person_data=person_data(cpf=None, name="Caio Dias", phone="38980000009"),
        data=registration_data(category="guest"),
        origin=Registration.Origin.STAFF,
    )
    # Caio came to a pre-conference without CPF: same name, birth date and phone
    caio = attend(event, organiser, "Caio Dias", phone="38980000009")
    result = services.registrations_from_attendance(
        actor=organiser,
        conference=open_conference,
        choices=[choose(ana), choose(ana_again), choose(caio)],
    )
    assert [r.person_id for _a, r in result.created] == [ana.person_id]
    assert names(result.skipped) == [
        (
            "Ana de Souza",
            "Marcada duas vezes (em mais de uma lista de presença): inscrita uma vez só.",
        ),
        ("Caio Dias", f"Já inscrita nesta conferência (inscrição {registered.code})."),
    ]
    # and a second run finds Ana registered
    again = services.registrations_from_attendance(
        actor=organiser, conference=open_conference, choices=[choose(ana)]
    )
    assert again.created == [] and "Já inscrita" in again.skipped[0][1]
    assert Registration.objects.filter(conference=open_conference).count() == 2


def test_it_never_reads_another_conferences_event(
    open_conference, organiser, outsider, make_conference, janauba, amams
):
    theirs = make_conference(
        municipality=janauba, actor=outsider, title="Janaúba", status=Status.REGISTRATION_OPEN
    )
    their_event = make_event(theirs, outsider)
    stranger = attend(their_event, outsider, "Pessoa de Janaúba")
    meeting = preparatory_event_save(
        actor=None,
        data={**EVENT, "kind": "regional_meeting"},
        association=amams,
    )
    regional = attend(meeting, None, "Gestora regional", phone="38980000005")
    result = services.registrations_from_attendance(
        actor=organiser,
        conference=open_conference,
        choices=[choose(stranger), choose(regional)],
    )
    assert result.created == []
    reason = "Não está na lista de presença de uma pré-conferência desta conferência."
    # not even the name of who is on another council's list is shown
    assert result.skipped == [(None, reason), (None, reason)]
    report = result.report(open_conference.pk, names=True)
    assert report["skipped"] == [{"name": "", "attendance": "", "reason": reason}] * 2
    assert not Registration.objects.filter(conference=open_conference).exists()


def test_rows_the_conference_cannot_take_are_left_aside(open_conference, organiser, event):
    CategoryOption.objects.create(conference=open_conference, category="delegate")
    ana = attend(event, organiser, "Ana Souza")
    bia = attend(event, organiser, "Bia Lima", phone="38980000001")
    services.attendance_erase(actor=organiser, attendance=bia)
    result = services.registrations_from_attendance(
        actor=organiser,
        conference=open_conference,
        choices=[choose(ana, "guest"), choose(ana, "delegate", "nobody"), choose(bia)],
    )
    assert result.created == []
    assert [reason for _name, reason in result.skipped] == [
        "Esta categoria não está aberta para inscrição.",
        "Escolha um segmento.",
        "Os dados pessoais desta pessoa foram apagados da lista de presença.",
    ]


def test_places_fill_up_then_the_waiting_list(open_conference, organiser, event):
    CategoryOption.objects.create(conference=open_conference, category="guest", capacity=1)
    people = [attend(event, organiser, f"Pessoa {i}", phone=f"3898000001{i}") for i in range(2)]
    result = services.registrations_from_attendance(
        actor=organiser, conference=open_conference, choices=[choose(p) for p in people]
    )
    assert [r.status for _a, r in result.created] == ["confirmed", "waitlisted"]


def test_a_closed_conference_refuses(open_conference, organiser, event):
    ana = attend(event, organiser, "Ana Souza")
    conference_to(open_conference, Status.CLOSED, actor=organiser)
    with pytest.raises(ValidationError):
        services.registrations_from_attendance(
            actor=organiser, conference=open_conference, choices=[choose(ana)]
        )
    assert not Registration.objects.filter(conference=open_conference).exists()


def test_the_lists_mark_who_is_registered_already(open_conference, organiser, event):
    ana = attend(event, organiser, "Ana Souza")
    bia = attend(event, organiser, "Bia Lima", phone="38980000001")
    elected = services.delegates_elect(
        actor=organiser, event=event, attendances=[ana], substitute=False
    )[0]
    make_event(open_conference, organiser, title="Outra", kind="pre_conference")
    lists = selectors.pre_conference_attendees(open_conference)
    assert [item["event"].title for item in lists] == [
        "Outra",
        "Pré-conferência CRAS Santos Reis",
    ]
    by_name = {a.name: a for item in lists for a in item["attendances"]}
    assert by_name["Ana Souza"].registration == elected
    assert by_name["Bia Lima"].registration is None
    assert bia.pk in {a.pk for a in by_name.values()}


def test_the_lists_take_a_fixed_number_of_queries(
    open_conference, organiser, event, django_assert_num_queries
):
    for i in range(3):
        attend(event, organiser, f"Pessoa {i}", phone=f"3898000002{i}")
    with django_assert_num_queries(3):
        selectors.pre_conference_attendees(open_conference)
    for i in range(30):
        attend(event, organiser, f"Outra {i}", phone=f"389800003{i:02}")
    with django_assert_num_queries(3):
        selectors.pre_conference_attendees(open_conference)


def test_the_first_category_offered_is_guest():
    assert selectors.default_category(["delegate", "guest"]) == "guest"
    assert selectors.default_category(["delegate", "observer"]) == "observer"
    assert selectors.default_category(["delegate"]) == "delegate"


# --- the pages ------------------------------------------------------------------------


def _post(conference, *rows):
    data = {"attendance": [str(a.pk) for a, _c, _s in rows]}
    for attendance, category, segment in rows:
        data[f"category-{attendance.pk}"] = category
        data[f"segment-{attendance.pk}"] = segment
    return data


def test_the_page_lists_attendees_with_segment_and_category_prefilled(
    open_conference, organiser, event
):
    ana = attend(event, organiser, "Ana Souza", segment="workers")
    bia = attend(event, organiser, "Bia Lima", phone="38980000001")
    services.delegates_elect(actor=organiser, event=event, attendances=[bia], substitute=True)
    url = reverse("participants:from_attendance", args=[open_conference.pk])
    html = client_for(organiser).get(url).content.decode()
    assert f'name="attendance" value="{ana.pk}"' in html
    assert f'name="attendance" value="{bia.pk}"' not in html  # registered: no box
    assert "Já inscrita" in html and "suplente" in html and "eleita" in html.lower()
    segment = html[html.index(f'name="segment-{ana.pk}"') :]
    assert segment.index('value="workers" selected') < segment.index("</select>")
    category = html[html.index(f'name="category-{ana.pk}"') :]
    assert category.index('value="guest" selected') < category.index("</select>")
    # the events page leads there, for who may register people only
    events = reverse("participants:conference_events", args=[open_conference.pk])
    assert url in client_for(organiser).get(events).content.decode()
    # a whole list is ticked by a link, without JavaScript
    ticked = client_for(organiser).get(url + f"?marcar={event.pk}").content.decode()
    assert f'value="{ana.pk}" id="attendee-{ana.pk}" checked' in ticked


def test_staff_register_the_ticked_people_and_read_the_report(open_conference, organiser, event):
    ana = attend(event, organiser, "Ana Souza")
    url = reverse("participants:from_attendance_register", args=[open_conference.pk])
    response = client_for(organiser).post(url, _post(open_conference, (ana, "delegate", "users")))
    assert response.status_code == 200
    html = response.content.decode()
    registration = Registration.objects.get(conference=open_conference)
    assert "1 pessoa inscrita." in html and registration.code in html and "Ana Souza" in html
    again = client_for(organiser).post(url, _post(open_conference, (ana, "delegate", "users")))
    assert "Ninguém foi inscrito." in again.content.decode()
    assert "Já inscrita nesta conferência" in again.content.decode()


def test_nothing_ticked_is_said(open_conference, organiser, event):
    url = reverse("participants:from_attendance_register", args=[open_conference.pk])
    response = client_for(organiser).post(url, {"attendance": ["x", "-1"]}, follow=True)
    assert "Marque as pessoas a inscrever." in response.content.decode()
    assert not Registration.objects.exists()


def test_more_ticks_than_a_choice_takes_are_refused_not_cut(open_conference, organiser, event):
    url = reverse("participants:from_attendance_register", args=[open_conference.pk])
    ticked = [str(i) for i in range(1, 5002)]
    response = client_for(organiser).post(url, {"attendance": ticked}, follow=True)
    assert "No máximo 5000 pessoas por vez" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_long_choice_goes_to_the_worker(open_conference, organiser, event, worker):
    from plenaria.core.models import Job
    from plenaria.participants.event_views import ATTENDEES_IN_REQUEST

    people = [
        attend(event, organiser, f"Pessoa {i}", phone=f"389800{i:05}")
        for i in range(ATTENDEES_IN_REQUEST + 1)
    ]
    url = reverse("participants:from_attendance_register", args=[open_conference.pk])
    client = client_for(organiser)
    response = client.post(url, _post(open_conference, *[(p, "guest", "users") for p in people]))
    job = Job.objects.get(kind="participants.from_attendance")
    assert response.status_code == 302 and response["Location"] == reverse("job", args=[job.pk])
    assert not Registration.objects.exists()  # nothing until the worker runs
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert len(job.result["created"]) == ATTENDEES_IN_REQUEST + 1
    assert "Pessoa" not in str(job.result)  # the row kept for days names nobody
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert f"{ATTENDEES_IN_REQUEST + 1} pessoas inscritas." in page


def test_another_conferences_staff_cannot_use_the_page(
    open_conference, organiser, outsider, state_member, event
):
    page = reverse("participants:from_attendance", args=[open_conference.pk])
    events = reverse("participants:conference_events", args=[open_conference.pk])
    assert page not in client_for(state_member).get(events).content.decode()
    ana = attend(event, organiser, "Ana Souza")
    url = reverse("participants:from_attendance_register", args=[open_conference.pk])
    data = _post(open_conference, (ana, "guest", "users"))
    assert client_for(outsider).post(url, data).status_code == 404
    assert client_for(state_member).post(url, data).status_code == 403
    assert client_for(organiser).get(url).status_code == 405
    assert not Registration.objects.exists()


def test_a_job_cut_off_by_a_restart_reports_what_it_had_registered(
    open_conference, organiser, event, worker, monkeypatch, mailoutbox
):
    """The worker dies after the first chunk was committed: running the job again
    registers the rest, and the people of the first chunk are in its report, get their
    e-mail and count in the audit entry (not 'already registered')."""
    from datetime import timedelta

    from django.utils import timezone

    from plenaria.core import jobs
    from plenaria.core.models import Job
    from plenaria.participants.event_views import ATTENDEES_IN_REQUEST
    from plenaria.participants.services import events as event_services

    people = [
        attend(
            event,
            organiser,
            f"Pessoa {i}",
            phone=f"389800{i:05}",
            email=f"pessoa{i}@example.org",
        )
        for i in range(ATTENDEES_IN_REQUEST + 3)
    ]
    monkeypatch.setattr(event_services, "IMPORT_CHUNK", ATTENDEES_IN_REQUEST)
    url = reverse("participants:from_attendance_register", args=[open_conference.pk])
    client = client_for(organiser)
    client.post(url, _post(open_conference, *[(p, "guest", "users") for p in people]))
    job = Job.objects.get(kind="participants.from_attendance")
    real = event_services._register_attendee
    calls = []

    def dies_in_the_second_chunk(*args):
        calls.append(1)
        if len(calls) == ATTENDEES_IN_REQUEST + 2:
            raise KeyboardInterrupt  # the process is killed: nothing after runs
        return real(*args)

    monkeypatch.setattr(event_services, "_register_attendee", dies_in_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        jobs.run_job.call(job.pk)
    monkeypatch.setattr(event_services, "_register_attendee", real)
    job.refresh_from_db()
    assert len(job.params["created"]) == ATTENDEES_IN_REQUEST == Registration.objects.count()
    mailoutbox.clear()

    jobs.tidy(now=timezone.now() + timedelta(hours=1))  # silent for too long: failed
    client.post(reverse("job_again", args=[job.pk]))
    worker()
    rerun = Job.objects.exclude(pk=job.pk).get()
    assert rerun.status == Job.Status.DONE, rerun.error
    assert Registration.objects.count() == ATTENDEES_IN_REQUEST + 3
    assert len(rerun.result["created"]) == ATTENDEES_IN_REQUEST + 3
    assert rerun.result["skipped"] == []
    assert len(mailoutbox) == ATTENDEES_IN_REQUEST + 3
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).get()
    assert str(ATTENDEES_IN_REQUEST + 3) in str(entry.changes["registrations"])
