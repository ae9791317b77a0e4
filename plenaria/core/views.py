import sys

from django.views import defaults

from plenaria.core.middleware import database_busy, database_busy_response


def server_error(request, template_name="500.html"):
    """handler500: an error raised outside a view (a middleware saving the session, the
    cache) because the database was busy gets the 503 "try again" page too; anything
    else is a real 500."""
    if database_busy(sys.exc_info()[1]):
        return database_busy_response()
    return defaults.server_error(request, template_name)
