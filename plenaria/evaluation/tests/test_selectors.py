import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenaria.evaluation import charts, selectors, services
from plenaria.evaluation.tests.conftest import values

pytestmark = pytest.mark.django_db


def test_results_per_question_without_who(form, organiser, enrol):
    for name, scale, text in (("Ana", 5, "Mais água"), ("Bia", 4, ""), ("Caio", 4, "Som melhor")):
        services.answer_submit(
            registration=enrol(name), form=form, values=values(form, scale, text)
        )
    services.paper_answer_add(actor=organiser, form=form, values=values(form, 1, "Cadeiras"))
    result = selectors.results(form.conference)
    assert (result.answers, result.by_phone, result.on_paper) == (4, 3, 1)
    first = result.questions[0]
    assert [b.count for b in first.bars] == [1, 0, 0, 2, 1]
    assert first.answers == 4 and first.average == pytest.approx(14 / 4)
    assert [b.percent for b in first.bars] == [25, 0, 0, 50, 25]
    last = result.questions[-1]
    assert last.kind == "text" and last.answers == 3
    assert last.texts == ["Cadeiras", "Mais água", "Som melhor"]  # alphabetical, not by time


def test_results_take_a_constant_number_of_queries(form, organiser, enrol):
    services.paper_answer_add(actor=organiser, form=form, values=values(form, 3, "Um"))
    with CaptureQueriesContext(connection) as few:
        selectors.results(form.conference)
    for n in range(12):
        services.paper_answer_add(actor=organiser, form=form, values=values(form, n % 5 + 1, "T"))
    services.question_add(actor=organiser, form=form, data={"kind": "scale", "text": "Mais uma"})
    with CaptureQueriesContext(connection) as many:
        result = selectors.results(form.conference)
    assert result.answers == 13
    assert len(many) == len(few) <= 5


def test_another_conferences_answers_are_never_counted(
    form, organiser, enrol, make_conference, janauba
):
    other = make_conference(status="in_progress", municipality=janauba)
    other_form = services.form_create(actor=organiser, conference=other)
    services.paper_answer_add(actor=organiser, form=other_form, values=values(other_form, 1, "X"))
    services.answer_submit(
        registration=enrol("Zé", conf=other, present=False),
        form=other_form,
        values=values(other_form, 2),
    )
    services.paper_answer_add(actor=organiser, form=form, values=values(form, 5))
    mine = selectors.results(form.conference)
    assert mine.answers == 1
    assert [b.count for b in mine.questions[0].bars] == [0, 0, 0, 0, 1]
    assert mine.questions[-1].texts == []


def test_a_conference_without_form_has_no_results(conference):
    assert selectors.results(conference).exists is False


def test_the_chart_says_every_number_to_a_screen_reader(form, organiser):
    services.paper_answer_add(actor=organiser, form=form, values=values(form, 4))
    svg = charts.scale_chart(selectors.results(form.conference).questions[0], "c1")
    assert svg.startswith('<svg class="plenaria-chart" role="img" aria-labelledby="c1-t c1-d"')
    assert '<title id="c1-t">Como você avalia a organização da conferência?</title>' in svg
    assert "4 (Bom): 1" in svg and "Média 4,0 em 1 resposta." in svg
