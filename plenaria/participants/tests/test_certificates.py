"""Certificates: who has one, the hours, the participant's download, verification."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from plenaria.conferences.models import Shift, Status
from plenaria.conftest import client_for, conference_to, job_file
from plenaria.core.models import AuditEntry, Job
from plenaria.participants import certificates, services
from plenaria.participants.models import Certificate

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 20)


@pytest.fixture
def afternoon(open_conference):
    return Shift.objects.create(
        conference=open_conference,
        name="Tarde",
        date=open_conference.start_date,
        start_time=dt.time(13, 30),
        end_time=dt.time(18),
    )


def _close(conference, actor):
    conference_to(conference, Status.CLOSED, actor=actor)


def test_hours_are_the_shifts_attended(organiser, registered, shift, afternoon):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    services.checkin(actor=organiser, registration=registered[0], shift=afternoon)
    services.checkin(actor=organiser, registration=registered[1], shift=afternoon)
    assert certificates.registration_hours(registered[0]) == Decimal("8.5")
    assert certificates.registration_hours(registered[1]) == Decimal("4.5")


def test_no_certificate_before_the_end_nor_without_checkin(
    open_conference, organiser, registered, shift
):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    conference_to(open_conference, Status.IN_PROGRESS, actor=organiser)
    registered[0].conference.refresh_from_db()
    registered[1].conference.refresh_from_db()
    before = open_conference.start_date
    assert "após a conferência" in certificates.why_not(registered[0], before)
    assert certificates.why_not(registered[0], TODAY) is None
    assert "não foi credenciada" in certificates.why_not(registered[1], TODAY)


def test_issuing_twice_gives_the_same_certificate(organiser, registered, shift):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    first = services.certificate_issue(actor=organiser, subject=registered[0])
    again = services.certificate_issue(actor=organiser, subject=registered[0])
    assert first.pk == again.pk and Certificate.objects.count() == 1
    assert first.hours == Decimal(4) and len(first.code) == certificates.CERTIFICATE_CODE_LENGTH


def test_issuing_is_audited_once_without_the_verification_code(organiser, registered, shift):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    first = services.certificate_issue(actor=organiser, subject=registered[0])
    services.certificate_issue(actor=organiser, subject=registered[0])
    entries = AuditEntry.objects.filter(object_id=str(first.pk), content_type__model="certificate")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == organiser and entry.action == AuditEntry.Action.CREATE
    assert first.code not in str(entry.changes)  # the code opens the certificate: not logged
    assert registered[0].code in str(entry.changes)


def test_participant_downloads_their_certificate_with_the_registration_code(
    client, open_conference, organiser, registered, shift
):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    url = reverse("participants:my_certificate", args=[registered[0].code])
    assert client.get(url).status_code == 404  # the conference has not happened yet
    _close(open_conference, organiser)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # Someone who was not credentialed has none.
    url = reverse("participants:my_certificate", args=[registered[1].code])
    assert client.get(url).status_code == 404


def test_certificates_page_explains_why_there_is_none(
    client, open_conference, organiser, registered
):
    _close(open_conference, organiser)
    page = client.get(reverse("participants:certificates"), {"inscricao": registered[1].code})
    assert page.status_code == 200
    assert "não foi credenciada" in page.content.decode()
    page = client.get(reverse("participants:certificates"), {"inscricao": "ZZZZZZZZ"})
    assert page.status_code == 404
    assert "Nenhuma inscrição" in page.content.decode()


def test_certificates_page_sends_to_the_pdf(client, open_conference, organiser, registered, shift):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    _close(open_conference, organiser)
    code = registered[0].code.lower()
    response = client.get(reverse("participants:certificates"), {"inscricao": code})
    assert response.status_code == 302
    assert response["Location"].endswith(f"{registered[0].code}/certificado.pdf")


def test_verification_page_tells_genuine_from_unknown(client, organiser, registered, shift):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    certificate = services.certificate_issue(actor=organiser, subject=registered[0])
    shown = certificates.format_code(certificate.code).lower()
    page = client.get(reverse("participants:certificate_verify"), {"codigo": shown})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Certificado autêntico" in html and "Participante 0" in html
    assert "Conselho Municipal" in html
    page = client.get(reverse("participants:certificate_verify"), {"codigo": "AAAA-AAAA-AAAA"})
    assert page.status_code == 404 and "não é autêntico" in page.content.decode()
    assert client.get(reverse("participants:certificate_verify")).status_code == 200


def test_organisers_download_every_certificate_in_one_file(
    open_conference, organiser, state_member, registered, shift, worker
):
    for registration in registered[:3]:
        services.checkin(actor=organiser, registration=registration, shift=shift)
    url = reverse("participants:conference_certificates", args=[open_conference.pk])
    client = client_for(organiser)
    early = client.post(url)
    assert early.status_code == 302 and Certificate.objects.count() == 0
    assert not Job.objects.exists()
    _close(open_conference, organiser)
    assert client_for(state_member).post(url).status_code == 403
    assert job_file(client, client.post(url), worker).startswith(b"%PDF")
    assert Certificate.objects.count() == 3
    job = Job.objects.get()
    assert (job.done, job.total, job.file_name) == (3, 3, f"certificados-{open_conference.pk}.pdf")
    export = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert export.changes["document"] == [None, "certificates"]


def test_a_certificate_prints_the_public_address_to_verify_it(
    settings, organiser, registered, shift, tmp_path
):
    from plenaria.participants import documents
    from plenaria.participants.tests.test_pin import pdf_text

    settings.SITE_URL = "https://plenaria.exemplo.gov.br"
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    _close(registered[0].conference, organiser)
    certificate = services.certificate_issue(actor=organiser, subject=registered[0])
    text = pdf_text(documents.certificates_pdf([certificate]), tmp_path)
    assert "https://plenaria.exemplo.gov.br/" in text and "127.0.0.1" not in text
