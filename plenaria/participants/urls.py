from django.urls import path

from plenaria.participants import views

app_name = "participants"

urlpatterns = [
    path("conferencias/<int:pk>/inscricao/", views.register, name="register"),
    path("inscricao/<str:code>/", views.confirmation, name="confirmation"),
    path("inscricao/<str:code>/qr.png", views.qr_png, name="qr"),
    path("gestao/conferencias/<int:pk>/inscricoes/", views.registration_list, name="list"),
    path("gestao/conferencias/<int:pk>/inscricoes/nova/", views.registration_new, name="new"),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/importar/",
        views.import_registrations,
        name="import",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/importar/modelo.csv",
        views.import_template,
        name="import_template",
    ),
    path("gestao/conferencias/<int:pk>/estatisticas/", views.statistics, name="statistics"),
    path(
        "gestao/conferencias/<int:pk>/credenciamento/",
        views.credentialing,
        name="credentialing",
    ),
    path(
        "gestao/conferencias/<int:pk>/credenciamento/contagem/",
        views.credentialing_counts,
        name="credentialing_counts",
    ),
    path(
        "gestao/conferencias/<int:pk>/credenciamento/confirmar/",
        views.credentialing_confirm,
        name="credentialing_confirm",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/dados.json",
        views.person_export,
        name="person_export",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/apagar-dados/",
        views.person_erase,
        name="person_erase",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/cancelar/",
        views.registration_cancel,
        name="cancel",
    ),
]
