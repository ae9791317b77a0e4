from django import forms
from django.utils.translation import gettext_lazy as _

from plenaria.core.forms import DateInput
from plenaria.editions.models import STATE_CALENDAR_FIELDS, Edition, StateCalendar
from plenaria.territory.models import Level

DATE = DateInput()
MAX_AXES = 12


class EditionForm(forms.ModelForm):
    """The edition, its axes (one per line, in order) and a window per level."""

    axes = forms.CharField(
        label=_("Axes"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One axis per line, in order: the first line is axis 1."),
    )

    class Meta:
        model = Edition
        fields = ["number", "year", "nature", "theme"]
        widgets = {"theme": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update(min=1, max=99)
        self.fields["year"].widget.attrs.update(min=1990, max=2100)
        for level, label in Level.choices:
            self.fields[f"{level}_start"] = forms.DateField(
                label=_("%(level)s stage: from") % {"level": label}, required=False, widget=DATE
            )
            self.fields[f"{level}_end"] = forms.DateField(
                label=_("%(level)s stage: until") % {"level": label}, required=False, widget=DATE
            )
        if self.instance.pk and not self.is_bound:
            self.initial["axes"] = "\n".join(a.title for a in self.instance.axes.all())
            for window in self.instance.windows.all():
                self.initial[f"{window.level}_start"] = window.start
                self.initial[f"{window.level}_end"] = window.end

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1990 <= year <= 2100:
            raise forms.ValidationError(_("Type a year between 1990 and 2100."))
        return year

    def clean_axes(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["axes"].splitlines()]
        axes = [line for line in lines if line]
        if not axes:
            raise forms.ValidationError(_("Type at least one axis."))
        if len(axes) > MAX_AXES:
            raise forms.ValidationError(_("At most %(n)s axes, one per line.") % {"n": MAX_AXES})
        return axes

    def windows(self) -> dict:
        """{level: (start, end)} as typed, levels in chain order."""
        return {
            level: (self.cleaned_data.get(f"{level}_start"), self.cleaned_data.get(f"{level}_end"))
            for level in Level.values
        }

    def window_fields(self):
        """(level label, start field, end field) for the template's fieldsets."""
        return [
            (label, self[f"{level}_start"], self[f"{level}_end"]) for level, label in Level.choices
        ]

    def main_fields(self):
        return [self[name] for name in ("number", "year", "nature", "theme", "axes")]


class StateCalendarForm(forms.ModelForm):
    class Meta:
        model = StateCalendar
        fields = list(STATE_CALENDAR_FIELDS)
        widgets = dict.fromkeys(STATE_CALENDAR_FIELDS, DATE)
