import sys

from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_safe

from plenaria.conferences.selectors import public_conferences
from plenaria.core.middleware import database_busy, database_busy_response
from plenaria.editions.models import Edition


@require_safe  # GET and HEAD: uptime monitors ask HEAD /
def home(request):
    edition = Edition.objects.prefetch_related("axes").first()
    return render(
        request,
        "core/home.html",
        {"edition": edition, "conferences": public_conferences()[:12]},
    )


def server_error(request, template_name="500.html"):
    """handler500: an error raised outside a view (a middleware saving the session, the
    cache) because the database was busy gets the 503 "try again" page too; anything
    else is a real 500."""
    if database_busy(sys.exc_info()[1]):
        return database_busy_response()
    return defaults.server_error(request, template_name)
