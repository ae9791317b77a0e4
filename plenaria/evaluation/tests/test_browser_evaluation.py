"""The organiser prepares the evaluation, a participant answers on a phone (a second
answer, from a tab left open, is refused politely), staff types a paper form, and the
results show their charts."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.evaluation import services
from plenaria.evaluation.models import Answer, EvaluationForm, Respondent
from plenaria.proposals.tests.test_browser_deliberation import open_my_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

ORGANISATION = "1. Como você avalia a organização da conferência?"
IMPROVE = "8. O que deve melhorar na próxima conferência?"


def test_the_organiser_prepares_a_participant_answers_staff_types_paper_and_results_show(
    new_page, conference, organiser, enrol
):
    ana = enrol("Ana Souza")
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Avaliação").click()
    page.get_by_role("button", name="Criar o formulário com as perguntas padrão").click()
    expect(page.get_by_text("O formulário de avaliação foi criado")).to_be_visible()
    page.get_by_role("textbox", name="Pergunta").fill("Os temas dos eixos foram bem apresentados?")
    page.get_by_role("group", name="Tipo de resposta").get_by_label("Escala de 1 a 5").check()
    page.get_by_role("button", name="Acrescentar a pergunta").click()
    expect(page.get_by_text("Pergunta acrescentada.")).to_be_visible()
    page.get_by_role("button", name="Subir a pergunta 8").click()
    page.get_by_role("link", name="Editar a pergunta 7").click()
    page.get_by_role("textbox", name="Pergunta").fill("Os temas dos eixos foram claros?")
    page.get_by_role("button", name="Salvar a pergunta").click()
    questions = page.get_by_role("region", name="Perguntas")
    expect(questions.get_by_role("listitem").nth(6)).to_contain_text("foram claros?")
    check_accessibility(page, "evaluation-form")

    # Ana opens the evaluation on her phone, and on a second tab she forgets about
    phone = new_page(width=360, height=740)
    open_my_page(phone, ana)
    phone.get_by_role("link", name="Avaliar a conferência").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Avaliar a conferência")
    forgotten = new_page(width=360, height=740)
    open_my_page(forgotten, ana)
    forgotten.goto(f"/participar/{ana.code}/avaliacao/")

    phone.get_by_role("group", name=ORGANISATION).get_by_label("5 — Muito bom").check()
    phone.get_by_label(IMPROVE).fill("Mais água no plenário.")
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "evaluation-phone-answer")
    phone.get_by_role("button", name="Enviar minha avaliação").click()
    expect(phone.get_by_text("Sua avaliação foi registrada de forma anônima.")).to_be_visible()
    expect(phone.get_by_role("status").last).to_contain_text("Você já respondeu esta avaliação.")
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "evaluation-phone-answered")

    forgotten.get_by_role("group", name=ORGANISATION).get_by_label("1 — Muito ruim").check()
    forgotten.get_by_role("button", name="Enviar minha avaliação").click()
    expect(
        forgotten.get_by_text("Você já respondeu esta avaliação. Obrigado(a)!").first
    ).to_be_visible()
    assert Respondent.objects.count() == 1 and Answer.objects.count() == 1

    # a paper form typed in by the staff
    page.get_by_role("link", name="Digitar formulários em papel").click()
    page.get_by_role("group", name=ORGANISATION).get_by_label("3 — Regular").check()
    page.get_by_role("group", name="5. Como você avalia a alimentação?").get_by_label(
        "2 — Ruim"
    ).check()
    page.get_by_label(IMPROVE).fill("Cadeiras mais confortáveis.")
    check_accessibility(page, "evaluation-paper")
    page.get_by_role("button", name="Registrar este formulário em papel").click()
    expect(page.get_by_text("Formulário em papel registrado. Digite o próximo.")).to_be_visible()
    expect(page.get_by_text("1 formulário em papel digitado até agora.")).to_be_visible()

    page.get_by_role("link", name="Resultados").click()
    expect(page.get_by_text("2 respostas (1 pelo celular, 1 em papel).")).to_be_visible()
    # two answers would be those two people's own: nothing per question yet
    expect(page.get_by_text("a partir de 5 respostas")).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)
    form = EvaluationForm.objects.get(conference=conference)
    first_question = form.questions.order_by("position").first()
    for scale in (4, 4, 5):  # three more paper forms
        services.paper_answer_add(
            actor=organiser, form=form, values={f"q{first_question.pk}": scale}
        )
    page.reload()
    expect(page.get_by_text("5 respostas (1 pelo celular, 4 em papel).")).to_be_visible()
    charts = page.get_by_role("img")
    expect(charts).to_have_count(2)  # the questions answered; the others say so
    expect(page.get_by_role("img", name=ORGANISATION[3:])).to_be_visible()
    first = page.get_by_role("region", name=ORGANISATION)
    expect(first.get_by_text("Média 4,2 em 5 respostas.", exact=True)).to_be_visible()
    expect(first.get_by_role("row", name="5 — Muito bom")).to_contain_text("2")
    improve = page.get_by_role("region", name=IMPROVE)
    expect(improve.get_by_role("listitem")).to_have_text(
        ["Cadeiras mais confortáveis.", "Mais água no plenário."]
    )
    check_accessibility(page, "evaluation-results")
    narrow = new_page(organiser, width=360, height=740)
    narrow.goto(f"/gestao/conferencias/{conference.pk}/avaliacao/resultados/")
    assert_no_horizontal_scroll(narrow)
    check_accessibility(narrow, "evaluation-results-360")
