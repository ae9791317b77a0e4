"""Writing the evaluation: the form and its questions (organisers), the answers (a
participant on the phone, or staff typing a paper form). Every write first takes the
conference through ``conference_for_write`` (a closed conference stays closed) and is
all-or-nothing."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.conferences.rules import audit_context
from plenaria.conferences.services import conference_for_write
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.evaluation import rules
from plenaria.evaluation.models import Answer, AnswerItem, EvaluationForm, Question, Respondent
from plenaria.participants.models import Registration


def _question_problems(data: dict) -> dict[str, str]:
    problems = {}
    if data.get("kind") not in Question.Kind.values:
        problems["kind"] = _("Choose the kind of question.")
    text = (data.get("text") or "").strip()
    problem = rules.text_problem(text, rules.QUESTION_MAX)
    if problem:
        problems["text"] = problem
    elif not text:
        problems["text"] = _("Write the question.")
    return problems


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})


@transaction.atomic
def form_create(*, actor, conference: Conference) -> EvaluationForm:
    """The conference's evaluation form, from its edition's default questionnaire."""
    conference = conference_for_write(conference)
    if EvaluationForm.objects.filter(conference=conference).exists():
        raise ValidationError(_("This conference already has its evaluation form."))
    form = EvaluationForm.objects.create(conference=conference)
    questions = rules.default_questionnaire(conference.edition.year)
    Question.objects.bulk_create(
        Question(form=form, position=n, kind=kind, text=text)
        for n, (kind, text) in enumerate(questions, start=1)
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=form,
        after={"questions": len(questions)},
        context=audit_context(conference),
    )
    return form


@transaction.atomic
def question_add(*, actor, form: EvaluationForm, data: dict) -> Question:
    conference_for_write(form.conference_id)
    _refuse(_question_problems(data))
    last = form.questions.aggregate(last=Max("position"))["last"] or 0
    if form.questions.count() >= rules.MAX_QUESTIONS:
        raise ValidationError(
            _("A form holds at most %(n)s questions.") % {"n": rules.MAX_QUESTIONS}
        )
    question = Question.objects.create(
        form=form, position=last + 1, kind=data["kind"], text=data["text"].strip()
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=question,
        after={"kind": question.kind, "text": question.text},
        context=audit_context(form.conference),
    )
    return question


@transaction.atomic
def question_update(*, actor, question: Question, data: dict) -> Question:
    """Its wording and kind; the kind stays once the question has answers."""
    conference_for_write(question.form.conference_id)
    problems = _question_problems(data)
    if "kind" not in problems:
        problem = rules.kind_change_problem(
            answered=question.items.exists(), old=question.kind, new=data["kind"]
        )
        if problem:
            problems["kind"] = problem
    _refuse(problems)
    audit.update_audited(
        question,
        actor=actor,
        changes={"kind": data["kind"], "text": data["text"].strip()},
        context=audit_context(question.form.conference),
    )
    return question


@transaction.atomic
def question_move(*, actor, question: Question, up: bool) -> Question:
    """Swap the question with the one before it (``up``) or after it; at either end
    nothing changes."""
    conference_for_write(question.form.conference_id)
    ordered = list(question.form.questions.select_for_update().order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return question
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered, start=1):
        each.position = position
    Question.objects.bulk_update(ordered, ["position"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=question,
        before={"position": index + 1},
        after={"position": other + 1},
        context=audit_context(question.form.conference),
    )
    return question


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    conference_for_write(question.form.conference_id)
    problem = rules.removal_problem(answered=question.items.exists())
    if problem:
        raise ValidationError(problem)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=question,
        before={"kind": question.kind, "text": question.text},
        context=audit_context(question.form.conference),
    )
    question.delete()
    # close the gap so moving keeps working on consecutive positions
    rest = list(question.form.questions.order_by("position", "pk"))
    for position, each in enumerate(rest, start=1):
        each.position = position
    Question.objects.bulk_update(rest, ["position"])


def _items(form: EvaluationForm, values: dict) -> list[AnswerItem]:
    """The items of one answer, from {"q<question pk>": value}: an int (or None) for a
    scale, a text for free text. Refuses, at each field, a value out of the scale or a
    text with NUL or too long; an answer with nothing answered at all is refused."""
    problems, items = {}, []
    for question in form.questions.all():
        key = f"q{question.pk}"
        value = values.get(key)
        if question.kind == Question.Kind.SCALE:
            problem = rules.scale_problem(value)  # a text sent for it is refused here
            if problem:
                problems[key] = problem
            elif value is not None:
                items.append(AnswerItem(question=question, scale=value))
        else:
            # A form drawn before this question became free text sends a number.
            text = "" if value is None else str(value).strip()
            problem = rules.text_problem(text, rules.ANSWER_TEXT_MAX)
            if problem:
                problems[key] = problem
            elif text:
                items.append(AnswerItem(question=question, text=text))
    _refuse(problems)
    if not items:
        raise ValidationError(_("Answer at least one question."))
    return items


def _save_answer(form: EvaluationForm, source: str, items: list[AnswerItem]) -> Answer:
    answer = Answer.objects.create(form=form, source=source)
    for item in items:
        item.answer = answer
    AnswerItem.objects.bulk_create(items)
    return answer


@transaction.atomic
def answer_submit(*, registration: Registration, form: EvaluationForm, values: dict) -> None:
    """A participant's own answer, once. Deliberately not audited and returning
    nothing: an audit entry would carry the registration and the time beside the
    answer. The ``Respondent`` row is the only trace of who answered."""
    conference_for_write(form.conference_id)
    if registration.conference_id != form.conference_id:
        raise ValidationError(_("This evaluation is of another conference."))
    items = _items(form, values)
    try:
        with transaction.atomic():
            Respondent.objects.create(form=form, registration=registration)
    except IntegrityError:
        raise ValidationError(
            _("You have already answered this evaluation. Thank you!"), code="answered"
        ) from None
    _save_answer(form, Answer.Source.PHONE, items)


@transaction.atomic
def paper_answer_add(*, actor, form: EvaluationForm, values: dict) -> None:
    """One paper form typed in by staff: an answer tied to no registration. Audited on
    the form (who typed one in), never on the answer."""
    conference_for_write(form.conference_id)
    items = _items(form, values)
    _save_answer(form, Answer.Source.PAPER, items)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=form,
        reason=_("Paper evaluation form typed in"),
        context=audit_context(form.conference),
    )
