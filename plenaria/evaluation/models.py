"""The conference's evaluation: its form (questions), the answers, and who answered.

Anonymity is the shape of the tables. ``Respondent`` records only the fact "this
registration answered this form" (one per registration, a unique constraint), and
``Answer``/``AnswerItem`` hold what was answered with no registration, no person and no
time. Both answer tables use random UUIDs as keys, so neither their key order nor a
timestamp can pair the n-th respondent with the n-th answer written in the same
transaction (see docs/security.md, Evaluation).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from plenaria.evaluation import rules


class EvaluationForm(models.Model):
    conference = models.OneToOneField(
        "conferences.Conference", on_delete=models.CASCADE, related_name="evaluation_form"
    )

    class Meta:
        verbose_name = _("evaluation form")

    def __str__(self) -> str:
        return str(_("Evaluation of %(conference)s") % {"conference": self.conference})


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale from 1 to 5")
        TEXT = "text", _("Free text")

    form = models.ForeignKey(EvaluationForm, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("Question"), max_length=rules.QUESTION_MAX)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    """One filled form: from a phone or typed from paper. No registration, no time."""

    class Source(models.TextChoices):
        PHONE = "phone", _("Phone")
        PAPER = "paper", _("Paper")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    form = models.ForeignKey(EvaluationForm, on_delete=models.CASCADE, related_name="answers")
    source = models.CharField(max_length=10, choices=Source.choices)

    class Meta:
        verbose_name = _("evaluation answer")

    def __str__(self) -> str:
        return str(_("evaluation answer"))


class AnswerItem(models.Model):
    """The answer to one question: a scale value or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="items")
    # PROTECT: a question with answers is not removed (rules.question_removal_problem).
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="items")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=rules.ANSWER_TEXT_MAX)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "question"], name="one_item_per_question"),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True)
                | models.Q(scale__gte=rules.SCALE_MIN, scale__lte=rules.SCALE_MAX),
                name="scale_in_bounds",
            ),
        ]

    def __str__(self) -> str:
        return str(self.scale) if self.scale is not None else self.text[:40]


class Respondent(models.Model):
    """The fact that a registration answered the form, and nothing of what it answered."""

    form = models.ForeignKey(EvaluationForm, on_delete=models.CASCADE, related_name="respondents")
    registration = models.ForeignKey(
        "participants.Registration", on_delete=models.CASCADE, related_name="evaluations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["form", "registration"], name="one_evaluation_per_registration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form_id}:{self.registration_id}"
