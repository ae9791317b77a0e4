"""An organiser sends a long list: the bar moves while the worker checks and imports it,
then the page lists every bad line (line, column, message) and the lines created."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.core.models import Job
from plenaria.participants.models import Registration
from plenaria.participants.tests.test_import import _csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SHOTS = Path("/tmp/shots-jobs")
LINES = 250  # more than IMPORT_CHUNK: a job
BAD = {
    40: "Ana Lima;;(38) 97777-1234;;;;;;;marciano;;delegado;;",
    120: "João Souza;;(38) 98888-1234;;111.111.111-11;;;;;usuario;;convidado;;",
}


def _long_list(tmp_path) -> Path:
    lines = [
        BAD.get(i, f"Pessoa {i};;(38) 9{i:04d}-1234;;;;;;;usuario;;convidado;;")
        for i in range(LINES)
    ]
    path = tmp_path / "lista-longa.csv"
    path.write_bytes(_csv(lines))
    return path


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 360])
def test_a_long_list_is_imported_in_the_background(
    new_page, organiser, open_conference, worker, tmp_path, width
):
    page = new_page(organiser, width=width, height=900)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/importar/")
    page.get_by_label("Planilha (CSV ou XLSX)").set_input_files(str(_long_list(tmp_path)))
    page.get_by_label("As pessoas desta lista", exact=False).check()
    expect(page.get_by_label("Importar as linhas válidas")).to_be_checked()
    check_accessibility(page, f"import-long-upload-{width}")
    _shot(page, f"import-upload-{width}")
    page.get_by_role("button", name="Conferir o arquivo").click()

    # the request only kept the file and queued the job: its page waits for the worker
    expect(page.get_by_role("heading", level=1)).to_contain_text("Importação de uma lista")
    expect(page.get_by_label("Aguardando a vez…")).to_be_visible()
    assert not Registration.objects.exists()
    total = Job.objects.get().total
    Job.objects.update(status=Job.Status.RUNNING, done=100)
    expect(page.get_by_text(f"100 de {total}")).to_be_visible()  # the bar moves
    expect(page.get_by_label("Preparando…")).to_have_attribute("value", "100")
    check_accessibility(page, f"import-long-running-{width}")
    _shot(page, f"import-running-{width}")
    Job.objects.update(status=Job.Status.QUEUED, done=0)  # for the worker to run it

    assert worker() == 1  # the worker's run, in this thread; the page polls meanwhile
    expect(page.get_by_role("status")).to_contain_text(f"{LINES - 2} inscrições importadas.")
    report = page.get_by_role("table", name="Linhas com erro")
    expect(report).to_contain_text("segmento")
    expect(report.get_by_role("row")).to_have_count(3)  # the header and the two lines
    expect(report.get_by_role("row").nth(1)).to_contain_text("42")  # line 42: i = 40
    expect(report.get_by_role("row").nth(2)).to_contain_text("Este CPF não é válido")
    assert Registration.objects.filter(origin="import").count() == LINES - 2
    assert_no_horizontal_scroll(page)
    check_accessibility(page, f"import-long-done-{width}")
    _shot(page, f"import-done-{width}")
    page.get_by_text("Linhas importadas e seus códigos de inscrição").click()
    expect(page.get_by_role("table", name="Linhas importadas")).to_contain_text("251")
    check_accessibility(page, f"import-long-created-{width}")
    page.get_by_role("link", name="Enviar outro arquivo").click()
    # the import page lists the person's latest long imports, back to their reports
    latest = page.get_by_role("region", name="Suas últimas importações longas")
    expect(latest).to_contain_text("Pronto")
    check_accessibility(page, f"import-long-latest-{width}")
    _shot(page, f"import-latest-{width}")
    latest.get_by_role("link").click()
    expect(page.get_by_role("table", name="Linhas com erro")).to_be_visible()
