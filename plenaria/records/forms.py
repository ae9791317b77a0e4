from django import forms
from django.utils.translation import gettext_lazy as _

from plenaria.records import rules


class NarrativeForm(forms.Form):
    """One narrative part; ``version`` is the version the text was opened at."""

    text = forms.CharField(
        required=False,
        max_length=rules.MAX_NARRATIVE,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput)

    def __init__(self, *args, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].help_text = _("Up to %(max)s characters.") % {
            "max": rules.MAX_NARRATIVE
        }
