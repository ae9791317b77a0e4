from django.urls import path

from plenaria.conferences import views

app_name = "conferences"

urlpatterns = [
    path("conferencias/<int:pk>/", views.public_detail, name="public"),
    path("conferencias/<int:pk>/ato.pdf", views.act_document, name="act_document"),
    path("gestao/", views.dashboard, name="dashboard"),
    path("gestao/conferencias/nova/", views.create, name="create"),
    path("gestao/conferencias/avisos/", views.warnings_preview, name="warnings"),
    path("gestao/conferencias/<int:pk>/", views.manage, name="manage"),
    path("gestao/conferencias/<int:pk>/historico/", views.history, name="history"),
    path("gestao/conferencias/<int:pk>/editar/", views.edit, name="edit"),
    path("gestao/conferencias/<int:pk>/ato/", views.act, name="act"),
    path("gestao/conferencias/<int:pk>/regimento/", views.regimento, name="regimento"),
    path("gestao/conferencias/<int:pk>/avancar/", views.advance, name="advance"),
    path("gestao/conferencias/<int:pk>/reabrir/", views.reopen, name="reopen"),
    path("gestao/conferencias/<int:pk>/excluir/", views.delete, name="delete"),
    path(
        "gestao/conferencias/<int:pk>/comissao/",
        views.edit_list,
        {"which": "commission"},
        name="commission",
    ),
    path(
        "gestao/conferencias/<int:pk>/turnos/", views.edit_list, {"which": "shifts"}, name="shifts"
    ),
    path(
        "gestao/conferencias/<int:pk>/programacao/",
        views.edit_list,
        {"which": "programme"},
        name="programme",
    ),
    path(
        "gestao/conferencias/<int:pk>/programacao/nova-linha/",
        views.add_row,
        {"which": "programme"},
        name="programme_row",
    ),
]
