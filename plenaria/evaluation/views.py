from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.core.forms import apply_errors
from plenaria.evaluation import selectors, services
from plenaria.evaluation.forms import AnswerForm, QuestionForm
from plenaria.evaluation.models import Answer
from plenaria.evaluation.permissions import (
    can_run_evaluation,
    get_evaluation_for_participant,
    get_evaluation_for_user,
    get_form_for_user,
    get_question_for_user,
)


def _posted(request):
    """The posted data, even when empty: an empty answer is refused with its message."""
    return request.POST if request.method == "POST" else None


def _editor(request, conference, form, add_form=None):
    questions = list(form.questions.order_by("position", "pk")) if form else []
    return render(
        request,
        "evaluation/form.html",
        {
            "conference": conference,
            "form": form,
            "questions": questions,
            "answered": selectors.answered_question_ids(form) if form else set(),
            "add_form": add_form or QuestionForm(),
            "answers": form.answers.count() if form else 0,
        },
    )


@login_required
@require_GET
def form_page(request, pk):
    """The organisers' page of the evaluation: its questions, and the way to the paper
    forms and the results."""
    conference, form = get_evaluation_for_user(request.user, pk, action=can_run_evaluation)
    return _editor(request, conference, form)


@login_required
@require_POST
def form_create(request, pk):
    conference, _form = get_evaluation_for_user(request.user, pk, action=can_run_evaluation)
    try:
        services.form_create(actor=request.user, conference=conference)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The evaluation form was created from the default questions."))
    return redirect("evaluation:form", pk=conference.pk)


@login_required
@require_POST
def question_add(request, pk):
    form = get_form_for_user(request.user, pk, action=can_run_evaluation)
    add_form = QuestionForm(request.POST)
    if add_form.is_valid():
        try:
            services.question_add(actor=request.user, form=form, data=add_form.cleaned_data)
        except ValidationError as error:
            apply_errors(add_form, error)
        else:
            messages.success(request, _("Question added."))
            return redirect("evaluation:form", pk=form.conference.pk)
    return _editor(request, form.conference, form, add_form=add_form)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, question_pk):
    question = get_question_for_user(request.user, pk, question_pk, action=can_run_evaluation)
    answered = question.items.exists()
    edit_form = QuestionForm(
        _posted(request),
        answered=answered,
        initial={"text": question.text, "kind": question.kind},
    )
    if request.method == "POST" and edit_form.is_valid():
        try:
            services.question_update(
                actor=request.user, question=question, data=edit_form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(edit_form, error)
        else:
            messages.success(request, _("Question saved."))
            return redirect("evaluation:form", pk=pk)
    return render(
        request,
        "evaluation/question_edit.html",
        {
            "conference": question.form.conference,
            "question": question,
            "edit_form": edit_form,
            "answered": answered,
        },
    )


def _move(request, pk, question_pk, *, up: bool):
    question = get_question_for_user(request.user, pk, question_pk, action=can_run_evaluation)
    try:
        services.question_move(actor=request.user, question=question, up=up)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("evaluation:form", kwargs={"pk": pk}) + f"#q{question.pk}")


@login_required
@require_POST
def question_up(request, pk, question_pk):
    return _move(request, pk, question_pk, up=True)


@login_required
@require_POST
def question_down(request, pk, question_pk):
    return _move(request, pk, question_pk, up=False)


@login_required
@require_POST
def question_remove(request, pk, question_pk):
    question = get_question_for_user(request.user, pk, question_pk, action=can_run_evaluation)
    try:
        services.question_remove(actor=request.user, question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Question removed."))
    return redirect("evaluation:form", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def paper(request, pk):
    """Staff type in the paper forms, one after the other."""
    form = get_form_for_user(request.user, pk, action=can_run_evaluation)
    questions = list(form.questions.order_by("position", "pk"))
    answer_form = AnswerForm(_posted(request), questions=questions)
    if request.method == "POST" and answer_form.is_valid():
        try:
            services.paper_answer_add(
                actor=request.user, form=form, values=answer_form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(answer_form, error)
        else:
            messages.success(request, _("Paper form recorded. Type the next one."))
            return redirect("evaluation:paper", pk=pk)
    return render(
        request,
        "evaluation/paper.html",
        {
            "conference": form.conference,
            "answer_form": answer_form,
            "on_paper": form.answers.filter(source=Answer.Source.PAPER).count(),
        },
    )


@login_required
@require_GET
def results(request, pk):
    conference, _form = get_evaluation_for_user(request.user, pk, action=can_run_evaluation)
    return render(
        request,
        "evaluation/results.html",
        {"conference": conference, "results": selectors.readable_results(conference)},
    )


@require_http_methods(["GET", "POST"])
def answer(request, code):
    """A participant answers their conference's evaluation on the phone, once."""
    registration, form = get_evaluation_for_participant(request, code)
    context = {"me": registration, "conference": registration.conference, "form": form}
    if form is None:
        return render(request, "evaluation/answer.html", context)
    if selectors.has_answered(registration=registration, form=form):
        if request.method == "POST":  # a second answer, e.g. from a tab left open
            messages.info(request, _("You have already answered this evaluation. Thank you!"))
            return redirect("evaluation:answer", code=code)
        return render(request, "evaluation/answer.html", {**context, "answered": True})
    questions = list(form.questions.order_by("position", "pk"))
    answer_form = AnswerForm(_posted(request), questions=questions)
    if request.method == "POST" and answer_form.is_valid():
        try:
            services.answer_submit(
                registration=registration, form=form, values=answer_form.cleaned_data
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "answered":
                messages.info(request, " ".join(error.messages))
                return redirect("evaluation:answer", code=code)
            apply_errors(answer_form, error)
        else:
            messages.success(request, _("Thank you! Your evaluation was recorded anonymously."))
            return redirect("evaluation:answer", code=code)
    context["answer_form"] = answer_form
    return render(request, "evaluation/answer.html", context)
