"""The permissions vocabulary and the one helper every view uses to load objects.

Roles are scoped, never global (DESIGN.md): a council member sees the territory of
the council and everything below it; an association member sees its municipalities;
an organiser writes the conferences of the territory it organises. Each app's
``get_<object>_for_user(user, ..., action=...)`` is a thin call to
:func:`get_object_for_user`; ``action`` is the predicate ``(user, obj) -> bool`` that the
view's action needs (read, write, run the plenary...), declared on the view's first line.
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
    action: Callable[[object, M], bool] | None = None,
) -> M:
    """Return the object, or raise 404 when the user may not even know it exists,
    or 403 when the user may read it but not do ``action`` with it."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_read(user, obj):
        raise Http404
    if action is not can_read:
        require(action, user, obj)
    return obj


def require(action: Callable[[object, M], bool] | None, user, obj: M) -> None:
    """403 when ``action`` (if any) is not allowed, in the action's own words when it
    has them (:func:`refused_with`)."""
    if action is not None and not action(user, obj):
        message = getattr(action, "refusal", None)
        raise PermissionDenied(message or _("You may read this record but not change it."))


def refused_with(predicate: Callable[[object, M], bool], message) -> Callable[[object, M], bool]:
    """``predicate`` as an action whose 403 page says ``message`` (a lazy translation):
    the same question, the words of the screen that asks it."""

    def action(user, obj) -> bool:
        return predicate(user, obj)

    action.refusal = message
    action.__doc__ = predicate.__doc__
    return action
