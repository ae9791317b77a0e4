from django.urls import path

from plenaria.territory import views

app_name = "territory"

COUNCIL = "gestao/conselhos/<int:pk>"

urlpatterns = [
    path(f"{COUNCIL}/", views.council_settings, name="council_settings"),
    path(f"{COUNCIL}/cadeiras/", views.council_seats, name="council_seats"),
    path(f"{COUNCIL}/membros/", views.council_member_add, name="council_member_add"),
    path(
        f"{COUNCIL}/membros/<int:member_pk>/",
        views.council_member_edit,
        name="council_member_edit",
    ),
    path(
        f"{COUNCIL}/membros/<int:member_pk>/encerrar/",
        views.council_member_end_term,
        name="council_member_end_term",
    ),
]
