from django.urls import path

from plenaria.records import views

app_name = "records"

REPORT = "gestao/conferencias/<int:pk>/relatorio"

urlpatterns = [
    path(f"{REPORT}/", views.report, name="report"),
    path(f"{REPORT}/narrativa/", views.narrative, name="narrative"),
    path(f"{REPORT}/narrativa/<str:part>/", views.narrative_save, name="narrative_save"),
    path(f"{REPORT}/pdf/", views.report_pdf, name="pdf"),
    path(f"{REPORT}/deliberacoes.xlsx", views.deliberations_xlsx, name="xlsx"),
    path(f"{REPORT}/deliberacoes.csv", views.deliberations_csv, name="csv"),
]
