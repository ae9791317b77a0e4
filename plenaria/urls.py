from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from plenaria.conferences import home_views
from plenaria.core import auth
from plenaria.participants import access_views

# The admin's sign-in counts failed passwords like /entrar/ does.
admin.site.login_form = auth.ThrottledAdminAuthenticationForm

handler500 = "plenaria.core.views.server_error"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("entrar/", auth.ThrottledLoginView.as_view(), name="login"),
    path("sair/", auth_views.LogoutView.as_view(), name="logout"),
    path("idioma/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path(
        "gestao/conferencias/<int:pk>/credenciamento/desbloquear-pin/",
        access_views.pin_unlock,
        name="pin_unlock",
    ),
    path("", include("plenaria.conferences.urls")),
    path("", include("plenaria.reports.urls")),
    path("", include("plenaria.participants.urls")),
    path("", include("plenaria.proposals.urls")),
    path("", include("plenaria.voting.urls")),
    path("", include("plenaria.delegates.urls")),
]
