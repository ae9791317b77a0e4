"""The kinds of delegate at the national conference and each state's share per kind."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for, make_council_member
from plenaria.core.models import AuditEntry
from plenaria.delegates import rules, selectors
from plenaria.delegates.models import NationalShare, SeatTable
from plenaria.territory.models import Council, Level, State


def test_the_2023_composition_adds_up_as_the_cnas_published_it():
    """DOMAIN.md §7: "national 2023: 1,500 municipal-level, 246 state-level, 60 federal,
    36 ex-officio delegates with vote; plus guests and observers"."""
    shares = [(rules.MUNICIPAL_LEVEL, 1500), (rules.STATE_LEVEL, 246)]
    totals = {rules.FEDERAL: 60, rules.EX_OFFICIO: 36, rules.GUEST: 100, rules.OBSERVER: 50}
    composition = rules.national_composition(shares, totals)
    assert composition[rules.MUNICIPAL_LEVEL] == 1500
    assert rules.delegates_with_vote(composition) == 1500 + 246 + 60 + 36


def test_guests_and_observers_do_not_vote_natos_do():
    """DOMAIN.md §4: delegado(a) has voice and vote, convidado(a) voice, observador(a)
    is present; "Delegados natos are ex-officio delegates (council members)"."""
    assert rules.kind_votes(rules.EX_OFFICIO) and rules.kind_votes(rules.FEDERAL)
    assert not rules.kind_votes(rules.GUEST) and not rules.kind_votes(rules.OBSERVER)


def test_a_national_figure_is_not_negative_nor_absurd():
    """DOMAIN.md §7: the national council sets the numbers; a figure past any
    conference's size is a typing error."""
    assert rules.national_total_problem(60) is None
    assert rules.national_total_problem(-1)
    assert rules.national_total_problem(rules.MAX_NATIONAL_TOTAL + 1)


pytestmark = pytest.mark.django_db


@pytest.fixture
def cnas_organiser(db):
    return make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=True)


def _post(mg, **extra):
    return {
        f"municipal_level_t_{mg.pk}": "40",
        f"municipal_level_s_{mg.pk}": "40",
        f"state_level_t_{mg.pk}": "8",
        f"state_level_s_{mg.pk}": "8",
        "total_t_federal": "60",
        "total_t_ex_officio": "36",
        **extra,
    }


def test_the_national_council_types_each_states_share_per_kind(cnas_organiser, mg):
    client = client_for(cnas_organiser)
    url = reverse("delegates:national_shares", args=[2025])
    assert client.get(url).status_code == 200
    assert client.post(url, _post(mg)).status_code == 302
    table = SeatTable.objects.get(edition__year=2025, state=None)
    found = selectors.national_shares(table.edition)
    assert found.shares[(mg.pk, "municipal_level")].titulares == 40
    assert found.composition["ex_officio"] == 36
    assert found.with_vote == 40 + 8 + 60 + 36
    assert AuditEntry.objects.filter(object_id=str(table.pk)).exists()
    # the natos are the national council's members, listed, not typed
    assert [m.pk for m in found.natos] == [cnas_organiser.council_memberships.get().pk]
    assert "Delegados(as) natos(as)" in client.get(url).content.decode()


def test_an_odd_share_is_refused_at_its_field_and_nothing_saved(cnas_organiser, mg):
    """DOMAIN.md §7: parity — government = civil society, so a share is even."""
    url = reverse("delegates:national_shares", args=[2025])
    response = client_for(cnas_organiser).post(url, _post(mg, **{f"state_level_t_{mg.pk}": "7"}))
    assert response.status_code == 400
    assert response.context["form"].errors[f"state_level_t_{mg.pk}"]
    assert not NationalShare.objects.exists()


def test_state_councils_read_but_do_not_set_the_national_shares(state_organiser, mg):
    url = reverse("delegates:national_shares", args=[2025])
    client = client_for(state_organiser)
    assert client.get(url).status_code == 200
    assert client.post(url, _post(mg)).status_code == 403
    assert not NationalShare.objects.exists()
    assert State.objects.count() == 27


def test_a_state_conference_fills_its_shares_of_both_kinds(cnas_organiser, mg, admin_user):
    """DOMAIN.md §7: "The state conference elects delegates to the national one in the
    same way", each state's share by kind: its seats are its municipal-level and
    state-level shares together."""
    from plenaria.conferences import services as conference_services
    from plenaria.editions.models import Edition

    state = conference_services.conference_create(
        actor=admin_user,
        edition=Edition.objects.get(year=2025),
        level=Level.STATE,
        state=mg,
        data={
            "title": "Conferência Estadual de MG",
            "start_date": "2025-09-10",
            "end_date": "2025-09-12",
        },
    )
    client_for(cnas_organiser).post(reverse("delegates:national_shares", args=[2025]), _post(mg))
    seats = selectors.seats_for(state)
    assert (seats.titulares, seats.suplentes) == (48, 48)
    assert "âmbito municipal 40+40" in seats.source
