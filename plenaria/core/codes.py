"""Random codes that must not repeat (registration, attendance and certificate codes)."""

from collections.abc import Callable

from django.db.models import Manager, QuerySet


def unique_code(make: Callable[[], str], *taken: Manager | QuerySet, field: str = "code") -> str:
    """A code from ``make`` that none of ``taken`` holds in ``field`` yet. The codes are
    long enough that a retry is rare; a unique constraint still guards the race."""
    while True:
        code = make()
        if not any(rows.filter(**{field: code}).exists() for rows in taken):
            return code
