"""The demo world: Minas Gerais, the AMAMS association, the 2025 edition, municipal
conferences at every status, the state and national conferences, and demo logins.

Idempotent: every record is looked up before it is created, so a second run
changes nothing. Writes go through the services, so the demo has an audit trail.
"""

import csv
import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from plenaria.conferences import rules as conference_rules
from plenaria.conferences import services as conference_services
from plenaria.conferences.models import (
    STATUS_ORDER,
    CommissionMember,
    Conference,
    ConferenceRules,
    ConvocationAct,
    ProgrammeItem,
    Shift,
    Status,
)
from plenaria.core.models import Sector
from plenaria.delegates import handover
from plenaria.delegates import rules as delegate_rules
from plenaria.delegates import services as delegate_services
from plenaria.delegates.models import SeatTable
from plenaria.editions.models import Edition
from plenaria.territory import services as territory_services
from plenaria.territory.models import (
    Association,
    AssociationMember,
    Council,
    CouncilMember,
    Level,
    Municipality,
    State,
)
from plenaria.territory.services import DATA_DIR

D = dt.date
DEMO_PASSWORD = "plenaria-demo"  # noqa: S105 - printed for the demo, never used in production

# (username, full name, what they are)
LOGINS = [
    ("admin", "Administração Plenária", "administrator (all territories)"),
    ("organizador.moc", "Ana Ribeiro", "organiser, CMAS Montes Claros/MG"),
    (
        "conselho.mg",
        "Carlos Souza",
        "state council member, CEAS/MG (organises the state conference)",
    ),
    ("amams", "Beatriz Lima", "association member, AMAMS (northern Minas Gerais)"),
    ("cnas", "Daniela Prado", "national council member, CNAS"),
]

# IBGE code → (status in 2025, start date) for the AMAMS sample; others have none.
MUNICIPAL_2025 = {
    3143302: (Status.REGISTRATION_OPEN, D(2025, 6, 10)),  # Montes Claros
    3135100: (Status.REPORT_SUBMITTED, D(2025, 5, 20)),  # Janaúba
    3135209: (Status.CLOSED, D(2025, 6, 3)),  # Januária
    3157005: (Status.CONVOKED, D(2025, 6, 24)),  # Salinas
    3151206: (Status.DRAFT, D(2025, 7, 25)),  # Pirapora: after the window, warns
    3107307: (Status.IN_PROGRESS, D(2025, 6, 17)),  # Bocaiúva
    3168002: (Status.CONVOKED, D(2025, 5, 27)),  # Taiobeiras
}


def _user(username: str, full_name: str, *, superuser: bool = False):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user:
        return user
    first, _sep, last = full_name.partition(" ")
    if superuser:
        return User.objects.create_superuser(
            username=username, password=DEMO_PASSWORD, email="", first_name=first, last_name=last
        )
    return User.objects.create_user(
        username=username, password=DEMO_PASSWORD, first_name=first, last_name=last
    )


def _member(council: Council, user, name: str, *, role: str, sector: str, organiser: bool):
    CouncilMember.objects.get_or_create(
        council=council,
        user=user,
        defaults={
            "name": name,
            "role": role,
            "sector": sector,
            "term_start": D(2024, 1, 1),
            "term_end": D(2027, 12, 31),
            "is_organiser": organiser,
        },
    )


def _association(mg: State) -> Association:
    amams, _created = Association.objects.get_or_create(
        state=mg,
        name="Associação dos Municípios da Área Mineira da SUDENE",
        defaults={"acronym": "AMAMS", "kind": Association.Kind.ASSOCIATION},
    )
    with open(DATA_DIR / "amams.csv", encoding="utf-8") as handle:
        codes = [int(row["ibge_code"]) for row in csv.DictReader(handle)]
    amams.members.add(*Municipality.objects.filter(ibge_code__in=codes))
    return amams


def _fill(conference: Conference, actor, *, act_kind: str, signatories: str, days: int) -> None:
    """Act, commission, shifts and programme of a demo conference."""
    if not ConvocationAct.objects.filter(conference=conference).exists():
        conference_services.convocation_act_save(
            actor=actor,
            conference=conference,
            data={
                "kind": act_kind,
                "number": f"{conference.pk:03d}/{conference.start_date.year}",
                "date": conference.start_date - dt.timedelta(days=60),
                "signatories": signatories,
                "publication_url": "https://www.example.gov.br/diario-oficial",
            },
        )
    if not ConferenceRules.objects.filter(conference=conference).exists():
        # What the demo's regimentos say (DOMAIN.md §5's example regulation): nothing ships
        # these numbers, each conference's regimento sets them.
        conference_services.regimento_rules_save(
            actor=actor,
            conference=conference,
            data={
                "source": "Regimento interno (demonstração), arts. 14 e 15",
                "max_per_axis_sphere": 3,
                "direct_approval_share": Decimal("0.70"),
                "plenary_share": Decimal("0.50"),
                "abstentions_count": True,
                "motion_signature_share": Decimal("0.20"),
            },
        )
    if not conference.commission.exists():
        people = [
            ("Marta Oliveira", Sector.GOVERNMENT, CommissionMember.Role.PRESIDENT),
            ("João Pereira", Sector.CIVIL_SOCIETY, CommissionMember.Role.VICE_PRESIDENT),
            ("Luciana Alves", Sector.GOVERNMENT, CommissionMember.Role.MEMBER),
            ("Paulo Santos", Sector.CIVIL_SOCIETY, CommissionMember.Role.MEMBER),
            ("Renata Costa", Sector.GOVERNMENT, CommissionMember.Role.MEMBER),
            ("Sebastião Rocha", Sector.CIVIL_SOCIETY, CommissionMember.Role.MEMBER),
            ("Fernanda Dias", Sector.GOVERNMENT, CommissionMember.Role.MEMBER),
            ("Antônio Gomes", Sector.CIVIL_SOCIETY, CommissionMember.Role.MEMBER),
        ]
        conference_services.conference_items_save(
            actor=actor,
            conference=conference,
            model=CommissionMember,
            deleted=[],
            changed=[
                CommissionMember(name=n, sector=s, role=r, accessibility_group=i in (2, 3))
                for i, (n, s, r) in enumerate(people)
            ],
        )
    if not conference.shifts.exists():
        shifts, items = [], []
        for day in range(days):
            date = conference.start_date + dt.timedelta(days=day)
            shifts += [
                Shift(name="Manhã", date=date, start_time=dt.time(8), end_time=dt.time(12)),
                Shift(name="Tarde", date=date, start_time=dt.time(13, 30), end_time=dt.time(18)),
            ]
        first = conference.start_date
        last = conference.start_date + dt.timedelta(days=days - 1)
        K = ProgrammeItem.Kind
        if days == 1:  # the typical one-day municipal programme (DOMAIN.md §3)
            items = [
                (first, 8, 0, K.CREDENTIALING, "Credenciamento"),
                (first, 9, 0, K.OPENING, "Mesa de abertura"),
                (first, 9, 30, K.RULES, "Leitura e aprovação do regimento interno"),
                (first, 10, 0, K.LECTURE, "Palestra magna: 20 anos do SUAS"),
                (first, 12, 0, K.BREAK, "Almoço"),
                (first, 13, 0, K.CULTURAL, "Apresentação cultural: coral do CRAS"),
                (first, 13, 30, K.WORKING_GROUPS, "Grupos de trabalho por eixo"),
                (first, 15, 30, K.PLENARY, "Plenária final: propostas e moções"),
                (first, 17, 0, K.DELEGATE_ELECTION, "Eleição dos delegados por segmento"),
                (first, 17, 30, K.EVALUATION, "Avaliação e encerramento"),
            ]
        else:
            items = [
                (first, 8, 0, K.CREDENTIALING, "Credenciamento"),
                (first, 9, 0, K.OPENING, "Mesa de abertura"),
                (first, 9, 45, K.RULES, "Leitura e aprovação do regimento interno"),
                (first, 10, 30, K.LECTURE, "Palestra magna: 20 anos do SUAS"),
                (first, 12, 0, K.BREAK, "Almoço"),
                (first, 13, 0, K.CULTURAL, "Apresentação cultural: grupo de dança do CREAS"),
                (first, 13, 30, K.WORKING_GROUPS, "Grupos de trabalho por eixo"),
                (first, 15, 30, K.BREAK, "Intervalo"),
                (last, 8, 0, K.CREDENTIALING, "Credenciamento"),
                (last, 8, 30, K.GROUP_REPORTS, "Apresentação dos grupos"),
                (last, 13, 30, K.PLENARY, "Plenária final: propostas e moções"),
                (last, 15, 30, K.DELEGATE_ELECTION, "Eleição dos delegados por segmento"),
                (last, 16, 15, K.COUNCIL_ELECTION, "Eleição da sociedade civil no conselho"),
                (last, 17, 0, K.EVALUATION, "Avaliação"),
                (last, 17, 30, K.CLOSING, "Encerramento"),
            ]
        conference_services.conference_items_save(
            actor=actor, conference=conference, model=Shift, deleted=[], changed=shifts
        )
        conference_services.conference_items_save(
            actor=actor,
            conference=conference,
            model=ProgrammeItem,
            deleted=[],
            changed=[
                ProgrammeItem(date=d, start_time=dt.time(h, m), kind=k, title=t)
                for d, h, m, k, t in items
            ],
        )


JANUARIA = 3135209
BOCAIUVA = 3107307


def _state_calendar(edition: Edition, state: State, actor) -> None:
    """MG's own windows for 2025, inside the national ones (once)."""
    from plenaria.editions import services as edition_services
    from plenaria.editions.models import StateCalendar

    if StateCalendar.objects.filter(edition=edition, state=state).exists():
        return
    edition_services.state_calendar_save(
        actor=actor,
        edition=edition,
        state=state,
        data={
            "municipal_start": D(2025, 4, 1),
            "municipal_end": D(2025, 7, 11),
            "conference_start": D(2025, 9, 15),
            "conference_end": D(2025, 9, 17),
            "handover_deadline": D(2025, 8, 1),
            "report_deadline": D(2025, 8, 15),
        },
    )


def _national_shares(mg: State, actor) -> None:
    """The national tables by kind of delegate (once). 2023: the federal delegates and
    natos as DOMAIN.md §7 gives them (60 and 36); the states' shares are not given there,
    so 2023 has none. 2025: MG's shares as a demonstration (the CNAS types the real ones)."""
    from plenaria.delegates.models import NationalShare

    if NationalShare.objects.exists():
        return
    count = delegate_services.Count
    delegate_services.national_shares_save(
        actor=actor,
        edition=Edition.objects.get(year=2023),
        shares={},
        totals={delegate_rules.FEDERAL: count(60, 0), delegate_rules.EX_OFFICIO: count(36, 0)},
    )
    delegate_services.national_shares_save(
        actor=actor,
        edition=Edition.objects.get(year=2025),
        shares={
            (mg.pk, delegate_rules.MUNICIPAL_LEVEL): count(120, 120),
            (mg.pk, delegate_rules.STATE_LEVEL): count(20, 20),
        },
        totals={delegate_rules.FEDERAL: count(60, 0), delegate_rules.EX_OFFICIO: count(36, 0)},
    )


def _public_results(conference: Conference) -> None:
    """Januária's final deliberations and its confirmed delegates: what its public page
    shows once closed. The plenary's results and the seats are written as history (the
    demo does not replay a plenary); the list is confirmed through the service."""
    from plenaria.delegates import elections
    from plenaria.delegates.models import Candidacy
    from plenaria.participants import services as participant_services
    from plenaria.participants.models import Registration
    from plenaria.proposals.models import Proposal

    axis = conference.edition.axes.order_by("number").first()
    for number, text in enumerate(
        [
            "Implantar um CRAS volante para as comunidades ribeirinhas do São Francisco.",
            "Realizar concurso público para as equipes da proteção social especial.",
        ],
        start=1,
    ):
        Proposal.objects.create(
            conference=conference,
            axis=axis,
            sphere="municipal",
            number=number,
            text=text,
            origin=Proposal.Origin.GROUP,
            final_status=Proposal.Result.APPROVED,
        )
    people = [
        ("Josefa Pereira Santos", "users", "titular"),
        ("Antônio Carlos Mendes", "workers", "titular"),
        ("Lúcia Helena Araújo", "entities", "titular"),
        ("Rita de Cássia Oliveira", "users", "suplente"),
    ]
    for i, (name, segment, role) in enumerate(people):
        registration = participant_services.registration_create(
            actor=None,
            conference=conference,
            origin=Registration.Origin.STAFF,
            person_data={"name": name, "phone": f"38992{i:06d}"},
            data={"segment": segment, "category": "delegate", "consent": True},
        )
        Candidacy.objects.create(
            conference=conference,
            registration=registration,
            segment=segment,
            kind=Candidacy.Kind.CANDIDATE,
            role=role,
        )
    elections.list_confirm(
        actor=None,
        conference=conference,
        justification="Lista aprovada pela plenária final (demonstração).",
    )


def _advance_to(conference: Conference, status: str, actor) -> Conference:
    while STATUS_ORDER.index(conference.status) < STATUS_ORDER.index(status):
        conference = conference_services.conference_advance(
            actor=actor,
            conference=conference,
            to_status=conference_rules.next_status(conference.status),
        )
    return conference


def _conference(*, actor, edition, level, data, **territory) -> tuple[Conference, bool]:
    lookup = {"edition": edition, "level": level, **territory}
    existing = Conference.objects.filter(**lookup).first()
    if existing:
        return existing, False
    return conference_services.conference_create(
        actor=actor, edition=edition, level=level, data=data, **territory
    ), True


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    mg = State.objects.get(abbreviation="MG")
    edition = Edition.objects.get(year=2025)
    admin = _user("admin", LOGINS[0][1], superuser=True)
    organiser = _user("organizador.moc", LOGINS[1][1])
    state_member = _user("conselho.mg", LOGINS[2][1])
    association_member = _user("amams", LOGINS[3][1])
    national_member = _user("cnas", LOGINS[4][1])

    montes_claros = Municipality.objects.get(ibge_code=3143302)
    _member(
        montes_claros.council,
        organiser,
        "Ana Ribeiro",
        role=CouncilMember.Role.PRESIDENT,
        sector=Sector.CIVIL_SOCIETY,
        organiser=True,
    )
    _member(
        Council.objects.get(level=Level.STATE, state=mg),
        state_member,
        "Carlos Souza",
        role=CouncilMember.Role.COUNCILLOR,
        sector=Sector.GOVERNMENT,
        organiser=True,
    )
    _member(
        Council.objects.get(level=Level.NATIONAL),
        national_member,
        "Daniela Prado",
        role=CouncilMember.Role.COUNCILLOR,
        sector=Sector.CIVIL_SOCIETY,
        organiser=True,
    )
    amams = _association(mg)
    AssociationMember.objects.get_or_create(association=amams, user=association_member)

    national, created = _conference(
        actor=national_member,
        edition=edition,
        level=Level.NATIONAL,
        data={
            "title": "14ª Conferência Nacional de Assistência Social",
            "local_number": 14,
            "start_date": D(2025, 12, 6),
            "end_date": D(2025, 12, 9),
            "venue_name": "Brasília",
            "venue_address": "Brasília/DF",
        },
    )
    if created:
        _fill(
            national,
            national_member,
            act_kind=ConvocationAct.Kind.RESOLUTION,
            signatories="Presidência do CNAS",
            days=4,
        )
        _advance_to(national, Status.CONVOKED, national_member)

    state_conf, created = _conference(
        actor=state_member,
        edition=edition,
        level=Level.STATE,
        state=mg,
        data={
            "title": "Conferência Estadual de Assistência Social de Minas Gerais",
            "local_number": 16,
            "start_date": D(2025, 9, 15),
            "end_date": D(2025, 9, 17),
            "venue_name": "Centro de Convenções",
            "venue_address": "Belo Horizonte/MG",
            "accessibility_notes": "Intérpretes de Libras em todas as atividades; rampas e "
            "banheiros adaptados.",
        },
    )
    if created:
        _fill(
            state_conf,
            state_member,
            act_kind=ConvocationAct.Kind.RESOLUTION,
            signatories="Presidência do CEAS/MG",
            days=3,
        )
        _advance_to(state_conf, Status.CONVOKED, state_member)

    # Earlier cycles of Montes Claros, so the periodicity rule has a history.
    for year, nature, start, number in [
        (2021, "ordinary", D(2021, 6, 15), 13),
        (2023, "extraordinary", D(2023, 6, 20), 14),
    ]:
        past, created = _conference(
            actor=admin,
            edition=Edition.objects.get(year=year),
            level=Level.MUNICIPAL,
            municipality=montes_claros,
            data={
                "title": f"{number}ª Conferência Municipal de Assistência Social de Montes Claros",
                "local_number": number,
                "nature": nature,
                "start_date": start,
                "end_date": start,
                "venue_name": "Câmara Municipal",
            },
        )
        if created:
            _fill(
                past,
                admin,
                act_kind=ConvocationAct.Kind.JOINT_ORDINANCE,
                signatories="Prefeito Municipal\nPresidente do CMAS",
                days=1,
            )
            _advance_to(past, Status.REPORT_SUBMITTED, admin)

    _seat_table(edition, mg, state_member)  # before the conferences: Januária confirms its list
    for code, (status, start) in MUNICIPAL_2025.items():
        muni = Municipality.objects.get(ibge_code=code)
        is_moc = code == montes_claros.ibge_code
        conference, created = _conference(
            actor=organiser if is_moc else admin,
            edition=edition,
            level=Level.MUNICIPAL,
            municipality=muni,
            data={
                "title": (
                    f"XV Conferência Municipal de Assistência Social de {muni.name}"
                    if is_moc
                    else f"Conferência Municipal de Assistência Social de {muni.name}"
                ),
                "local_number": 15 if is_moc else None,
                "start_date": start,
                "end_date": start + dt.timedelta(days=1 if is_moc else 0),
                "venue_name": "Centro de Referência de Assistência Social (CRAS) Centro"
                if not is_moc
                else "Centro Cultural Hermes de Paula",
                "venue_address": f"{muni.name}/MG",
                "accessibility_notes": "Local térreo, com rampa de acesso e intérprete de Libras.",
            },
        )
        if created:
            actor = organiser if is_moc else admin
            _fill(
                conference,
                actor,
                act_kind=ConvocationAct.Kind.JOINT_ORDINANCE,
                signatories=f"Prefeito(a) Municipal de {muni.name}\nPresidente do CMAS",
                days=2 if is_moc else 1,
            )
            if code == JANUARIA:
                # Held and closed: its results show on its public page.
                conference = _advance_to(conference, Status.IN_PROGRESS, actor)
                _public_results(conference)
            _advance_to(conference, status, actor)
            if code == JANUARIA:
                # Its confirmed list goes to the state conference: the state's monitoring
                # shows "delegados enviados" beside its stage (issue 21, item 8).
                handover.send(actor=actor, conference=conference)
    # The Montes Claros council meets every two years, as the national cycle did (2023, 2025).
    moc_council = Council.objects.get(municipality=montes_claros)
    if moc_council.period_years is None:
        territory_services.council_update_settings(
            actor=organiser, council=moc_council, period_years=2
        )
    _state_calendar(edition, mg, state_member)
    _national_shares(mg, national_member)
    _registrations(Conference.objects.get(edition=edition, municipality=montes_claros))
    _long_import(Conference.objects.get(edition=edition, municipality=montes_claros), organiser)
    _preparatory_event(Conference.objects.get(edition=edition, municipality=montes_claros))
    _rural_pre_conference(Conference.objects.get(edition=edition, municipality=montes_claros))
    rapporteur = _deliberation(Conference.objects.get(edition=edition, municipality=montes_claros))
    _candidacies(Conference.objects.get(edition=edition, municipality=montes_claros))
    _report_narrative(
        Conference.objects.get(edition=edition, municipality=montes_claros), organiser
    )
    _evaluation(Conference.objects.get(edition=edition, municipality=montes_claros), organiser)
    bocaiuva = Conference.objects.get(edition=edition, municipality__ibge_code=BOCAIUVA)
    _plenary_method(bocaiuva)
    _forum_delegates(bocaiuva)
    _bocaiuva_day(bocaiuva)
    _council_election(bocaiuva)
    logins = [(u, DEMO_PASSWORD, what) for u, _n, what in LOGINS]
    if rapporteur is not None:
        logins.append(
            (
                rapporteur.code,
                rapporteur.pin,
                "relator(a) do GT 1, em /participar/ (código e PIN; na conferência, o PIN é "
                "entregue no credenciamento: Credenciamento → Comprovante do PIN)",
            )
        )
    return logins


# A common shape of state seat tables: 2 + 2 for the smallest municipalities, more by porte.
# Every municipality has its porte from the shipped IBGE 2025 population, so every municipal
# conference of Minas Gerais sees its seats without a per-municipality override.
DEMO_SEATS = {"small_i": 2, "small_ii": 4, "medium": 6, "large": 8, "metropolis": 12}


def _seat_table(edition: Edition, state: State, actor) -> None:
    """MG's seats for the state conference (once: a re-run keeps what the user changed)."""
    if SeatTable.objects.filter(edition=edition, state=state).exists():
        return
    seats = {porte: delegate_services.Count(n, n) for porte, n in DEMO_SEATS.items()}
    delegate_services.save_table(
        actor=actor,
        edition=edition,
        state=state,
        data=delegate_services.TableInput(list(delegate_rules.CIVIL_SOCIETY), portes=seats),
    )


DEMO_PEOPLE = [
    # name, segment, category, accessibility needs, self-declarations
    ("Maria das Dores Silva", "users", "delegate", ["libras"], ["black", "older"]),
    ("José Aparecido Souza", "users", "delegate", [], ["black"]),
    ("Ana Cláudia Ferreira", "users", "guest", ["mobility"], ["disability"]),
    ("Raimunda Nonata Lopes", "users", "delegate", ["companion"], ["older"]),
    ("Francisco de Assis Reis", "workers", "delegate", [], []),
    ("Luana Costa Batista", "workers", "delegate", [], ["young", "lgbtqiapn"]),
    ("Pedro Henrique Martins", "workers", "observer", [], ["young"]),
    ("Irmã Teresinha Moura", "entities", "delegate", [], []),
    ("Cláudio Roberto Nunes", "entities", "guest", ["food_restriction"], []),
    ("Sandra Regina Prates", "government", "delegate", [], []),
    ("Marcos Vinícius Tolentino", "government", "delegate", [], ["black"]),
    ("Helena Maria Durães", "government", "observer", ["audio_description"], ["older"]),
    # No segment (issue 23): the keynote speaker and a member of the support staff.
    ("Dra. Lúcia Fernandes Prado", "", "speaker", [], []),
    ("Jorge Luiz Amaral", "", "staff", [], []),
    # Listed right after Ana Cláudia, as a Brazilian reader expects
    # (core.collation), not after every Z as code points would put her.
    ("Ângela Maria Dias", "users", "guest", [], []),
]


# Indices in DEMO_PEOPLE: Maria das Dores and Sandra Regina leave at lunch; Luana Costa
# arrives for the afternoon.
LEFT_AT_LUNCH = {0, 9}
AFTERNOON_ONLY = {5}


def _registrations(conference: Conference) -> None:
    """A dozen registrations (staff origin), a speaker and a staff member without a
    segment, with the check-ins of the first day's two shifts (quorum per shift: the
    afternoon's base is not the morning's)."""
    from plenaria.participants import services as participant_services
    from plenaria.participants.models import Registration
    from plenaria.participants.rules import cpf_with_digits

    if conference.registrations.exists():
        return
    organisations = {
        "workers": "CRAS Centro",
        "entities": "Associação Beneficente São Vicente",
        "government": "Secretaria Municipal de Desenvolvimento Social",
    }
    first_shift = conference.shifts.first()
    second_shift = conference.shifts.all()[1] if conference.shifts.count() > 1 else None
    for i, (name, segment, category, needs, declarations) in enumerate(DEMO_PEOPLE):
        registration = participant_services.registration_create(
            actor=None,
            conference=conference,
            origin=Registration.Origin.STAFF,
            person_data={
                "name": name,
                "cpf": cpf_with_digits(f"{310000000 + i * 7919:09d}"),
                "birth_date": D(1950 + i * 3, 1 + i % 12, 10),
                "phone": f"38991{i:06d}",
                "municipality": conference.municipality,
            },
            data={
                "segment": segment,
                "category": category,
                "organisation": organisations.get(segment, ""),
                "accessibility_needs": needs,
                "self_declarations": declarations,
                "consent": True,
            },
        )
        if first_shift and i % 3 != 2:
            participant_services.checkin(actor=None, registration=registration, shift=first_shift)
        # The afternoon of the first day: two delegates left at lunch, one came only then.
        # Its credentialing page and a poll opened in it count six delegates, not seven.
        if second_shift and (i % 3 != 2 and i not in LEFT_AT_LUNCH or i in AFTERNOON_ONLY):
            participant_services.checkin(actor=None, registration=registration, shift=second_shift)


def _long_import(conference: Conference, organiser) -> None:
    """A long list the organiser sent "to check only" (nothing imported if a line is
    bad), run by the background job as the worker would: the import page lists it and
    its page reports the bad lines."""
    from plenaria.core import jobs
    from plenaria.core.models import Job
    from plenaria.participants import imports

    if Job.objects.filter(owner=organiser, kind="participants.import").exists():
        return
    bad = {
        17: "Ana Lima;;(38) 97777-1234;;;;;;;marciano;;delegado;;",
        88: "João Souza;;(38) 98888-1234;;111.111.111-11;;;;;usuario;;convidado;;",
        203: "Sem Contato;;;;;;;;;trabalhador;;convidado;;",
    }
    lines = [";".join(imports.COLUMNS)] + [
        bad.get(i, f"Pessoa da lista {i};;(38) 98{i:03d}-4321;;;;;;;usuario;;convidado;;")
        for i in range(240)
    ]
    job = jobs.start(
        owner=organiser,
        kind="participants.import",
        label=f"Importação de uma lista em {conference.title}",
        params={"conference": conference.pk, "actor": organiser.pk, "format": "csv", "mode": "all"},
        conference_key=conference.pk,
        total=2 * 240,
        upload="\n".join(lines).encode(),
    )
    jobs.run_job.call(job.pk)


def _candidacies(conference: Conference) -> None:
    """The credentialed civil-society delegates stand for election to the state
    conference; the elections themselves are left for the user to run."""
    from plenaria.delegates import elections
    from plenaria.delegates.models import Candidacy
    from plenaria.participants.selectors import credentialed_delegates

    if Candidacy.objects.filter(conference=conference).exists():
        return
    standing = credentialed_delegates(conference).filter(
        segment__in=delegate_rules.CIVIL_SOCIETY, preparatory_event__isnull=True
    )
    for registration in standing.order_by("pk"):
        elections.candidacy_register(actor=None, registration=registration)


def _preparatory_event(conference: Conference) -> None:
    """A pré-conferência in a CRAS area with three people present; two of them were
    elected delegates (a titular and a suplente) of the municipal conference."""
    from plenaria.conferences.models import PreparatoryEvent
    from plenaria.conferences.services import preparatory_event_save
    from plenaria.participants import services as participant_services

    if conference.preparatory_events.exists():
        return
    event = preparatory_event_save(
        actor=None,
        conference=conference,
        data={
            "kind": PreparatoryEvent.Kind.PRE_CONFERENCE,
            "title": "Pré-conferência do CRAS Santos Reis",
            "date": conference.start_date - dt.timedelta(days=20),
            "start_time": dt.time(8),
            "end_time": dt.time(12),
            "place": "CRAS Santos Reis",
            "territory_kind": PreparatoryEvent.TerritoryKind.CRAS_AREA,
            "territory": "Território do CRAS Santos Reis",
            "team": "Equipe técnica do CRAS Santos Reis",
        },
    )
    present = [
        participant_services.attendance_add(
            actor=None,
            event=event,
            person_data={"name": name, "phone": f"38992{i:06d}"},
            data={"segment": "users"},
        )
        for i, name in enumerate(["Dona Cida Gomes", "Tião Ferreira", "Lurdes Araújo"])
    ]
    participant_services.delegates_elect(
        actor=None, event=event, attendances=present[:1], substitute=False
    )
    participant_services.delegates_elect(
        actor=None, event=event, attendances=present[1:2], substitute=True
    )


def _rural_pre_conference(conference: Conference) -> None:
    """A second pré-conferência, in the rural zone, whose attendance list the staff
    turn into registrations (Inscrições → Das pré-conferências): one of them is
    registered already, as a guest, the others wait to be ticked."""
    from plenaria.conferences.models import PreparatoryEvent
    from plenaria.conferences.services import preparatory_event_save
    from plenaria.participants import services as participant_services

    title = "Pré-conferência da Zona Rural"
    if conference.preparatory_events.filter(title=title).exists():
        return
    event = preparatory_event_save(
        actor=None,
        conference=conference,
        data={
            "kind": PreparatoryEvent.Kind.PRE_CONFERENCE,
            "title": title,
            "date": conference.start_date - dt.timedelta(days=12),
            "start_time": dt.time(14),
            "end_time": dt.time(17),
            "place": "Escola Municipal do distrito de Nova Esperança",
            "territory_kind": PreparatoryEvent.TerritoryKind.RURAL_ZONE,
            "territory": "Distritos da zona rural",
            "team": "Equipe volante do CRAS",
        },
    )
    people = [
        ("Raimundo Nonato Silva", "users", "Associação dos Pequenos Produtores"),
        ("Francisca das Chagas", "users", ""),
        ("Edilene Rocha", "workers", "Equipe volante do CRAS"),
        ("José Aparecido Lima", "entities", "Lar São Vicente de Paulo"),
    ]
    present = [
        participant_services.attendance_add(
            actor=None,
            event=event,
            person_data={"name": name, "phone": f"38993{i:06d}"},
            data={"segment": segment, "organisation": organisation},
        )
        for i, (name, segment, organisation) in enumerate(people)
    ]
    participant_services.registrations_from_attendance(
        actor=None,
        conference=conference,
        choices=[participant_services.AttendeeChoice(present[0].pk, "guest", "users")],
    )


DEMO_RAPPORTEUR_PIN = "246810"


# The narrative parts of Montes Claros's final report, as its organiser would write them:
# the preview (Relatório final) shows every part of the report filled.
REPORT_NARRATIVE = {
    "methodology": (
        "A conferência foi preparada por uma comissão organizadora paritária e precedida de "
        "pré-conferências nos territórios dos CRAS e na zona rural. No primeiro dia, após a "
        "abertura e a aprovação do regimento interno, a palestra magna apresentou os 20 anos "
        "do SUAS; em seguida os grupos de trabalho debateram os eixos com facilitação e "
        "relatoria. No segundo dia, a plenária final votou as propostas, as moções e elegeu "
        "os delegados para a etapa estadual."
    ),
    "debate": (
        "Os grupos de trabalho tiveram participação ativa dos usuários, sobretudo no eixo 1. "
        "O debate mais longo tratou da cobertura dos CRAS na zona rural e do transporte para "
        "os atendimentos; houve destaques sobre o cofinanciamento estadual, aprovados com "
        "ajustes de redação."
    ),
    "difficulties": (
        "O transporte das comunidades rurais foi a maior dificuldade: dois ônibus atrasaram na "
        "manhã do primeiro dia. A internet do local oscilou durante o credenciamento."
    ),
    "referrals": (
        "Enviar o relatório e a lista de delegados ao CEAS/MG no prazo; publicar a resolução "
        "do CMAS com as deliberações; apresentar as propostas do âmbito municipal ao órgão "
        "gestor para o Plano Municipal de Assistência Social."
    ),
}


def _report_narrative(conference: Conference, organiser) -> None:
    from plenaria.records import selectors as record_selectors
    from plenaria.records import services as record_services

    for part in record_selectors.narrative_of(conference):
        if not part.text:
            record_services.narrative_save(
                actor=organiser,
                conference=conference,
                part=part.part,
                text=REPORT_NARRATIVE[part.part],
                version=part.version,
            )


def _deliberation(conference: Conference):
    """Two working groups, proposals written in GT 1 and one from the pré-conferência,
    the group's counts, and a motion. Returns the rapporteur (code + PIN)."""
    from plenaria.participants.models import Registration
    from plenaria.proposals import services as proposal_services
    from plenaria.proposals.models import Proposal

    rapporteur = Registration.objects.filter(
        conference=conference, name="Francisco de Assis Reis"
    ).first()
    if rapporteur is None or conference.working_groups.exists():
        return rapporteur
    Registration.objects.filter(pk=rapporteur.pk).update(pin=DEMO_RAPPORTEUR_PIN)
    rapporteur.pin = DEMO_RAPPORTEUR_PIN
    axes = list(conference.edition.axes.order_by("number")[:2])
    groups = [
        proposal_services.group_save(
            actor=None,
            conference=conference,
            data={
                "axis": axis,
                "name": f"GT {axis.number}",
                "room": f"Sala {axis.number}",
                "rapporteur": rapporteur if axis.number == 1 else None,
            },
        )
        for axis in axes
    ]
    proposal_services.members_balance(actor=None, conference=conference)
    author = proposal_services.Author(registration=rapporteur)
    texts = [
        (
            "municipal",
            "Ampliar a equipe de referência do CRAS da zona rural, com concurso público.",
        ),
        ("municipal", "Garantir transporte para os usuários participarem das reuniões do CMAS."),
        (
            "state",
            "Cofinanciar o serviço de acolhimento regionalizado para crianças e adolescentes.",
        ),
    ]
    for (sphere, text), counts in zip(texts, [(18, 2, 1), (12, 7, 2), (9, 10, 2)], strict=True):
        proposal = proposal_services.proposal_write(
            author=author, group=groups[0], data={"sphere": sphere, "kind": "new", "text": text}
        )
        yes, no, abstention = counts
        proposal_services.group_vote_record(
            author=author, group=groups[0], proposal=proposal, yes=yes, no=no, abstention=abstention
        )
    event = conference.preparatory_events.first()
    proposal_services.proposal_submit(
        actor=None,
        conference=conference,
        data={
            "axis": axes[0],
            "event": event,
            "sphere": "municipal",
            "kind": Proposal.Kind.NEW,
            "text": "Criar um ponto de atendimento do Cadastro Único no distrito.",
        },
    )
    proposal_services.motion_submit(
        author=author,
        conference=conference,
        proposer=rapporteur,
        data={
            "kind": "support",
            "addressee": "Câmara Municipal de Montes Claros",
            "text": "Apoio à recomposição do orçamento municipal da assistência social.",
        },
    )
    _highlight_poll(conference, axes[0])
    return rapporteur


def _highlight_poll(conference: Conference, axis) -> None:
    """A highlight on proposal 1.1 voted by voting badges, closed and waiting for the
    counts: the console, the phones and the projector name its options by what they do,
    "approve the highlight" first, each with what the proposal will say (issue 23)."""
    from plenaria.participants.models import Registration
    from plenaria.proposals import selectors as proposal_selectors
    from plenaria.proposals import services as proposal_services
    from plenaria.voting import services as voting_services

    proposal = (
        proposal_selectors.in_consolidation(conference.proposals.filter(axis=axis))
        .order_by("number")
        .first()
    )
    proposer = Registration.objects.filter(
        conference=conference, name="Maria das Dores Silva"
    ).first()
    if proposal is None or proposer is None:
        return
    proposal_services.highlights_open(actor=None, conference=conference, axis=axis)
    highlight = proposal_services.highlight_register(
        author=proposal_services.Author(user=None),
        proposal=proposal,
        proposer=proposer,
        data={
            "kind": "modification",
            "text": "Ampliar a equipe de referência do CRAS da zona rural e do CRAS itinerante, "
            "com concurso público.",
        },
    )
    proposal_services.highlights_close(actor=None, conference=conference, axis=axis)
    poll = voting_services.poll_create(
        actor=None, conference=conference, item="highlight", highlight=highlight, mode="analog"
    )
    # Opened and closed: the console waits for the counted badges, with what each count
    # means written above the fields.
    voting_services.poll_open(actor=None, poll=poll)
    voting_services.poll_close(actor=None, poll=poll)


def _plenary_method(conference: Conference) -> None:
    """Bocaiúva holds its conference as small municipalities often do (issue 23): no
    working groups; the pré-conferência of the rural zone and the proposals sent before
    go straight to the final plenary's list."""
    from plenaria.conferences.models import PreparatoryEvent
    from plenaria.conferences.selectors import regimento_rules
    from plenaria.conferences.services import preparatory_event_save, regimento_rules_save
    from plenaria.editions.models import Method
    from plenaria.proposals import services as proposal_services

    if regimento_rules(conference).plenary_method:
        return
    regimento_rules_save(
        actor=None,
        conference=conference,
        data={
            "source": "Regimento interno, art. 9 (sem grupos de trabalho)",
            "method": Method.PLENARY,
        },
    )
    event = preparatory_event_save(
        actor=None,
        conference=conference,
        data={
            "kind": PreparatoryEvent.Kind.PRE_CONFERENCE,
            "title": "Pré-conferência da zona rural",
            "date": conference.start_date - dt.timedelta(days=15),
            "start_time": dt.time(8),
            "end_time": dt.time(12),
            "place": "Escola Municipal do distrito de Engenheiro Dolabela",
            "territory_kind": PreparatoryEvent.TerritoryKind.RURAL_ZONE,
            "territory": "Zona rural",
            "team": "Equipe do CRAS Volante",
        },
    )
    first, second = conference.edition.axes.order_by("number")[:2]
    for axis, sphere, text, source in [
        (first, "municipal", "Implantar uma equipe volante do CRAS para a zona rural.", event),
        (first, "municipal", "Garantir transporte para os usuários irem ao CRAS.", event),
        (second, "state", "Cofinanciar o benefício eventual em situações de estiagem.", event),
        (second, "municipal", "Publicar na internet as reuniões e contas do CMAS.", None),
    ]:
        proposal_services.proposal_submit(
            actor=None,
            conference=conference,
            data={"axis": axis, "event": source, "sphere": sphere, "kind": "new", "text": text},
        )


def _forum_delegates(conference: Conference) -> None:
    """Bocaiúva elected only the users' delegates (issue 23, item 3): its workers and
    entities chose theirs in their own forums and the manager appointed the government's.
    Its 4 + 4 seats leave civil society 2 + 2, shared by the segments: a user elected by
    acclamation and a worker of the forum are titulares, a worker and an entity of the
    forums suplentes. The whole list meets the rules and is confirmed without any
    justification."""
    from plenaria.delegates import elections, forums
    from plenaria.participants import services as participant_services
    from plenaria.participants.models import Registration

    if conference.candidacies.exists():
        return
    shift = conference.shifts.order_by("date", "start_time").first()

    def register(i, name, segment, *, present, declarations=()):
        registration = participant_services.registration_create(
            actor=None,
            conference=conference,
            origin=Registration.Origin.STAFF,
            person_data={"name": name, "phone": f"38993{i:06d}"},
            data={
                "segment": segment,
                "category": "delegate",
                "self_declarations": list(declarations),
                "consent": True,
            },
        )
        if present and shift is not None:
            participant_services.checkin(actor=None, registration=registration, shift=shift)
        return registration

    user = register(0, "Conceição Aparecida Ramos", "users", present=True, declarations=["black"])
    elections.candidacy_register(actor=None, registration=user)
    elections.election_start(
        actor=None, conference=conference, segment="users", method="acclamation"
    )
    for segment, name, act in [
        (
            "workers",
            "Fórum Municipal de Trabalhadores do SUAS de Bocaiúva",
            "Ata da assembleia do Fórum Municipal de Trabalhadores do SUAS",
        ),
        (
            "entities",
            "Fórum Municipal de Entidades de Assistência Social de Bocaiúva",
            "Ata da reunião extraordinária do Fórum de Entidades",
        ),
    ]:
        forums.segment_choice_set(
            actor=None,
            conference=conference,
            segment=segment,
            how="forum",
            forum_name=name,
            forum_date=conference.start_date - dt.timedelta(days=20),
            forum_act=act,
        )
    for i, (name, segment, role) in enumerate(
        [
            ("Geraldo Magela Ferreira", "workers", "titular"),
            ("Patrícia Lopes Durães", "workers", "suplente"),
            ("Irmã Aparecida Mendes", "entities", "suplente"),
        ],
        start=1,
    ):
        chosen = register(i, name, segment, present=False)
        forums.forum_delegate_record(
            actor=None, conference=conference, registration=chosen, role=role
        )
    for i, (name, role, declarations) in enumerate(
        [
            ("Elaine Cristina Veloso", "titular", ["black"]),
            ("Rogério Antunes Silva", "titular", []),
            ("Cláudia Maria Fonseca", "suplente", []),
            ("Wagner José Pimenta", "suplente", []),
        ],
        start=4,
    ):
        appointed = register(i, name, "government", present=True, declarations=declarations)
        elections.nominate(actor=None, registration=appointed, role=role)
    elections.list_confirm(actor=None, conference=conference)


# Bocaiúva's pre-conferences and who came to each (the rural zone's is _plenary_method's).
BOCAIUVA_PRE_CONFERENCES = [
    (
        "Pré-conferência da zona rural",
        None,
        [("Maria Aparecida Gomes", "users"), ("Sebastião Ferreira Lima", "users")],
    ),
    (
        "Pré-conferência do CRAS Centro",
        ("cras_area", "Centro", 25),
        [("Raimunda Nonata Alves", "users"), ("Geraldo Magela Ferreira", "workers")],
    ),
    (
        "Pré-conferência do CRAS Santo Antônio",
        ("cras_area", "Santo Antônio", 22),
        [("Benedita Souza Costa", "users"), ("Irmã Aparecida Mendes", "entities")],
    ),
    (
        "Pré-conferência da pessoa idosa",
        ("other", "Centro de Convivência da Pessoa Idosa", 18),
        [("Joaquim Pereira Santos", "users"), ("Patrícia Lopes Durães", "workers")],
    ),
]


def _bocaiuva_day(conference: Conference) -> None:
    """The rest of Bocaiúva's day (issue 23): four pre-conferences with their attendance
    lists, the keynote speaker without a segment, and the two shifts' credentialing:
    everyone present in the morning came back in the afternoon except a government
    delegate who left at lunch, so the afternoon's quorum base is one smaller."""
    from plenaria.conferences.models import PreparatoryEvent
    from plenaria.conferences.services import preparatory_event_save
    from plenaria.participants import services as participant_services
    from plenaria.participants.models import CheckIn, Registration

    if conference.registrations.filter(category="speaker").exists():
        return
    for n, (title, new, people) in enumerate(BOCAIUVA_PRE_CONFERENCES):
        event = conference.preparatory_events.filter(title=title).first()
        if event is None:
            territory_kind, territory, days = new
            event = preparatory_event_save(
                actor=None,
                conference=conference,
                data={
                    "kind": PreparatoryEvent.Kind.PRE_CONFERENCE,
                    "title": title,
                    "date": conference.start_date - dt.timedelta(days=days),
                    "start_time": dt.time(8),
                    "end_time": dt.time(12),
                    "place": "CRAS",
                    "territory_kind": territory_kind,
                    "territory": territory,
                    "team": "Equipe do CRAS",
                },
            )
        for i, (name, segment) in enumerate(people):
            participant_services.attendance_add(
                actor=None,
                event=event,
                person_data={"name": name, "phone": f"38994{n:03d}{i:03d}"},
                data={
                    "segment": segment,
                    "organisation": "Lar São Vicente de Paulo" if segment == "entities" else "",
                },
            )
    speaker = participant_services.registration_create(
        actor=None,
        conference=conference,
        origin=Registration.Origin.STAFF,
        person_data={"name": "Profa. Dra. Márcia Regina Antunes", "phone": "38993999001"},
        data={"segment": "", "category": "speaker", "consent": True},
    )
    morning, afternoon = conference.shifts.order_by("date", "start_time")[:2]
    participant_services.checkin(actor=None, registration=speaker, shift=morning)
    came = Registration.objects.filter(conference=conference, checkins__shift=morning).exclude(
        name="Wagner José Pimenta"
    )  # left at lunch
    for registration in came.order_by("pk"):
        if not CheckIn.objects.filter(registration=registration, shift=afternoon).exists():
            participant_services.checkin(actor=None, registration=registration, shift=afternoon)


# Bocaiúva elects the civil society of its council at the conference (issue 23, item 4):
# name, social name, segment, birth date, the candidate they vote for (users only).
COUNCIL_PEOPLE = [
    ("Geralda Pereira dos Santos", "", "users", D(1958, 3, 2), "Lúcia Helena Rocha"),
    ("Lúcio Helena Rocha", "Lúcia Helena Rocha", "users", D(1979, 8, 14), "Lúcia Helena Rocha"),
    ("Sebastião Alves Neto", "", "users", D(1966, 11, 30), "Geralda Pereira dos Santos"),
    ("Nilza Moreira", "", "users", D(1990, 5, 21), "Geralda Pereira dos Santos"),
    ("Cleide Fonseca", "", "workers", D(1984, 1, 9), ""),
    ("Wellington Dias", "", "workers", D(1992, 7, 3), ""),
    ("Irmã Aparecida Costa", "", "entities", D(1961, 9, 12), ""),
]


def _council_election(conference: Conference) -> None:
    """The council's law gives civil society 2 + 2 seats of users and 1 + 1 of workers and
    of entities; the users elect theirs by an open vote (a tie broken by age), workers and
    entities by acclamation, and the result is written into the council's members."""
    from plenaria.delegates import council
    from plenaria.delegates.models import CouncilElection
    from plenaria.participants import services as participant_services
    from plenaria.participants.models import Registration
    from plenaria.participants.rules import cpf_with_digits
    from plenaria.voting import services as voting_services

    if CouncilElection.objects.filter(conference=conference).exists():
        return
    territory_services.council_seats_set(
        actor=None,
        council=conference.municipality.council,
        law="Lei municipal nº 1.512/2005, art. 4º (exemplo)",
        seats={"users": (2, 2), "workers": (1, 1), "entities": (1, 1)},
    )
    # Present in every shift: the users' poll runs in whichever shift the demo loads in.
    shifts = list(conference.shifts.all())
    people = {}
    for i, (name, social, segment, born, _vote) in enumerate(COUNCIL_PEOPLE):
        registration = participant_services.registration_create(
            actor=None,
            conference=conference,
            origin=Registration.Origin.STAFF,
            person_data={
                "name": name,
                "social_name": social,
                "cpf": cpf_with_digits(f"{320000000 + i * 7919:09d}"),
                "birth_date": born,
                "phone": f"38992{i:06d}",
                "municipality": conference.municipality,
            },
            data={"segment": segment, "category": "delegate", "consent": True},
        )
        for shift in shifts:
            participant_services.checkin(actor=None, registration=registration, shift=shift)
        council.council_candidacy_add(actor=None, registration=registration)
        people[registration.display_name] = registration
    election = council.council_election_start(
        actor=None, conference=conference, segment="users", method="vote", mode="open"
    )
    poll = voting_services.poll_open(actor=None, poll=election.poll)
    options = {o.label: o.key for o in poll.options.all()}
    for name, social, _segment, _born, vote in COUNCIL_PEOPLE:
        if vote:
            voting_services.ballot_cast(
                poll=poll, registration=people[social or name], option_key=options[vote]
            )
    voting_services.poll_close(actor=None, poll=poll)
    council.council_election_record(actor=None, election=election)
    for segment in ("workers", "entities"):
        council.council_election_start(
            actor=None, conference=conference, segment=segment, method="acclamation"
        )
    council.council_members_from_election(actor=None, conference=conference)


# What the participants of Montes Claros wrote under "what should improve".
DEMO_IMPROVE = [
    "Mais tempo para o debate nos grupos.",
    "Água e café durante toda a tarde.",
    "Começar no horário marcado.",
    "Intérprete de Libras também nos grupos de trabalho.",
    "Material com letra maior.",
    "Som melhor no auditório.",
    "Transporte para quem vem da zona rural.",
]


def _evaluation(conference: Conference, organiser) -> None:
    """The evaluation of Montes Claros: the edition's default form and 40 answers, 12 by
    phone and 28 typed from paper, so the results page shows its charts. The GT 1
    rapporteur (the demo's participant login) has not answered: a newcomer can."""
    from plenaria.evaluation import services as evaluation_services
    from plenaria.evaluation.models import EvaluationForm
    from plenaria.participants.models import Registration

    if EvaluationForm.objects.filter(conference=conference).exists():
        return
    form = evaluation_services.form_create(actor=organiser, conference=conference)
    questions = list(form.questions.order_by("position"))

    def values(n: int) -> dict:
        # ratings mostly good, the food and the time for debate rated lower
        out = {}
        for q in questions:
            if q.kind == "text":
                out[f"q{q.pk}"] = DEMO_IMPROVE[n % len(DEMO_IMPROVE)] if n % 3 == 0 else ""
            else:
                low = 1 if q.position in (4, 5) else 0
                out[f"q{q.pk}"] = max(1, min(5, 5 - low - (n * 7 + q.position * 3) % 6 // 2))
        return out

    phones = (
        conference.registrations.filter(status=Registration.Status.CONFIRMED)
        .exclude(pin=DEMO_RAPPORTEUR_PIN)
        .order_by("pk")[:12]
    )
    n = 0
    for n, registration in enumerate(phones):
        evaluation_services.answer_submit(registration=registration, form=form, values=values(n))
    for m in range(n + 1, 40):
        evaluation_services.paper_answer_add(actor=organiser, form=form, values=values(m))
