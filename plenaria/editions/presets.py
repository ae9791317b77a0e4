"""The national editions Plenária ships with (titles exactly as the CNAS published them).

Plain data, read by a data migration and by the demo loader. Windows unknown to us
are left out: the admin fills them in.
"""

import datetime as dt
from decimal import Decimal

D = dt.date

EDITIONS = [
    {
        "number": 12,
        "year": 2021,
        "nature": "ordinary",
        "theme": (
            "Assistência Social: Direito do povo e Dever do Estado, com financiamento público, "
            "para enfrentar as desigualdades e garantir proteção social"
        ),
        "axes": [
            "A proteção social não contributiva e o princípio da equidade como paradigma para a "
            "gestão dos direitos socioassistenciais no enfrentamento das desigualdades",
            "Financiamento e orçamento como instrumento para uma gestão de compromissos e "
            "corresponsabilidades dos entes federativos para a garantia dos direitos "
            "socioassistenciais",
            "Controle social: o lugar da sociedade civil no SUAS e a importância da participação "
            "dos usuários",
            "Gestão e acesso às seguranças socioassistenciais e a articulação entre serviços, "
            "benefícios e transferência de renda como garantias de direitos socioassistenciais e "
            "proteção social",
            "Atuação do SUAS em Situações de Calamidade Pública e Emergências",
        ],
        "windows": {
            "municipal": (D(2021, 5, 3), D(2021, 8, 31)),
            "state": (D(2021, 9, 1), D(2021, 10, 31)),
            "national": (D(2021, 12, 7), D(2021, 12, 10)),
        },
    },
    {
        "number": 13,
        "year": 2023,
        "nature": "extraordinary",
        "theme": "Reconstrução do SUAS: O SUAS que temos e o SUAS que queremos",
        "axes": [
            "Financiamento: financiamento e orçamento de natureza obrigatória, como instrumento "
            "para uma gestão de compromisso e responsabilidades dos entes federativos para "
            "garantia dos direitos socioassistenciais contemplando as especificidades regionais "
            "do país",
            "Controle social: qualificação e estruturação das instâncias de Controle Social com "
            "diretrizes democráticas e participativas",
            "Articulação entre os segmentos: como potencializar a participação social no SUAS?",
            "Serviços, programas e projetos: universalização do acesso e a integração das ofertas "
            "dos serviços e direitos no SUAS",
            "Benefício e transferência de renda: a importância dos benefícios socioassistenciais e "
            "o direito a garantia de renda como proteção social na reconfiguração do SUAS",
        ],
        "windows": {},
    },
    {
        "number": 14,
        "year": 2025,
        "nature": "ordinary",
        "theme": "20 anos do SUAS: construção, proteção social e resistência",
        "axes": [
            "Universalização do SUAS: Acesso Integral com Equidade e Respeito às Diversidades",
            "Aperfeiçoamento Contínuo do SUAS: Inovação, Gestão Descentralizada e Valorização "
            "Profissional",
            "Integração de Benefícios e Serviços Socioassistenciais: Fortalecendo a Proteção "
            "Social, Segurança de Renda e a Inclusão Social no Sistema Único de Assistência "
            "Social (SUAS)",
            "Gestão Democrática, informação no SUAS e comunicação transparente: fortalecendo a "
            "participação social no SUAS",
            "Sustentabilidade Financeira e Equidade no Cofinanciamento do SUAS",
        ],
        "windows": {
            "municipal": (D(2025, 3, 31), D(2025, 7, 11)),
            "state": (D(2025, 8, 11), D(2025, 10, 17)),
            "national": (D(2025, 12, 6), D(2025, 12, 9)),
        },
    },
]


def load_editions(Edition, Axis, CalendarWindow) -> None:
    """Create or update the preset editions. Takes model classes so that data
    migrations can pass their historical models."""
    for data in EDITIONS:
        edition, _ = Edition.objects.update_or_create(
            year=data["year"],
            defaults={"number": data["number"], "theme": data["theme"], "nature": data["nature"]},
        )
        for number, title in enumerate(data["axes"], start=1):
            Axis.objects.update_or_create(edition=edition, number=number, defaults={"title": title})
        for level, (start, end) in data["windows"].items():
            CalendarWindow.objects.update_or_create(
                edition=edition, level=level, defaults={"start": start, "end": end}
            )


# The 2025 cycle's deliberation rules as shipped: every sphere, recommendations asked for,
# the six motion types, 20% of credentialed delegates to sign a motion. No cap per axis
# and sphere and no aggregation shares: DOMAIN.md §5 cites none for the edition (the 70% /
# half-plus-one rule is one national-stage regulation's example; the national plenary's 18
# deliberations are a result, not a cap), so each regimento (or state) sets them.
DELIBERATION_RULES = {
    2025: {
        "spheres": ["municipal", "state", "federal"],
        "asks_recommendations": True,
        "motion_types": [
            "support",
            "repudiation",
            "congratulation",
            "recommendation",
            "demand",
            "indignation",
        ],
    }
}

# What earlier versions shipped without a source: removed from the rule sets that still
# hold exactly these values (a council that changed them keeps its own).
UNSOURCED_2025 = {
    "max_per_axis_sphere": 3,
    "direct_approval_share": "0.70",
    "plenary_share": "0.50",
    # DOMAIN.md §5: "(example: 20%)"
    "motion_signature_share": "0.20",
}


def unset_unsourced_defaults(Edition, DeliberationRules, only: tuple[str, ...] = ()) -> None:
    """``only``: the fields a later migration unsets (the earlier ones may have been set
    again by a council since)."""
    for field, value in UNSOURCED_2025.items():
        if only and field not in only:
            continue
        DeliberationRules.objects.filter(
            edition__year=2025, state__isnull=True, **{field: value}
        ).update(**{field: None})


def load_deliberation_rules(Edition, DeliberationRules) -> None:
    """Create the shipped rule sets where an edition has none yet (councils may have
    changed them: never overwrite)."""
    for year, data in DELIBERATION_RULES.items():
        edition = Edition.objects.filter(year=year).first()
        if (
            edition
            and not DeliberationRules.objects.filter(edition=edition, state__isnull=True).exists()
        ):
            DeliberationRules.objects.create(edition=edition, **data)


# Res. CNAS 187/2025: at least 30% of the delegates at every level from the quota's groups.
DIVERSITY_QUOTAS = {2025: ("0.30", "Resolução CNAS nº 187/2025")}


def load_diversity_quotas(Edition) -> None:
    for year, (share, source) in DIVERSITY_QUOTAS.items():
        Edition.objects.filter(year=year).update(
            diversity_quota=Decimal(share), diversity_quota_source=source
        )
