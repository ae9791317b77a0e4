import datetime as dt
from decimal import Decimal

from django import forms
from django.conf import settings
from django.forms import modelformset_factory
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from plenaria.conferences.models import (
    EDITABLE_FIELDS,
    EVENT_FIELDS,
    STATUS_ORDER,
    CommissionMember,
    Conference,
    ConvocationAct,
    PreparatoryEvent,
    ProgrammeItem,
    Shift,
    Status,
)
from plenaria.conferences.rules import within_days
from plenaria.core.forms import DateInput
from plenaria.editions.models import Edition, Method
from plenaria.territory.models import Association, Level, Municipality, State
from plenaria.territory.selectors import Scope

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def territory_choices(scope: Scope) -> list[tuple[str, str]]:
    """The territories whose conferences the user may create, as "level:id" values."""
    choices: list[tuple[str, str]] = []
    if scope.national_writer:
        choices.append((f"{Level.NATIONAL}:0", str(_("National conference"))))
    states = (
        State.objects.all()
        if scope.is_admin
        else State.objects.filter(pk__in=scope.write_state_ids)
    )
    for state in states:
        choices.append((f"{Level.STATE}:{state.pk}", _("State conference — %s") % state.name))
    associations = Association.objects.select_related("state")
    if not scope.is_admin:
        associations = associations.filter(
            pk__in=scope.write_association_ids
        ) | associations.filter(state_id__in=scope.write_state_ids)
    for assoc in associations:
        choices.append((f"{Level.REGIONAL}:{assoc.pk}", _("Regional conference — %s") % assoc.name))
    for muni in Municipality.objects.filter(pk__in=scope.write_municipality_ids).select_related(
        "state"
    ):
        choices.append(
            (
                f"{Level.MUNICIPAL}:{muni.pk}",
                _("Municipal conference — %(name)s (%(uf)s)")
                % {"name": muni.name, "uf": muni.state.abbreviation},
            )
        )
    return choices


class ConferenceForm(forms.ModelForm):
    """The conference's own data. On creation it also asks edition and territory."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Conference
        fields = EDITABLE_FIELDS
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parent_choices is not None:
            self.fields["parent"] = forms.ModelChoiceField(
                queryset=parent_choices,
                required=False,
                label=_("Next-level conference"),
                help_text=_("The conference that receives this one's deliberations and delegates."),
                initial=self.instance.parent_id,
            )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.updated_at.isoformat()

    def clean_version(self):
        """The ``updated_at`` the editor saw; anything else is treated as unknown."""
        value = self.cleaned_data.get("version") or ""
        try:
            return dt.datetime.fromisoformat(value) if value else None
        except ValueError:
            raise forms.ValidationError(
                _("The form is out of date. Reload the page and try again.")
            ) from None

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data

    def _post_clean(self):
        # Edition and territory are set by the service; model validation of the
        # whole instance (uniqueness, constraints) runs there with them in place.
        pass


BY_IBGE_CODE = f"{Level.MUNICIPAL}:ibge"


class ConferenceCreateForm(ConferenceForm):
    edition = forms.ModelChoiceField(
        queryset=Edition.objects.all(), label=_("National edition"), empty_label=None
    )
    territory = forms.ChoiceField(label=_("Conference of"))
    ibge_code = forms.IntegerField(
        label=_("IBGE code of the municipality"),
        required=False,
        help_text=_("Only when creating a municipal conference for any municipality."),
    )

    field_order = ["edition", "territory", "ibge_code"]

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        choices = territory_choices(scope)
        if scope.is_admin:
            # Administrators act for any of the 5,571 municipalities: by code, not a list.
            choices.append((BY_IBGE_CODE, str(_("Municipal conference — by IBGE code"))))
        else:
            del self.fields["ibge_code"]
        self.fields["territory"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("territory") == BY_IBGE_CODE:
            municipality = Municipality.objects.filter(ibge_code=data.get("ibge_code")).first()
            if municipality is None:
                self.add_error("ibge_code", _("No municipality has this IBGE code."))
            else:
                data["territory"] = f"{Level.MUNICIPAL}:{municipality.pk}"
        return data

    def territory_kwargs(self) -> dict:
        level, _sep, pk = self.cleaned_data["territory"].partition(":")
        if level == Level.MUNICIPAL:
            return {"level": level, "municipality": Municipality.objects.get(pk=pk)}
        if level == Level.REGIONAL:
            return {"level": level, "association": Association.objects.get(pk=pk)}
        if level == Level.STATE:
            return {"level": level, "state": State.objects.get(pk=pk)}
        return {"level": level}


class ConvocationActForm(forms.ModelForm):
    class Meta:
        model = ConvocationAct
        fields = ["kind", "number", "date", "signatories", "publication_url", "document"]
        widgets = {"date": DATE, "signatories": forms.Textarea(attrs={"rows": 3})}

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "size"):
            if document.size > settings.MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("The file is larger than 10 MB."))
            head = document.read(5)
            document.seek(0)
            if head != b"%PDF-":
                raise forms.ValidationError(_("The file is not a PDF document."))
        return document

    def clean(self):
        data = super().clean()
        if not data.get("publication_url") and not data.get("document"):
            raise forms.ValidationError(
                _("Give the publication link or upload the act as a PDF (or both).")
            )
        return data


class StatusForm(forms.Form):
    """Reopen: move the status back, with a reason for the audit log."""

    to_status = forms.ChoiceField(label=_("Reopen to"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = STATUS_ORDER[: STATUS_ORDER.index(conference.status)]
        self.fields["to_status"].choices = [(s, Status(s).label) for s in earlier]
        # The least harmful choice first: one step back, never "Draft" by default.
        if earlier:
            self.fields["to_status"].initial = earlier[-1]


# A POST may claim any number of rows (form-TOTAL_FORMS); past absolute_max it is refused
# with a message instead of building Django's default of 2,000 forms (over a minute).
MAX_ROWS = 200

CommissionFormSet = modelformset_factory(
    CommissionMember,
    fields=["name", "sector", "role", "is_alternate", "organisation", "accessibility_group"],
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
)
ShiftFormSet = modelformset_factory(
    Shift,
    fields=["name", "date", "start_time", "end_time"],
    widgets={"date": DATE, "start_time": TIME, "end_time": TIME},
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
)


def with_one_more_row(data, prefix: str):
    """A formset's POST data with one more (empty) form, at most MAX_ROWS."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, ""))
    except ValueError:
        return data
    if 0 <= total < MAX_ROWS:
        data[key] = str(total + 1)
    return data


class ProgrammeItemForm(forms.ModelForm):
    """One row of the programme. Its problems show at its own fields: a day outside the
    conference (the service refuses it too) and an end before the start."""

    def __init__(self, *args, conference: Conference | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference

    def clean_date(self):
        date = self.cleaned_data.get("date")
        conference = self.conference
        if date and conference and not within_days(date, conference):
            raise forms.ValidationError(
                _("Outside the conference dates (%(start)s to %(end)s).")
                % {
                    "start": date_format(conference.start_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(conference.end_date, "SHORT_DATE_FORMAT"),
                }
            )
        return date

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("An item must end after it starts."))
        return data


ProgrammeFormSet = modelformset_factory(
    ProgrammeItem,
    form=ProgrammeItemForm,
    fields=["date", "start_time", "end_time", "kind", "title", "description"],
    widgets={
        "date": DATE,
        "start_time": TIME,
        "end_time": TIME,
        "description": forms.TextInput(),
    },
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
)


class PreparatoryEventForm(forms.ModelForm):
    class Meta:
        model = PreparatoryEvent
        fields = EVENT_FIELDS
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "team": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, for_conference: bool, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = PreparatoryEvent.Kind
        # A conference prepares itself with pré-conferências; associations meet.
        self.fields["kind"].choices = (
            [(kinds.PRE_CONFERENCE, kinds.PRE_CONFERENCE.label)]
            if for_conference
            else [(k, k.label) for k in kinds if k != kinds.PRE_CONFERENCE]
        )
        if for_conference:
            self.fields["kind"].initial = kinds.PRE_CONFERENCE


class PercentField(forms.DecimalField):
    """A share typed as a percentage (70 for 70%), stored as a fraction (0.70)."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=1, max_value=100, decimal_places=0, required=False, localize=True, **kwargs
        )

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return int(value * 100)
        return value

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else (value / 100).quantize(Decimal("0.01"))


BASE_CHOICES = [
    ("", _("Not set here (follows the state's or the edition's rules)")),
    ("yes", _("Yes: the share is of all votes, abstentions included")),
    ("no", _("No: the share is of yes and no votes only")),
]


METHOD_CHOICES = [
    ("", _("Not set here (follows the state's or the edition's rules; else the groups)")),
    *Method.choices,
]


QUORUM_SHIFT_CHOICES = [
    ("", _("Not set here (follows the state's or the edition's rules; else the shift)")),
    ("shift", _("The delegates credentialed in the shift in which the poll runs")),
    ("any", _("The delegates credentialed in any shift of the conference")),
]


class RegimentoRulesForm(forms.Form):
    source = forms.CharField(
        label=_("Where the regimento sets these rules"),
        max_length=200,
        required=False,
        help_text=_("E.g. Regimento interno, arts. 14 and 15, approved in the opening plenary."),
    )
    method = forms.TypedChoiceField(
        label=_("How proposals reach the final plenary"),
        choices=METHOD_CHOICES,
        empty_value=None,
        required=False,
        help_text=_(
            "Straight to the plenary: the proposals of the preparatory events and those sent "
            "before the conference enter the plenary's list without working groups."
        ),
    )
    max_per_axis_sphere = forms.IntegerField(
        label=_("Maximum proposals forwarded per axis and sphere"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_("Blank: follows the state's or the edition's rules."),
    )
    direct_approval_share = PercentField(
        label=_("A group approves a proposal directly from (% of the votes)"),
        help_text=_(
            "In at least half plus one of the groups of the axis. Blank: follows the state's "
            "or the edition's rules."
        ),
    )
    plenary_share = PercentField(
        label=_("The proposal goes to the plenary from (% of the votes)"),
        help_text=_(
            "Below it, the proposal falls. Blank: follows the state's or the edition's rules."
        ),
    )
    abstentions_count = forms.TypedChoiceField(
        label=_("Abstentions count in the base of the share"),
        choices=BASE_CHOICES,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    motion_signature_share = PercentField(
        label=_(
            "A motion reaches the plenary with the signatures of (% of the credentialed delegates)"
        ),
        help_text=_("Blank: follows the state's or the edition's rules."),
    )
    quorum_any_shift = forms.TypedChoiceField(
        label=_("Who votes and counts for the quorum in a poll"),
        choices=QUORUM_SHIFT_CHOICES,
        coerce=lambda value: value == "any",
        empty_value=None,
        required=False,
    )

    @staticmethod
    def initial_from(own) -> dict:
        if own is None:
            return {}
        base = {True: "yes", False: "no", None: ""}[own.abstentions_count]
        shifts = {True: "any", False: "shift", None: ""}[own.quorum_any_shift]
        return {
            "source": own.source,
            "method": own.method or "",
            "max_per_axis_sphere": own.max_per_axis_sphere,
            "direct_approval_share": own.direct_approval_share,
            "plenary_share": own.plenary_share,
            "abstentions_count": base,
            "motion_signature_share": own.motion_signature_share,
            "quorum_any_shift": shifts,
        }
