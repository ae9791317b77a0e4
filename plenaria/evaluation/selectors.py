"""Reading the evaluation: the form of a conference and its results. The results
never name who answered: they are counted from the answers, which hold no
registration (models.py)."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from plenaria.conferences.rules import is_locked
from plenaria.evaluation import rules
from plenaria.evaluation.models import Answer, AnswerItem, EvaluationForm, Question, Respondent


def has_answered(*, registration, form: EvaluationForm) -> bool:
    return Respondent.objects.filter(form=form, registration=registration).exists()


def answered_question_ids(form: EvaluationForm) -> set[int]:
    """The questions that already have answers (they keep their kind and stay)."""
    return set(AnswerItem.objects.filter(question__form=form).values_list("question_id", flat=True))


@dataclass
class Bar:
    value: int
    label: str
    count: int
    percent: int  # of the question's answers, rounded


@dataclass
class QuestionResult:
    position: int
    text: str
    kind: str
    answers: int = 0  # how many answered this question
    average: float | None = None
    bars: list[Bar] = field(default_factory=list)  # scale questions, 1 to 5
    texts: list[str] = field(default_factory=list)  # free texts, in no particular order


@dataclass
class Results:
    """What the results page and the final report show of a conference's evaluation."""

    exists: bool
    answers: int = 0  # forms answered, phone and paper
    by_phone: int = 0
    on_paper: int = 0
    questions: list[QuestionResult] = field(default_factory=list)
    hidden: str | None = None  # why the questions' results cannot be read yet


def results(conference) -> Results:
    """The evaluation's results per question: counts per scale value, average, number of
    answers, the free texts (without who). Four queries whatever the size."""
    form = EvaluationForm.objects.filter(conference=conference).first()
    if form is None:
        return Results(exists=False)
    sources = dict(
        Answer.objects.filter(form=form)
        .values_list("source")
        .annotate(n=Count("id"))
        .values_list("source", "n")
    )
    questions = list(form.questions.order_by("position", "pk"))
    counts: dict[int, dict[int, int]] = {q.pk: {} for q in questions}
    for question_id, value, n in (
        AnswerItem.objects.filter(question__form=form, scale__isnull=False)
        .values_list("question_id", "scale")
        .annotate(n=Count("id"))
        .values_list("question_id", "scale", "n")
    ):
        counts[question_id][value] = n
    texts: dict[int, list[str]] = {q.pk: [] for q in questions}
    # ordered by text, never by key or insertion: the list must not hint who wrote what
    for question_id, text in (
        AnswerItem.objects.filter(question__form=form, scale__isnull=True)
        .exclude(text="")
        .order_by("question_id", "text")
        .values_list("question_id", "text")
    ):
        texts[question_id].append(text)
    out = []
    for question in questions:
        result = QuestionResult(position=question.position, text=question.text, kind=question.kind)
        if question.kind == Question.Kind.SCALE:
            found = counts[question.pk]
            result.answers = sum(found.values())
            result.average = rules.average(found)
            result.bars = [
                Bar(
                    value=value,
                    label=str(label),
                    count=found.get(value, 0),
                    percent=round(100 * found.get(value, 0) / result.answers)
                    if result.answers
                    else 0,
                )
                for value, label in rules.SCALE_LABELS.items()
            ]
        else:
            result.texts = texts[question.pk]
            result.answers = len(result.texts)
        out.append(result)
    return Results(
        exists=True,
        answers=sum(sources.values()),
        by_phone=sources.get(Answer.Source.PHONE, 0),
        on_paper=sources.get(Answer.Source.PAPER, 0),
        questions=out,
    )


def readable_results(conference) -> Results:
    """The results as the organisers and the final report may read them: counted only
    once the conference has ended and from ``rules.RESULTS_MIN_ANSWERS`` answers on;
    before, only how many answered, with the reason (``Results.hidden``)."""
    found = results(conference)
    ended = is_locked(conference) or conference.end_date < timezone.localdate()
    hidden = found.exists and rules.results_hidden_reason(ended=ended, answers=found.answers)
    if hidden:
        return Results(
            exists=True,
            answers=found.answers,
            by_phone=found.by_phone,
            on_paper=found.on_paper,
            hidden=hidden,
        )
    return found
