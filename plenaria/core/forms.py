from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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


__all__ = ["NON_FIELD_ERRORS", "apply_errors", "as_int", "as_key"]


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
