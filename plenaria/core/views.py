from django.shortcuts import render
from django.views.decorators.http import require_GET

from plenaria.conferences.selectors import public_conferences
from plenaria.editions.models import Edition


@require_GET
def home(request):
    edition = Edition.objects.prefetch_related("axes").first()
    return render(
        request,
        "core/home.html",
        {"edition": edition, "conferences": public_conferences()[:12]},
    )
