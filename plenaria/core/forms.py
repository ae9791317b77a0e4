import datetime as dt
import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at the field when the form has
    it, at the top otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        form.add_error(None, error)


__all__ = ["NON_FIELD_ERRORS", "DateInput", "apply_errors", "as_int", "as_key"]


# The largest id a database holds (a signed 64-bit integer, PostgreSQL's bigint):
# a larger one raises DataError on PostgreSQL and OverflowError on SQLite in an
# "id IN (…)" query, so it is no id at all.
MAX_ID = 2**63 - 1


def as_int(text) -> int | None:
    """An id or code from an address, a form or a file cell, or None. ASCII digits only
    (str.isdigit() also accepts "²" and other digits that int() refuses), never negative
    and never past MAX_ID (19 digits at most, so int() is never handed a huge string)."""
    text = str(text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def as_key(text, *, max_length: int = 40) -> str:
    """A short key a view reads by hand from a form (a poll option, an action), or ""
    when it holds a NUL character (PostgreSQL refuses one in any query: a 500) or is
    longer than any key. The service then refuses the empty key with its message."""
    text = str(text or "").strip()
    return "" if "\x00" in text or len(text) > max_length else text


# pt-BR's DATE_INPUT_FORMATS, whatever the language of the page (an English page must
# not read 03/04/2025 as the 4th of March), without its two-digit year: "01/01/50"
# would be a birth in 2050.
DATE_INPUT_FORMATS = ("%d/%m/%Y",)
_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateInput(forms.DateInput):
    """Every date field's widget: a text input showing dd/mm/aaaa, not the browser's
    date picker (which follows the browser's locale: mm/dd/yyyy on an English phone).
    It hands the field an ISO date, which every Django form accepts in any language;
    ISO typed by an old client (or a test) passes through unchanged."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "placeholder": gettext_lazy("dd/mm/yyyy"),
            "pattern": r"\s*\d{1,2}/\d{1,2}/\d{4}\s*|\d{4}-\d{2}-\d{2}",
            "maxlength": "10",
            "autocomplete": "off",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")

    def value_from_datadict(self, data, files, name):
        return day_first_to_iso(super().value_from_datadict(data, files, name))

    def format_value(self, value):
        # Bound again after an error: the ISO text this widget produced, shown as typed.
        if isinstance(value, str) and _ISO.fullmatch(value):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return value
        return super().format_value(value)


def day_first_to_iso(value):
    """'10/06/2025' or '10/6/2025' as '2025-06-10'; anything else unchanged, so that the
    field refuses it with its own message."""
    if not isinstance(value, str):
        return value
    match = _DAY_FIRST.fullmatch(value)
    if not match:
        return value.strip()
    text = "/".join(match.groups())
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return value.strip()
