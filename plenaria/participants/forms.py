import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plenaria.core.forms import DateInput
from plenaria.participants import rules
from plenaria.participants.models import (
    WITHOUT_SEGMENT,
    AccessibilityNeed,
    Category,
    Registration,
    Segment,
    SelfDeclaration,
)
from plenaria.participants.rules import PERSONAL_FIELDS
from plenaria.participants.services import REGISTRATION_FIELDS
from plenaria.territory.models import Municipality

DATE = DateInput()
TEXT_LIMIT = 200
# The "no segment" choice (speakers, authorities, staff): a value of its own, so that an
# empty segment does not tick it for everyone before the desk chooses.
NO_SEGMENT = "none"


class RegistrationForm(forms.Form):
    """The public registration form, in plain words (DOMAIN.md §4)."""

    name = forms.CharField(label=_("Full name"), max_length=TEXT_LIMIT)
    social_name = forms.CharField(
        label=_("Social name"),
        max_length=TEXT_LIMIT,
        required=False,
        help_text=_("The name you want to be called by, if different."),
    )
    phone = forms.CharField(
        label=_("Phone (with area code)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    cpf = forms.CharField(
        label=_("CPF"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "Optional for service users. If you have no CPF, give the NIS or another document."
        ),
    )
    nis = forms.CharField(
        label=_("NIS"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    other_document = forms.CharField(
        label=_("Other document (kind and number)"), max_length=60, required=False
    )
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE)
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you live"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Choose"),
    )
    segment = forms.ChoiceField(
        label=_("You take part as"), choices=Segment.choices, widget=forms.RadioSelect
    )
    organisation = forms.CharField(
        label=_("Organisation, service or body"),
        max_length=TEXT_LIMIT,
        required=False,
        help_text=_(
            "Where you work or which entity you represent; for users, the service you "
            "attend (optional)."
        ),
    )
    category = forms.ChoiceField(label=_("Registration as"), widget=forms.RadioSelect)
    accessibility_needs = forms.MultipleChoiceField(
        label=_("Accessibility needs"),
        choices=AccessibilityNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility_other = forms.CharField(
        label=_("Tell us more about your needs"), max_length=300, required=False
    )
    self_declarations = forms.MultipleChoiceField(
        label=_("Self-declaration (optional)"),
        choices=SelfDeclaration.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used only for the diversity quota of delegates (Res. CNAS 187/2025)."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the council uses these data to organise the conference, "
            "as described above."
        ),
    )

    def __init__(
        self,
        *args,
        conference=None,
        categories: list[str] = (),
        state_id=None,
        municipality_id=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:
            self.fields["category"].choices = [
                (c, label) for c, label in Category.choices if c in categories
            ]
            if set(categories) & set(WITHOUT_SEGMENT):
                # Speakers, authorities and staff have no segment: the field may stay
                # empty, and an explicit "none" lets the desk undo a segment picked first.
                self.fields["segment"].required = False
                self.fields["segment"].choices = [
                    *Segment.choices,
                    (NO_SEGMENT, _("None (speaker, authority or staff)")),
                ]
        if conference is not None:
            state_id, municipality_id = conference.state_id, conference.municipality_id
        self.fields["municipality"].queryset = (
            Municipality.objects.filter(state_id=state_id)
            if state_id
            else Municipality.objects.all()
        ).only("pk", "name")
        if municipality_id and not self.initial.get("municipality"):
            self.fields["municipality"].initial = municipality_id

    def clean_segment(self) -> str:
        segment = self.cleaned_data.get("segment") or ""
        return "" if segment == NO_SEGMENT else segment

    def _clean_text(self, name: str) -> str:
        return " ".join(self.cleaned_data.get(name, "").split())

    def clean_name(self):
        name = self._clean_text("name")
        if not name:
            raise forms.ValidationError(_("Write your name."))
        return name

    def clean_social_name(self):
        return self._clean_text("social_name")

    def clean_organisation(self):
        return self._clean_text("organisation")

    def clean_cpf(self):
        value = self.cleaned_data.get("cpf", "").strip()
        if not value:
            return None
        if not rules.is_valid_cpf(value):
            raise forms.ValidationError(_("This CPF is not valid: check the numbers."))
        return rules.digits(value)

    def clean_nis(self):
        value = self.cleaned_data.get("nis", "").strip()
        if not value:
            return ""
        if not rules.is_valid_nis(value):
            raise forms.ValidationError(_("This NIS is not valid: check the numbers."))
        return rules.digits(value)

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        phone = rules.normalise_phone(value)
        if not phone:
            raise forms.ValidationError(
                _("Write the phone with the area code, e.g. (38) 99999-1234.")
            )
        return phone

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and not dt.date(1900, 1, 1) <= value <= timezone.localdate():
            raise forms.ValidationError(_("Check the birth date."))
        return value

    def clean(self):
        data = super().clean()
        if (
            not data.get("phone")
            and not data.get("email")
            and not self.has_error("phone")
            and not self.has_error("email")
        ):
            self.add_error("phone", _("Give a phone or an e-mail (at least one)."))
        if data.get("segment") == Segment.ENTITIES and not data.get("organisation"):
            self.add_error("organisation", _("Say which entity or organisation you represent."))
        if "category" in self.fields and data.get("category") and not self.has_error("segment"):
            problem = rules.segment_problem(data["category"], data.get("segment") or "")
            if problem:
                self.add_error("segment", problem)
        return data

    def person_data(self) -> dict:
        return {
            k: self.cleaned_data.get(k)
            for k in (
                "name",
                "social_name",
                "cpf",
                "nis",
                "other_document",
                "birth_date",
                "phone",
                "email",
                "municipality",
            )
        }

    def registration_data(self) -> dict:
        return {
            k: self.cleaned_data.get(k)
            for k in (
                "segment",
                "organisation",
                "category",
                "is_substitute",
                "accessibility_needs",
                "accessibility_other",
                "self_declarations",
                "consent",
            )
            if k in self.fields
        }


class StaffRegistrationForm(RegistrationForm):
    """Staff register people at the desk: consent is asked aloud and ticked here."""

    is_substitute = forms.BooleanField(
        label=_("Substitute delegate (suplente)"),
        required=False,
        help_text=_("Votes only when replacing an absent titular."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _("The person was told how the data are used and agreed.")
        self.fields["name"].widget.attrs["autofocus"] = True

    def clean(self):
        data = super().clean()
        if data.get("is_substitute") and data.get("category") != Category.DELEGATE:
            self.add_error("is_substitute", _("Only a delegate can be a substitute."))
        return data


class RegistrationEditForm(StaffRegistrationForm):
    """Staff correct a registration; consent was given when it was made."""

    def __init__(self, *args, registration, **kwargs):
        initial = {
            **{k: getattr(registration, k) for k in PERSONAL_FIELDS},
            "municipality": registration.municipality_id,
            **{k: getattr(registration, k) for k in REGISTRATION_FIELDS},
        }
        if registration.person.cpf:
            initial["cpf"] = rules.format_cpf(registration.person.cpf)
        super().__init__(*args, initial=initial, **kwargs)
        del self.fields["consent"]
        self.fields["name"].widget.attrs.pop("autofocus", None)


class AttendanceForm(RegistrationForm):
    """A person on the attendance list of a preparatory event."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("category", "accessibility_needs", "accessibility_other", "self_declarations"):
            del self.fields[name]
        self.fields["consent"].label = _("The person was told how the data are used and agreed.")
        self.fields["segment"].label = _("Takes part as")
        self.fields["municipality"].label = _("Municipality of residence")


class ParticipantLoginForm(forms.Form):
    code = forms.CharField(
        label=_("Registration code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "characters"}),
    )
    pin = forms.CharField(
        label=_("PIN"),
        max_length=6,
        min_length=6,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "current-password"}
        ),
        help_text=_("Six digits, on the slip handed to you at the check-in desk."),
    )


class CodeField(forms.CharField):
    """A participant chosen by the registration code printed on the badge."""

    def __init__(self, *args, conference=None, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("The registration code printed on the badge."))
        super().__init__(*args, **kwargs)
        self.conference = conference

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        code = rules.normalise_code(value)
        registration = (
            Registration.objects.filter(conference=self.conference, code=code)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if registration is None:
            raise forms.ValidationError(_("No registration with this code in this conference."))
        return registration
