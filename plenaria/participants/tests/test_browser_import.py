"""An organiser imports a list with bad rows and reads the preview."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import check_accessibility
from plenaria.participants.models import Registration
from plenaria.participants.tests.test_import import _csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_import_with_a_preview(new_page, organiser, open_conference, tmp_path):
    path = tmp_path / "lista.csv"
    path.write_bytes(_csv())
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    page.get_by_role("link", name="Importar uma lista").click()
    check_accessibility(page, "import-upload")
    page.get_by_label("Planilha (CSV ou XLSX)").set_input_files(str(path))
    page.get_by_label("As pessoas desta lista", exact=False).check()
    page.get_by_role("button", name="Conferir o arquivo").click()
    expect(page.get_by_role("list", name="Resultado da conferência")).to_contain_text("2")
    expect(page.get_by_role("table")).to_contain_text("cpf: Este CPF não é válido")
    check_accessibility(page, "import-preview")
    assert not Registration.objects.exists()
    page.get_by_role("button", name="Importar").click()
    expect(page.get_by_text("2 inscrições importadas.")).to_be_visible()
    assert Registration.objects.filter(origin="import").count() == 2
