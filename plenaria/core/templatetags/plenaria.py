from decimal import Decimal

from django import template
from django.utils.html import format_html

register = template.Library()

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


@register.filter
def roman(number) -> str:
    """15 → "XV", as councils number their conferences."""
    try:
        n = int(number)
    except (TypeError, ValueError):
        return ""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def get_situation_label(choices, value):
    """The label of ``value`` in a TextChoices class."""
    return dict(choices.choices).get(value, value)


@register.filter
def long_date(value) -> str:
    """“25 de julho de 2025”: Django's pt-BR month names are capitalised, but
    Portuguese writes months in lower case (English keeps its capitals)."""
    from django.utils.formats import date_format
    from django.utils.translation import get_language

    if not value:
        return ""
    text = date_format(value, "DATE_FORMAT")
    return text.lower() if (get_language() or "").startswith("pt") else text


@register.filter
def history_when(value) -> str:
    """When an audit entry was written, one way in every history: “1 de dezembro de
    2026, 14:05” (months in lower case in Portuguese, no seconds), in local time."""
    from django.utils import timezone
    from django.utils.formats import time_format

    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{long_date(local)}, {time_format(local, 'H:i')}"


@register.filter
def history_value(value):
    """A value in a history's changes: a date as ``long_date`` writes it (never
    “11 de Junho”), anything else as it is."""
    import datetime

    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return long_date(value)
    return value


@register.filter
def audit_text(text):
    """A reason or value of an audit entry in the reader's language when the system
    wrote it (core.audit.show_text)."""
    from plenaria.core.audit import show_text

    return show_text(text)


@register.filter
def percent(share) -> str:
    """0.70 → “70%” (shares are stored as fractions)."""
    try:
        value = Decimal(share) * 100
    except (TypeError, ArithmeticError, ValueError):
        return ""
    return f"{value.normalize():f}%"


# Icons drawn inline (issue 21, item 13): the pages use a handful, and Font Awesome's
# stylesheet and web fonts cost ~89 KB for them. Paths from Font Awesome Free 5.15.4
# (icons under CC BY 4.0, https://fontawesome.com/license/free); add one here, by name,
# when a page needs it — core/tests/test_compression.py renders every icon the templates
# use.
ICONS = {
    "user": (
        "0 0 448 512",
        "M224 256c70.7 0 128-57.3 128-128S294.7 0 224 0 96 57.3 96 128s57.3 128 128 128zm89.6 "
        "32h-16.7c-22.2 10.2-46.9 16-72.9 16s-50.6-5.8-72.9-16h-16.7C60.2 288 0 348.2 0 "
        "422.4V464c0 26.5 21.5 48 48 48h352c26.5 0 48-21.5 48-48v-41.6c0-74.2-60.2-134.4-"
        "134.4-134.4z",
    ),
}


@register.simple_tag
def icon(name: str):
    """``{% icon "user" %}``: the icon as inline SVG, decorative (hidden from screen
    readers: the text beside it says what it is). An unknown name is an error, so a
    typo fails the page's test instead of leaving a blank space."""
    view_box, path = ICONS[name]
    return format_html(
        '<svg class="plenaria-icon" viewBox="{}" width="1em" height="1em" aria-hidden="true"'
        ' focusable="false"><path fill="currentColor" d="{}"/></svg>',
        view_box,
        path,
    )


@register.filter
def fields_in_error(form) -> list[dict]:
    """Each visible field with an error, with the id its summary link points at (a group
    of radios or boxes has no element with the field's own id: the link names the field)."""
    if not form or not form.errors:
        return []
    return [
        {"id": field.auto_id, "name": field.html_name, "label": field.label}
        for field in form.visible_fields()
        if field.errors
    ]


@register.filter
def errors_of_no_field(form) -> list[str]:
    """The form's errors a person cannot point at: the whole form's and hidden fields'."""
    if not form or not form.errors:
        return []
    return [*form.non_field_errors(), *(e for f in form.hidden_fields() for e in f.errors)]
