from django.urls import path

from plenaria.participants import document_views, event_views, pin_views, views

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

urlpatterns += [
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/editar/",
        views.registration_edit,
        name="edit",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/substituicao/",
        views.substitution,
        name="substitution",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/substituicao/desfazer/",
        views.substitution_release,
        name="substitution_release",
    ),
    path(
        "gestao/conferencias/<int:pk>/documentos/", document_views.documents_page, name="documents"
    ),
    path("gestao/conferencias/<int:pk>/crachas/", document_views.badges, name="badges"),
    path(
        "gestao/conferencias/<int:pk>/turnos/<int:shift_pk>/lista-de-presenca.xlsx",
        document_views.attendance_list,
        name="attendance_list",
    ),
    path(
        "gestao/conferencias/<int:pk>/turnos/<int:shift_pk>/lista-de-presenca/pdf/",
        document_views.attendance_pdf,
        name="attendance_pdf",
    ),
    path(
        "gestao/conferencias/<int:pk>/certificados/",
        document_views.conference_certificates,
        name="conference_certificates",
    ),
    path("certificados/", document_views.certificates_home, name="certificates"),
    path("certificados/verificar/", document_views.certificate_verify, name="certificate_verify"),
    path(
        "inscricao/<str:code>/certificado.pdf", document_views.my_certificate, name="my_certificate"
    ),
    path(
        "gestao/conferencias/<int:pk>/eventos/",
        event_views.event_list,
        {"owner": "conference"},
        name="conference_events",
    ),
    path(
        "gestao/associacoes/<int:pk>/encontros/",
        event_views.event_list,
        {"owner": "association"},
        name="association_events",
    ),
    path("participar/", views.participant_login, name="participant_login"),
    path("participar/sair/", views.participant_logout, name="participant_logout"),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/pre-conferencias/",
        event_views.from_attendance,
        name="from_attendance",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/pre-conferencias/inscrever/",
        event_views.from_attendance_register,
        name="from_attendance_register",
    ),
    path("gestao/eventos/<int:pk>/", event_views.event_detail, name="event"),
    path("gestao/eventos/<int:pk>/editar/", event_views.event_edit, name="event_edit"),
    path("gestao/eventos/<int:pk>/eleger/", event_views.event_elect, name="event_elect"),
    path(
        "gestao/eventos/<int:pk>/lista-de-presenca.pdf",
        event_views.event_attendance_pdf,
        name="event_attendance",
    ),
    path(
        "gestao/eventos/<int:pk>/certificados.pdf",
        event_views.event_certificates,
        name="event_certificates",
    ),
    path(
        "gestao/eventos/<int:pk>/presencas/<int:attendance_pk>/dados.json",
        event_views.attendance_export,
        name="attendance_export",
    ),
    path(
        "gestao/eventos/<int:pk>/presencas/<int:attendance_pk>/apagar-dados/",
        event_views.attendance_erase,
        name="attendance_erase",
    ),
]

# The PIN at the check-in desk (pin_views.py).
urlpatterns += [
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/pin/",
        pin_views.pin_slip,
        name="pin_slip",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/pin.pdf",
        pin_views.pin_slip_pdf,
        name="pin_slip_pdf",
    ),
    path(
        "gestao/conferencias/<int:pk>/inscricoes/<int:registration_pk>/pin/novo/",
        pin_views.pin_reset,
        name="pin_reset",
    ),
]
