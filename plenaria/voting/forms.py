from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plenaria.voting.models import Mode, Poll, VotingSettings


class SettingsForm(forms.ModelForm):
    class Meta:
        model = VotingSettings
        fields = ["majority", "quorum", "mode", "allow_change"]


class PollForm(forms.Form):
    """A new poll: what is voted (an item of the agenda or a free question) and how."""

    # Elections are created from the delegates' page, with their candidates.
    item = forms.ChoiceField(
        label=_("What is voted"),
        choices=[c for c in Poll.Item.choices if c[0] != Poll.Item.ELECTION],
    )
    axis = forms.ModelChoiceField(label=_("Axis (en-bloc approval)"), queryset=None, required=False)
    highlight = forms.ModelChoiceField(label=_("Highlight"), queryset=None, required=False)
    motion = forms.ModelChoiceField(label=_("Motion"), queryset=None, required=False)
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        required=False,
        help_text=_("Filled in from the item when left empty."),
    )
    options = forms.CharField(
        label=_("Options (free question)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line; leave empty for yes / no / abstention."),
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)

    def __init__(self, *args, axes, highlights, motions, all_axes=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = axes
        if all_axes:  # the plenary method: one en-bloc vote may cover every axis
            self.fields["axis"].empty_label = _("All axes (every proposal without highlights)")
        self.fields["highlight"].queryset = highlights
        self.fields["motion"].queryset = motions
        self.fields["highlight"].label_from_instance = lambda h: (
            _("Highlight %(n)s on %(p)s") % {"n": h.number, "p": h.proposal.label}
        )


class AnalogCountsForm(forms.Form):
    """The cards counted by the table, one field per option, and when the vote was held
    (the counts may be typed later): the poll's opening time unless the table says."""

    held_at = forms.DateTimeField(
        label=_("Vote held at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("When the plenary raised the cards. Blank: when the poll was opened."),
    )

    def __init__(self, *args, poll: Poll, **kwargs):
        super().__init__(*args, **kwargs)
        held = poll.held_at or poll.opened_at
        self.fields["held_at"].initial = timezone.localtime(held) if held else None
        for option in poll.options.all():
            self.fields[f"count_{option.key}"] = forms.IntegerField(
                label=option.label, min_value=0, max_value=100_000, initial=option.votes
            )

    def counts(self) -> dict[str, int]:
        return {
            name.removeprefix("count_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("count_")
        }
