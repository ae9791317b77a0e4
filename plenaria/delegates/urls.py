from django.urls import path

from plenaria.delegates import council_views, views

app_name = "delegates"

LIST = "gestao/conferencias/<int:pk>/delegados"
COUNCIL = "gestao/conferencias/<int:pk>/conselho"

urlpatterns = [
    path("gestao/vagas/<int:year>/nacional/", views.seat_table, name="national"),
    path("gestao/vagas/<int:year>/nacional/importar/", views.import_national, name="import"),
    path(
        "gestao/vagas/<int:year>/nacional/por-tipo/",
        views.national_shares,
        name="national_shares",
    ),
    path("gestao/vagas/<int:year>/<str:uf>/", views.seat_table, name="state"),
    path(f"{LIST}/", views.conference_delegates, name="conference"),
    path(f"{LIST}/candidaturas/", views.candidacy_register, name="candidacy_register"),
    path(
        f"{LIST}/candidaturas/<int:candidacy_pk>/retirar/",
        views.candidacy_withdraw,
        name="candidacy_withdraw",
    ),
    path(f"{LIST}/indicacoes/", views.nominate, name="nominate"),
    path(f"{LIST}/eleicoes/", views.election_start, name="election_start"),
    path(
        f"{LIST}/eleicoes/<int:election_pk>/resultado/",
        views.election_record,
        name="election_record",
    ),
    path(
        f"{LIST}/eleicoes/<int:election_pk>/cancelar/",
        views.election_cancel,
        name="election_cancel",
    ),
    path(f"{LIST}/cadeiras/", views.roles_set, name="roles"),
    path(f"{LIST}/confirmar/", views.list_confirm, name="confirm"),
    path(f"{LIST}/enviar/", views.handover_send, name="send"),
    path(f"{LIST}/recebidos/", views.received, name="received"),
    path(
        f"{LIST}/recebidos/<int:handover_pk>/",
        views.received_detail,
        name="received_detail",
    ),
    path(f"{LIST}/publicacao/", views.publication, name="publication"),
    path(f"{LIST}/lista.pdf", views.list_pdf, name="pdf"),
    path(f"{LIST}/lista.xlsx", views.list_xlsx, name="xlsx"),
    path(f"{COUNCIL}/", council_views.council_election, name="council"),
    path(
        f"{COUNCIL}/candidaturas/",
        council_views.council_candidacy_add,
        name="council_candidacy_add",
    ),
    path(
        f"{COUNCIL}/candidaturas/<int:candidacy_pk>/retirar/",
        council_views.council_candidacy_withdraw,
        name="council_candidacy_withdraw",
    ),
    path(f"{COUNCIL}/eleicoes/", council_views.council_election_start, name="council_start"),
    path(
        f"{COUNCIL}/eleicoes/<int:election_pk>/resultado/",
        council_views.council_election_record,
        name="council_record",
    ),
    path(
        f"{COUNCIL}/eleicoes/<int:election_pk>/cancelar/",
        council_views.council_election_cancel,
        name="council_cancel",
    ),
    path(f"{COUNCIL}/gravar/", council_views.council_write, name="council_write"),
    path(f"{COUNCIL}/resolucao/", council_views.council_resolution, name="council_resolution"),
    path("participar/<str:code>/candidatura/", views.my_candidacy, name="mine"),
    path(
        "participar/<str:code>/candidatura/candidatar/",
        views.my_candidacy_stand,
        name="stand",
    ),
    path(
        "participar/<str:code>/candidatura/retirar/",
        views.my_candidacy_withdraw,
        name="withdraw",
    ),
]

# segments whose delegates are chosen in their own forum (issue 23)
urlpatterns += [
    path(f"{LIST}/como-escolhe/", views.segment_choice_set, name="segment_choice"),
    path(f"{LIST}/forum/", views.forum_delegate_record, name="forum_delegate"),
]
