from django import forms
from django.utils.translation import gettext_lazy as _

from plenaria.evaluation import rules
from plenaria.evaluation.models import Question


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=rules.QUESTION_MAX)
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=Question.Kind.choices,
        widget=forms.RadioSelect,
        initial=Question.Kind.SCALE,
    )

    def __init__(self, *args, answered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if answered:
            # the kind is kept (and said why) where a person would try to change it
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _(
                "This question already has answers: its kind cannot change."
            )


class AnswerForm(forms.Form):
    """One field per question, named q<question pk>: the scale as labelled radio buttons,
    free text as a text area. Every question may be left blank."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        scale = [(str(v), f"{v} — {label}") for v, label in rules.SCALE_LABELS.items()]
        for question in questions:
            label = f"{question.position}. {question.text}"
            if question.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=scale,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=rules.ANSWER_TEXT_MAX,
                    widget=forms.Textarea(
                        attrs={"rows": 4, "data-counter": str(rules.ANSWER_TEXT_MAX)}
                    ),
                )
            field.kind = question.kind
            self.fields[f"q{question.pk}"] = field
