"""Registration lists from CSV or XLSX: every row checked by the same form as the
public registration, every bad row reported, nothing applied until the organiser
chooses (valid rows only, or all or nothing)."""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plenaria.core import spreadsheets
from plenaria.core.forms import as_int
from plenaria.core.jobs import counted
from plenaria.participants.forms import StaffRegistrationForm
from plenaria.participants.models import Registration
from plenaria.participants.rules import name_key

# Columns of the template, in order (pt-BR, as councils fill spreadsheets).
COLUMNS = [
    "nome",
    "nome_social",
    "telefone",
    "email",
    "cpf",
    "nis",
    "outro_documento",
    "data_nascimento",
    "municipio_ibge",
    "segmento",
    "organizacao",
    "categoria",
    "acessibilidade",
    "autodeclaracoes",
]
SEGMENTS = {
    "usuario": "users",
    "usuarios": "users",
    "trabalhador": "workers",
    "trabalhadores": "workers",
    "entidade": "entities",
    "entidades": "entities",
    "governo": "government",
}
CATEGORIES = {
    "delegado": "delegate",
    "delegada": "delegate",
    "convidado": "guest",
    "convidada": "guest",
    "observador": "observer",
    "observadora": "observer",
    # without a segment (leave "segmento" empty)
    "palestrante": "speaker",
    "autoridade": "authority",
    "equipe": "staff",
    "equipe de apoio": "staff",
    "equipe de organizacao": "staff",
    "equipe de organização": "staff",
}
MAX_ROWS = 5000
# Errors name the spreadsheet column the person has to fix.
FIELD_COLUMNS = {
    "name": "nome",
    "social_name": "nome_social",
    "phone": "telefone",
    "email": "email",
    "cpf": "cpf",
    "nis": "nis",
    "other_document": "outro_documento",
    "birth_date": "data_nascimento",
    "municipality": "municipio_ibge",
    "segment": "segmento",
    "organisation": "organizacao",
    "category": "categoria",
    "accessibility_needs": "acessibilidade",
    "accessibility_other": "acessibilidade",
    "self_declarations": "autodeclaracoes",
}


class Problem(str):
    """One error of a row, read as “column: message”; ``column`` and ``message`` apart
    for the report of an import done in the background."""

    column: str
    message: str

    def __new__(cls, column: str, message: str):
        problem = super().__new__(cls, f"{column}: {message}" if column else message)
        problem.column, problem.message = column, message
        return problem


@dataclass
class Row:
    line: int
    name: str
    person_data: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def template_csv() -> str:
    out = io.StringIO()
    writer = spreadsheets.CsvWriter(out)
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "Maria das Dores Silva",
            "",
            "(38) 99999-1234",
            "",
            "529.982.247-25",
            "",
            "",
            "01/05/1960",
            "3143302",
            "usuario",
            "",
            "delegado",
            "libras",
            "black|older",
        ]
    )
    return out.getvalue()


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of a CSV (comma or semicolon, UTF-8 or Windows-1252) or XLSX file, with
    lower-case headers. Raises ValueError with a pt-BR message for unreadable files and
    for files past the limits, found while reading: at most MAX_ROWS rows are read."""
    if filename.lower().endswith(".xlsx"):
        rows = spreadsheets.xlsx_rows(data, max_rows=MAX_ROWS)
    else:
        try:
            text = spreadsheets.decode_text(data)
        except ValueError:
            raise ValueError(_("The file is not a CSV or XLSX spreadsheet.")) from None
        rows = spreadsheets.csv_rows(text, max_rows=MAX_ROWS)
    header = [str(h or "").strip().lower() for h in next(rows, [])]
    result = []
    for values in rows:
        if all(v in (None, "") for v in values):
            continue
        values = [*values, *[None] * (len(header) - len(values))]  # short CSV lines
        result.append({h: _cell(v) for h, v in zip(header, values, strict=False)})
    return result


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(text: str) -> str:
    """dd/mm/aaaa (as councils write) or aaaa-mm-dd → aaaa-mm-dd for the form."""
    if "/" in text:
        parts = text.split("/")
        if len(parts) == 3:
            return f"{parts[2]}-{parts[1].zfill(2)}-{parts[0].zfill(2)}"
    return text


def _choices(text: str) -> list[str]:
    return (
        [item.strip().lower() for item in text.replace(",", "|").split("|") if item.strip()]
        if text
        else []
    )


def check_format(raw_rows: list[dict[str, str]]) -> None:
    """The file's shape, checked at once when it is sent: not too long, the columns
    needed. Raises ValueError with a pt-BR message."""
    if len(raw_rows) > MAX_ROWS:
        raise ValueError(_("The file has more than %s rows; split it.") % MAX_ROWS)
    missing = [c for c in ("nome", "segmento", "categoria") if raw_rows and c not in raw_rows[0]]
    if missing:
        raise ValueError(_("Missing columns: %s.") % ", ".join(missing))


def check_rows(
    conference, raw_rows: list[dict[str, str]], categories: list[str], progress=None
) -> list[Row]:
    """Validate every row with the staff registration form; mark duplicates within the
    file and against the conference's registrations. ``progress(done, total)`` is told
    every 25 rows."""
    from plenaria.territory.models import Municipality

    check_format(raw_rows)
    towns = dict(Municipality.objects.values_list("ibge_code", "pk"))
    registered_cpfs = set(
        Registration.objects.filter(conference=conference)
        .exclude(person__cpf=None)
        .values_list("person__cpf", flat=True)
    )
    registered_keys = set(
        Registration.objects.filter(conference=conference).values_list(
            "name_key", "birth_date", "phone"
        )
    )
    seen_cpfs: set[str] = set()
    seen_keys: set[tuple] = set()
    rows = []
    for line, raw in enumerate(counted(raw_rows, progress), start=2):
        town = raw.get("municipio_ibge", "")
        form = StaffRegistrationForm(
            {
                "name": raw.get("nome", ""),
                "social_name": raw.get("nome_social", ""),
                "phone": raw.get("telefone", ""),
                "email": raw.get("email", ""),
                "cpf": raw.get("cpf", ""),
                "nis": raw.get("nis", ""),
                "other_document": raw.get("outro_documento", ""),
                "birth_date": _date(raw.get("data_nascimento", "")),
                "municipality": towns.get(as_int(town)) or "",
                "segment": SEGMENTS.get(raw.get("segmento", "").lower(), raw.get("segmento")),
                "organisation": raw.get("organizacao", ""),
                "category": CATEGORIES.get(raw.get("categoria", "").lower(), raw.get("categoria")),
                "accessibility_needs": _choices(raw.get("acessibilidade", "")),
                "self_declarations": _choices(raw.get("autodeclaracoes", "")),
                "consent": "on",
            },
            categories=categories,  # no conference: any municipality of Brazil
        )
        row = Row(line=line, name=raw.get("nome", ""))
        if town and as_int(town) not in towns:
            row.errors.append(Problem("municipio_ibge", _("“%s” is not an IBGE code.") % town[:20]))
        if not form.is_valid():
            for name, errors in form.errors.items():
                row.errors += [Problem(FIELD_COLUMNS.get(name, ""), e) for e in errors]
        else:
            row.person_data, row.data = form.person_data(), form.registration_data()
            cpf = row.person_data.get("cpf")
            key = (
                name_key(row.person_data["name"]),
                row.person_data.get("birth_date"),
                row.person_data.get("phone"),
            )
            if cpf and (cpf in registered_cpfs or cpf in seen_cpfs):
                row.errors.append(
                    Problem(
                        "cpf",
                        _("duplicate: this CPF is already registered or repeated in the file."),
                    )
                )
            elif all(key) and (key in registered_keys or key in seen_keys):
                row.errors.append(
                    Problem(
                        "", _("duplicate: same name, birth date and phone as another registration.")
                    )
                )
            if cpf:
                seen_cpfs.add(cpf)
            seen_keys.add(key)
        rows.append(row)
    return rows
