"""Spreadsheets in and out.

Out: every cell written from user data goes through ``cell`` (OWASP's CSV-injection
rule), so a participant named ``=HYPERLINK(…)`` is text in the organisers' Excel, never
a live formula. ``XlsxSheet`` and ``CsvWriter`` apply it to every row; the project
builds no workbook and no CSV writer anywhere else (a test checks this).

In: uploads are read as streams and the limits (rows, columns, cell length, unpacked
size) are checked while reading, so an oversized file is refused after reading at most
the limit, before any work is done on it. Every refusal is a ``SpreadsheetError``
(a ``ValueError``) with a pt-BR message.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice
# or Google Sheets; the full-width forms are converted by some of them (Japanese IMEs).
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# "-12", "+3,5": a number written as text is not a formula; it stays readable as a number.
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
KEPT_AS_IS = (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta)

MAX_CELL = 1000  # characters: no imported field is longer
MAX_COLUMNS = 60
MAX_UNPACKED = 25 * 1024 * 1024  # bytes of XML inside an XLSX (a zip)


def cell(value):
    """A value safe to write in a spreadsheet cell: numbers, dates and empty cells as
    they are; text without the control characters XLSX refuses and, when it would start
    a formula, prefixed with a single quote."""
    if value is None or isinstance(value, KEPT_AS_IS):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if PLAIN_NUMBER.fullmatch(text):
        return text
    if text[:1] in FORMULA_START or text.lstrip()[:1] in FORMULA_START:
        return "'" + text
    return text


def row(values: Iterable) -> list:
    return [cell(value) for value in values]


class XlsxSheet:
    """A write-only workbook (rows go to a temporary file) with one sheet whose every
    appended row is neutralised. ``worksheet`` is there for page set-up and widths."""

    def __init__(self, title: str):
        self.book = Workbook(write_only=True)
        self.worksheet = self.book.create_sheet(title)

    def append(self, values: Iterable = ()) -> None:
        self.worksheet.append(row(values))


class CsvWriter:
    """csv.writer whose every row is neutralised (semicolons, as Excel in pt-BR reads)."""

    def __init__(self, handle, *, delimiter: str = ";"):
        self._writer = csv.writer(handle, delimiter=delimiter)

    def writerow(self, values: Iterable) -> None:
        self._writer.writerow(row(values))


# --- reading uploads -----------------------------------------------------------------


class SpreadsheetError(ValueError):
    """An upload refused, with a pt-BR message for the person who sent it."""


def decode_text(data: bytes) -> str:
    """A CSV upload's text: UTF-8 (with or without BOM) or Windows-1252, as Excel in
    pt-BR saves it. Files with NUL bytes (UTF-16, binary files) are refused."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
        break
    raise SpreadsheetError(_("The file is not a text (CSV) file."))


def guess_delimiter(text: str) -> str:
    """Semicolon (Excel in pt-BR) or comma, by the first line."""
    first_line = text[:4096].split("\n", 1)[0]
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def _too_many_rows(max_rows: int) -> SpreadsheetError:
    return SpreadsheetError(_("The file has more than %s rows; split it.") % max_rows)


def _cell_too_long(number: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("Line %(n)s: a cell has more than %(max)s characters (is a quotation mark left open?).")
        % {"n": number, "max": MAX_CELL}
    )


class _Limits:
    """Counts rows as they are read and refuses the first one past a limit. Blank rows
    count too (up to as many again), so a file of empty rows cannot keep us reading.
    With a header (the first row), no row may hold a value past the header's width."""

    def __init__(self, max_rows: int, *, header: bool = True):
        self.max_rows = max_rows
        self.header = header
        self.filled = 0
        self.blank = 0
        self.width = MAX_COLUMNS

    def check(self, number: int, cells: list) -> list:
        if len(cells) > MAX_COLUMNS and any(c not in (None, "") for c in cells[MAX_COLUMNS:]):
            raise SpreadsheetError(
                _("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS}
            )
        for value in cells:
            if isinstance(value, str) and len(value) > MAX_CELL:
                raise _cell_too_long(number)
        if self.header and number == 1:
            self.width = len(cells)
            return cells
        if all(c in (None, "") for c in cells):
            self.blank += 1
        else:
            self.filled += 1
        if self.filled > self.max_rows or self.blank > self.max_rows:
            raise _too_many_rows(self.max_rows)
        # cells past the header are allowed only when empty (trailing separators)
        if any(c not in (None, "") for c in cells[self.width :]):
            raise SpreadsheetError(
                _("Line %(n)s has more columns than the header line.") % {"n": number}
            )
        return cells[: self.width]


def csv_rows(
    text: str, *, max_rows: int, delimiter: str | None = None, header: bool = True
) -> Iterator[list[str]]:
    """The rows of a CSV text (the first being the header, unless ``header=False``).
    Raises SpreadsheetError at the first row past ``max_rows`` data rows, a row wider
    than the header, a cell longer than MAX_CELL or text the csv module cannot read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or guess_delimiter(text))
    limits = _Limits(max_rows, header=header)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a field over csv's own limit of 131,072
            raise _cell_too_long(reader.line_num) from error
        number += 1
        yield limits.check(number, cells)


def xlsx_rows(data: bytes, *, max_rows: int) -> Iterator[list]:
    """The rows (values) of an XLSX file's first sheet, the first being the header,
    read in openpyxl's read-only (streaming) mode with the same limits as csv_rows.
    The unpacked size is checked first: a small zip can hold a huge sheet."""
    from openpyxl import load_workbook

    not_xlsx = _("The file is not a CSV or XLSX spreadsheet.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise SpreadsheetError(not_xlsx) from error
    if unpacked > MAX_UNPACKED:
        raise SpreadsheetError(_("The spreadsheet is too large once unpacked; split it."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any broken file gets the same message
        raise SpreadsheetError(not_xlsx) from error
    try:
        sheet = book.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise SpreadsheetError(not_xlsx)
        limits = _Limits(max_rows)
        rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        number = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except SpreadsheetError:
                raise
            except Exception as error:  # noqa: BLE001 - broken XML inside the zip
                raise SpreadsheetError(not_xlsx) from error
            number += 1
            values = list(values)
            if number == 1:
                while values and values[-1] in (None, ""):
                    values.pop()  # the header's width is its last named column
            yield limits.check(number, values)
    finally:
        book.close()


def csv_dicts(text: str, *, max_rows: int) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {lower-case header: stripped value}) of each non-blank data row."""
    header: list[str] = []
    for number, cells in enumerate(csv_rows(text, max_rows=max_rows), start=1):
        if number == 1:
            header = [(h or "").strip().lower() for h in cells]
            continue
        if not any(c.strip() for c in cells):
            continue
        yield number, {h: (v or "").strip() for h, v in zip(header, cells, strict=False)}
