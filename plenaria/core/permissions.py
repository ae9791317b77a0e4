"""The permissions vocabulary and the one helper every view uses to load objects.

Roles are scoped, never global (DESIGN.md): a council member sees the territory of
the council and everything below it; an association member sees its municipalities;
an organiser writes the conferences of the territory it organises. Each app's
``get_<object>_for_user`` is a thin call to :func:`get_object_for_user`.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


def get_object_for_user(
    queryset: models.QuerySet[M],
    pk,
    user,
    *,
    can_read: Callable[[object, M], bool],
    can_write: Callable[[object, M], bool],
    write: bool = False,
) -> M:
    """Return the object, or raise 404 when the user may not even know it exists,
    or 403 when the user may read it but not change it."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_read(user, obj):
        raise Http404
    if write and not can_write(user, obj):
        raise PermissionDenied(_("You may read this record but not change it."))
    return obj
