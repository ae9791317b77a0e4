import pytest
from django.core.exceptions import ValidationError

from plenaria.core.models import AuditEntry
from plenaria.evaluation import rules, services
from plenaria.evaluation.models import Answer, AnswerItem, EvaluationForm, Question, Respondent
from plenaria.evaluation.tests.conftest import values

pytestmark = pytest.mark.django_db


def test_the_form_starts_from_the_editions_default_questionnaire(form, conference):
    texts = list(form.questions.order_by("position").values_list("kind", "text"))
    assert texts == rules.default_questionnaire(conference.edition.year)
    assert [k for k, _t in texts].count("scale") == 6 and texts[-1][0] == "text"
    assert AuditEntry.objects.filter(object_repr=str(form), action="create").exists()


def test_a_conference_has_one_form(form, conference, organiser):
    with pytest.raises(ValidationError, match="já tem seu formulário"):
        services.form_create(actor=organiser, conference=conference)


def test_the_organiser_adds_edits_moves_and_removes_questions(form, organiser):
    added = services.question_add(
        actor=organiser, form=form, data={"kind": "text", "text": " Sugestões de temas "}
    )
    assert (added.position, added.text) == (8, "Sugestões de temas")
    services.question_move(actor=organiser, question=added, up=True)
    assert list(form.questions.order_by("position").values_list("pk", flat=True))[6] == added.pk
    services.question_update(
        actor=organiser, question=added, data={"kind": "scale", "text": "Os temas foram bons?"}
    )
    added.refresh_from_db()
    assert (added.kind, added.text) == ("scale", "Os temas foram bons?")
    services.question_remove(actor=organiser, question=added)
    assert list(form.questions.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6, 7]


def test_a_question_with_answers_keeps_its_kind_and_stays(form, organiser, enrol):
    services.answer_submit(registration=enrol("Ana"), form=form, values=values(form))
    first = form.questions.get(position=1)
    with pytest.raises(ValidationError) as error:
        services.question_update(
            actor=organiser, question=first, data={"kind": "text", "text": first.text}
        )
    assert "kind" in error.value.error_dict
    with pytest.raises(ValidationError, match="não pode ser removida"):
        services.question_remove(actor=organiser, question=first)
    # the wording may still be fixed
    services.question_update(
        actor=organiser, question=first, data={"kind": "scale", "text": "Organização geral"}
    )
    assert form.questions.filter(text="Organização geral").exists()


@pytest.mark.parametrize(
    "text,problem",
    [("", "Escreva a pergunta"), ("A\x00B", "Caracteres nulos"), ("x" * 301, "no máximo 300")],
)
def test_a_bad_question_is_refused_at_its_field(form, organiser, text, problem):
    with pytest.raises(ValidationError) as error:
        services.question_add(actor=organiser, form=form, data={"kind": "scale", "text": text})
    assert problem in " ".join(error.value.message_dict["text"])
    assert form.questions.count() == 7


def test_one_answer_per_registration(form, enrol):
    ana = enrol("Ana")
    services.answer_submit(registration=ana, form=form, values=values(form, 5, "Mais água"))
    with pytest.raises(ValidationError, match="Você já respondeu esta avaliação") as error:
        services.answer_submit(registration=ana, form=form, values=values(form, 1))
    assert error.value.code == "answered"
    assert Answer.objects.count() == 1 and Respondent.objects.count() == 1
    assert AnswerItem.objects.filter(scale=1).count() == 0


def test_the_answer_rows_carry_no_link_to_the_registration(form, enrol):
    """Anonymity is the shape of the tables: no field of an answer points at a person or
    holds a time, and their keys are random (no order to pair with the respondents)."""
    for name in ("Ana", "Bia", "Caio"):
        services.answer_submit(registration=enrol(name), form=form, values=values(form))
    for model in (Answer, AnswerItem):
        fields = {f.name for f in model._meta.concrete_fields}
        related = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
        assert not {"registration", "person", "created_at", "updated_at"} & fields
        assert related <= {Answer, Question, EvaluationForm}
        assert model._meta.pk.get_internal_type() == "UUIDField"
    # the participant's answer writes no audit entry (it would carry who and when)
    answer_ids = {str(pk) for pk in Answer.objects.values_list("pk", flat=True)}
    assert not AuditEntry.objects.filter(object_id__in=answer_ids).exists()
    assert Respondent.objects.count() == 3


def test_a_participant_answers_only_their_own_conference(form, enrol, make_conference, janauba):
    other = make_conference(status="in_progress", municipality=janauba)
    stranger = enrol("Zé", conf=other, present=False)
    with pytest.raises(ValidationError, match="outra conferência"):
        services.answer_submit(registration=stranger, form=form, values=values(form))
    assert not Answer.objects.exists()


@pytest.mark.parametrize("value", [0, 6, -1, "5"])
def test_the_scale_goes_from_1_to_5(form, enrol, value):
    answer = values(form)
    first = form.questions.get(position=1)
    answer[f"q{first.pk}"] = value
    with pytest.raises(ValidationError) as error:
        services.answer_submit(registration=enrol("Ana"), form=form, values=answer)
    assert error.value.message_dict[f"q{first.pk}"] == ["Escolha um valor de 1 a 5."]
    assert not Answer.objects.exists() and not Respondent.objects.exists()


@pytest.mark.parametrize("text", ["Mais\x00água", "x" * 2001])
def test_nul_and_over_long_text_are_refused_at_the_field(form, organiser, text):
    last = form.questions.get(kind=Question.Kind.TEXT)
    with pytest.raises(ValidationError) as error:
        services.paper_answer_add(actor=organiser, form=form, values=values(form, text=text))
    assert list(error.value.message_dict) == [f"q{last.pk}"]
    assert not Answer.objects.exists()


def test_an_empty_answer_is_refused(form, enrol):
    with pytest.raises(ValidationError, match="Responda pelo menos uma pergunta"):
        services.answer_submit(registration=enrol("Ana"), form=form, values={})
    assert not Respondent.objects.exists()


def test_a_paper_form_is_one_answer_tied_to_no_one(form, organiser):
    services.paper_answer_add(actor=organiser, form=form, values=values(form, 3))
    answer = Answer.objects.get()
    assert answer.source == "paper" and answer.items.count() == 6  # the blank text is skipped
    assert not Respondent.objects.exists()
    typed = AuditEntry.objects.filter(reason="Formulário de avaliação em papel digitado")
    assert typed.get().object_id == str(form.pk)


def test_an_answer_drawn_before_a_question_changed_kind_is_no_500(form):
    """The form is drawn outside the conference's lock: an organiser may change an
    unanswered question's kind in between."""
    text_question = form.questions.filter(kind=Question.Kind.TEXT).first()
    scale_question = form.questions.filter(kind=Question.Kind.SCALE).first()
    values = {f"q{text_question.pk}": 4, f"q{scale_question.pk}": "bom"}
    with pytest.raises(ValidationError) as refused:
        services.paper_answer_add(actor=None, form=form, values=values)
    assert f"q{scale_question.pk}" in refused.value.message_dict
