"""Deliberation rules are data of the edition, overridable by a state."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conftest import client_for, set_regimento
from plenaria.editions.models import DeliberationRules
from plenaria.editions.selectors import deliberation_rules_for

pytestmark = pytest.mark.django_db


def test_2025_ships_with_its_rules_and_no_unsourced_ones(edition):
    """Issue 17, item 6: "Defaults come only from a cited source". DOMAIN.md §5 gives the
    70% / half-plus-one aggregation only as "example from a 2025 national-stage
    regulation" and the cap per axis and sphere as "configuration", and the motions'
    signatures "(example: 20%)": 2025 ships none of them."""
    rules = DeliberationRules.objects.get(edition__year=2025, state__isnull=True)
    assert rules.spheres == ["municipal", "state", "federal"]
    assert rules.motion_signature_share is None
    assert rules.direct_approval_share is None and rules.plenary_share is None
    assert rules.max_per_axis_sphere is None and rules.abstentions_count is None
    assert rules.quota_counts_suplentes is None
    assert edition.diversity_quota_source == "Resolução CNAS nº 187/2025"


def test_the_migration_unsets_only_the_values_nobody_changed(edition, mg):
    from plenaria.editions.models import Edition
    from plenaria.editions.presets import unset_unsourced_defaults

    shipped = DeliberationRules.objects.get(edition=edition, state__isnull=True)
    DeliberationRules.objects.filter(pk=shipped.pk).update(
        max_per_axis_sphere=3, direct_approval_share=Decimal("0.70"), plenary_share=Decimal("0.40")
    )
    unset_unsourced_defaults(Edition, DeliberationRules)
    shipped.refresh_from_db()
    assert shipped.max_per_axis_sphere is None and shipped.direct_approval_share is None
    assert shipped.plenary_share == Decimal("0.40")  # a council's own value stays


def test_a_state_rule_set_wins_over_the_editions(make_conference, mg, edition):
    conference = make_conference()
    assert deliberation_rules_for(conference).state_id is None
    DeliberationRules.objects.create(edition=edition, state=mg, max_per_axis_sphere=5)
    assert deliberation_rules_for(conference).max_per_axis_sphere == 5


def test_without_rules_nothing_is_assumed(make_conference, edition):
    DeliberationRules.objects.filter(edition=edition).delete()
    rules = deliberation_rules_for(make_conference())
    assert rules.pk is None and rules.plenary_share is None and rules.spheres


def test_bad_rule_sets_are_refused(edition, mg):
    rules = DeliberationRules(
        edition=edition,
        state=mg,
        spheres=["galactic"],
        direct_approval_share=Decimal("0.7"),
        plenary_share=Decimal("0.9"),
    )
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "spheres" in error.value.message_dict
    assert "__all__" in error.value.message_dict  # plenary above direct approval


def test_organisers_see_the_rules_of_their_conference_and_where_each_comes_from(
    make_conference, organiser, edition, mg
):
    conference = make_conference()
    url = reverse("conferences:manage", args=[conference.pk])
    html = client_for(organiser).get(url).content.decode()
    assert "Regras de deliberação" in html
    # the shares of the groups, the abstentions and the motions' signatures
    assert html.count("não definido: o regimento precisa dizer") == 4
    assert "sem limite: nenhuma regra o define" in html
    DeliberationRules.objects.create(
        edition=edition, state=mg, max_per_axis_sphere=5, source="Resolução CEAS/MG nº 12/2025"
    )
    set_regimento(conference, max_per_axis_sphere=None)
    html = client_for(organiser).get(url).content.decode()
    assert "no máximo 5 <span" in html
    assert "Regras do estado (MG) — Resolução CEAS/MG nº 12/2025" in html
    assert "a partir de 70% dos votos" in html
    assert "assinadas por 20% dos(as) delegados(as) credenciados(as)" in html
    assert "Regimento da conferência — Regimento interno, arts. 14 e 15" in html
