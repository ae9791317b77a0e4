"""A state conference elects its municipal-level and its state-level delegates to the
national conference as two lists (DOMAIN.md §7), when the national table gives its
shares by kind; every other conference keeps one list."""

import pytest
from django.core.exceptions import ValidationError

from plenaria.delegates import elections, handover, selectors
from plenaria.delegates.models import Candidacy, Delegation, Election, NationalShare

pytestmark = pytest.mark.django_db

MUNICIPAL, STATE = "municipal_level", "state_level"


@pytest.fixture
def state(state_lists):
    return state_lists


def test_the_state_conference_elects_two_lists_each_with_its_share(state):
    """DOMAIN.md §7: each state's share of municipal-level and state-level delegates."""
    assert selectors.list_kinds(state) == (MUNICIPAL, STATE)
    municipal, state_level = (selectors.seats_for(state, k) for k in (MUNICIPAL, STATE))
    assert (municipal.titulares, state_level.titulares) == (12, 6)
    assert municipal.seats.of("users", "titular") == 2
    assert state_level.seats.of("users", "titular") == 1
    # the whole state's seats, for the overviews
    assert selectors.seats_for(state).titulares == 18


def test_a_municipal_conference_keeps_one_list(conference):
    assert selectors.list_kinds(conference) == ("",)


def test_a_candidacy_says_which_list_and_the_lists_elect_apart(state, enrol, organiser):
    ana, bia, cida, dora = (
        enrol(n, segment="users", conf=state) for n in ["Ana", "Bia", "Cida", "Dora"]
    )
    with pytest.raises(ValidationError) as error:
        elections.candidacy_register(actor=None, registration=ana)
    assert "âmbito municipal" in str(error.value.message_dict["national_kind"])
    with pytest.raises(ValidationError):
        elections.candidacy_register(actor=None, registration=ana, kind="federal")
    assert not Candidacy.objects.exists()
    for person in (ana, bia, cida):
        elections.candidacy_register(actor=None, registration=person, kind=MUNICIPAL)
    elections.election_start(
        actor=organiser, conference=state, segment="users", method="acclamation", kind=MUNICIPAL
    )
    # the municipal-level election closed that list's candidacies, not the state-level's
    with pytest.raises(ValidationError, match="começou"):
        elections.candidacy_register(actor=None, registration=dora, kind=MUNICIPAL)
    elections.candidacy_register(actor=None, registration=dora, kind=STATE)
    election = elections.election_start(
        actor=organiser, conference=state, segment="users", method="acclamation", kind=STATE
    )
    assert "âmbito estadual" in str(election)
    roles = dict(Candidacy.objects.values_list("registration__name", "role"))
    # municipal-level: 2 titulares and 2 suplentes for users; state-level: 1 and 1
    assert roles == {"Ana": "titular", "Bia": "titular", "Cida": "suplente", "Dora": "titular"}
    assert Election.objects.count() == 2


def test_nominations_fill_the_government_seats_of_their_list(state, enrol, organiser):
    gov = [enrol(f"Gestora {n}", segment="government", conf=state) for n in range(5)]
    for person in gov[:3]:
        elections.nominate(actor=organiser, registration=person, role="titular", kind=STATE)
    with pytest.raises(ValidationError, match="3 vagas de titular e todas estão preenchidas"):
        elections.nominate(actor=organiser, registration=gov[3], role="titular", kind=STATE)
    elections.nominate(actor=organiser, registration=gov[3], role="titular", kind=MUNICIPAL)
    assert Candidacy.objects.filter(national_kind=MUNICIPAL).count() == 1


def test_each_list_is_checked_on_its_own_and_sent_with_its_kind(state, enrol, organiser):
    for kind, name in ((MUNICIPAL, "Ana"), (STATE, "Bia")):
        registration = enrol(name, segment="users", conf=state)
        Candidacy.objects.create(  # the roles are the premise here, no election is run
            conference=state,
            registration=registration,
            segment="users",
            national_kind=kind,
            kind="candidate",
            role="titular",
        )
    check = selectors.list_check(state)
    municipal = [p for p in check.problems if p.startswith("Delegado(a) de âmbito municipal:")]
    state_level = [p for p in check.problems if p.startswith("Delegado(a) de âmbito estadual:")]
    assert municipal and state_level
    assert len(municipal) + len(state_level) == len(check.problems)
    page = selectors.conference_list(state)
    assert [k.kind for k in page.lists] == [MUNICIPAL, STATE]
    assert [c.registration.name for c in page.lists[1].blocks[0].candidacies] == ["Bia"]
    elections.list_confirm(actor=organiser, conference=state, justification="Plenária")
    sent = handover.send(actor=organiser, conference=state)
    kinds = dict(
        Delegation.objects.filter(handover=sent).values_list("registration__name", "national_kind")
    )
    assert kinds == {"Ana": MUNICIPAL, "Bia": STATE}


def test_roles_change_within_one_list(state, enrol, organiser):
    ana = enrol("Ana", segment="users", conf=state)
    bia = enrol("Bia", segment="users", conf=state)
    a = elections.candidacy_register(actor=None, registration=ana, kind=STATE)
    b = elections.candidacy_register(actor=None, registration=bia, kind=MUNICIPAL)
    elections.election_start(
        actor=organiser, conference=state, segment="users", method="acclamation", kind=STATE
    )
    with pytest.raises(ValidationError, match="mudou"):  # Bia is on the other list
        elections.roles_set(
            actor=organiser,
            conference=state,
            segment="users",
            kind=STATE,
            roles={a.pk: "suplente", b.pk: "titular"},
            reason="Decisão",
        )
    elections.roles_set(
        actor=organiser,
        conference=state,
        segment="users",
        kind=STATE,
        roles={a.pk: "suplente"},
        reason="Decisão da plenária",
    )
    a.refresh_from_db()
    assert a.role == "suplente"


def test_candidacies_of_a_list_no_longer_elected_are_removed_before_confirming(
    state, enrol, organiser
):
    ana = enrol("Ana", segment="users", conf=state)
    elections.candidacy_register(actor=None, registration=ana, kind=STATE)
    elections.election_start(  # Ana is elected by acclamation...
        actor=organiser, conference=state, segment="users", method="acclamation", kind=STATE
    )
    NationalShare.objects.filter(kind=STATE).delete()  # ...then the CNAS drops the share
    page = selectors.conference_list(state)
    assert [c.registration.name for c in page.stray] == ["Ana"]
    with pytest.raises(ValidationError, match="não elege mais"):
        elections.list_confirm(actor=organiser, conference=state, justification="Plenária")
    elections.candidacy_withdraw(actor=organiser, candidacy=page.stray[0])
    assert not Candidacy.objects.exists() and not Election.objects.exists()
    elections.list_confirm(actor=organiser, conference=state, justification="Plenária")
