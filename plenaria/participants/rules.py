"""Brazilian documents, contacts, registration codes and a person's data on a record.
Pure functions, no database."""

import re
import secrets
import unicodedata

from django.utils.translation import gettext as _


def digits(text: str) -> str:
    """Only the ASCII digits of ``text`` ("123.456.789-09" → "12345678909")."""
    return "".join(ch for ch in text if "0" <= ch <= "9")


def _cpf_digit(numbers: str) -> int:
    weight = len(numbers) + 1
    total = sum(int(n) * (weight - i) for i, n in enumerate(numbers))
    rest = total * 10 % 11
    return 0 if rest == 10 else rest


def is_valid_cpf(text: str) -> bool:
    """CPF check digits (Receita Federal rule); repeated digits are not valid."""
    cpf = digits(text)
    if len(cpf) != 11 or cpf == cpf[0] * 11:
        return False
    return _cpf_digit(cpf[:9]) == int(cpf[9]) and _cpf_digit(cpf[:10]) == int(cpf[10])


def cpf_with_digits(first_nine: str) -> str:
    """The full CPF for nine digits (used by tests and demo data)."""
    first = _cpf_digit(first_nine)
    return first_nine + str(first) + str(_cpf_digit(first_nine + str(first)))


_NIS_WEIGHTS = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2]


def is_valid_nis(text: str) -> bool:
    """NIS/PIS/PASEP check digit (weights 3,2,9,8,7,6,5,4,3,2, modulo 11)."""
    nis = digits(text)
    if len(nis) != 11 or nis == nis[0] * 11:
        return False
    rest = sum(int(n) * w for n, w in zip(nis[:10], _NIS_WEIGHTS, strict=True)) % 11
    check = 0 if rest < 2 else 11 - rest
    return check == int(nis[10])


def nis_with_digit(first_ten: str) -> str:
    rest = sum(int(n) * w for n, w in zip(first_ten, _NIS_WEIGHTS, strict=True)) % 11
    return first_ten + str(0 if rest < 2 else 11 - rest)


def normalise_phone(text: str) -> str:
    """Digits of a Brazilian phone with area code (10 or 11 digits), or "" when it is
    not one. A leading country code 55 is dropped."""
    number = digits(text)
    if len(number) in (12, 13) and number.startswith("55"):
        number = number[2:]
    if len(number) not in (10, 11) or number[0] == "0":
        return ""
    return number


def format_phone(phone: str) -> str:
    """How a Brazilian reads a stored phone: (38) 99999-1234 (mobile, 11 digits) or
    (38) 3221-1234 (landline, 10). Anything else (an old import) is shown as it is."""
    if not phone.isdigit() or len(phone) not in (10, 11):
        return phone
    return f"({phone[:2]}) {phone[2:-4]}-{phone[-4:]}"


def format_cpf(cpf: str) -> str:
    return f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" if len(cpf) == 11 else cpf


def mask_cpf(cpf: str) -> str:
    """What people without access to personal data see: ***.456.789-**."""
    return f"***.{cpf[3:6]}.{cpf[6:9]}-**" if len(cpf) == 11 else ""


def mask_email(email: str) -> str:
    """j***@exemplo.org: enough for a person to recognise their own address."""
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


def mask_phone(phone: str) -> str:
    return f"({phone[:2]}) *****-{phone[-4:]}" if len(phone) >= 10 else ""


def name_key(name: str) -> str:
    """Name without accents, case or extra spaces, to find possible duplicates."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain).strip().lower()


# No 0/O, 1/I, 2/Z, 5/S, 6/G, 8/B: the code is read aloud and typed from a badge.
CODE_ALPHABET = "ACDEFHJKLMNPQRTUVWXY3479"
CODE_LENGTH = 8


def new_registration_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_pin() -> str:
    """The short secret handed at the check-in desk (never on the badge): with the
    registration code it opens the participant's page on a phone (highlights, motions,
    votes)."""
    return f"{secrets.randbelow(10**6):06d}"


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch in CODE_ALPHABET)


def registrations_context(conference_id: int) -> str:
    """The audit context of a conference's registrations (its registration history)."""
    return f"registrations:{conference_id}"


# What a person tells a conference about themself, kept on the registration (or the
# attendance) of that conference; the CPF only links a Person across conferences.
PERSONAL_FIELDS = [
    "name",
    "social_name",
    "nis",
    "other_document",
    "birth_date",
    "phone",
    "email",
    "municipality",
]


def copy_personal(source, target) -> None:
    """Copy the personal fields of one record onto another: a delegate's data sent to
    the next conference, an attendance becoming a registration."""
    for name in PERSONAL_FIELDS:
        setattr(target, name, getattr(source, name))
    target.name_key = name_key(target.name)


# Categories registered without a segment (speakers, authorities, staff: issue 23). Kept
# as values here, where models import the rules; models.WITHOUT_SEGMENT is the same list.
CATEGORIES_WITHOUT_SEGMENT = frozenset({"speaker", "authority", "staff"})


def segment_problem(category: str, segment: str) -> str | None:
    """Why a category and a segment do not go together, or None. Delegates, guests and
    observers take part through a segment (DOMAIN.md §4); speakers, the authorities'
    table and staff have none, and a segment given to them would put them in counts by
    segment where they do not belong."""
    if category in CATEGORIES_WITHOUT_SEGMENT:
        return _("Leave the segment empty: this category has none.") if segment else None
    return None if segment else _("Choose the segment.")
