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


def as_int(text) -> int | None:
    """An id or code from an address or a file cell, or None. ASCII digits only:
    str.isdigit() also accepts "²" and other digits that int() refuses."""
    text = str(text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None
