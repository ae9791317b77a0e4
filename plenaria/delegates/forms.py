import itertools
import unicodedata

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.core import spreadsheets
from plenaria.core.forms import DateInput, as_int
from plenaria.delegates import rules
from plenaria.delegates.models import (
    CouncilElection,
    DelegateKind,
    Election,
    Role,
    SegmentChoice,
    TieBreak,
)
from plenaria.delegates.services import NO_TABLE, Count, TableInput
from plenaria.participants.forms import CodeField
from plenaria.territory.models import Municipality, State
from plenaria.voting.models import Mode


def _order_choices():
    return [
        (",".join(order), " → ".join(rules.segment_label(s) for s in order))
        for order in itertools.permutations(rules.CIVIL_SOCIETY)
    ]


def _seat_field(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=rules.MAX_SEATS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Enter a whole number.")},
    )


class _SeatNumbers(forms.Form):
    """Checks each seat number with the same rule as the services (even, not absurd)."""

    seat_fields: list[str] = []

    def clean(self):
        data = super().clean()
        for name in self.seat_fields:
            problem = rules.seat_number_problem(data.get(name))
            if problem:
                self.add_error(name, problem)
        return data


class TableForm(_SeatNumbers):
    """The page's head: the remainder order, and the figures per size class (state
    tables) or per state (the national table)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    remainder_order = forms.ChoiceField(
        label=gettext_lazy("Remainder seats of civil society go, one each, to"),
        help_text=gettext_lazy(
            "Civil society's half is split in equal parts among users, workers and "
            "entities; the seats that do not divide by three follow this order."
        ),
    )

    def __init__(self, *args, subjects: list[tuple[str, str]], optional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remainder_order"].choices = _order_choices()
        self.subjects = subjects
        self.seat_fields = []
        for key, label in subjects:
            for part, part_label in (("t", _("titulares")), ("s", _("suplentes"))):
                name = f"{part}_{key}"
                self.fields[name] = _seat_field(f"{label}: {part_label}")
                self.fields[name].required = not optional  # a state may still be unknown
                self.seat_fields.append(name)

    def clean_version(self):
        """The ``updated_at`` the editor's page showed, or NO_TABLE (also for a value that
        is not a date: the save is then refused as stale, never forced through)."""
        seen = self.cleaned_data.get("version") or ""
        try:
            return (parse_datetime(seen) if seen else None) or NO_TABLE
        except ValueError:
            return NO_TABLE

    def rows(self):
        """(label, [titulares field, suplentes field]) per subject, for the table."""
        return [(label, [self[f"t_{key}"], self[f"s_{key}"]]) for key, label in self.subjects]

    def counts(self) -> dict[str, Count]:
        out = {}
        for key, _label in self.subjects:
            t, s = self.cleaned_data.get(f"t_{key}"), self.cleaned_data.get(f"s_{key}")
            if t is not None and s is not None:
                out[key] = Count(t, s)
        return out


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


class OverrideForm(_SeatNumbers):
    """A municipality with its own seats, by name or IBGE code."""

    seat_fields = ["titulares", "suplentes"]
    municipality = forms.CharField(
        label=gettext_lazy("Municipality (name or IBGE code)"),
        max_length=80,
        widget=forms.TextInput(attrs={"list": "municipios", "autocomplete": "off"}),
    )
    titulares = _seat_field(gettext_lazy("titulares"))
    suplentes = _seat_field(gettext_lazy("suplentes"))
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200, required=False)

    def __init__(self, *args, state: State, **kwargs):
        super().__init__(*args, **kwargs)
        self.state = state

    def clean_municipality(self):
        value = self.cleaned_data["municipality"]
        municipalities = Municipality.objects.filter(state=self.state)
        found = None
        if as_int(value) is not None:  # "²".isdigit() is true too, and int() refuses it
            found = municipalities.filter(ibge_code=as_int(value)).first()
        else:
            wanted = _plain(value)
            found = next((m for m in municipalities if _plain(m.name) == wanted), None)
        if found is None:
            raise forms.ValidationError(
                _("No municipality of %(state)s is called “%(name)s”.")
                % {"state": self.state.name, "name": value}
            )
        return found


class BaseOverrideFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            municipality = form.cleaned_data["municipality"]
            if municipality.pk in seen:
                form.add_error(
                    "municipality",
                    _("%(name)s appears twice.") % {"name": municipality.name},
                )
            seen.add(municipality.pk)

    def counts(self) -> dict[int, Count]:
        return {
            f.cleaned_data["municipality"].pk: Count(
                f.cleaned_data["titulares"], f.cleaned_data["suplentes"], f.cleaned_data["reason"]
            )
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f)
        }


# absolute_max: a POST claiming more rows is refused instead of building 2,000 forms.
OverrideFormSet = forms.formset_factory(
    OverrideForm,
    formset=BaseOverrideFormSet,
    extra=2,
    can_delete=True,
    max_num=1000,
    absolute_max=1000,
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file (UF; titulares; suplentes)"),
        help_text=gettext_lazy("One state per line; a header line is allowed."),
    )

    MAX_BYTES = 200_000  # 27 lines of "UF;titulares;suplentes" take about 300 bytes

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            # refused before reading: a cut file would be read as a different one
            raise forms.ValidationError(_("The file is larger than 200 KB."))
        try:
            return spreadsheets.decode_text(upload.read())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def table_input(
    form: TableForm, overrides: BaseOverrideFormSet | None, national: bool
) -> TableInput:
    order = form.cleaned_data["remainder_order"].split(",")
    counts = form.counts()
    if national:
        return TableInput(order, states={int(k): c for k, c in counts.items()})
    return TableInput(order, portes=counts, municipalities=overrides.counts())


# ------------------------------------------------- candidacies, elections, the list


class CandidacyForm(forms.Form):
    """The table registers a delegate's candidacy (or a nomination, with the seat)."""

    def __init__(self, *args, conference, nomination=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"] = CodeField(
            label=_("Government delegate (code)") if nomination else _("Delegate (code)"),
            conference=conference,
        )
        if nomination:
            self.fields["role"] = forms.ChoiceField(label=_("Seat"), choices=Role.choices)


class ElectionForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("How"),
        choices=Election.Method.choices,
        widget=forms.RadioSelect,
        initial=Election.Method.VOTE,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"),
        choices=Mode.choices,
        help_text=gettext_lazy("Ignored in an acclamation."),
    )
    segment_only = forms.BooleanField(
        label=gettext_lazy("Only delegates of the segment vote"), required=False, initial=True
    )
    tie_break = forms.ChoiceField(
        label=gettext_lazy("Tie-break"), choices=TieBreak.choices, initial=TieBreak.OLDER_FIRST
    )


class RolesForm(forms.Form):
    """Who holds a segment's seats: one choice per candidate, and why they change."""

    reason = forms.CharField(
        label=gettext_lazy("Why the seats change"),
        max_length=300,
        help_text=gettext_lazy("E.g. “Plenary's decision to meet the diversity quota”."),
    )

    def __init__(self, *args, candidacies, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidacies = candidacies
        choices = [("", _("Not elected")), *Role.choices]
        for candidacy in candidacies:
            self.fields[f"role_{candidacy.pk}"] = forms.ChoiceField(
                label=candidacy.display_name,
                choices=choices,
                required=False,
                initial=candidacy.role,
            )

    def roles(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"role_{c.pk}") or "" for c in self.candidacies}


class ConfirmForm(forms.Form):
    justification = forms.CharField(
        label=gettext_lazy("Justification (when the list does not meet the rules)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=gettext_lazy("What the plenary decided; it is printed in the report."),
    )


class ReplacementForm(forms.Form):
    """A suplente takes a titular's seat before the parent conference."""

    titular = forms.ChoiceField(label=gettext_lazy("Titular replaced"))
    suplente = forms.ChoiceField(label=gettext_lazy("Suplente who takes the seat"))
    on = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=300,
        help_text=gettext_lazy("E.g. “Resigned by letter of 10/09”."),
    )

    def __init__(self, *args, delegates, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {str(d.pk): d for d in delegates}
        self.fields["titular"].choices = [
            (str(d.pk), d.display_name)
            for d in delegates
            if d.role == rules.TITULAR and not d.replaced_by_id
        ]
        self.fields["suplente"].choices = [  # those not already holding a seat
            (str(d.pk), d.display_name)
            for d in delegates
            if d.role == rules.SUPLENTE and not hasattr(d, "replaces")
        ]

    def clean(self):
        data = super().clean()
        for name in ("titular", "suplente"):
            if name in data:
                data[name] = self.by_pk[data[name]]
        return data


class NationalSharesForm(forms.Form):
    """Each state's municipal-level and state-level titulares and suplentes, and the
    national figures of federal delegates, natos, guests and observers. Blank is 0."""

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = dict(DelegateKind.choices)
        self.states = list(states)
        for state in self.states:
            for kind in rules.STATE_SHARE_KINDS:
                for part, part_label in (("t", _("titulares")), ("s", _("suplentes"))):
                    field = _seat_field(f"{state.abbreviation} — {kinds[kind]}: {part_label}")
                    field.required = False
                    self.fields[f"{kind}_{part}_{state.pk}"] = field
        for kind in rules.NATIONAL_TOTAL_KINDS:
            for part, part_label in (("t", _("titulares")), ("s", _("suplentes"))):
                field = forms.IntegerField(
                    label=f"{kinds[kind]}: {part_label}",
                    min_value=0,
                    max_value=rules.MAX_NATIONAL_TOTAL,
                    required=False,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    error_messages={"invalid": gettext_lazy("Enter a whole number.")},
                )
                self.fields[f"total_{part}_{kind}"] = field

    def state_rows(self):
        """(state, [the four fields]) for the table."""
        return [
            (
                state,
                [
                    self[f"{kind}_{part}_{state.pk}"]
                    for kind in rules.STATE_SHARE_KINDS
                    for part in ("t", "s")
                ],
            )
            for state in self.states
        ]

    def total_rows(self):
        kinds = dict(DelegateKind.choices)
        return [
            (kinds[kind], rules.kind_votes(kind), [self[f"total_{p}_{kind}"] for p in ("t", "s")])
            for kind in rules.NATIONAL_TOTAL_KINDS
        ]

    def _n(self, name) -> int:
        return self.cleaned_data.get(name) or 0

    def shares(self) -> dict[tuple[int, str], Count]:
        return {
            (state.pk, kind): Count(
                self._n(f"{kind}_t_{state.pk}"), self._n(f"{kind}_s_{state.pk}")
            )
            for state in self.states
            for kind in rules.STATE_SHARE_KINDS
        }

    def totals(self) -> dict[str, Count]:
        return {
            kind: Count(self._n(f"total_t_{kind}"), self._n(f"total_s_{kind}"))
            for kind in rules.NATIONAL_TOTAL_KINDS
        }

    @staticmethod
    def initial_from(found) -> dict:
        initial = {}
        for (state_id, kind), share in found.shares.items():
            initial[f"{kind}_t_{state_id}"] = share.titulares
            initial[f"{kind}_s_{state_id}"] = share.suplentes
        for kind, share in found.totals.items():
            initial[f"total_t_{kind}"] = share.titulares
            initial[f"total_s_{kind}"] = share.suplentes
        return initial


# ------------------------------------------- segments whose delegates a forum chooses


class SegmentChoiceForm(forms.Form):
    """How a civil-society segment's delegates are chosen: at the conference or in the
    segment's forum (its name, date and act). One per segment on the page (``prefix``)."""

    how = forms.ChoiceField(
        label=gettext_lazy("How the segment's delegates are chosen"),
        choices=SegmentChoice.How.choices,
        widget=forms.RadioSelect,
        initial=SegmentChoice.How.ELECTED,
    )
    forum_name = forms.CharField(
        label=gettext_lazy("Forum"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("E.g. “Fórum Municipal de Trabalhadores do SUAS”."),
    )
    forum_date = forms.DateField(
        label=gettext_lazy("Date of the forum"),
        required=False,
        widget=DateInput(),
    )
    forum_act = forms.CharField(
        label=gettext_lazy("Act of the forum"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "E.g. “Ata da assembleia do Fórum Municipal de Trabalhadores do SUAS”."
        ),
    )

    @classmethod
    def initial_from(cls, choice) -> dict:
        if choice is None:
            return {"how": SegmentChoice.How.ELECTED}
        return {
            "how": choice.how,
            "forum_name": choice.forum_name,
            "forum_date": choice.forum_date,
            "forum_act": choice.forum_act,
        }


class ForumDelegateForm(forms.Form):
    """A person the segment's forum chose, by the code of their registration here."""

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"] = CodeField(
            label=_("Delegate chosen in the forum (registration code)"),
            conference=conference,
        )
        self.fields["role"] = forms.ChoiceField(label=_("Seat"), choices=Role.choices)


class CouncilElectionForm(forms.Form):
    """How a segment elects its members of the council, and their term."""

    method = forms.ChoiceField(
        label=gettext_lazy("How"),
        choices=CouncilElection.Method.choices,
        widget=forms.RadioSelect,
        initial=CouncilElection.Method.VOTE,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"),
        choices=Mode.choices,
        help_text=gettext_lazy("Ignored in an acclamation."),
    )
    tie_break = forms.ChoiceField(
        label=gettext_lazy("Tie-break"), choices=TieBreak.choices, initial=TieBreak.OLDER_FIRST
    )
    term_start = forms.DateField(
        label=gettext_lazy("Term start"),
        widget=DateInput(),
    )
    term_end = forms.DateField(
        label=gettext_lazy("Term end"),
        widget=DateInput(),
    )
