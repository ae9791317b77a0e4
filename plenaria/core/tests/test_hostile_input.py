"""Hostile input on every route, form and import of the project: never a 500, and a
write that is refused leaves nothing behind.

The routes come from the URLconf (a route missing from ROUTES fails the first test);
the forms come from the pages themselves (every <form> a route renders for the
persona who uses it, with each of its submit buttons); the query and POST parameters
read by hand come from the views' source (``request.GET.get("…")``). Each attack runs
in a savepoint rolled back afterwards, so every attack meets the same world. Run it on
SQLite and on PostgreSQL: an integer past the column raises OverflowError on one and
DataError on the other, and only PostgreSQL refuses NUL characters and long strings.
"""

from __future__ import annotations

import ast
import copy
import inspect
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import messages
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms import BaseForm, BaseFormSet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plenaria.conferences.models import Conference, Status
from plenaria.conftest import conference_to
from plenaria.core.models import Job
from plenaria.demo.world import DEMO_RAPPORTEUR_PIN, load_demo

pytestmark = pytest.mark.django_db

STAFF, PARTICIPANT, ANONYMOUS = "staff", "participant", "anonymous"

# --- the attacks --------------------------------------------------------------------

PAST_BIGINT = "9223372036854775808"  # 2**63: one past PostgreSQL's bigint
HUGE_ID = "99999999999999999999"
IDS = [PAST_BIGINT, HUGE_ID, "-1", "-9223372036854775809"]
LONG = "x" * 200_000
NUL = "Ana\x00Lima"
FORMULA = '=HYPERLINK("http://evil.example","x")'
TEXTS = [LONG, NUL, FORMULA, "\uff11\uff12", "\u202e' OR 1=1 --"]
EVERYWHERE = [*IDS, *TEXTS]  # every field of a form at once
# one field at a time, the others as rendered: the attack reaches the services
# "%d": a value that reaches a format string (an id built from a posted choice)
ALONE = {"text": [LONG, NUL], "choice": [PAST_BIGINT, "-1", "%d"]}


def _xlsx(sheet_xml: str) -> bytes:
    """A minimal XLSX written by hand, as an attacker would."""
    main = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{sheet_type}.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": f'<Relationships xmlns="{ns}"><Relationship Id="rId1" '
        f'Type="{main}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main" xmlns:r="{main}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{ns}"><Relationship Id="rId1" '
        f'Type="{main}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{sheet_xml}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _inline(*cells: str) -> str:
    return "<row>" + "".join(f'<c t="inlineStr"><is><t>{c}</t></is></c>' for c in cells) + "</row>"


HEADER = "nome;segmento;categoria;municipio_ibge;codigo_ibge;populacao;ibge_code;population"
FILES = {
    "200,000 rows in 100 KB of XLSX": (
        "lista.xlsx",
        _xlsx(
            _inline("nome", "segmento", "categoria")
            + "<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>" * 200_000
        ),
    ),
    "a cell at the last column of XLSX": (
        "lista.xlsx",
        _xlsx(_inline("nome") + '<row><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'),
    ),
    "6,000 rows of CSV": ("lista.csv", (HEADER + "\n" + "x;usuario;delegado\n" * 6000).encode()),
    "more columns than the header": (
        "lista.csv",
        (HEADER + "\nAna;usuario;delegado;1;2;3;4;5;6;7;8;9\n").encode(),
    ),
    "a field over 131,072 characters": (
        "lista.csv",
        (HEADER + '\n"' + "x" * 140_000 + '";usuario;delegado\n').encode(),
    ),
    "an unclosed quotation mark": ("lista.csv", (HEADER + '\n"Ana;usuario\n' * 50).encode()),
    "a lone carriage return": ("lista.csv", (HEADER + "\nAna\rLima;usuario;delegado\n").encode()),
    "invalid UTF-8 (and not Windows-1252)": ("lista.csv", b"nome\n\x81\x8d\x8f\x90\x9d\xff\n"),
    "UTF-16": ("lista.csv", (HEADER + "\nAna;usuario\n").encode("utf-16")),
    "NUL bytes": ("lista.csv", b"nome;segmento\nAna\x00;usuario\n"),
    "ids and numbers past any column": (
        "lista.csv",
        f"{HEADER}\n=1+1;usuario;delegado;{HUGE_ID};{PAST_BIGINT};{'9' * 5000};-1;1e400\n"
        f"AC;{HUGE_ID};{PAST_BIGINT}\n".encode(),
    ),
    "a PDF that is not one": ("ato.pdf", b"%PDF-1.4\n" + b"\x00" * 100),
    "not a zip named .xlsx": ("lista.xlsx", b"PK\x03\x04 broken"),
}


# --- the world and who uses each route ----------------------------------------------


@dataclass
class World:
    moc: Conference  # Montes Claros, in progress: every form of a running conference
    open_for_registration: Conference
    registration: object
    rapporteur: object
    shift: object
    group: object
    proposal: object
    event: object
    association: object
    job: object = None  # the staff's failed badges job
    clients: dict[str, Client] = field(default_factory=dict)


def build_world() -> World:
    from plenaria.delegates import council, elections
    from plenaria.participants.models import Registration
    from plenaria.proposals.models import Proposal
    from plenaria.territory import services as territory
    from plenaria.territory.models import Association
    from plenaria.voting import services as voting

    load_demo()
    moc = Conference.objects.get(edition__year=2025, municipality__ibge_code=3143302)
    admin = apps.get_model("auth", "User").objects.get(username="admin")
    conference_to(moc, Status.IN_PROGRESS, actor=admin)
    salinas = Conference.objects.get(edition__year=2025, municipality__ibge_code=3157005)
    conference_to(salinas, Status.REGISTRATION_OPEN, actor=admin)
    rapporteur = Registration.objects.get(conference=moc, pin=DEMO_RAPPORTEUR_PIN)
    # an open poll (the delegates' ballot) and an election not yet opened
    voting.poll_open(
        actor=admin,
        poll=voting.poll_create(
            actor=admin, conference=moc, item="free", question="Aprovar o regimento?", mode="open"
        ),
    )
    elections.election_start(actor=admin, conference=moc, segment="users", method="vote")
    # the council's own election: its law's seats, one candidate, the users' poll created
    territory.council_seats_set(
        actor=admin, council=moc.municipality.council, law="Lei 1", seats={"users": (1, 1)}
    )
    council.council_candidacy_add(
        actor=admin, registration=moc.candidacies.filter(segment="users")[0].registration
    )
    council.council_election_start(actor=admin, conference=moc, segment="users", method="vote")
    world = World(
        moc=moc,
        open_for_registration=salinas,
        registration=Registration.objects.filter(conference=moc).exclude(pk=rapporteur.pk)[0],
        rapporteur=rapporteur,
        shift=moc.shifts.first(),
        group=moc.working_groups.order_by("pk").first(),
        proposal=Proposal.objects.filter(conference=moc).order_by("pk").first(),
        event=moc.preparatory_events.first(),
        association=Association.objects.get(acronym="AMAMS"),
    )
    world.job = Job.objects.create(
        owner=admin,
        kind="participants.badges",
        label="Crachás",
        params={"conference": moc.pk, "category": "", "ids": []},
        conference_key=str(moc.pk),
        status=Job.Status.FAILED,
        error="Nenhuma inscrição confirmada para imprimir.",
    )
    staff = Client()
    staff.force_login(admin)
    participant = Client()
    response = participant.post(
        reverse("participants:participant_login"),
        {"code": rapporteur.code, "pin": DEMO_RAPPORTEUR_PIN},
    )
    assert response.status_code == 302, "the rapporteur could not open their page"
    world.clients = {STAFF: staff, PARTICIPANT: participant, ANONYMOUS: Client()}
    return world


def _moc(w: World) -> dict:
    return {"pk": w.moc.pk}


def _registration(w: World) -> dict:
    return {"pk": w.moc.pk, "registration_pk": w.registration.pk}


def _poll(w: World) -> dict:
    return {"pk": w.moc.pk, "poll_pk": w.moc.polls.order_by("pk").first().pk}


def _election(w: World) -> dict:
    return {"pk": w.moc.pk, "election_pk": w.moc.elections.order_by("pk").first().pk}


def _council_election(w: World) -> dict:
    return {"pk": w.moc.pk, "election_pk": w.moc.council_elections.order_by("pk").first().pk}


def _council(w: World) -> dict:
    return {"pk": w.moc.municipality.council.pk}


def _council_member(w: World) -> dict:
    council = w.moc.municipality.council
    return {"pk": council.pk, "member_pk": council.members.order_by("pk").first().pk}


def _axis(w: World) -> dict:
    return {"pk": w.moc.pk, "axis_pk": w.proposal.axis_id}


def _code(w: World) -> dict:
    return {"code": w.rapporteur.code}


def _question(w: World) -> dict:
    """The demo's first evaluation question (it has answers: it is kept)."""
    return {
        "pk": w.moc.pk,
        "question_pk": w.moc.evaluation_form.questions.order_by("position")[0].pk,
    }


def _job(w: World) -> dict:
    return {"pk": w.job.pk}


NONE: Callable[[World], dict] = lambda w: {}  # noqa: E731

# route name → (who uses it, the address's arguments)
ROUTES: dict[str, tuple[str, Callable[[World], dict]]] = {
    "home": (ANONYMOUS, NONE),
    "login": (ANONYMOUS, NONE),
    "logout": (STAFF, NONE),
    "pin_unlock": (STAFF, _moc),
    "set_language": (ANONYMOUS, NONE),
    "job": (STAFF, _job),
    "job_progress": (STAFF, _job),
    "job_file": (STAFF, _job),
    "job_again": (STAFF, _job),
    "admin:territory_municipality_import": (STAFF, NONE),
    "admin:territory_association_import": (STAFF, NONE),
    # conferences
    "conferences:public": (ANONYMOUS, _moc),
    "conferences:act_document": (ANONYMOUS, _moc),
    "conferences:dashboard": (STAFF, NONE),
    "conferences:create": (STAFF, NONE),
    "conferences:warnings": (STAFF, NONE),
    "conferences:manage": (STAFF, _moc),
    "conferences:history": (STAFF, _moc),
    "conferences:edit": (STAFF, _moc),
    "conferences:act": (STAFF, _moc),
    "conferences:regimento": (STAFF, _moc),
    "conferences:advance": (STAFF, _moc),
    "conferences:reopen": (STAFF, _moc),
    "conferences:delete": (STAFF, _moc),
    "conferences:commission": (STAFF, _moc),
    "conferences:shifts": (STAFF, _moc),
    "conferences:programme": (STAFF, _moc),
    "conferences:programme_row": (STAFF, _moc),
    # monitoring
    "reports:index": (ANONYMOUS, NONE),
    "reports:national": (ANONYMOUS, NONE),
    "reports:state": (ANONYMOUS, lambda w: {"uf": "MG"}),
    # participants
    "participants:register": (ANONYMOUS, lambda w: {"pk": w.open_for_registration.pk}),
    "participants:confirmation": (ANONYMOUS, _code),
    "participants:qr": (ANONYMOUS, _code),
    "participants:list": (STAFF, _moc),
    "participants:new": (STAFF, _moc),
    "participants:import": (STAFF, _moc),
    "participants:import_template": (STAFF, _moc),
    "participants:statistics": (STAFF, _moc),
    "participants:credentialing": (STAFF, _moc),
    "participants:credentialing_counts": (STAFF, _moc),
    "participants:credentialing_confirm": (STAFF, _moc),
    "participants:person_export": (STAFF, _registration),
    "participants:person_erase": (STAFF, _registration),
    "participants:pin_slip": (STAFF, _registration),
    "participants:pin_slip_pdf": (STAFF, _registration),
    "participants:pin_reset": (STAFF, _registration),
    "participants:cancel": (STAFF, _registration),
    "participants:edit": (STAFF, _registration),
    "participants:substitution": (STAFF, _registration),
    "participants:substitution_release": (STAFF, _registration),
    "participants:documents": (STAFF, _moc),
    "participants:badges": (STAFF, _moc),
    "participants:attendance_list": (
        STAFF,
        lambda w: {"pk": w.moc.pk, "shift_pk": w.shift.pk},
    ),
    "participants:attendance_pdf": (
        STAFF,
        lambda w: {"pk": w.moc.pk, "shift_pk": w.shift.pk},
    ),
    "participants:conference_certificates": (STAFF, _moc),
    "participants:certificates": (ANONYMOUS, NONE),
    "participants:certificate_verify": (ANONYMOUS, NONE),
    "participants:my_certificate": (ANONYMOUS, _code),
    "participants:conference_events": (STAFF, _moc),
    "participants:association_events": (STAFF, lambda w: {"pk": w.association.pk}),
    "participants:participant_login": (ANONYMOUS, NONE),
    "participants:participant_logout": (PARTICIPANT, NONE),
    "participants:from_attendance": (STAFF, _moc),
    "participants:from_attendance_register": (STAFF, _moc),
    "participants:event": (STAFF, lambda w: {"pk": w.event.pk}),
    "participants:event_edit": (STAFF, lambda w: {"pk": w.event.pk}),
    "participants:event_elect": (STAFF, lambda w: {"pk": w.event.pk}),
    "participants:event_attendance": (STAFF, lambda w: {"pk": w.event.pk}),
    "participants:event_certificates": (STAFF, lambda w: {"pk": w.event.pk}),
    "participants:attendance_export": (
        STAFF,
        lambda w: {"pk": w.event.pk, "attendance_pk": w.event.attendances.first().pk},
    ),
    "participants:attendance_erase": (
        STAFF,
        lambda w: {"pk": w.event.pk, "attendance_pk": w.event.attendances.first().pk},
    ),
    # deliberation
    "proposals:groups": (STAFF, _moc),
    "proposals:balance": (STAFF, _moc),
    "proposals:group": (PARTICIPANT, lambda w: {"pk": w.group.pk}),
    "proposals:adopt": (
        PARTICIPANT,
        lambda w: {"pk": w.group.pk, "proposal_pk": w.proposal.pk},
    ),
    "proposals:drop": (
        PARTICIPANT,
        lambda w: {"pk": w.group.pk, "proposal_pk": w.proposal.pk},
    ),
    "proposals:merge": (
        PARTICIPANT,
        lambda w: {"pk": w.group.pk, "proposal_pk": w.proposal.pk},
    ),
    "proposals:vote": (
        PARTICIPANT,
        lambda w: {"pk": w.group.pk, "proposal_pk": w.proposal.pk},
    ),
    "proposals:edit": (PARTICIPANT, lambda w: {"pk": w.proposal.pk}),
    "proposals:consolidated": (STAFF, _moc),
    "proposals:consolidated_pdf": (STAFF, _moc),
    "proposals:submitted": (STAFF, _moc),
    "proposals:earlier_search": (ANONYMOUS, _moc),
    "proposals:deliberations": (STAFF, _moc),
    "proposals:plenary": (STAFF, _moc),
    "proposals:plenary_highlight": (STAFF, _moc),
    "proposals:highlights_open": (STAFF, _axis),
    "proposals:highlights_close": (STAFF, _axis),
    "proposals:en_bloc": (STAFF, _axis),
    "proposals:highlight_decide": (STAFF, lambda w: {"pk": w.moc.pk, "highlight_pk": 1}),
    "proposals:motions": (STAFF, _moc),
    "proposals:motions_deadline": (STAFF, _moc),
    "proposals:motion_register": (STAFF, _moc),
    "proposals:motions_close": (STAFF, _moc),
    "proposals:motion_paper_signature": (STAFF, lambda w: {"pk": w.moc.pk, "motion_pk": 1}),
    "proposals:motion_decide": (STAFF, lambda w: {"pk": w.moc.pk, "motion_pk": 1}),
    "proposals:participant": (PARTICIPANT, _code),
    "proposals:participant_join": (PARTICIPANT, _code),
    "proposals:participant_highlight": (
        PARTICIPANT,
        lambda w: {"code": w.rapporteur.code, "proposal_pk": w.proposal.pk},
    ),
    "proposals:participant_motion": (PARTICIPANT, _code),
    "proposals:participant_sign": (
        PARTICIPANT,
        lambda w: {"code": w.rapporteur.code, "motion_pk": 1},
    ),
    # voting
    "voting:console": (STAFF, _moc),
    "voting:settings": (STAFF, _moc),
    "voting:poll_create": (STAFF, _moc),
    "voting:poll_open": (STAFF, _poll),
    "voting:poll_close": (STAFF, _poll),
    "voting:poll_publish": (STAFF, _poll),
    "voting:analog_counts": (STAFF, _poll),
    "voting:projector": (STAFF, _moc),
    "voting:results_pdf": (STAFF, _moc),
    "voting:named_votes": (STAFF, _moc),
    "voting:state": (ANONYMOUS, _moc),
    "voting:events": (ANONYMOUS, _moc),
    "voting:delegate": (PARTICIPANT, _code),
    # delegates
    "delegates:national": (STAFF, lambda w: {"year": 2025}),
    "delegates:import": (STAFF, lambda w: {"year": 2025}),
    "delegates:national_shares": (STAFF, lambda w: {"year": 2025}),
    "delegates:state": (STAFF, lambda w: {"year": 2025, "uf": "MG"}),
    "delegates:conference": (STAFF, _moc),
    "delegates:candidacy_register": (STAFF, _moc),
    "delegates:candidacy_withdraw": (
        STAFF,
        lambda w: {"pk": w.moc.pk, "candidacy_pk": w.moc.candidacies.order_by("pk").first().pk},
    ),
    "delegates:nominate": (STAFF, _moc),
    "delegates:election_start": (STAFF, _moc),
    "delegates:election_record": (STAFF, _election),
    "delegates:election_cancel": (STAFF, _election),
    "delegates:roles": (STAFF, _moc),
    "delegates:confirm": (STAFF, _moc),
    "delegates:send": (STAFF, _moc),
    "delegates:received": (STAFF, lambda w: {"pk": w.moc.parent_id}),
    "delegates:received_detail": (STAFF, lambda w: {"pk": w.moc.parent_id, "handover_pk": 1}),
    "delegates:publication": (STAFF, _moc),
    "delegates:pdf": (STAFF, _moc),
    "delegates:xlsx": (STAFF, _moc),
    "records:report": (STAFF, _moc),
    "records:narrative": (STAFF, _moc),
    "records:narrative_save": (STAFF, lambda w: {"pk": w.moc.pk, "part": "methodology"}),
    "records:pdf": (STAFF, _moc),
    "records:xlsx": (STAFF, _moc),
    "records:csv": (STAFF, _moc),
    "delegates:mine": (PARTICIPANT, _code),
    "delegates:stand": (PARTICIPANT, _code),
    "delegates:withdraw": (PARTICIPANT, _code),
    "delegates:segment_choice": (STAFF, _moc),
    "delegates:forum_delegate": (STAFF, _moc),
    "delegates:council": (STAFF, _moc),
    "delegates:council_candidacy_add": (STAFF, _moc),
    "delegates:council_candidacy_withdraw": (
        STAFF,
        lambda w: {
            "pk": w.moc.pk,
            "candidacy_pk": w.moc.council_candidacies.order_by("pk").first().pk,
        },
    ),
    "delegates:council_start": (STAFF, _moc),
    "delegates:council_record": (STAFF, _council_election),
    "delegates:council_cancel": (STAFF, _council_election),
    "delegates:council_write": (STAFF, _moc),
    "delegates:council_resolution": (STAFF, _moc),
    # evaluation
    "evaluation:form": (STAFF, _moc),
    "evaluation:create": (STAFF, _moc),
    "evaluation:question_add": (STAFF, _moc),
    "evaluation:question_edit": (STAFF, _question),
    "evaluation:question_up": (STAFF, _question),
    "evaluation:question_down": (STAFF, _question),
    "evaluation:question_remove": (STAFF, _question),
    "evaluation:paper": (STAFF, _moc),
    "evaluation:results": (STAFF, _moc),
    "evaluation:answer": (PARTICIPANT, _code),
    # territory
    "territory:council_settings": (STAFF, _council),
    "territory:council_seats": (STAFF, _council),
    "territory:council_member_add": (STAFF, _council),
    "territory:council_member_edit": (STAFF, _council_member),
    "territory:council_member_end_term": (STAFF, _council_member),
    # editions
    "editions:list": (STAFF, NONE),
    "editions:create": (STAFF, NONE),
    "editions:edit": (STAFF, lambda w: {"year": 2025}),
    "editions:state": (STAFF, lambda w: {"year": 2025, "uf": "MG"}),
}
# The live stream reads the database on a connection of its own, which cannot see this
# test's transaction (SQLite even finds the table locked): only its address is attacked,
# which is refused before any read.
OWN_CONNECTION = {"voting:events"}
# The rest of Django's admin is Django's own forms over the models' validation; the
# project's own admin pages are the imports above.
SKIPPED_NAMESPACES = {"admin"}


def _named_routes(resolver=None, namespace="") -> dict[str, URLPattern]:
    found = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.update(_named_routes(entry, inner))
        elif entry.name:
            found[f"{namespace}{entry.name}"] = entry
    return found


def test_every_route_of_the_urlconf_is_in_the_table():
    named = {
        name
        for name in _named_routes()
        if name.split(":")[0] not in SKIPPED_NAMESPACES or name in ROUTES
    }
    assert named - set(ROUTES) == set(), "add the new routes to ROUTES"
    assert set(ROUTES) - named == set(), "routes that no longer exist"


# --- forms found on the pages -------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, choice, check, file
    value: str = ""
    options: list[str] = field(default_factory=list)
    radio: bool = False


@dataclass
class Form:
    method: str
    action: str
    fields: list[Field] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def baseline(self) -> dict[str, list[str]]:
        """What a person who changes nothing would send: values as rendered, the first
        real option of each select, checkboxes ticked (consent boxes are required)."""
        data: dict[str, list[str]] = {}
        for f in self.fields:
            if f.kind == "file":
                continue
            if f.kind == "choice" and f.options:
                value = next((o for o in f.options if o), f.options[0])
                if f.value in f.options:
                    value = f.value
            elif f.kind == "check" and f.name.endswith("-DELETE"):
                continue  # a person who changes nothing deletes nothing
            else:
                value = f.value or ("on" if f.kind == "check" else "")
            data.setdefault(f.name, []).append(value)
        return data


class FormParser(HTMLParser):
    TEXT_TYPES = {"text", "search", "email", "tel", "url", "password", "date", "time"}

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(method=(a.get("method") or "get").lower(), action=a.get("action"))
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                form.buttons.append((name, a.get("value", "")))
            elif kind == "file":
                form.fields.append(Field(name, "file"))
            elif kind == "checkbox":
                form.fields.append(Field(name, "check", a.get("value", "on")))
            elif kind == "radio":
                radio = next((f for f in form.fields if f.name == name and f.radio), None)
                if radio is None:
                    radio = Field(name, "choice", radio=True)
                    form.fields.append(radio)
                radio.options.append(a.get("value", "on"))
                if "checked" in a:
                    radio.value = a.get("value", "on")
            elif kind == "hidden" or kind == "number":
                form.fields.append(Field(name, "choice", a.get("value", "")))
            elif kind in self.TEXT_TYPES or kind.startswith("datetime"):
                form.fields.append(Field(name, "text", a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit" and name:
            form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = Field(name, "choice")
            form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = Field(name, "text")
            form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str, page_url: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        form.action = form.action or page_url
    return parser.forms


# --- parameters read by hand in the views --------------------------------------------


def parameters_read(view) -> dict[str, set[str]]:
    """Keys the view reads by hand from request.GET / request.POST (not through a form),
    in its own body and in the functions of its module it calls."""
    function = inspect.unwrap(getattr(view, "view_class", view))
    keys: dict[str, set[str]] = {"get": set(), "post": set()}
    if not function.__module__.startswith("plenaria.") or inspect.isclass(function):
        return keys  # Django's own views (logout, language) and class-based ones (login)
    module = ast.parse(inspect.getsource(inspect.getmodule(function)))
    functions = {
        node.name: node
        for node in ast.walk(module)  # methods too: the admin's import view is one
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    todo, seen = [functions[function.__name__]], set()
    while todo:
        node = todo.pop()
        if node.name in seen:
            continue
        seen.add(node.name)
        for inner in ast.walk(node):
            if isinstance(inner, ast.Name) and inner.id in functions:
                todo.append(functions[inner.id])
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and inner.func.attr in ("get", "getlist")
                and ast.unparse(inner.func.value) in ("request.GET", "request.POST")
                and inner.args
                and isinstance(inner.args[0], ast.Constant)
            ):
                method = "get" if ast.unparse(inner.func.value) == "request.GET" else "post"
                keys[method].add(inner.args[0].value)
    return keys


# --- running an attack ----------------------------------------------------------------

# Reference data is large and only the admin imports write it: counted, not read.
COUNTED_ONLY = {"territory", "editions", "auth.Permission", "contenttypes"}


def snapshot() -> dict[str, object]:
    state = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if model is Session:
            continue
        if model._meta.app_label in COUNTED_ONLY or label in COUNTED_ONLY:
            state[label] = model._base_manager.count()
        else:
            state[label] = list(model._base_manager.order_by("pk").values_list())
    return state


def refused(response) -> bool:
    if response.status_code >= 400:
        return True
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    if any(m.level >= messages.ERROR for m in queued):
        return True
    return any(_shows_errors(value) for value in _context_values(response.context))


def _shows_errors(value) -> bool:
    """A bound form or formset the view validated and found wrong (never validates it)."""
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value._errors)
    if isinstance(value, BaseFormSet):
        return (
            value.is_bound
            and value._errors is not None
            and (any(value._errors) or bool(value._non_form_errors))
        )
    return False


def _context_values(context):
    """Every value of the contexts the response's templates were rendered with."""
    if context is None:
        return
    if hasattr(context, "dicts"):
        for values in context.dicts:
            yield from values.values()
    elif isinstance(context, list):
        for inner in context:
            yield from _context_values(inner)
    elif isinstance(context, dict):
        yield from context.values()


class WriteSpy:
    """Whether a request wrote to a table other than the sessions: only then is the
    database compared with its state before (reading every table each time is slow)."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        words = sql.lstrip().split(None, 3)
        if words and words[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            table = words[2] if words[0].upper() != "UPDATE" else words[1]
            if "django_session" not in table:
                self.tables.add(table)
        return execute(sql, params, many, context)

    def __bool__(self) -> bool:
        return bool(self.tables)


@dataclass
class Attacker:
    world: World
    before: dict
    failures: list[str] = field(default_factory=list)
    requests: int = 0
    forms_seen: set = field(default_factory=set)

    def send(self, who: str, method: str, url: str, data=None, label: str = "") -> None:
        client = self.world.clients[who]
        cookies = copy.deepcopy(client.cookies)  # a logout must not log the persona out
        self.requests += 1
        where = f"{method} {url[:120]} [{label[:80]}] as {who}"
        writes = WriteSpy()
        try:
            with transaction.atomic():
                try:
                    with connection.execute_wrapper(writes):
                        response = getattr(client, method)(url, data or {})
                except Exception as error:  # noqa: BLE001 - what the test is looking for
                    self.failures.append(f"{where}: {type(error).__name__}: {str(error)[:200]}")
                    transaction.set_rollback(True)
                    return
                if response.status_code >= 500:
                    self.failures.append(f"{where}: HTTP {response.status_code}")
                elif writes and refused(response) and snapshot() != self.before:
                    self.failures.append(f"{where}: refused but something was saved")
                transaction.set_rollback(True)
        finally:
            client.cookies = cookies


def _with(data: dict[str, list[str]], name: str, value) -> dict:
    changed = dict(data)
    changed[name] = [value]
    return changed


def attack_route(attacker: Attacker, name: str) -> None:
    world = attacker.world
    who, kwargs_for = ROUTES[name]
    kwargs = kwargs_for(world)
    url = reverse(name, kwargs=kwargs)
    pattern = _named_routes()[name]

    # 1. the address's own arguments
    for key, value in kwargs.items():
        attacks = [PAST_BIGINT, HUGE_ID] if isinstance(value, int) else ["x" * 5000, "=1+1", NUL]
        for attack in attacks:
            hostile = reverse(name, kwargs={**kwargs, key: attack})
            attacker.send(who, "get", hostile, label=f"<{key}>")
            attacker.send(who, "post", hostile, label=f"<{key}>")

    if name in OWN_CONNECTION:
        return
    # 2. parameters the view reads by hand, in the query or the POST
    for method, keys in parameters_read(pattern.callback).items():
        for key in sorted(keys):
            for attack in [PAST_BIGINT, HUGE_ID, "-1", LONG, NUL]:
                attacker.send(who, method, url, {key: attack}, label=f"{key}")

    # 3. every form the page shows
    if name in OWN_CONNECTION:
        return
    page = world.clients[who].get(url)
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return
    for form in forms_of(page.content.decode(), url):
        if not form.action.startswith("/") or urlsplit(form.action).path.startswith("/static"):
            continue
        # the same form once: the header's and footer's on every page, a list's rows
        path = re.sub(r"/\d+/", "/#/", urlsplit(form.action).path)
        key = (form.method, path, tuple(f.name for f in form.fields), tuple(form.buttons))
        if key in attacker.forms_seen:
            continue
        attacker.forms_seen.add(key)
        method = "post" if form.method == "post" else "get"
        base = form.baseline()
        for button in form.buttons or [None]:
            data = dict(base)
            if button:
                data[button[0]] = [button[1]]
            for attack in EVERYWHERE:
                everything = {k: [attack] for k in data}
                if button:  # the button still says which action is meant
                    everything[button[0]] = [button[1]]
                attacker.send(who, method, form.action, everything, f"all fields={attack[:20]!r}")
            for f in form.fields:
                if f.kind == "file":
                    for label, (filename, content) in FILES.items():
                        upload = data | {f.name: SimpleUploadedFile(filename, content)}
                        attacker.send(who, method, form.action, upload, f"{f.name}: {label}")
                    continue
                if button and f.name == button[0]:
                    continue
                if re.search(r"-[1-9]\d*-", f.name):
                    continue  # a formset's other rows are the same fields as its first
                for attack in ALONE["text" if f.kind == "text" else "choice"]:
                    attacker.send(
                        who, method, form.action, _with(data, f.name, attack), f"{f.name}"
                    )


NAMESPACES = sorted({name.split(":")[0] if ":" in name else "" for name in ROUTES})


@pytest.fixture
def world(monkeypatch):
    import weasyprint

    class NoPdf:
        """The page's HTML is still rendered; drawing it is WeasyPrint's, and slow."""

        def __init__(self, string):
            self.string = string

        def write_pdf(self):
            return b"%PDF-1.7 (drawn by WeasyPrint outside this test)"

    monkeypatch.setattr(weasyprint, "HTML", NoPdf)
    cache.clear()
    yield build_world()
    cache.clear()  # the PIN limits counted this test's wrong attempts


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_hostile_input_never_gets_a_500_and_a_refusal_saves_nothing(world, namespace):
    attacker = Attacker(world=world, before=snapshot())
    for name in ROUTES:
        if (name.split(":")[0] if ":" in name else "") == namespace:
            attack_route(attacker, name)
    assert attacker.requests > 0
    assert attacker.failures == [], f"{len(attacker.failures)} of {attacker.requests}:\n" + (
        "\n".join(attacker.failures[:80])
    )


# --- the attacks of issue 15, one by one ---------------------------------------------


def test_badges_with_an_id_past_bigint_answer_with_the_page_not_a_500(world):
    url = reverse("participants:badges", args=[world.moc.pk])
    staff = world.clients[STAFF]
    for attack in (HUGE_ID, PAST_BIGINT):
        response = staff.post(url, {"id": attack})
        # no registration has that id: every confirmed one is printed
        assert response.status_code == 302 and response["Location"].startswith("/tarefas/")
        job = Job.objects.get(pk=response["Location"].split("/")[2])
        assert job.params["ids"] == [] and job.total > 0


def test_electing_an_attendance_id_past_bigint_is_a_message_and_elects_nobody(world):
    from plenaria.participants.models import Registration

    before = Registration.objects.count()
    url = reverse("participants:event_elect", args=[world.event.pk])
    response = world.clients[STAFF].post(url, {"attendance": [HUGE_ID, PAST_BIGINT]}, follow=True)
    assert response.status_code == 200
    assert "Marque as pessoas que o evento elegeu." in response.content.decode()
    assert Registration.objects.count() == before


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("more columns than the header", "A linha 2 tem mais colunas que o cabeçalho."),
        ("a field over 131,072 characters", "uma célula tem mais de 1000 caracteres"),
        ("invalid UTF-8 (and not Windows-1252)", "O arquivo não é uma planilha CSV ou XLSX."),
        ("6,000 rows of CSV", "O arquivo tem mais de 5000 linhas; divida-o."),
        ("200,000 rows in 100 KB of XLSX", "O arquivo tem mais de 5000 linhas; divida-o."),
    ],
)
def test_a_hostile_import_file_gets_a_pt_br_message_at_the_field_and_imports_nothing(
    world, label, message
):
    from plenaria.participants.models import Registration

    before = Registration.objects.count()
    filename, content = FILES[label]
    response = world.clients[STAFF].post(
        reverse("participants:import", args=[world.moc.pk]),
        {"file": SimpleUploadedFile(filename, content), "consent": "on"},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert Registration.objects.count() == before


def test_the_seat_import_refuses_a_file_it_would_have_cut(world):
    big = ("UF;titulares;suplentes\n" + "MG;2;2\n" * 40_000).encode()
    response = world.clients[STAFF].post(
        reverse("delegates:import", args=[2025]), {"file": SimpleUploadedFile("v.csv", big)}
    )
    assert response.status_code == 400
    assert "O arquivo tem mais de 200 KB." in response.content.decode()


def test_the_territory_imports_report_a_hostile_file_and_change_nothing(world):
    from plenaria.territory.models import Municipality
    from plenaria.territory.services import parse_association_csv, parse_population_csv

    for label in ("more columns than the header", "a field over 131,072 characters"):
        for parse in (parse_population_csv, parse_association_csv):
            result = parse(FILES[label][1])
            assert not result.ok and any("inha" in e for e in result.errors), (label, result)
    assert not Municipality.objects.filter(population__gt=20_000_000).exists()


@pytest.mark.parametrize(
    ("route", "kwargs", "query"),
    [
        ("proposals:participant", {"code": "AB\x00CD"}, {}),
        ("participants:list", None, {"q": NUL}),
        ("reports:state", {"uf": "M\x00G"}, {}),
    ],
)
def test_a_nul_character_in_an_address_or_a_search_is_refused_with_a_message(
    world, route, kwargs, query
):
    url = reverse(route, kwargs=kwargs if kwargs is not None else {"pk": world.moc.pk})
    response = world.clients[STAFF].get(url, query)
    assert response.status_code == 400
    assert "caractere não permitido (NUL)" in response.content.decode()


def test_a_nul_character_in_a_poll_option_is_refused_with_a_message_and_nothing_is_voted(world):
    from plenaria.voting.models import Voter

    url = reverse("voting:delegate", args=[world.rapporteur.code])
    poll = world.moc.polls.get(state="open")
    response = world.clients[PARTICIPANT].post(
        url, {"poll": poll.pk, "option": "yes\x00"}, follow=True
    )
    assert response.status_code == 200 and not Voter.objects.filter(poll=poll).exists()
    assert "Escolha uma das opções." in response.content.decode()


def _form_on(client, url: str, prefix: str) -> dict[str, list[str]]:
    page = client.get(url)
    [form] = [
        f for f in forms_of(page.content.decode(), url) if any(prefix in x.name for x in f.fields)
    ]
    return form.baseline()


def test_a_formset_claiming_10_to_the_20_rows_is_refused_without_building_them(world):
    from plenaria.conferences.forms import MAX_ROWS
    from plenaria.conferences.models import CommissionMember

    before = CommissionMember.objects.count()
    url = reverse("conferences:commission", args=[world.moc.pk])
    data = _form_on(world.clients[STAFF], url, "commission-")
    data["commission-TOTAL_FORMS"] = [HUGE_ID]
    response = world.clients[STAFF].post(url, data)
    formset = response.context["formset"]
    assert response.status_code == 200 and len(formset.forms) <= MAX_ROWS
    assert "envie no máximo 200 formulários" in " ".join(formset.non_form_errors())
    assert CommissionMember.objects.count() == before


def test_deleting_a_shift_with_check_ins_is_a_message_and_deletes_nothing(world):
    from plenaria.core.models import AuditEntry

    audits = AuditEntry.objects.count()
    url = reverse("conferences:shifts", args=[world.moc.pk])
    data = _form_on(world.clients[STAFF], url, "shifts-")
    data["shifts-0-DELETE"] = ["on"]
    shift_id = int(data["shifts-0-id"][0])
    assert world.moc.shifts.get(pk=shift_id).checkins.exists()
    response = world.clients[STAFF].post(url, data)
    assert response.status_code == 200
    assert "não pode ser excluído: há credenciamentos registrados nele" in (
        " ".join(response.context["formset"].non_form_errors())
    )
    assert world.moc.shifts.filter(pk=shift_id).exists()
    assert AuditEntry.objects.count() == audits
