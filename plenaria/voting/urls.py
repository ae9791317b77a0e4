from django.urls import path

from plenaria.voting import views

app_name = "voting"

urlpatterns = [
    path("gestao/conferencias/<int:pk>/votacao/", views.console, name="console"),
    path("gestao/conferencias/<int:pk>/votacao/projetor/", views.projector, name="projector"),
    path(
        "gestao/conferencias/<int:pk>/votacao/resultados.pdf", views.results_pdf, name="results_pdf"
    ),
    path(
        "gestao/conferencias/<int:pk>/votacao/votos-nominais.xlsx",
        views.named_votes_xlsx,
        name="named_votes",
    ),
    path("conferencias/<int:pk>/votacao/estado/", views.state, name="state"),
    path("conferencias/<int:pk>/votacao/eventos/", views.events, name="events"),
    path("participar/<str:code>/votacao/", views.delegate, name="delegate"),
]
