from django.urls import path

from plenaria.editions import views

app_name = "editions"

urlpatterns = [
    path("gestao/edicoes/", views.edition_list, name="list"),
    path("gestao/edicoes/nova/", views.edition_create, name="create"),
    path("gestao/edicoes/<int:year>/editar/", views.edition_edit, name="edit"),
    path("gestao/edicoes/<int:year>/<str:uf>/calendario/", views.state_calendar, name="state"),
]
