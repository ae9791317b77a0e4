import datetime as dt

import pytest

from plenaria.conferences import selectors, services
from plenaria.conferences.models import CommissionMember, Status
from plenaria.editions.models import Edition
from plenaria.territory.models import Council, Level

pytestmark = pytest.mark.django_db


def test_a_well_planned_conference_has_no_warnings(make_conference):
    conference = make_conference()
    assert selectors.conference_warnings(conference) == []


def test_each_rule_shows_up(
    make_conference, organiser, edition, mg, state_organiser, montes_claros
):
    # The council holds its conferences every two years (NOB-SUAS 2012, art. 117).
    Council.objects.filter(municipality=montes_claros).update(period_years=2)
    past = make_conference(
        edition=Edition.objects.get(year=2023),
        title="2023",
        start_date=dt.date(2022, 6, 1),
        end_date=dt.date(2022, 6, 1),
    )
    assert past.pk
    services.conference_create(
        actor=state_organiser,
        edition=edition,
        level=Level.STATE,
        state=mg,
        data={
            "title": "Estadual",
            "start_date": dt.date(2025, 7, 20),
            "end_date": dt.date(2025, 7, 22),
        },
    )
    conference = make_conference(start_date=dt.date(2025, 7, 25), end_date=dt.date(2025, 7, 25))
    CommissionMember.objects.create(conference=conference, name="A", sector="government")
    warnings = selectors.conference_warnings(conference)
    # window, periodicity (3 years after an earlier one, the council's period is 2),
    # parent, parity
    assert len(warnings) == 4, warnings


def test_public_conferences_exclude_drafts(make_conference, janauba):
    draft = make_conference()
    convoked = make_conference(municipality=janauba, status=Status.CONVOKED)
    public = list(selectors.public_conferences())
    assert convoked in public and draft not in public


def test_commission_lists_president_first(make_conference):
    conference = make_conference()
    CommissionMember.objects.create(
        conference=conference, name="Zé", sector="government", role="member"
    )
    CommissionMember.objects.create(
        conference=conference, name="Ana", sector="government", role="member", is_alternate=True
    )
    CommissionMember.objects.create(
        conference=conference, name="Mara", sector="civil_society", role="president"
    )
    assert [m.name for m in selectors.commission_of(conference)] == ["Mara", "Zé", "Ana"]


def test_the_periodicity_warning_follows_the_councils_own_period(make_conference, montes_claros):
    """NOB-SUAS 2012, art. 117: conferences at most four years apart, within the period the
    council sets for itself (issue 17, item 3)."""
    make_conference(
        edition=Edition.objects.get(year=2023),
        title="2023",
        start_date=dt.date(2023, 6, 1),
        end_date=dt.date(2023, 6, 1),
    )
    conference = make_conference()
    assert selectors.conference_warnings(conference) == []
    Council.objects.filter(municipality=montes_claros).update(period_years=1)
    assert len(selectors.conference_warnings(conference)) == 1
