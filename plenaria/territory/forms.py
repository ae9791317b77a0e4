from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from plenaria.core.forms import DateInput
from plenaria.territory.models import MAX_COUNCIL_SEATS, Council, CouncilMember, CouncilSegment
from plenaria.territory.rules import MAX_CONFERENCE_GAP_YEARS


class CouncilSettingsForm(forms.Form):
    """Not a ModelForm: validating one writes into the instance, and the service compares
    the council's value with the new one to record what changed."""

    _field = Council._meta.get_field("period_years")
    period_years = forms.IntegerField(
        label=capfirst(_field.verbose_name),
        help_text=_field.help_text,
        required=False,
        min_value=1,
        max_value=MAX_CONFERENCE_GAP_YEARS,
    )


class CouncilSeatsForm(forms.Form):
    """The council's law and the civil-society seats per segment it fixes."""

    law = forms.CharField(
        label=capfirst(Council._meta.get_field("law").verbose_name),
        help_text=Council._meta.get_field("law").help_text,
        max_length=300,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for segment, label in CouncilSegment.choices:
            for prefix, word in (("t", _("titulares")), ("s", _("suplentes"))):
                self.fields[f"{prefix}_{segment}"] = forms.IntegerField(
                    label=f"{label}: {word}",
                    min_value=0,
                    max_value=MAX_COUNCIL_SEATS,
                    initial=0,
                )

    def rows(self):
        """(segment label, titulares field, suplentes field) for the table."""
        return [
            (label, self[f"t_{segment}"], self[f"s_{segment}"])
            for segment, label in CouncilSegment.choices
        ]

    def seats(self) -> dict[str, tuple[int, int]]:
        data = self.cleaned_data
        return {s: (data[f"t_{s}"], data[f"s_{s}"]) for s in CouncilSegment.values}


def _model_field(name: str, **kwargs):
    return CouncilMember._meta.get_field(name).formfield(**kwargs)


class CouncilMemberForm(forms.Form):
    """A member typed on the council's page. Not a ModelForm: the service checks and
    audits the values."""

    name = _model_field("name", help_text=_("The name the person is known by (social name)."))
    role = _model_field("role")
    sector = _model_field("sector")
    segment = _model_field("segment")
    seat = _model_field("seat")
    term_start = _model_field("term_start", widget=DateInput())
    term_end = _model_field("term_end", widget=DateInput())
    act = _model_field("act")


class EndTermForm(forms.Form):
    term_end = forms.DateField(label=_("Term ends on"), widget=DateInput())
    reason = forms.CharField(label=_("Why"), max_length=300, required=False)
