"""Requests refused before any view looks at them."""

from django.http import HttpResponse
from django.utils.translation import gettext as _


class RefuseNulCharacters:
    """No text a person types holds a NUL character, and PostgreSQL refuses one in any
    query ("text fields cannot contain NUL"): an address or a query string with one is
    answered 400 with a message here, instead of a 500 wherever a view happens to look
    it up (/participar/<code>/, searches, filters). Form fields are left to the forms,
    which refuse NUL at the field (Django's CharField), with the form's own message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in request.GET.getlist(key))
            for key in request.GET
        ):
            return HttpResponse(
                _("The address holds a character that is not allowed (NUL)."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
