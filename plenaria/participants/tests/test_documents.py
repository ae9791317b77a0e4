"""Badges and attendance lists: who may print them, what they hold, and the audit."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plenaria.conftest import client_for, job_file
from plenaria.core.models import AuditEntry, Job
from plenaria.participants import services

pytestmark = pytest.mark.django_db


def _exports(conference) -> list[dict]:
    return [
        e.changes
        for e in AuditEntry.objects.filter(
            action=AuditEntry.Action.EXPORT, context=f"registrations:{conference.pk}"
        )
    ]


def _job(conference) -> Job:
    return Job.objects.get(conference_key=str(conference.pk))


def test_organiser_prints_badges_of_every_confirmed_registration(
    open_conference, organiser, registered, worker
):
    services.registration_cancel(actor=organiser, registration=registered[4])
    client = client_for(organiser)
    response = client.post(reverse("participants:badges", args=[open_conference.pk]))
    job = _job(open_conference)
    assert (job.owner, job.status, job.total) == (organiser, Job.Status.QUEUED, 4)
    assert job.params == {"conference": open_conference.pk, "category": "", "ids": []}
    assert job_file(client, response, worker).startswith(b"%PDF")
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 4, 4)
    assert (job.content_type, job.file_name) == (
        "application/pdf",
        f"crachas-{open_conference.pk}.pdf",
    )
    changes = _exports(open_conference)
    assert changes == [{"document": [None, "badges"], "people": [None, 4]}]


def test_badges_of_the_ticked_registrations_only(open_conference, organiser, registered, worker):
    url = reverse("participants:badges", args=[open_conference.pk])
    client = client_for(organiser)
    response = client.post(url, {"id": [registered[0].pk, registered[1].pk]})
    assert job_file(client, response, worker).startswith(b"%PDF")
    assert _exports(open_conference)[0]["people"] == [None, 2]
    assert _job(open_conference).done == 2


def test_badges_of_one_category(open_conference, organiser, registered):
    url = reverse("participants:badges", args=[open_conference.pk])
    client_for(organiser).post(url, {"categoria": "guest"})
    assert _exports(open_conference)[0]["people"] == [None, 2]
    assert _job(open_conference).params["category"] == "guest"


def test_without_confirmed_registrations_it_explains_instead_of_an_empty_pdf(
    open_conference, organiser
):
    url = reverse("participants:badges", args=[open_conference.pk])
    response = client_for(organiser).post(url, follow=True)
    assert response.redirect_chain
    assert "Nenhuma inscrição confirmada" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "who, status", [("outsider", 404), ("state_member", 403), ("anonymous", 302)]
)
def test_only_organisers_and_checkin_staff_print_badges(
    open_conference, registered, who, status, request
):
    client = client_for(None if who == "anonymous" else request.getfixturevalue(who))
    response = client.post(reverse("participants:badges", args=[open_conference.pk]))
    assert response.status_code == status
    assert _exports(open_conference) == []
    assert not Job.objects.exists()


def test_badges_refuse_get(open_conference, organiser, registered):
    url = reverse("participants:badges", args=[open_conference.pk])
    assert client_for(organiser).get(url).status_code == 405


def test_attendance_list_as_spreadsheet_has_a_signature_column(
    open_conference, organiser, registered, shift
):
    services.checkin(actor=organiser, registration=registered[1], shift=shift)
    url = reverse("participants:attendance_list", args=[open_conference.pk, shift.pk])
    response = client_for(organiser).get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[3]
    assert header[1] == "Nome" and header[-1] == "Assinatura"
    people = {row[1]: row for row in rows[4:]}
    assert set(people) == {f"Participante {i}" for i in range(5)}
    assert people["Participante 1"][5] == "sim" and people["Participante 0"][5] is None
    assert _exports(open_conference)[0]["document"] == [None, "attendance-xlsx"]


def test_attendance_list_as_pdf(open_conference, organiser, registered, shift, worker):
    url = reverse("participants:attendance_pdf", args=[open_conference.pk, shift.pk])
    client = client_for(organiser)
    assert job_file(client, client.post(url), worker).startswith(b"%PDF")
    job = _job(open_conference)
    assert (
        job.file_name == f"lista-presenca-{open_conference.pk}-{shift.date:%Y%m%d}-{shift.pk}.pdf"
    )
    assert (job.done, job.total) == (5, 5)
    assert _exports(open_conference)[0]["document"] == [None, "attendance-pdf"]


def test_attendance_list_of_another_conferences_shift_or_format_is_not_found(
    open_conference, make_conference, organiser, shift, janauba
):
    other = make_conference(title="Outra", municipality=janauba)
    assert (
        client_for(organiser)
        .get(reverse("participants:attendance_list", args=[other.pk, shift.pk]))
        .status_code
        == 404
    )
    url = reverse("participants:attendance_pdf", args=[other.pk, shift.pk])
    assert client_for(organiser).post(url).status_code == 404
    assert not Job.objects.exists()


def test_documents_page_lists_each_shift(open_conference, organiser, shift):
    response = client_for(organiser).get(
        reverse("participants:documents", args=[open_conference.pk])
    )
    assert response.status_code == 200
    assert str(shift) in response.content.decode()
