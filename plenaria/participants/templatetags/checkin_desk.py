"""The check-in desk's own panel: the last people this desk credentialed in the shift,
so that after reading a badge the desk reaches that person's PIN slip in one click."""

from django import template

from plenaria.participants.models import CheckIn

register = template.Library()


@register.simple_tag
def desk_recent(shift, user, limit: int = 5) -> list[CheckIn]:
    if shift is None or not getattr(user, "is_authenticated", False):
        return []
    return list(
        CheckIn.objects.filter(shift=shift, by=user)
        .select_related("registration")
        .order_by("-at", "-pk")[:limit]
    )
