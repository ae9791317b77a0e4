"""Names sorted the way a Brazilian reader expects: "Água Boa" before "Jaíba",
"Jaíba" before "Januária", "São Paulo" before "Sergipe" — accents and case ignored at
the first level, and only then used to break ties.

One mechanism for every list, on both databases:

- in the database, ``by("name")`` is ``name COLLATE "pt-BR-x-icu"``. PostgreSQL ships
  that ICU collation (``SELECT collname FROM pg_collation WHERE collname LIKE 'pt%'``);
  on SQLite ``register`` installs a collation of the same name on every new connection
  that compares with ``sort_key`` below, so the same query runs on both;
- in Python, ``sort_key`` (and ``sorted_by_name``) for lists sorted after reading.

A test sorts every municipality of the country both ways and expects the same order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django.db.models import F, OrderBy
from django.db.models.functions import Collate

COLLATION = "pt-BR-x-icu"

T = TypeVar("T")


@lru_cache(maxsize=65536)
def sort_key(text: str | None) -> tuple[str, str, str]:
    """Accents and case ignored first; then accents (plain before accented), then
    case (lower before upper, as ICU does), so equal keys are the same text."""
    text = text or ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold(), decomposed.casefold(), text.swapcase()


def sorted_by_name(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """``items`` sorted by the name ``key`` gives, the Portuguese way."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def by(field: str, *, descending: bool = False) -> OrderBy:
    """An ``order_by``/``Meta.ordering`` term sorting ``field`` the Portuguese way."""
    expression = Collate(F(field), COLLATION)
    return expression.desc() if descending else expression.asc()


def _compare(a: str, b: str) -> int:
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def register(sender, connection, **kwargs) -> None:
    """``connection_created``: give SQLite the collation PostgreSQL has from ICU."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)
