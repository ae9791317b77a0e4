from django.urls import path

from plenaria.evaluation import views

app_name = "evaluation"

BASE = "gestao/conferencias/<int:pk>/avaliacao/"
QUESTION = f"{BASE}perguntas/<int:question_pk>/"

urlpatterns = [
    path(BASE, views.form_page, name="form"),
    path(f"{BASE}criar/", views.form_create, name="create"),
    path(f"{BASE}perguntas/nova/", views.question_add, name="question_add"),
    path(QUESTION, views.question_edit, name="question_edit"),
    path(f"{QUESTION}subir/", views.question_up, name="question_up"),
    path(f"{QUESTION}descer/", views.question_down, name="question_down"),
    path(f"{QUESTION}remover/", views.question_remove, name="question_remove"),
    path(f"{BASE}papel/", views.paper, name="paper"),
    path(f"{BASE}resultados/", views.results, name="results"),
    # the participant's phone (code + PIN session, participants.access)
    path("participar/<str:code>/avaliacao/", views.answer, name="answer"),
]
