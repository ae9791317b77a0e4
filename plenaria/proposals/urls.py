from django.urls import path

from plenaria.proposals import plenary_views, views

app_name = "proposals"

urlpatterns = [
    path("gestao/conferencias/<int:pk>/grupos/", views.group_list, name="groups"),
    path("gestao/conferencias/<int:pk>/grupos/equilibrar/", views.group_balance, name="balance"),
    path("grupos/<int:pk>/", views.group_detail, name="group"),
    path("grupos/<int:pk>/propostas/<int:proposal_pk>/", views.group_action, name="group_action"),
    path("propostas/<int:pk>/editar/", views.proposal_edit, name="edit"),
    path("gestao/conferencias/<int:pk>/propostas/", views.consolidated, name="consolidated"),
    path(
        "gestao/conferencias/<int:pk>/propostas/consolidado.pdf",
        views.consolidated_pdf,
        name="consolidated_pdf",
    ),
    path("gestao/conferencias/<int:pk>/propostas/recebidas/", views.submitted, name="submitted"),
    path(
        "conferencias/<int:pk>/deliberacoes-anteriores/",
        views.earlier_search,
        name="earlier_search",
    ),
    path("gestao/conferencias/<int:pk>/deliberacoes/", views.deliberations, name="deliberations"),
    path("gestao/conferencias/<int:pk>/plenaria/", plenary_views.plenary, name="plenary"),
    path("gestao/conferencias/<int:pk>/mocoes/", plenary_views.motions, name="motions"),
    path("participar/<str:code>/", plenary_views.participant_page, name="participant"),
]
