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


__all__ = ["NON_FIELD_ERRORS", "apply_errors", "as_int"]


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
