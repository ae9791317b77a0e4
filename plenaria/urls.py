from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from plenaria.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("entrar/", auth_views.LoginView.as_view(), name="login"),
    path("sair/", auth_views.LogoutView.as_view(), name="logout"),
    path("idioma/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("plenaria.conferences.urls")),
    path("", include("plenaria.reports.urls")),
    path("", include("plenaria.participants.urls")),
    path("", include("plenaria.proposals.urls")),
    path("", include("plenaria.voting.urls")),
    path("", include("plenaria.delegates.urls")),
]
