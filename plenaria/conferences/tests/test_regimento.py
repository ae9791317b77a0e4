"""The rules the conference's regimento sets, each shown with where it comes from
(issue 17, item 6)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences import selectors, services
from plenaria.conferences.models import ConferenceRules
from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry
from plenaria.editions.models import DeliberationRules

pytestmark = pytest.mark.django_db


def test_each_rule_falls_back_from_the_regimento_to_the_state_to_the_edition(
    make_conference, organiser, edition, mg
):
    """Issue 17, item 6: "Defaults come only from a cited source; otherwise the regimento
    of the conference (or the state's rules) sets them, and the page says where each rule
    comes from." A blank value falls back, field by field; nothing set stays unset."""
    conference = make_conference()
    rules = selectors.regimento_rules(conference)
    assert not rules.aggregation_set and not rules.max_per_axis_sphere.is_set
    DeliberationRules.objects.filter(edition=edition, state__isnull=True).update(
        abstentions_count=False, source="Resolução CNAS nº 99/2025"
    )
    DeliberationRules.objects.create(
        edition=edition, state=mg, max_per_axis_sphere=5, source="Resolução CEAS/MG nº 12/2025"
    )
    services.regimento_rules_save(
        actor=organiser,
        conference=conference,
        data={
            "source": "  Regimento interno,   art. 14 ",
            "direct_approval_share": Decimal("0.60"),
            "plenary_share": Decimal("0.40"),
        },
    )
    rules = selectors.regimento_rules(conference)
    assert rules.aggregation_set
    assert rules.direct_approval_share.value == Decimal("0.60")
    assert (
        rules.direct_approval_share.source
        == "Regimento da conferência — Regimento interno, art. 14"
    )
    assert (
        rules.max_per_axis_sphere.source == "Regras do estado (MG) — Resolução CEAS/MG nº 12/2025"
    )
    assert rules.abstentions_count.value is False
    assert rules.abstentions_count.source == "Regras da edição (2025) — Resolução CNAS nº 99/2025"
    assert AuditEntry.objects.filter(content_type__model="conferencerules").exists()


def test_a_value_needs_its_source_and_the_shares_their_order(make_conference, organiser, edition):
    conference = make_conference()
    with pytest.raises(ValidationError) as error:
        services.regimento_rules_save(
            actor=organiser, conference=conference, data={"max_per_axis_sphere": 3}
        )
    assert "source" in error.value.message_dict
    DeliberationRules.objects.filter(edition=edition, state__isnull=True).update(
        direct_approval_share=Decimal("0.50")
    )
    with pytest.raises(ValidationError) as error:
        services.regimento_rules_save(
            actor=organiser,
            conference=conference,
            data={"source": "Regimento, art. 2", "plenary_share": Decimal("0.60")},
        )
    assert "Regras da edição (2025)" in error.value.message_dict["plenary_share"][0]
    assert not ConferenceRules.objects.exists()  # nothing half-saved


def test_the_staff_set_the_regimento_on_its_page(make_conference, organiser):
    conference = make_conference()
    url = reverse("conferences:regimento", args=[conference.pk])
    client = client_for(organiser)
    page = client.get(url).content.decode()
    assert "não definido: o regimento precisa dizer" in page
    response = client.post(
        url,
        {
            "source": "Regimento interno, arts. 14 e 15",
            "max_per_axis_sphere": "4",
            "direct_approval_share": "70",
            "plenary_share": "50",
            "abstentions_count": "no",
            "quorum_any_shift": "any",
        },
    )
    assert response.status_code == 302
    own = ConferenceRules.objects.get(conference=conference)
    assert (own.direct_approval_share, own.plenary_share) == (Decimal("0.70"), Decimal("0.50"))
    assert own.abstentions_count is False and own.max_per_axis_sphere == 4
    assert own.quorum_any_shift is True
    page = client.get(url).content.decode()
    assert "a partir de 70% dos votos" in page
    assert "ficam fora da base do percentual" in page
    assert "os delegados credenciados em qualquer turno" in page
    assert "Regimento da conferência — Regimento interno, arts. 14 e 15" in page
    assert 'value="70"' in page  # the form shows percentages as typed


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"direct_approval_share": "150"}, "direct_approval_share", "menor ou igual a 100"),
        ({"direct_approval_share": "setenta"}, "direct_approval_share", "Informe um número"),
        ({"max_per_axis_sphere": "0"}, "max_per_axis_sphere", "maior ou igual a 1"),
        ({"abstentions_count": "talvez"}, "abstentions_count", "escolha válida"),
        ({"quorum_any_shift": "sempre"}, "quorum_any_shift", "escolha válida"),
        ({"quorum_any_shift": "any"}, "source", "Diga onde o regimento"),
        (
            {"source": "Art. 3", "direct_approval_share": "40", "plenary_share": "60"},
            "plenary_share",
            "não pode passar",
        ),
        ({"plenary_share": "60"}, "source", "Diga onde o regimento"),
    ],
)
def test_bad_input_is_said_at_the_field(make_conference, organiser, data, field, message):
    conference = make_conference()
    response = client_for(organiser).post(
        reverse("conferences:regimento", args=[conference.pk]), data
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not ConferenceRules.objects.exists()
