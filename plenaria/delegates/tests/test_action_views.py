"""The delegate list's actions, one URL each: POST only, the candidacy or election
taken through its conference, refusals in the list's own words."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.delegates import elections
from plenaria.delegates.models import Candidacy, Election
from plenaria.proposals.tests.test_views import participant_client

pytestmark = pytest.mark.django_db

LIST_ACTIONS = [
    "candidacy_register",
    "nominate",
    "election_start",
    "roles",
    "confirm",
    "send",
]


@pytest.fixture
def candidacy(enrol, seats, organiser):
    seats(2, 2)
    ana = enrol("Ana", segment="users")
    return elections.candidacy_register(actor=organiser, registration=ana, segment="users")


@pytest.fixture
def election(candidacy, organiser):
    return elections.election_start(
        actor=organiser,
        conference=candidacy.conference,
        segment="users",
        method="vote",
        mode="open",
    )


@pytest.mark.parametrize("name", LIST_ACTIONS)
def test_a_list_action_answers_get_with_405(name, conference, organiser):
    url = reverse(f"delegates:{name}", args=[conference.pk])
    assert client_for(organiser).get(url).status_code == 405


def test_an_object_action_answers_get_with_405(conference, organiser, election, candidacy):
    client = client_for(organiser)
    for name, pk in [
        ("candidacy_withdraw", candidacy.pk),
        ("election_record", election.pk),
        ("election_cancel", election.pk),
    ]:
        url = reverse(f"delegates:{name}", args=[conference.pk, pk])
        assert client.get(url).status_code == 405, name
    assert Candidacy.objects.exists() and Election.objects.exists()


def test_the_list_page_and_the_phone_page_answer_post_with_405(conference, organiser, candidacy):
    url = reverse("delegates:conference", args=[conference.pk])
    assert client_for(organiser).post(url, {"action": "send"}).status_code == 405
    phone = participant_client(candidacy.registration)
    mine = reverse("delegates:mine", args=[candidacy.registration.code])
    assert phone.post(mine, {"action": "withdraw"}).status_code == 405
    for name in ("stand", "withdraw"):
        url = reverse(f"delegates:{name}", args=[candidacy.registration.code])
        assert phone.get(url).status_code == 405
    assert Candidacy.objects.exists()


def test_a_candidacy_or_election_of_another_conference_is_not_found(
    election, candidacy, make_conference, janauba, outsider, admin_user
):
    """Named under another conference's address (even by who runs both)."""
    other = make_conference(actor=outsider, municipality=janauba, title="Outra conferência")
    client = client_for(admin_user)
    for name, pk in [
        ("candidacy_withdraw", candidacy.pk),
        ("election_record", election.pk),
        ("election_cancel", election.pk),
    ]:
        url = reverse(f"delegates:{name}", args=[other.pk, pk])
        assert client.post(url, {"reason": "x"}).status_code == 404, name
    assert Candidacy.objects.filter(pk=candidacy.pk).exists()
    assert Election.objects.filter(pk=election.pk).exists()


def test_the_table_withdraws_a_candidacy_and_returns_to_the_list(conference, organiser, candidacy):
    url = reverse("delegates:candidacy_withdraw", args=[conference.pk, candidacy.pk])
    response = client_for(organiser).post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("delegates:conference", args=[conference.pk])
    assert "Ana retirado(a) da lista." in response.content.decode()
    assert not Candidacy.objects.exists()


def test_a_reader_may_not_withdraw_a_candidacy(conference, state_member, candidacy):
    url = reverse("delegates:candidacy_withdraw", args=[conference.pk, candidacy.pk])
    response = client_for(state_member).post(url)
    assert response.status_code == 403
    assert "Só a mesa diretora e a comissão organizadora mudam a lista" in (
        response.content.decode()
    )
    assert Candidacy.objects.exists()


def test_withdrawing_twice_from_the_phone_does_not_stand_again(enrol, seats):
    seats(2, 2)
    ana = enrol("Ana", segment="users")
    phone = participant_client(ana)
    phone.post(reverse("delegates:stand", args=[ana.code]))
    withdraw = reverse("delegates:withdraw", args=[ana.code])
    phone.post(withdraw)
    response = phone.post(withdraw)  # a second tap
    assert response["Location"] == reverse("delegates:mine", args=[ana.code])
    assert not Candidacy.objects.exists()


def test_the_contacts_refusal_says_who_exports_them(conference, state_member):
    response = client_for(state_member).get(reverse("delegates:xlsx", args=[conference.pk]))
    assert response.status_code == 403
    assert "Só a comissão organizadora exporta contatos" in response.content.decode()
