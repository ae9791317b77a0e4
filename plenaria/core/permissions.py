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
    if action is not None and action is not can_read:
        require(user, action, obj)
    return obj


def refusal_of(action: Callable) -> str:
    """What the 403 page says when ``action`` is refused (see :func:`refused_with`)."""
    return getattr(action, "refusal", None) or _("You may read this record but not change it.")


def refused_with(message: str):
    """Decorator: the sentence (lazy) a person refused by this predicate reads on the
    403 page, naming who may do it, e.g. "Only the presiding table runs the plenary."."""

    def mark(predicate):
        predicate.refusal = message
        return predicate

    return mark


def worded(predicate: Callable, message) -> Callable:
    """A new action asking the same question as ``predicate`` (shared, so not marked
    itself) whose 403 page says ``message``: the words of the screen that asks it."""

    def action(*args) -> bool:
        return predicate(*args)

    action.refusal = message
    action.__doc__ = predicate.__doc__
    return action


def require(user, action: Callable | None, *objs) -> None:
    """403, with the action's sentence, when the user may not do ``action`` (a predicate
    ``(user, *objs) -> bool``); with no object for actions such as creating one."""
    if action is not None and not action(user, *objs):
        raise PermissionDenied(refusal_of(action))
