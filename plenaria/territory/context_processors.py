from django.utils.functional import SimpleLazyObject

from plenaria.territory.selectors import user_scope


def scope(request):
    """What the user's roles reach, for menus; computed only when a template asks."""
    return {"scope": SimpleLazyObject(lambda: user_scope(request.user))}
