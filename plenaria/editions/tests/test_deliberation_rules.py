"""Deliberation rules are data of the edition, overridable by a state."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.editions.models import DeliberationRules
from plenaria.editions.selectors import deliberation_rules_for

pytestmark = pytest.mark.django_db


def test_2025_ships_with_its_rules(edition):
    rules = DeliberationRules.objects.get(edition__year=2025, state__isnull=True)
    assert rules.spheres == ["municipal", "state", "federal"]
    assert rules.motion_signature_share == Decimal("0.20")
    assert rules.direct_approval_share == Decimal("0.70")


def test_a_state_rule_set_wins_over_the_editions(make_conference, mg, edition):
    conference = make_conference()
    assert deliberation_rules_for(conference).state_id is None
    DeliberationRules.objects.create(edition=edition, state=mg, max_per_axis_sphere=5)
    assert deliberation_rules_for(conference).max_per_axis_sphere == 5


def test_without_rules_the_defaults_apply(make_conference, edition):
    DeliberationRules.objects.filter(edition=edition).delete()
    rules = deliberation_rules_for(make_conference())
    assert rules.pk is None and rules.plenary_share == Decimal("0.50")


def test_bad_rule_sets_are_refused(edition, mg):
    rules = DeliberationRules(
        edition=edition, state=mg, spheres=["galactic"], plenary_share=Decimal("0.9")
    )
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "spheres" in error.value.message_dict
    assert "__all__" in error.value.message_dict  # plenary above direct approval


def test_organisers_see_the_rules_of_their_conference(make_conference, organiser):
    conference = make_conference()
    page = client_for(organiser).get(reverse("conferences:manage", args=[conference.pk]))
    html = page.content.decode()
    assert "Regras de deliberação" in html
    assert "70%" in html and "20%" in html and "no máximo 3" in html
