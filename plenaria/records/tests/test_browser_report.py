"""Two organisers write the report's narrative at once (the second one's stale save is
refused and shows the first one's text), then the preview, the PDF made by the worker
and the deliberations' XLSX; at 1280 and 360 px, with axe on each page."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from plenaria.conftest import (
    SCREENSHOTS,
    assert_no_horizontal_scroll,
    check_accessibility,
    make_council_member,
)
from plenaria.records.models import NarrativePart

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _render(pdf_path, name: str) -> int:
    """The PDF's first page as PNG (for a person to look at); its size in bytes."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("pdftoppm is not installed")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    prefix = SCREENSHOTS / name
    subprocess.run(  # noqa: S603 - our own file names
        [pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf_path), str(prefix)],
        check=True,
    )
    [png] = sorted(SCREENSHOTS.glob(f"{name}-*1.png"))
    return png.stat().st_size


def test_two_organisers_write_the_narrative_then_the_report_is_read_and_downloaded(
    new_page, report_world, montes_claros, worker
):
    conference = report_world.conference
    second = make_council_member(montes_claros.council, organiser=True)

    page = new_page(report_world.organiser)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Relatório final: prévia, PDF e deliberações").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relatório final")
    page.get_by_role("link", name="Escrever as partes narrativas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Narrativa do relatório final")

    # the second organiser opens the same page while the part is still empty
    other = new_page(second)
    other.goto(f"/gestao/conferencias/{conference.pk}/relatorio/narrativa/")

    page.get_by_role("textbox", name="Metodologia").fill(
        "Grupos de trabalho por eixo, com relatoria."
    )
    page.get_by_role("button", name="Salvar “Metodologia”").click()
    expect(page.get_by_text("“Metodologia” salva.")).to_be_visible()
    page.get_by_role("textbox", name="Como foi o debate").fill("Debate intenso sobre a zona rural.")
    page.get_by_role("button", name="Salvar “Como foi o debate”").click()
    expect(page.get_by_text("“Como foi o debate” salva.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Metodologia")).to_have_value(
        "Grupos de trabalho por eixo, com relatoria."
    )
    check_accessibility(page, "records-narrative")

    other.get_by_role("textbox", name="Metodologia").fill(
        "Plenária única com leitura das propostas."
    )
    other.get_by_role("button", name="Salvar “Metodologia”").click()
    expect(other.get_by_role("alert")).to_contain_text(
        "Outra pessoa salvou esta parte enquanto você a editava."
    )
    expect(other.get_by_role("status")).to_contain_text(
        "Grupos de trabalho por eixo, com relatoria."
    )
    expect(other.get_by_role("textbox", name="Metodologia")).to_have_value(
        "Plenária única com leitura das propostas."
    )
    check_accessibility(other, "records-narrative-stale")
    assert NarrativePart.objects.get(part="methodology").text == (
        "Grupos de trabalho por eixo, com relatoria."
    )
    # brought together, the second save goes through
    other.get_by_role("textbox", name="Metodologia").fill(
        "Grupos de trabalho por eixo, com relatoria; plenária com leitura das propostas."
    )
    other.get_by_role("button", name="Salvar “Metodologia”").click()
    expect(other.get_by_text("“Metodologia” salva.")).to_be_visible()

    page.get_by_role("link", name="Relatório final").first.click()
    expect(page.get_by_role("region", name="Metodologia")).to_contain_text(
        "plenária com leitura das propostas"
    )
    expect(page.get_by_role("region", name="Deliberações")).to_contain_text(
        "MOC deliberação eixo 1 municipal 1"
    )
    expect(page.get_by_role("region", name="Participação")).not_to_contain_text("MOC Usuária")
    check_accessibility(page, "records-report")

    page.get_by_role("button", name="Gerar o PDF do relatório").click()
    expect(page.get_by_label("Aguardando a vez…")).to_be_visible()
    assert worker() == 1
    link = page.get_by_role("link", name=f"Baixar relatorio-final-{conference.pk}.pdf")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
    assert _render(path, "records-report-pdf") > 5_000

    page.goto(f"/gestao/conferencias/{conference.pk}/relatorio/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Deliberações (XLSX)").click()
    rows = list(load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active.values)
    assert rows[0] == ("Eixo", "Âmbito", "Tipo", "Deliberação", "Prioridade")
    assert len(rows) == 7


def test_the_report_and_its_narrative_read_on_a_phone(new_page, report_world):
    conference = report_world.conference
    page = new_page(report_world.organiser, width=360, height=740)
    page.goto(f"/gestao/conferencias/{conference.pk}/relatorio/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Relatório final")
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "records-report-360")
    page.get_by_role("link", name="Escrever as partes narrativas").click()
    page.get_by_role("textbox", name="Dificuldades").fill("Transporte da zona rural.")
    page.get_by_role("button", name="Salvar “Dificuldades”").click()
    expect(page.get_by_text("“Dificuldades” salva.")).to_be_visible()
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "records-narrative-360")
