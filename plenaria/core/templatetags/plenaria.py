from decimal import Decimal

from django import template

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
def percent(share) -> str:
    """0.70 → “70%” (shares are stored as fractions)."""
    try:
        value = Decimal(share) * 100
    except (TypeError, ArithmeticError, ValueError):
        return ""
    return f"{value.normalize():f}%"
