"""Writes on territories: the reference data, population and association imports."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenaria.core import audit, spreadsheets
from plenaria.core.forms import as_int
from plenaria.core.models import AuditEntry
from plenaria.territory.models import REFERENCE_POPULATION_DATE, PopulationSource

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def council_name(
    level: str, *, state_name: str = "", abbreviation: str = "", municipality: str = ""
) -> str:
    """Council names as councils write them (proper names, pt-BR in any language)."""
    if level == "national":
        return "Conselho Nacional de Assistência Social (CNAS)"
    if level == "state":
        if abbreviation == "DF":
            return "Conselho de Assistência Social do Distrito Federal (CAS/DF)"
        return f"Conselho Estadual de Assistência Social — {state_name} (CEAS/{abbreviation})"
    return f"Conselho Municipal de Assistência Social de {municipality}/{abbreviation} (CMAS)"


def load_reference_data(State, Municipality, Council) -> dict[str, int]:
    """States, municipalities and their councils from the shipped CSV files.

    Idempotent: existing rows are updated by IBGE code, missing ones created in
    bulk. Takes model classes so data migrations can pass historical models.
    Population and coordinates are loaded by :func:`load_reference_figures` (their
    fields came later than the migration that first calls this).
    """
    created = {"states": 0, "municipalities": 0, "councils": 0}
    states = {s.ibge_code: s for s in State.objects.all()}
    for row in _read_csv("states.csv"):
        code = int(row["ibge_code"])
        values = {"abbreviation": row["abbreviation"], "name": row["name"], "region": row["region"]}
        if code in states:
            state = states[code]
            if any(getattr(state, k) != v for k, v in values.items()):
                State.objects.filter(pk=state.pk).update(**values)
        else:
            states[code] = State.objects.create(ibge_code=code, **values)
            created["states"] += 1
    by_abbreviation = {s.abbreviation: s for s in State.objects.all()}

    existing = dict(Municipality.objects.values_list("ibge_code", "name"))
    new = []
    for row in _read_csv("municipalities.csv"):
        code = int(row["ibge_code"])
        if code not in existing:
            new.append(
                Municipality(ibge_code=code, name=row["name"], state=by_abbreviation[row["state"]])
            )
        elif existing[code] != row["name"]:
            Municipality.objects.filter(ibge_code=code).update(name=row["name"])
    Municipality.objects.bulk_create(new, batch_size=1000)
    created["municipalities"] = len(new)

    councils = []
    if not Council.objects.filter(level="national").exists():
        councils.append(Council(level="national", name=council_name("national")))
    with_state_council = set(
        Council.objects.filter(level="state").values_list("state_id", flat=True)
    )
    for state in by_abbreviation.values():
        if state.pk not in with_state_council:
            councils.append(
                Council(
                    level="state",
                    state=state,
                    name=council_name(
                        "state", state_name=state.name, abbreviation=state.abbreviation
                    ),
                )
            )
    with_council = set(
        Council.objects.filter(level="municipal").values_list("municipality_id", flat=True)
    )
    abbreviation_of = {s.pk: s.abbreviation for s in by_abbreviation.values()}
    for muni in Municipality.objects.exclude(pk__in=with_council).only("pk", "name", "state_id"):
        councils.append(
            Council(
                level="municipal",
                state_id=muni.state_id,
                municipality=muni,
                name=council_name(
                    "municipal", municipality=muni.name, abbreviation=abbreviation_of[muni.state_id]
                ),
            )
        )
    Council.objects.bulk_create(councils, batch_size=1000)
    created["councils"] = len(councils)
    return created


# The shipped population file (IBGE estimates, 1 July 2025; data/README.md).
REFERENCE_POPULATION_FILE = "ibge-populacao-2025.csv"


def load_reference_figures(Municipality) -> dict[str, int]:
    """Population (IBGE estimate of 1 July 2025) and the seat's coordinates from the
    shipped CSV files, so porte and seats work on a fresh install.

    A figure is replaced only when it is missing or refers to an earlier year than the
    shipped one: a newer figure someone imported stays (the import is for updates).
    Takes the model class so data migrations can pass the historical model.
    """
    reference = {
        int(row["codigo_municipio"]): int(row["populacao"])
        for row in _read_csv(REFERENCE_POPULATION_FILE)
    }
    coordinates = {
        int(row["codigo_ibge"]): (Decimal(row["latitude"]), Decimal(row["longitude"]))
        for row in _read_csv("municipios-coordenadas.csv")
    }
    year = REFERENCE_POPULATION_DATE.year
    changed, counts = [], {"population": 0, "coordinates": 0}
    for muni in Municipality.objects.all():
        touched = False
        figure = reference.get(muni.ibge_code)
        newer_kept = muni.population is not None and (muni.population_year or 0) >= year
        is_reference = muni.population_source == PopulationSource.IBGE_ESTIMATE
        if figure is not None and (is_reference or not newer_kept):
            values = (figure, year, PopulationSource.IBGE_ESTIMATE, REFERENCE_POPULATION_DATE)
            if values != (
                muni.population,
                muni.population_year,
                muni.population_source,
                muni.population_date,
            ):
                (
                    muni.population,
                    muni.population_year,
                    muni.population_source,
                    muni.population_date,
                ) = values
                counts["population"] += 1
                touched = True
        if (
            muni.ibge_code in coordinates
            and (muni.latitude, muni.longitude) != coordinates[muni.ibge_code]
        ):
            muni.latitude, muni.longitude = coordinates[muni.ibge_code]
            counts["coordinates"] += 1
            touched = True
        if touched:
            changed.append(muni)
    Municipality.objects.bulk_update(
        changed,
        [
            "population",
            "population_year",
            "population_source",
            "population_date",
            "latitude",
            "longitude",
        ],
        batch_size=1000,
    )
    return counts


@transaction.atomic
def council_update_settings(*, actor, council, period_years: int | None) -> None:
    """The council's own periodicity (NOB-SUAS 2012, art. 117: at most four years)."""
    if council.period_years == period_years:
        return
    audit.update_audited(
        council,
        actor=actor,
        changes={"period_years": period_years},
        context=f"council:{council.pk}",
    )


# --- CSV imports ---------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import found: good rows to apply and one message per bad row."""

    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# Every municipality of Brazil (5,571) with room for a few repeated lines.
MAX_ROWS = 10_000


def _rows(data: bytes, result: ImportResult) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of the file, read as a stream; a file that cannot be read or passes
    the limits ends the reading with its message among the errors."""
    try:
        yield from spreadsheets.csv_dicts(spreadsheets.decode_text(data), max_rows=MAX_ROWS)
    except ValueError as error:
        result.errors.append(str(error))


def parse_population_csv(data: bytes) -> ImportResult:
    """Columns: ibge_code (or codigo_ibge) and population (or populacao); optional year."""
    from plenaria.territory.models import Municipality

    result = ImportResult()
    known = set(Municipality.objects.values_list("ibge_code", flat=True))
    seen: set[int] = set()
    for line, row in _rows(data, result):
        code_text = row.get("ibge_code") or row.get("codigo_ibge") or ""
        pop_text = (row.get("population") or row.get("populacao") or "").replace(".", "")
        year_text = row.get("year") or row.get("ano") or ""
        if as_int(code_text) is None or len(code_text) != 7:
            result.errors.append(
                _("Line %(line)s: “%(code)s” is not a 7-digit IBGE code.")
                % {"line": line, "code": code_text}
            )
            continue
        code = int(code_text)
        if code not in known:
            result.errors.append(
                _("Line %(line)s: no municipality has the IBGE code %(code)s.")
                % {"line": line, "code": code}
            )
            continue
        if code in seen:
            result.errors.append(
                _("Line %(line)s: the IBGE code %(code)s appears twice.")
                % {"line": line, "code": code}
            )
            continue
        if as_int(pop_text) is None or int(pop_text) > 20_000_000:
            result.errors.append(
                _("Line %(line)s: “%(value)s” is not a valid population.")
                % {"line": line, "value": pop_text}
            )
            continue
        if year_text and (as_int(year_text) is None or not 1900 <= int(year_text) <= 2100):
            result.errors.append(
                _("Line %(line)s: “%(value)s” is not a valid year.")
                % {"line": line, "value": year_text}
            )
            continue
        seen.add(code)
        result.rows.append(
            {
                "ibge_code": code,
                "population": int(pop_text),
                "year": int(year_text) if year_text else None,
            }
        )
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no rows."))
    return result


def _integer_by_pk(values: dict[int, int | None]) -> RawSQL:
    """One integer per row of an UPDATE, by primary key. Django's bulk_update builds
    an ORM expression per row and field: seconds of Python for the whole country."""
    whens = " ".join(["WHEN %s THEN %s"] * len(values))
    params = [item for pair in values.items() for item in pair]
    # Only placeholders go into the text, the values are parameters. The cast types
    # the column even when every value is NULL (PostgreSQL).
    sql = f"CAST(CASE id {whens} END AS INTEGER)"
    return RawSQL(sql, params, IntegerField())  # noqa: S611


@transaction.atomic
def population_import(*, actor, result: ImportResult) -> int:
    """Apply a parsed population file: all rows or, when any row is bad, none.

    A few statements whatever the size of the file: one read, then the changed
    municipalities and their audit entries written in bulk (a 5,571-row file took
    ~20 s with one audit insert per row)."""
    from plenaria.territory.models import Municipality

    if not result.ok:
        raise ValueError("refusing to import a file with errors")
    by_code = {
        m.ibge_code: m
        for m in Municipality.objects.filter(ibge_code__in=[r["ibge_code"] for r in result.rows])
    }
    fields = ["population", "population_year", "population_source", "population_date"]
    changed = []
    for row in result.rows:
        muni = by_code[row["ibge_code"]]
        if muni.population != row["population"] or (
            row["year"] and muni.population_year != row["year"]
        ):
            before = audit.snapshot(muni, fields)
            muni.population = row["population"]
            # The file's own figure: a year at most, no reference date, no IBGE credit.
            muni.population_year = row["year"]
            muni.population_source = PopulationSource.IMPORTED
            muni.population_date = None
            changed.append((muni, before))
    # Five parameters a row (the id three times, two figures): SQLite's limit per
    # statement as Django knows it, or BULK_BATCH.
    size = min(audit.BULK_BATCH, connection.ops.bulk_batch_size(["id"] * 5, changed) or 1)
    for start in range(0, len(changed), size):
        batch = [muni for muni, _before in changed[start : start + size]]
        Municipality.objects.filter(pk__in=[m.pk for m in batch]).update(
            population=_integer_by_pk({m.pk: m.population for m in batch}),
            population_year=_integer_by_pk({m.pk: m.population_year for m in batch}),
            population_source=PopulationSource.IMPORTED,
            population_date=None,
        )
    audit.record_many(
        actor=actor,
        action=AuditEntry.Action.IMPORT,
        changes=[(muni, before, audit.snapshot(muni, fields)) for muni, before in changed],
    )
    return len(changed)


def parse_association_csv(data: bytes) -> ImportResult:
    """One line per member: association, acronym, kind (association/region), state
    (UF) and ibge_code of the member municipality."""
    from plenaria.territory.models import Association, Municipality

    result = ImportResult()
    municipalities = {m.ibge_code: m for m in Municipality.objects.select_related("state")}
    kinds = {k.value for k in Association.Kind}
    for line, row in _rows(data, result):
        name = row.get("association") or row.get("associacao") or ""
        kind = (row.get("kind") or row.get("tipo") or "association").lower()
        kind = {
            "associacao": "association",
            "associação": "association",
            "regiao": "region",
            "região": "region",
        }.get(kind, kind)
        uf = (row.get("state") or row.get("uf") or "").upper()
        code_text = row.get("ibge_code") or row.get("codigo_ibge") or ""
        problems = []
        if not name:
            problems.append(_("the association name is missing"))
        if kind not in kinds:
            problems.append(_("kind must be “association” or “region”"))
        muni = municipalities.get(int(code_text)) if as_int(code_text) is not None else None
        if muni is None:
            problems.append(_("“%s” is not a known IBGE code") % code_text)
        elif uf and muni.state.abbreviation != uf:
            problems.append(
                _("%(name)s is in %(real)s, not %(uf)s")
                % {"name": muni.name, "real": muni.state.abbreviation, "uf": uf}
            )
        if problems:
            result.errors.append(
                _("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        result.rows.append(
            {
                "name": name[:200],
                "acronym": (row.get("acronym") or row.get("sigla") or "")[:30],
                "kind": kind,
                "municipality": muni,
            }
        )
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no rows."))
    return result


@transaction.atomic
def association_import(*, actor, result: ImportResult) -> int:
    """Create the associations named in the file and add their members. Returns
    how many memberships were added. All or nothing.

    A few statements whatever the size of the file: the associations and memberships
    already there are read once, the new ones and the audit entries inserted in bulk
    (one ``get_or_create`` and membership check per row took 91 s for 5,570 rows)."""
    from plenaria.territory.models import Association

    if not result.ok:
        raise ValueError("refusing to import a file with errors")
    Membership = Association.members.through
    keys = {(row["municipality"].state_id, row["name"]) for row in result.rows}
    associations = {
        (a.state_id, a.name): a
        for a in Association.objects.filter(
            state_id__in={state for state, _name in keys}, name__in={name for _s, name in keys}
        )
    }
    new = {}
    for row in result.rows:
        key = (row["municipality"].state_id, row["name"])
        if key not in associations and key not in new:
            # As get_or_create did: the first line naming an association gives its
            # acronym and kind.
            new[key] = Association(
                state_id=key[0], name=key[1], acronym=row["acronym"], kind=row["kind"]
            )
    for association in new.values():
        association.clean_fields(exclude=["state"])  # the state is a known row
    Association.objects.bulk_create(new.values(), batch_size=audit.BULK_BATCH)
    associations.update(new)
    created = {a.pk for a in new.values()}

    existing = set(
        Membership.objects.filter(
            association_id__in=[a.pk for a in associations.values()]
        ).values_list("association_id", "municipality_id")
    )
    memberships, entries = [], []
    for row in result.rows:
        muni = row["municipality"]
        association = associations[(muni.state_id, row["name"])]
        # The entries in the order the per-row import wrote them: the creation of an
        # association before its first member.
        if association.pk in created:
            created.remove(association.pk)
            entries.append((association, None, None))
        if (association.pk, muni.pk) in existing:
            continue
        existing.add((association.pk, muni.pk))
        memberships.append(Membership(association_id=association.pk, municipality_id=muni.pk))
        entries.append((association, {}, {"member": muni.name}))
    Membership.objects.bulk_create(memberships, batch_size=audit.BULK_BATCH)
    audit.record_many(actor=actor, action=AuditEntry.Action.IMPORT, changes=entries)
    return len(memberships)


# --- the council's law, seats and members --------------------------------------------


def _council_context(council) -> str:
    return f"council:{council.pk}"


@transaction.atomic
def council_seats_set(*, actor, council, law: str, seats: dict[str, tuple[int, int]]) -> None:
    """The council's law and, per civil-society segment, the titular and suplente seats
    civil society holds on the council under it. ``seats`` maps each segment to
    (titulares, suplentes); a segment left out keeps what it had."""
    from plenaria.territory.models import MAX_COUNCIL_SEATS, CouncilSeat, CouncilSegment

    law = " ".join((law or "").split())
    if any(sum(numbers) for numbers in seats.values() if None not in numbers) and not law:
        raise ValidationError(
            {"law": _("Name the law or act that fixes the seats (e.g. “Lei nº 1.234/2012”).")}
        )
    for segment, numbers in seats.items():
        if segment not in CouncilSegment.values:
            raise ValidationError(_("Choose a civil-society segment."))
        if any(n is None or n < 0 or n > MAX_COUNCIL_SEATS for n in numbers):
            raise ValidationError(
                {f"t_{segment}": _("Between 0 and %(max)s seats.") % {"max": MAX_COUNCIL_SEATS}}
            )
    Council = type(council)
    council = Council.objects.select_for_update().get(pk=council.pk)
    if council.law != law:
        audit.update_audited(
            council, actor=actor, changes={"law": law}, context=_council_context(council)
        )
    existing = {s.segment: s for s in CouncilSeat.objects.filter(council=council)}
    for segment, (titulares, suplentes) in seats.items():
        found = existing.get(segment)
        if found is None:
            found = CouncilSeat(
                council=council, segment=segment, titulares=titulares, suplentes=suplentes
            )
            found.full_clean()
            found.save()
            audit.record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=found,
                after=audit.snapshot(found),
                context=_council_context(council),
            )
        elif (found.titulares, found.suplentes) != (titulares, suplentes):
            audit.update_audited(
                found,
                actor=actor,
                changes={"titulares": titulares, "suplentes": suplentes},
                context=_council_context(council),
            )


MEMBER_FIELDS = ("name", "role", "sector", "segment", "seat", "term_start", "term_end", "act")


def _check_member(member) -> None:
    from plenaria.core.models import Sector

    member.name = " ".join((member.name or "").split())
    member.act = " ".join((member.act or "").split())
    if member.sector == Sector.GOVERNMENT and member.segment:
        raise ValidationError(
            {"segment": _("Government members have no civil-society segment: leave it blank.")}
        )
    if member.sector == Sector.CIVIL_SOCIETY and not member.segment:
        raise ValidationError({"segment": _("Choose the civil-society segment of the member.")})
    if member.term_end and member.term_start and member.term_end < member.term_start:
        raise ValidationError({"term_end": _("The term cannot end before it starts.")})
    member.full_clean(exclude=["council", "user"])


def _lock(council) -> None:
    """The council's row lock: saves of its members wait for each other."""
    list(type(council).objects.select_for_update().filter(pk=council.pk).values_list("pk"))


def _check_seats(council, new_members: list) -> None:
    """The law gives a segment so many titular and suplente seats: never more members
    hold them on one same day (an election written twice, or a member typed into a full
    seat, is refused and says who holds the seats). The caller holds the council's lock,
    so two saves at once cannot both take the last seat."""
    from plenaria.territory import rules, selectors
    from plenaria.territory.models import CouncilMember

    law = selectors.council_seats(council)
    for member in new_members:
        if not member.segment or not member.seat:
            continue
        others = [
            m
            for m in CouncilMember.objects.filter(
                council=council, segment=member.segment, seat=member.seat
            ).exclude(pk=member.pk)
        ] + [
            m
            for m in new_members
            if m is not member and (m.segment, m.seat) == (member.segment, member.seat)
        ]
        terms = [(m.term_start, m.term_end) for m in [*others, member]]
        limit = rules.seat_overflow(
            law_seats=law.get(member.segment),
            seat=member.seat,
            holders=rules.most_at_once(terms, member.term_start, member.term_end),
        )
        if limit is not None:
            holders = [
                m.name
                for m in others
                if rules.most_at_once(
                    [(m.term_start, m.term_end)], member.term_start, member.term_end
                )
            ]
            raise ValidationError(
                {
                    "seat": ngettext(
                        "The council's law gives %(segment)s %(limit)s %(seat)s seat, held "
                        "in that term by: %(names)s. End a term on the council's page first.",
                        "The council's law gives %(segment)s %(limit)s %(seat)s seats, all "
                        "held in that term by: %(names)s. End a term on the council's page "
                        "first.",
                        limit,
                    )
                    % {
                        "segment": member.get_segment_display(),
                        "limit": limit,
                        "seat": member.get_seat_display().lower(),
                        "names": ", ".join(holders) or "—",
                    }
                }
            )


@transaction.atomic
def council_member_add(*, actor, council, **values):
    """A member of the council, typed on the council's page (``MEMBER_FIELDS``)."""
    from plenaria.territory.models import CouncilMember

    unknown = set(values) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    member = CouncilMember(council=council, **values)
    _add_members(actor, council, [member])
    return member


def _refuse_account_holder(member, values=None) -> None:
    """A member with a user account holds the council's permissions while in their term
    (and as what role): only the administrator changes that, never the council's page,
    or an organiser could give an ex-organiser their access back, or lock another out."""
    if member.user_id is None:
        return
    if values is None or any(
        getattr(member, field) != values[field]
        for field in ("role", "term_start", "term_end")
        if field in values
    ):
        raise ValidationError(
            _(
                "This member has a user account: their term and role give access to the "
                "council's pages, so only the administrator changes them."
            )
        )


@transaction.atomic
def council_member_update(*, actor, member, **values):
    """Correct what the council's page shows of a member."""
    unknown = set(values) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    _refuse_account_holder(member, values)
    before = audit.snapshot(member, MEMBER_FIELDS)
    for name, value in values.items():
        setattr(member, name, value)
    _check_member(member)
    _lock(member.council)
    _check_seats(member.council, [member])
    after = audit.snapshot(member, MEMBER_FIELDS)
    if after == before:
        return member
    member.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=member,
        before=before,
        after=after,
        context=_council_context(member.council),
    )
    return member


@transaction.atomic
def council_member_end_term(*, actor, member, term_end, reason: str = ""):
    """The member's term ends on ``term_end`` (resignation, replacement, end of the
    mandate): the row stays as a past term."""
    _refuse_account_holder(member)
    if term_end is None:
        raise ValidationError({"term_end": _("Say when the term ends.")})
    if term_end < member.term_start:
        raise ValidationError({"term_end": _("The term cannot end before it starts.")})
    if member.term_end is not None and member.term_end <= term_end:
        raise ValidationError({"term_end": _("The term already ends on that date or earlier.")})
    return audit.update_audited(
        member,
        actor=actor,
        changes={"term_end": term_end},
        reason=" ".join((reason or "").split())[:300],
        context=_council_context(member.council),
    )


@transaction.atomic
def council_members_write(*, actor, council, members: list[dict]) -> tuple[int, int]:
    """Members chosen elsewhere (a conference's council election): each dict holds the
    ``MEMBER_FIELDS`` and a ``source`` naming what chose it. A row already written from
    the same source is left as it is (the council may have corrected or ended it since),
    never copied. Returns (created, already there)."""
    from plenaria.territory.models import CouncilMember

    _lock(council)
    sources = [m["source"] for m in members]
    if any(not s for s in sources) or len(set(sources)) != len(sources):
        raise ValueError("every member written needs its own source")
    existing = {
        m.source: m for m in CouncilMember.objects.filter(council=council, source__in=sources)
    }
    new = [
        CouncilMember(
            council=council,
            source=values["source"],
            **{k: v for k, v in values.items() if k != "source"},
        )
        for values in members
        if values["source"] not in existing
    ]
    _add_members(actor, council, new)
    return len(new), len(members) - len(new)


def _add_members(actor, council, new: list) -> None:
    """Check every new member, then the law's seats with all of them, then save each."""
    _lock(council)
    for member in new:
        _check_member(member)
    _check_seats(council, new)
    for member in new:
        member.save()
        audit.record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=member,
            after=audit.snapshot(member, MEMBER_FIELDS),
            context=_council_context(council),
        )
