from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from plenaria.conferences import home_views
from plenaria.core import auth, job_views
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
    path("tarefas/<int:pk>/", job_views.job_page, name="job"),
    path("tarefas/<int:pk>/andamento/", job_views.job_progress, name="job_progress"),
    path("tarefas/<int:pk>/arquivo/", job_views.job_file, name="job_file"),
    path("tarefas/<int:pk>/de-novo/", job_views.job_again, name="job_again"),
    path("", include("plenaria.conferences.urls")),
    path("", include("plenaria.reports.urls")),
    path("", include("plenaria.participants.urls")),
    path("", include("plenaria.proposals.urls")),
    path("", include("plenaria.voting.urls")),
    path("", include("plenaria.delegates.urls")),
    path("", include("plenaria.records.urls")),
    path("", include("plenaria.evaluation.urls")),
    path("", include("plenaria.territory.urls")),
    path("", include("plenaria.editions.urls")),
]
