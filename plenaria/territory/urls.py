from django.urls import path

from plenaria.territory import views

app_name = "territory"

urlpatterns = [
    path("gestao/conselhos/<int:pk>/", views.council_settings, name="council_settings"),
]
