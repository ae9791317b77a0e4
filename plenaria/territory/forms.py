from django import forms
from django.utils.text import capfirst

from plenaria.territory.models import Council
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
