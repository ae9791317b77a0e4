from django.urls import path

from plenaria.delegates import views

app_name = "delegates"

urlpatterns = [
    path("gestao/vagas/<int:year>/nacional/", views.seat_table, name="national"),
    path("gestao/vagas/<int:year>/nacional/importar/", views.import_national, name="import"),
    path("gestao/vagas/<int:year>/<str:uf>/", views.seat_table, name="state"),
]
