from django.urls import path

from plenaria.delegates import views

app_name = "delegates"

urlpatterns = [
    path("gestao/vagas/<int:year>/nacional/", views.seat_table, name="national"),
    path("gestao/vagas/<int:year>/nacional/importar/", views.import_national, name="import"),
    path("gestao/vagas/<int:year>/<str:uf>/", views.seat_table, name="state"),
    path(
        "gestao/conferencias/<int:pk>/delegados/",
        views.conference_delegates,
        name="conference",
    ),
    path(
        "gestao/conferencias/<int:pk>/delegados/recebidos/",
        views.received,
        name="received",
    ),
    path(
        "gestao/conferencias/<int:pk>/delegados/recebidos/<int:handover_pk>/",
        views.received_detail,
        name="received_detail",
    ),
    path(
        "gestao/conferencias/<int:pk>/delegados/publicacao/",
        views.publication,
        name="publication",
    ),
    path("gestao/conferencias/<int:pk>/delegados/lista.pdf", views.list_pdf, name="pdf"),
    path("gestao/conferencias/<int:pk>/delegados/lista.xlsx", views.list_xlsx, name="xlsx"),
    path("participar/<str:code>/candidatura/", views.my_candidacy, name="mine"),
]
