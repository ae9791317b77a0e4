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
