from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plenaria.voting.models import Mode, Poll, VotingSettings


class SettingsForm(forms.ModelForm):
    class Meta:
        model = VotingSettings
        fields = ["majority", "quorum", "mode", "allow_change"]


# What is voted (elections are created from the delegates' page, with their candidates),
# and the fields each item needs besides the question and the mode: the console shows
# only those (issue 21, item 12).
ITEM_CHOICES = [c for c in Poll.Item.choices if c[0] != Poll.Item.ELECTION]
ITEM_FIELDS = {
    Poll.Item.REGIMENTO: (),
    Poll.Item.EN_BLOC: ("axis",),
    Poll.Item.HIGHLIGHT: ("highlight",),
    Poll.Item.MOTION: ("motion",),
    Poll.Item.FREE: ("options",),
}
BY_ITEM = {name for names in ITEM_FIELDS.values() for name in names}


def chosen_item(value) -> str:
    """The item asked for, or the first of the agenda (the regimento) when it is none."""
    return value if value in ITEM_FIELDS else Poll.Item.REGIMENTO


class ItemForm(forms.Form):
    """Step one of a new poll (a GET: it changes nothing): what is voted. Without
    JavaScript its button reloads the console with that item's fields; with htmx a
    change swaps them in place."""

    item = forms.ChoiceField(label=_("What is voted"), choices=ITEM_CHOICES)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "choose_%s")  # the poll's form has its own `item`
        super().__init__(*args, **kwargs)


class PollForm(forms.Form):
    """A new poll of the item chosen (kept in a hidden field): only that item's fields,
    the question and the mode. Fields of other items are not on the form, so what the
    page did not show cannot be posted."""

    item = forms.ChoiceField(choices=ITEM_CHOICES, widget=forms.HiddenInput)
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

    def __init__(self, *args, axes, highlights, motions, item=None, all_axes=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = chosen_item(self.data.get("item") if self.is_bound else item)
        self.fields["item"].initial = self.item
        for name in BY_ITEM - set(ITEM_FIELDS[self.item]):
            del self.fields[name]
        if "axis" in self.fields:
            self.fields["axis"].queryset = axes
            if all_axes:  # the plenary method: one en-bloc vote may cover every axis
                self.fields["axis"].empty_label = _("All axes (every proposal without highlights)")
        if "highlight" in self.fields:
            self.fields["highlight"].queryset = highlights
            self.fields["highlight"].label_from_instance = lambda h: (
                _("Highlight %(n)s on %(p)s") % {"n": h.number, "p": h.proposal.label}
            )
        if "motion" in self.fields:
            self.fields["motion"].queryset = motions
        if self.item == Poll.Item.FREE:
            self.fields["question"].help_text = ""

    @property
    def item_label(self) -> str:
        return dict(ITEM_CHOICES)[self.item]

    def clean(self):
        data = super().clean()
        if "item" in self.errors:  # a hidden field: its error would show nowhere
            raise forms.ValidationError(_("Choose again what is voted."))
        return data


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
