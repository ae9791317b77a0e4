from django import forms
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import PreparatoryEvent
from plenaria.editions.models import Axis, MotionType, Sphere
from plenaria.participants.forms import CodeField
from plenaria.proposals.models import TEXT_LIMIT, Highlight, Proposal


def _textarea(rows: int = 5) -> forms.Textarea:
    # No maxlength: a longer text pasted in is kept whole and refused with a message at
    # the field (the model's limit); the counter (static/plenaria/counter.js) shows it coming.
    return forms.Textarea(attrs={"rows": rows, "data-counter": TEXT_LIMIT})


class GroupForm(forms.Form):
    axis = forms.ModelChoiceField(label=_("Axis"), queryset=Axis.objects.none())
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("E.g. “GT 1 — Eixo 1”."))
    room = forms.CharField(label=_("Room"), max_length=100, required=False)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.filter(edition_id=conference.edition_id)
        self.fields["axis"].label_from_instance = lambda a: f"{a} — {a.title}"[:120]
        self.fields["coordinator"] = CodeField(
            label=_("Coordinator (code)"), required=False, conference=conference
        )
        self.fields["rapporteur"] = CodeField(
            label=_("Rapporteur (code)"), required=False, conference=conference
        )


class ProposalForm(forms.Form):
    sphere = forms.ChoiceField(label=_("Sphere"), widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Proposal.Kind.choices,
        initial=Proposal.Kind.NEW,
        widget=forms.RadioSelect,
    )
    refers_to = forms.ModelChoiceField(
        label=_("Earlier deliberation"),
        queryset=Proposal.objects.none(),
        required=False,
        help_text=_(
            "For a recommendation: the deliberation of an earlier conference still not carried out."
        ),
    )
    text = forms.CharField(
        label=_("Text of the proposal"),
        widget=_textarea(),
        error_messages={"required": _("Write the text: it cannot be empty.")},
    )
    justification = forms.CharField(
        label=_("Justification (optional)"), required=False, widget=_textarea(3)
    )

    def __init__(self, *args, spheres, earlier, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Sphere.choices)
        self.fields["sphere"].choices = [(s, labels.get(s, s)) for s in spheres]
        if len(spheres) == 1:
            self.fields["sphere"].initial = spheres[0]
        self.fields["refers_to"].queryset = earlier
        self.fields["refers_to"].label_from_instance = lambda p: (
            f"{p.conference.edition.year} · {p} — {p.text[:90]}"
        )


class SubmittedProposalForm(ProposalForm):
    axis = forms.ModelChoiceField(label=_("Axis"), queryset=Axis.objects.none())
    event = forms.ModelChoiceField(
        label=_("Collected at"),
        queryset=PreparatoryEvent.objects.none(),
        required=False,
        empty_label=_("Sent before the conference (no event)"),
    )
    field_order = ["axis", "event", "sphere", "kind", "refers_to", "text", "justification"]

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.filter(edition_id=conference.edition_id)
        self.fields["axis"].label_from_instance = lambda a: f"{a} — {a.title}"[:120]
        self.fields["event"].queryset = conference.preparatory_events.all()


class VoteForm(forms.Form):
    yes = forms.IntegerField(label=_("In favour"), min_value=0, max_value=100000)
    no = forms.IntegerField(label=_("Against"), min_value=0, max_value=100000)
    abstention = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=100000)

    def clean(self):
        data = super().clean()
        if not self.errors and not (data["yes"] + data["no"] + data["abstention"]):
            raise forms.ValidationError(_("Enter the counts: at least one vote."))
        return data


class HighlightForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of highlight"), choices=Highlight.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Proposed text"),
        required=False,
        widget=_textarea(4),
        help_text=_(
            "For a modification, the whole new text; for an addition, what is added. "
            "A suppression needs no text."
        ),
    )
    as_new_item = forms.BooleanField(
        label=_("Add as a new proposal (not at the end of this one)"), required=False
    )


class TableHighlightForm(HighlightForm):
    """The table registers a highlight for a delegate without a phone."""

    proposal = forms.ModelChoiceField(label=_("Proposal"), queryset=Proposal.objects.none())
    field_order = ["proposal", "proposer", "kind", "text", "as_new_item"]

    def __init__(self, *args, conference, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].label_from_instance = lambda p: f"{p} — {p.text[:80]}"
        self.fields["proposer"] = CodeField(label=_("Delegate (code)"), conference=conference)
        self.order_fields(self.field_order)


class MotionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"))
    addressee = forms.CharField(
        label=_("Addressee"), max_length=200, help_text=_("Who the motion is sent to.")
    )
    text = forms.CharField(
        label=_("Text of the motion"),
        widget=_textarea(),
        error_messages={"required": _("Write the text: it cannot be empty.")},
    )
    justification = forms.CharField(
        label=_("Justification (optional)"), required=False, widget=_textarea(3)
    )

    def __init__(self, *args, motion_types, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(MotionType.choices)
        self.fields["kind"].choices = [(t, labels.get(t, t)) for t in motion_types]


class TableMotionForm(MotionForm):
    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposer"] = CodeField(label=_("Proposer (code)"), conference=conference)
        self.order_fields(["proposer", "kind", "addressee", "text", "justification"])


class PaperSignatureForm(forms.Form):
    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"] = CodeField(
            label=_("Delegate who signed on paper (code)"), conference=conference
        )


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline for motions"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
