import pytest
from django.urls import reverse
from django.utils import timezone

from plenaria.conferences.models import ConferenceRole
from plenaria.conftest import client_for, make_user
from plenaria.evaluation import services
from plenaria.evaluation.models import Answer, Question, Respondent
from plenaria.evaluation.tests.conftest import values
from plenaria.proposals.tests.test_views import participant_client

pytestmark = pytest.mark.django_db


def _url(name, conference, *args):
    return reverse(f"evaluation:{name}", args=[conference.pk, *args])


def test_the_organiser_creates_the_form_and_edits_its_questions(conference, organiser):
    client = client_for(organiser)
    page = client.get(_url("form", conference)).content.decode()
    assert "Criar o formulário com as perguntas padrão" in page
    response = client.post(_url("create", conference), follow=True)
    assert "O formulário de avaliação foi criado" in response.content.decode()
    assert conference.evaluation_form.questions.count() == 7

    response = client.post(
        _url("question_add", conference), {"text": "Os temas foram claros?", "kind": "scale"}
    )
    assert response.status_code == 302
    added = Question.objects.get(text="Os temas foram claros?")
    client.post(_url("question_up", conference, added.pk))
    added.refresh_from_db()
    assert added.position == 7
    client.post(_url("question_edit", conference, added.pk), {"text": "Temas", "kind": "text"})
    added.refresh_from_db()
    assert (added.text, added.kind) == ("Temas", "text")
    client.post(_url("question_remove", conference, added.pk))
    assert not Question.objects.filter(pk=added.pk).exists()


def test_a_bad_question_shows_its_reason_at_the_field(form, organiser):
    response = client_for(organiser).post(
        _url("question_add", form.conference), {"text": "A\x00B", "kind": "scale"}
    )
    assert response.status_code == 200
    assert "Caracteres nulos não são permitidos." in response.content.decode()
    assert form.questions.count() == 7


def test_an_answered_question_says_why_its_kind_is_kept(form, organiser):
    services.paper_answer_add(actor=organiser, form=form, values=values(form))
    first = form.questions.get(position=1)
    client = client_for(organiser)
    page = client.get(_url("question_edit", form.conference, first.pk)).content.decode()
    assert "Esta pergunta já tem respostas: o tipo dela não pode mudar." in page
    assert "disabled" in page
    editor = client.get(_url("form", form.conference)).content.decode()
    assert "Tem respostas: fica nos resultados e não pode ser removida." in editor
    response = client.post(_url("question_remove", form.conference, first.pk), follow=True)
    assert "não pode ser removida" in response.content.decode()
    assert Question.objects.filter(pk=first.pk).exists()


def test_a_participant_answers_once_and_a_second_answer_is_refused_politely(form, enrol):
    ana = enrol("Ana")
    client = participant_client(ana)
    url = reverse("evaluation:answer", args=[ana.code])
    page = client.get(url).content.decode()
    assert "Sua resposta é anônima" in page and 'name="q' in page
    response = client.post(url, values(form, 5, "Mais água"), follow=True)
    assert "Sua avaliação foi registrada de forma anônima." in response.content.decode()
    response = client.post(url, values(form, 1), follow=True)
    assert response.status_code == 200
    assert "Você já respondeu esta avaliação. Obrigado(a)!" in response.content.decode()
    assert Answer.objects.count() == 1 and Respondent.objects.get().registration == ana


def test_bad_answers_are_shown_at_the_field_with_a_summary(form, enrol):
    ana = enrol("Ana")
    url = reverse("evaluation:answer", args=[ana.code])
    text = form.questions.get(kind="text")
    response = participant_client(ana).post(url, {f"q{text.pk}": "x" * 2001})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Algumas respostas precisam de correção" in page
    assert "no máximo 2000 caracteres" in page
    response = participant_client(ana).post(url, {})
    assert "Responda pelo menos uma pergunta." in response.content.decode()
    assert not Answer.objects.exists() and not Respondent.objects.exists()


def test_the_participant_page_links_the_evaluation(form, enrol):
    ana = enrol("Ana")
    page = participant_client(ana).get(reverse("proposals:participant", args=[ana.code]))
    assert reverse("evaluation:answer", args=[ana.code]) in page.content.decode()


def test_without_a_form_the_participant_reads_it_is_not_open(conference, enrol):
    ana = enrol("Ana")
    page = participant_client(ana).get(reverse("evaluation:answer", args=[ana.code]))
    assert "ainda não está aberta" in page.content.decode()


def test_staff_types_paper_forms_and_sees_the_charts(form, organiser):
    client = client_for(organiser)
    response = client.post(_url("paper", form.conference), values(form, 4, "Mais tempo"))
    assert response.status_code == 302
    assert Answer.objects.get().source == "paper"
    page = client.get(_url("results", form.conference)).content.decode()
    assert "1 resposta (0 pelo celular, 1 em papel)." in page
    assert "a partir de 5 respostas" in page  # one answer is that person's own
    assert 'role="img"' not in page and "Mais tempo" not in page
    for _ in range(4):
        services.paper_answer_add(actor=organiser, form=form, values=values(form, 3, "Mais tempo"))
    page = client.get(_url("results", form.conference)).content.decode()
    assert page.count('role="img"') == 6 and "<desc" in page
    assert "Mais tempo" in page and "5 respostas (0 pelo celular, 5 em papel)." in page


def test_results_wait_for_the_end_of_the_conference(form, organiser):
    """While answers still come in, two readings would tell what one person answered."""
    conference = form.conference
    for _ in range(6):
        services.paper_answer_add(actor=organiser, form=form, values=values(form, 4))
    conference.end_date = timezone.localdate()
    conference.save(update_fields=["end_date"])
    page = client_for(organiser).get(_url("results", conference)).content.decode()
    assert "quando a conferência termina" in page and 'role="img"' not in page


def test_only_the_organisers_run_the_evaluation(form, outsider, conference):
    checkin = make_user("desk")
    ConferenceRole.objects.create(conference=conference, user=checkin, role="checkin")
    for name in ("form", "paper", "results"):
        assert client_for(outsider).get(_url(name, conference)).status_code == 404
        assert client_for(checkin).get(_url(name, conference)).status_code == 403
    question = form.questions.first()
    url = _url("question_remove", conference, question.pk)
    assert client_for(checkin).post(url).status_code == 403
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_question_of_another_conference_is_not_found(form, organiser, make_conference, janauba):
    other = make_conference(municipality=janauba, status="in_progress")
    foreign = services.form_create(actor=organiser, conference=other).questions.first()
    url = _url("question_edit", form.conference, foreign.pk)
    assert client_for(organiser).get(url).status_code == 404
