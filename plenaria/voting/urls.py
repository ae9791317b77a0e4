from django.urls import path

from plenaria.voting import views

app_name = "voting"

POLL = "gestao/conferencias/<int:pk>/votacao/votacoes/<int:poll_pk>"

urlpatterns = [
    path("gestao/conferencias/<int:pk>/votacao/", views.console, name="console"),
    path("gestao/conferencias/<int:pk>/votacao/regras/", views.settings_save, name="settings"),
    path(
        "gestao/conferencias/<int:pk>/votacao/votacoes/nova/",
        views.poll_create,
        name="poll_create",
    ),
    path(f"{POLL}/abrir/", views.poll_open, name="poll_open"),
    path(f"{POLL}/fechar/", views.poll_close, name="poll_close"),
    path(f"{POLL}/publicar/", views.poll_publish, name="poll_publish"),
    path(f"{POLL}/contagem/", views.analog_counts, name="analog_counts"),
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
