from django.urls import path

from plenaria.reports import views

app_name = "reports"

urlpatterns = [
    path("acompanhamento/", views.index, name="index"),
    path("acompanhamento/nacional/", views.national, name="national"),
    path("acompanhamento/<str:uf>/", views.state, name="state"),
]
