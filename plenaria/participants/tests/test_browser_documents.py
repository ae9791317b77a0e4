"""Organisers print badges and read the PDF; anyone checks a certificate; staff edit a
registration and record a substitute's replacement."""

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from plenaria.conferences.models import Status
from plenaria.conftest import (
    SCREENSHOTS,
    assert_no_horizontal_scroll,
    check_accessibility,
    conference_to,
)
from plenaria.core.models import AuditEntry, Job
from plenaria.participants import certificates, services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _render(pdf_path, name: str):
    """Render the first page of a PDF to PNG (to look at) and return its size in bytes."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("pdftoppm (poppler-utils) is needed to render the PDF")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    subprocess.run(  # noqa: S603 - our own file names
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf_path, target],
        check=True,
    )
    return (SCREENSHOTS / f"{name}.png").stat().st_size


def _page_count(pdf_path) -> int:
    pdfinfo = shutil.which("pdfinfo") or "pdfinfo"
    out = subprocess.run([pdfinfo, pdf_path], capture_output=True, text=True, check=True)  # noqa: S603
    return int(
        next(line for line in out.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


SHOTS = Path("/tmp/shots-jobs")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def _halfway(page, name: str) -> None:
    """The bar moves: the worker's progress (as it reports it) reaches the open page."""
    Job.objects.update(status=Job.Status.RUNNING, done=1)
    total = Job.objects.get().total
    expect(page.get_by_text(f"1 de {total}")).to_be_visible()
    expect(page.get_by_label("Preparando…")).to_have_attribute("value", "1")
    check_accessibility(page, name)
    _shot(page, name)
    Job.objects.update(status=Job.Status.QUEUED, done=0)  # for the worker to run it


def test_organiser_prints_badges_of_ticked_registrations(
    new_page, organiser, open_conference, registered, worker
):
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    page.get_by_label("Crachá de Participante 1").check()
    page.get_by_label("Crachá de Participante 3").check()
    page.get_by_role("button", name="Imprimir crachás das inscrições marcadas").click()
    # the request only queued the job: its page waits for the worker
    expect(page.get_by_role("heading", level=1)).to_contain_text("Crachás — ")
    expect(page.get_by_label("Aguardando a vez…")).to_be_visible()
    check_accessibility(page, "job-queued")
    _shot(page, "job-queued-1280")
    _halfway(page, "job-running-1280")
    assert worker() == 1  # the worker's run, in this thread; the page polls meanwhile
    link = page.get_by_role("link", name=f"Baixar crachas-{open_conference.pk}.pdf")
    expect(link).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Seu arquivo está pronto.")
    check_accessibility(page, "job-done")
    _shot(page, "job-done-1280")
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = download.value.path()
    assert download.value.suggested_filename == f"crachas-{open_conference.pk}.pdf"
    assert _render(path, "badges-ticked") > 5_000  # a drawn page, not a blank one
    assert _page_count(path) == 1
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.changes["people"] == [None, 2]

    page.goto(f"/gestao/conferencias/{open_conference.pk}/")
    page.get_by_role("link", name="Crachás, listas e certificados").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crachás, listas e certificados")
    check_accessibility(page, "documents")
    page.get_by_role("button", name="Crachás (PDF)").click()
    expect(page.get_by_label("Aguardando a vez…")).to_be_visible()
    worker()
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Baixar crachas-{open_conference.pk}.pdf").click()
    assert _render(download.value.path(), "badges-all") > 5_000


def test_the_job_page_reads_on_a_phone(new_page, organiser, open_conference, registered, worker):
    page = new_page(organiser, width=360, height=740)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/documentos/")
    page.get_by_role("button", name="Crachás (PDF)").click()
    expect(page.get_by_label("Aguardando a vez…")).to_be_visible()
    assert_no_horizontal_scroll(page)
    _shot(page, "job-queued-360")
    _halfway(page, "job-running-360")
    worker()
    expect(
        page.get_by_role("link", name=f"Baixar crachas-{open_conference.pk}.pdf")
    ).to_be_visible()
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "job-done-phone")
    _shot(page, "job-done-360")
    # the documents page lists the job among the person's latest files
    page.goto(f"/gestao/conferencias/{open_conference.pk}/documentos/")
    expect(page.get_by_role("link", name=f"Crachás — {open_conference.title}")).to_be_visible()
    assert_no_horizontal_scroll(page)


def test_anyone_checks_a_certificate_on_a_phone(
    new_page, organiser, open_conference, registered, shift
):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    conference_to(open_conference, Status.CLOSED, actor=organiser)
    certificate = services.certificate_issue(
        actor=organiser, subject=Registration.objects.get(pk=registered[0].pk)
    )

    page = new_page(width=360, height=780)
    page.goto("/certificados/")
    # Someone who was not credentialed is told why there is no certificate.
    page.get_by_label("Código de inscrição").fill(registered[1].code)
    page.get_by_role("button", name="Obter o certificado").click()
    expect(page.get_by_role("alert")).to_contain_text("não foi credenciada")
    check_accessibility(page, "certificates-home")
    assert_no_horizontal_scroll(page)

    page.get_by_label("Código de verificação").fill(certificates.format_code(certificate.code))
    page.get_by_role("button", name="Verificar").click()
    expect(page.get_by_role("status")).to_contain_text("Certificado autêntico")
    expect(page.get_by_text("Participante 0")).to_be_visible()
    check_accessibility(page, "certificate-verify")
    assert_no_horizontal_scroll(page)

    page.get_by_label("Código de verificação").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Verificar").click()
    expect(page.get_by_role("alert")).to_contain_text("não é autêntico")


def test_staff_edit_a_registration_and_record_a_substitute(
    new_page, organiser, open_conference, registered, shift
):
    substitute = services.registration_create(
        actor=organiser,
        conference=open_conference,
        origin=Registration.Origin.STAFF,
        person_data=person_data(cpf=None, name="Suplente Rosa", phone="38970000099", email=""),
        data=registration_data(is_substitute=True),
    )
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    page.get_by_role("link", name=f"Editar {registered[2].code}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Editar inscrição")
    check_accessibility(page, "registration-edit")
    page.get_by_label("Nome completo").fill("Participante Dois")
    page.get_by_role("button", name="Salvar alterações").click()
    expect(page.get_by_text(f"Inscrição {registered[2].code} salva.")).to_be_visible()
    expect(page.get_by_role("cell", name="Participante Dois", exact=True)).to_be_visible()

    page.goto(f"/gestao/conferencias/{open_conference.pk}/credenciamento/?turno={shift.pk}")
    page.get_by_label("Nome, código ou CPF").fill("suplente rosa")
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("link", name="Substituir titular ausente — Suplente Rosa").click()
    check_accessibility(page, "substitution")
    page.get_by_label(f"Participante 0 ({registered[0].code})").check()
    page.get_by_role("button", name="Registrar a substituição").click()
    expect(page.get_by_text("Suplente Rosa substitui Participante 0.")).to_be_visible()
    substitute.refresh_from_db()
    assert substitute.replaces_id == registered[0].pk
