"""The check-in desk credentials a delegate, shows the PIN slip, issues a new PIN; the
delegate opens their page on a phone with it, and the phone opened with the old PIN is
out."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from plenaria.conftest import SCREENSHOTS, assert_no_horizontal_scroll, check_accessibility
from plenaria.participants.models import CheckIn, Registration

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _render(data: bytes, name: str) -> str:
    """Save the PDF, render it to PNG beside the screenshots and return its text."""
    pdftoppm, pdftotext = shutil.which("pdftoppm"), shutil.which("pdftotext")
    if not (pdftoppm and pdftotext):
        pytest.skip("poppler-utils (pdftoppm, pdftotext) is needed to read the PDF")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(  # noqa: S603 - our own file names
        [pdftoppm, "-png", "-r", "80", "-singlefile", path, SCREENSHOTS / name], check=True
    )
    return subprocess.run(  # noqa: S603
        [pdftotext, path, "-"], capture_output=True, text=True, check=True
    ).stdout


def _open_page(page, code: str, pin: str):
    page.goto("/participar/")
    page.get_by_label("Código de inscrição").fill(code)
    page.get_by_label("PIN").fill(pin)
    page.get_by_role("button", name="Abrir minha página").click()


def test_the_desk_hands_the_slip_and_a_new_pin_opens_the_delegates_phone(
    new_page, organiser, open_conference, shift, registered
):
    delegate = registered[0]
    old_pin = delegate.pin
    # Someone who read the PIN somewhere opened the delegate's page before the reset.
    intruder = new_page(width=360, height=780)
    _open_page(intruder, delegate.code, old_pin)
    expect(intruder.get_by_role("heading", level=1)).to_have_text("Minha página")

    desk = new_page(organiser)
    desk.goto(f"/gestao/conferencias/{open_conference.pk}/credenciamento/?turno={shift.pk}")
    code_field = desk.get_by_label("Código de inscrição (leitor de QR ou digitado)")
    code_field.fill(delegate.code)
    code_field.press("Enter")
    expect(desk.get_by_text("Participante 0 credenciado(a)", exact=False)).to_be_visible()
    assert CheckIn.objects.filter(registration=delegate, shift=shift).exists()
    recent = desk.get_by_role("region", name="Credenciados(as) nesta mesa")
    expect(recent).to_contain_text(delegate.code)
    check_accessibility(desk, "pin-credentialing")

    recent.get_by_role("link", name="Comprovante do PIN — Participante 0").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Comprovante do PIN")
    expect(desk.locator("[data-pin]")).to_have_text(old_pin)
    check_accessibility(desk, "pin-slip")
    pdf = desk.request.get(
        desk.get_by_role("link", name="Imprimir o comprovante (PDF)").get_attribute("href")
    )
    assert pdf.headers["content-type"] == "application/pdf"
    text = _render(pdf.body(), "pin-slip-pdf")
    assert delegate.code in text and old_pin in text

    desk.get_by_role("button", name="Gerar novo PIN").click()
    expect(desk.get_by_text("Novo PIN gerado para Participante 0", exact=False)).to_be_visible()
    new_pin = Registration.objects.get(pk=delegate.pk).pin
    assert new_pin != old_pin
    expect(desk.locator("[data-pin]")).to_have_text(new_pin)
    check_accessibility(desk, "pin-slip-new")

    # The phone opened with the old PIN is out; the old PIN opens nothing any more.
    intruder.reload()
    expect(intruder.get_by_text("Abra sua página com seu código e PIN.")).to_be_visible()
    _open_page(intruder, delegate.code, old_pin)
    expect(intruder.get_by_text("Código ou PIN não conferem", exact=False)).to_be_visible()

    # The delegate opens their page with the slip's new PIN, on a phone.
    phone = new_page(width=360, height=780)
    phone.goto("/participar/")
    expect(phone.get_by_text("comprovante entregue no credenciamento", exact=False)).to_be_visible()
    check_accessibility(phone, "pin-participant-login")
    assert_no_horizontal_scroll(phone)
    _open_page(phone, delegate.code, new_pin)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Minha página")
    expect(phone.get_by_text("Participante 0", exact=False)).to_be_visible()
    check_accessibility(phone, "pin-participant-page")
    assert_no_horizontal_scroll(phone)


def test_the_slip_reads_on_a_desk_phone(new_page, organiser, open_conference, shift, registered):
    """Check-in staff on a phone (the camera reads the badges) show the slip on screen."""
    page = new_page(organiser, width=360, height=780)
    page.goto(
        f"/gestao/conferencias/{open_conference.pk}/inscricoes/{registered[1].pk}/pin/"
        f"?turno={shift.pk}"
    )
    expect(page.locator("[data-pin]")).to_have_text(registered[1].pin)
    check_accessibility(page, "pin-slip-360")
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Credenciamento").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credenciamento")
    expect(page.get_by_role("link", name="Comprovante do PIN — Participante 1")).to_be_visible()
