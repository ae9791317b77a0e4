"""Publishing a conference's delegates: the list as PDF (public: names, segment,
representation, seat) and XLSX (with contacts and accessibility needs, for the
organisers), and the draft of the council's resolution that publishes them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.core import spreadsheets
from plenaria.core.collation import sort_key
from plenaria.core.documents import xlsx_bytes
from plenaria.delegates import rules, selectors
from plenaria.delegates.models import Candidacy, DelegateList
from plenaria.territory.models import Council, Level

SEGMENT_ORDER = {s: i for i, s in enumerate((*rules.CIVIL_SOCIETY, rules.GOVERNMENT))}


@dataclass
class Publication:
    conference: Conference
    council: str
    titulares: list[Candidacy]
    suplentes: list[Candidacy]
    confirmation: DelegateList | None
    how: list[selectors.HowChosen]  # how each segment (of each list) chose its delegates

    def how_text(self, candidacy: Candidacy) -> str:
        for row in self.how:
            if (row.kind, row.segment) == (candidacy.national_kind, candidacy.segment):
                return row.text
        return ""

    @property
    def delegates(self) -> list[Candidacy]:
        return [*self.titulares, *self.suplentes]


def council_name(conference: Conference) -> str:
    """The council that convokes the conference and publishes its delegates."""
    found = Council.objects.filter(
        level=conference.level,
        state=conference.state if conference.level != Level.NATIONAL else None,
        municipality=conference.municipality,
    ).first()
    return found.name if found else _("Social Assistance Council")


def publication(conference: Conference) -> Publication:
    elected = sorted(
        Candidacy.objects.filter(conference=conference)
        .exclude(role="")
        .select_related("registration"),
        key=lambda c: (
            c.national_kind,
            SEGMENT_ORDER[c.segment],
            c.rank or 0,
            sort_key(c.registration.display_name),
        ),
    )
    return Publication(
        conference=conference,
        council=council_name(conference),
        titulares=[c for c in elected if c.role == rules.TITULAR],
        suplentes=[c for c in elected if c.role == rules.SUPLENTE],
        confirmation=DelegateList.objects.filter(conference=conference).first(),
        how=selectors.how_chosen(conference),
    )


def list_xlsx(found: Publication) -> bytes:
    """One row per delegate, with what the next conference needs to receive them."""
    sheet = spreadsheets.XlsxSheet(_("Delegates"))
    sheet.append([found.conference.title])
    sheet.append(
        [
            _("Seat"),
            _("Name"),
            _("Civil name"),
            _("Segment"),
            _("Organisation, service or body"),
            _("Votes"),
            _("Phone"),
            _("E-mail"),
            _("Accessibility needs"),
            _("Counts for the diversity quota"),
            _("How chosen"),
        ]
    )
    for candidacy in found.delegates:
        registration = candidacy.registration
        needs = ", ".join(registration.accessibility_labels)
        if registration.accessibility_other:
            needs = f"{needs} ({registration.accessibility_other})".strip()
        sheet.append(
            [
                str(candidacy.get_role_display()),
                registration.display_name,
                # The civil name too: tickets and lodging for the next conference need it.
                registration.name,
                candidacy.segment_text,
                registration.organisation,
                candidacy.votes if candidacy.votes is not None else "",
                registration.phone,
                registration.email,
                needs,
                _("yes") if registration.self_declarations else _("no"),
                found.how_text(candidacy),
            ]
        )
    return xlsx_bytes(sheet.book)


def _lines(delegates: list[Candidacy]) -> list[str]:
    return [
        f"{n}. {c.registration.display_name} — {c.segment_text}"
        + (f" ({c.registration.organisation})" if c.registration.organisation else "")
        for n, c in enumerate(delegates, 1)
    ]


def resolution_text(found: Publication) -> str:
    """The draft the council edits and publishes in the official gazette."""
    conference = found.conference
    when = date_format(conference.end_date, "SHORT_DATE_FORMAT")
    parts = [
        _("RESOLUTION No. ___/%(year)s") % {"year": conference.edition.year},
        "",
        _(
            "Publishes the delegates elected at the %(conference)s to the next stage of the "
            "social assistance conferences."
        )
        % {"conference": conference.title},
        "",
        _(
            "The %(council)s, in the use of its powers, and considering the election held at "
            "the %(conference)s on %(date)s,"
        )
        % {"council": found.council, "conference": conference.title, "date": when},
        "",
        *(
            [
                _(
                    "and considering the delegates chosen in the forums of their segments, "
                    "as their acts record,"
                ),
                "",
            ]
            if any(row.forum for row in found.how)
            else []
        ),
        _("RESOLVES:"),
        "",
        _("Art. 1 To publish the delegates elected to represent %(place)s:")
        % {"place": conference.territory_name},
        "",
        _("Titulares:"),
        *_lines(found.titulares),
        "",
        _("Suplentes:"),
        *_lines(found.suplentes),
        "",
        _("How each segment chose its delegates:"),
        *(f"- {row.label}: {row.text}" for row in found.how),
        "",
    ]
    confirmation = found.confirmation
    if confirmation and confirmation.justification:
        parts += [
            _(
                "Sole paragraph. The list was confirmed by the plenary despite the following: "
                "%(problems)s. Justification: %(justification)s"
            )
            % {
                "problems": "; ".join(confirmation.problems),
                "justification": confirmation.justification,
            },
            "",
        ]
    parts += [
        _("Art. 2 This resolution comes into force on the date of its publication."),
        "",
        _("%(place)s, %(date)s.")
        % {
            "place": conference.territory_name,
            "date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
        },
        "",
        _("President of the %(council)s") % {"council": found.council},
    ]
    return "\n".join(parts)
