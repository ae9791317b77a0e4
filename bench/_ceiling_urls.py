"""The vote bench's URLconf: every URL of the application, then the ceiling endpoint."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST


@require_POST
def ceiling(request):
    """The least a Django endpoint can do for a vote: read the posted form, insert one
    row (the bench creates the table), answer. CSRF is checked like on the ballot."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_ceiling (phase, voter) VALUES (%s, %s)",
            [request.POST["phase"], request.POST["voter"]],
        )
    return HttpResponse(status=204)


# After the application's URLs, where an endpoint of the application would be resolved.
urlpatterns = [
    path("", include("plenaria.urls")),
    path("bench/teto/", ceiling),
]
