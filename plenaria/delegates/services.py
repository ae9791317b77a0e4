"""Writing seat tables. Every write is checked, audited and all-or-nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plenaria.core import audit, spreadsheets
from plenaria.core.models import AuditEntry
from plenaria.delegates import rules
from plenaria.delegates.models import NationalShare, SeatCount, SeatTable
from plenaria.editions.models import Edition
from plenaria.territory.models import Municipality, State
from plenaria.territory.rules import Porte


@dataclass(frozen=True)
class Count:
    titulares: int
    suplentes: int
    reason: str = ""


@dataclass
class TableInput:
    """What the seat table page or an import hands over. Keys: porte values,
    municipality ids (overrides) and state ids (the national table)."""

    remainder_order: list[str]
    portes: dict[str, Count] = field(default_factory=dict)
    municipalities: dict[int, Count] = field(default_factory=dict)
    states: dict[int, Count] = field(default_factory=dict)


def _summary(table: SeatTable) -> dict[str, str]:
    """The table as audit values: one entry per count, readable in the history."""
    out = {"remainder_order": ", ".join(table.remainder_order)}
    for count in table.counts.select_related("municipality", "state"):
        subject = count.porte or (count.municipality or count.state).name
        out[subject] = f"{count.titulares}+{count.suplentes}" + (
            f" ({count.reason})" if count.reason else ""
        )
    return out


def _check(data: TableInput, state: State | None) -> None:
    problems = []
    for count in [*data.portes.values(), *data.municipalities.values(), *data.states.values()]:
        for number in (count.titulares, count.suplentes):
            problem = rules.seat_number_problem(number)
            if problem:
                problems.append(problem)
    if sorted(data.remainder_order) != sorted(rules.CIVIL_SOCIETY):
        problems.append(_("Choose the order of the remainder seats."))
    if state is not None:
        if set(data.portes) != set(Porte.values):
            problems.append(_("Give the seats of every size class."))
        foreign = Municipality.objects.filter(pk__in=data.municipalities).exclude(state=state)
        if foreign.exists():
            problems.append(
                _("Only municipalities of %(state)s can have their own seats.")
                % {"state": state.name}
            )
    if problems:
        raise ValidationError(sorted(set(problems)))


NO_TABLE = "no table"  # the editor's page had no table yet


@transaction.atomic
def save_table(
    *,
    actor,
    edition: Edition,
    state: State | None,
    data: TableInput,
    expected_version: dt.datetime | str | None = None,
    action: str = "",
) -> SeatTable:
    """Create or replace the seat table of ``state`` (None: the national table).
    ``expected_version`` is the ``updated_at`` the editor saw, or NO_TABLE: a save made in
    between is not overwritten. None skips the check (an import merges into what is
    there)."""
    _check(data, state)
    table, created = SeatTable.objects.select_for_update().get_or_create(
        edition=edition, state=state
    )
    if not created and expected_version is not None and table.updated_at != expected_version:
        # NO_TABLE never equals a date: someone created the table meanwhile
        raise ValidationError(
            _(
                "Someone else saved this seat table while you were editing it. Reload the "
                "page to see their changes, then apply yours again."
            ),
            code="stale",
        )
    before = {} if created else _summary(table)
    table.remainder_order = list(data.remainder_order)
    table.save()
    table.counts.all().delete()
    SeatCount.objects.bulk_create(
        [
            SeatCount(table=table, porte=p, titulares=c.titulares, suplentes=c.suplentes)
            for p, c in data.portes.items()
        ]
        + [
            SeatCount(
                table=table,
                municipality_id=m,
                titulares=c.titulares,
                suplentes=c.suplentes,
                reason=c.reason,
            )
            for m, c in data.municipalities.items()
        ]
        + [
            SeatCount(table=table, state_id=s, titulares=c.titulares, suplentes=c.suplentes)
            for s, c in data.states.items()
        ]
    )
    audit.record(
        actor=actor,
        action=action or (AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE),
        obj=table,
        before=before,
        after=_summary(table),
    )
    return table


@dataclass
class ImportResult:
    counts: dict[int, Count] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # one per bad line, in pt-BR


# 27 states, a header and room for blank or repeated lines.
MAX_IMPORT_LINES = 100


def parse_state_seats(text: str) -> ImportResult:
    """Read ``UF;titulares;suplentes`` lines (a header line is skipped; comma also
    accepted). Every bad line is reported; nothing is saved by this function."""
    result = ImportResult()
    states = {s.abbreviation: s for s in State.objects.all()}
    dialect = ";" if text.count(";") >= text.count(",") else ","
    seen: dict[int, int] = {}
    lines = spreadsheets.csv_rows(text, max_rows=MAX_IMPORT_LINES, delimiter=dialect, header=False)
    try:
        read = list(lines)  # at most MAX_IMPORT_LINES: the limits stop the reading there
    except spreadsheets.SpreadsheetError as error:
        result.errors.append(str(error))
        return result
    for number, row in enumerate(read, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and cells[0].upper() not in states:
            continue  # a header
        if len(cells) != 3:
            result.errors.append(
                _("Line %(n)s: expected three columns (UF; titulares; suplentes).") % {"n": number}
            )
            continue
        state = states.get(cells[0].upper())
        if state is None:
            result.errors.append(
                _("Line %(n)s: unknown state “%(uf)s”.") % {"n": number, "uf": cells[0]}
            )
            continue
        try:
            titulares, suplentes = int(cells[1]), int(cells[2])
        except ValueError:
            result.errors.append(_("Line %(n)s: the seats must be whole numbers.") % {"n": number})
            continue
        problem = rules.seat_number_problem(titulares) or rules.seat_number_problem(suplentes)
        if problem:
            result.errors.append(_("Line %(n)s: %(problem)s") % {"n": number, "problem": problem})
            continue
        if state.pk in seen:
            result.errors.append(
                _("Line %(n)s: %(uf)s already appears on line %(first)s.")
                % {"n": number, "uf": state.abbreviation, "first": seen[state.pk]}
            )
            continue
        seen[state.pk] = number
        result.counts[state.pk] = Count(titulares, suplentes)
    if not result.counts and not result.errors:
        result.errors.append(_("The file has no lines with seats."))
    return result


def _shares_summary(table: SeatTable) -> dict[str, str]:
    """The national shares as audit values: one entry per state and kind, or per kind."""
    return {
        f"{s.state.abbreviation if s.state_id else '—'} {s.kind}": f"{s.titulares}+{s.suplentes}"
        for s in table.shares.select_related("state")
    }


@transaction.atomic
def national_shares_save(
    *,
    actor,
    edition: Edition,
    shares: dict[tuple[int, str], Count],
    totals: dict[str, Count],
) -> SeatTable:
    """Replace the national table's shares by kind: each state's municipal-level and
    state-level titulares and suplentes (``shares`` by (state id, kind)), and the national
    figures of federal delegates, natos, guests and observers (``totals`` by kind).
    The numbers are the national council's (DOMAIN.md §7): no formula is applied."""
    errors = {}
    for (state_id, kind), count in shares.items():
        if kind not in rules.STATE_SHARE_KINDS:
            raise ValidationError(_("Unknown kind of delegate."))
        for part, number in (("t", count.titulares), ("s", count.suplentes)):
            if problem := rules.seat_number_problem(number):
                errors[f"{kind}_{part}_{state_id}"] = problem
    for kind, count in totals.items():
        if kind not in rules.NATIONAL_TOTAL_KINDS:
            raise ValidationError(_("Unknown kind of delegate."))
        for part, number in (("t", count.titulares), ("s", count.suplentes)):
            if problem := rules.national_total_problem(number):
                errors[f"total_{part}_{kind}"] = problem
    if errors:
        raise ValidationError(errors)
    table, created = SeatTable.objects.select_for_update().get_or_create(
        edition=edition, state=None
    )
    before = {} if created else _shares_summary(table)
    table.shares.all().delete()
    NationalShare.objects.bulk_create(
        [
            NationalShare(
                table=table,
                state_id=state_id,
                kind=kind,
                titulares=c.titulares,
                suplentes=c.suplentes,
            )
            for (state_id, kind), c in shares.items()
            if c.titulares or c.suplentes
        ]
        + [
            NationalShare(table=table, kind=kind, titulares=c.titulares, suplentes=c.suplentes)
            for kind, c in totals.items()
            if c.titulares or c.suplentes
        ]
    )
    table.save()  # updated_at: the table changed
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=table,
        before=before,
        after=_shares_summary(table),
    )
    return table
