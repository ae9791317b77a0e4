"""Who runs a conference's evaluation (its organisers: the form, the paper answers,
the results) and who answers it (a participant, on their own conference's form only).
The form and its questions are loaded through the conference a URL names."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.permissions import can_write_conference, get_conference_for_user
from plenaria.core.permissions import worded
from plenaria.evaluation.models import EvaluationForm, Question
from plenaria.participants.access import own_registration

can_run_evaluation = worded(
    can_write_conference, _("Only the organisers of the conference run its evaluation.")
)


def get_evaluation_for_user(user, conference_pk, *, action):
    """(conference, its form or None): 404 for who may not read the conference, 403
    when ``action`` (a predicate on the conference) is refused."""
    conference = get_conference_for_user(user, conference_pk, action=action)
    return conference, EvaluationForm.objects.filter(conference=conference).first()


def get_form_for_user(user, conference_pk, *, action) -> EvaluationForm:
    """The conference's form, 404 while it has none."""
    conference, form = get_evaluation_for_user(user, conference_pk, action=action)
    if form is None:
        raise Http404
    form.conference = conference
    return form


def get_question_for_user(user, conference_pk, pk, *, action) -> Question:
    """A question of the form of the conference named before it (404 otherwise)."""
    form = get_form_for_user(user, conference_pk, action=action)
    question = get_object_or_404(form.questions.all(), pk=pk)
    question.form = form
    return question


def get_evaluation_for_participant(request, code):
    """(registration, its conference's form or None) for the session that opened the
    registration of ``code`` with its PIN (403 otherwise): a participant reaches only
    their own conference's form."""
    registration = own_registration(request, code)
    form = EvaluationForm.objects.filter(conference_id=registration.conference_id).first()
    if form is not None:
        form.conference = registration.conference
    return registration, form
