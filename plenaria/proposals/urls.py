from django.urls import path

from plenaria.proposals import plenary_views, views

app_name = "proposals"

urlpatterns = [
    path("gestao/conferencias/<int:pk>/grupos/", views.group_list, name="groups"),
    path("gestao/conferencias/<int:pk>/grupos/equilibrar/", views.group_balance, name="balance"),
    path("grupos/<int:pk>/", views.group_detail, name="group"),
    path("grupos/<int:pk>/propostas/<int:proposal_pk>/adotar/", views.group_adopt, name="adopt"),
    path("grupos/<int:pk>/propostas/<int:proposal_pk>/descartar/", views.group_drop, name="drop"),
    path("grupos/<int:pk>/propostas/<int:proposal_pk>/fundir/", views.group_merge, name="merge"),
    path("grupos/<int:pk>/propostas/<int:proposal_pk>/votos/", views.group_vote, name="vote"),
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
    path("gestao/conferencias/<int:pk>/mocoes/", plenary_views.motions, name="motions"),
]

# The final plenary: the table's console (one URL per step).
PLENARY = "gestao/conferencias/<int:pk>/plenaria/"
urlpatterns += [
    path(PLENARY, plenary_views.plenary, name="plenary"),
    path(f"{PLENARY}destaques/", plenary_views.plenary_highlight, name="plenary_highlight"),
    path(
        f"{PLENARY}eixos/<int:axis_pk>/abrir-destaques/",
        plenary_views.highlights_open,
        name="highlights_open",
    ),
    path(
        f"{PLENARY}eixos/<int:axis_pk>/encerrar-destaques/",
        plenary_views.highlights_close,
        name="highlights_close",
    ),
    path(f"{PLENARY}eixos/<int:axis_pk>/votacao-em-bloco/", plenary_views.en_bloc, name="en_bloc"),
    path(
        f"{PLENARY}destaques/<int:highlight_pk>/resultado/",
        plenary_views.highlight_decide,
        name="highlight_decide",
    ),
]

MOTIONS = "gestao/conferencias/<int:pk>/mocoes/"
urlpatterns += [
    path(f"{MOTIONS}prazo/", plenary_views.motions_deadline, name="motions_deadline"),
    path(f"{MOTIONS}encerrar/", plenary_views.motions_close, name="motions_close"),
    path(f"{MOTIONS}nova/", plenary_views.motion_register, name="motion_register"),
    path(
        f"{MOTIONS}<int:motion_pk>/assinaturas/",
        plenary_views.motion_paper_signature,
        name="motion_paper_signature",
    ),
    path(f"{MOTIONS}<int:motion_pk>/resultado/", plenary_views.motion_decide, name="motion_decide"),
]

# The participant's page on the phone.
urlpatterns += [
    path("participar/<str:code>/", plenary_views.participant_page, name="participant"),
    path("participar/<str:code>/grupo/", plenary_views.participant_join, name="participant_join"),
    path(
        "participar/<str:code>/propostas/<int:proposal_pk>/destaque/",
        plenary_views.participant_highlight,
        name="participant_highlight",
    ),
    path(
        "participar/<str:code>/mocoes/nova/",
        plenary_views.participant_motion,
        name="participant_motion",
    ),
    path(
        "participar/<str:code>/mocoes/<int:motion_pk>/assinar/",
        plenary_views.participant_sign,
        name="participant_sign",
    ),
]
