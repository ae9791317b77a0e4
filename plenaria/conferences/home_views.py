"""The home page: the edition's axes and the conferences anyone may see."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from plenaria.conferences.selectors import public_conferences
from plenaria.editions.models import Edition


@require_safe  # GET and HEAD: uptime monitors ask HEAD /
def home(request):
    edition = Edition.objects.prefetch_related("axes").first()
    return render(
        request,
        "conferences/home.html",
        {"edition": edition, "conferences": public_conferences()[:12]},
    )
