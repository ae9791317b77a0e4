import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.delegates.models import Candidacy, DelegateList, Election
from plenaria.proposals.tests.test_views import participant_client
from plenaria.voting.models import Poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(conference):
    return reverse("delegates:conference", args=[conference.pk])


@pytest.fixture
def to(conference):
    """The address of one action of the list: to("confirm"), to("election_cancel", pk)."""
    return lambda name, *args: reverse(f"delegates:{name}", args=[conference.pk, *args])


def test_the_table_registers_candidates_starts_an_election_and_confirms(
    url, to, organiser, enrol, seats
):
    seats(2, 2)
    client = client_for(organiser)
    assert client.get(url).status_code == 200
    ana = enrol("Ana", segment="users", self_declarations=["black"])
    response = client.post(
        to("candidacy_register"), {"segment": "users", "c-registration": ana.code.lower()}
    )
    assert response.status_code == 302
    assert Candidacy.objects.get().registration == ana
    response = client.post(
        to("election_start"),
        {
            "segment": "users",
            "e-method": "vote",
            "e-mode": "secret",
            "e-segment_only": "on",
            "e-tie_break": "older_first",
        },
    )
    assert response.status_code == 302
    poll = Election.objects.get().poll
    assert (poll.item, poll.mode, poll.segment) == (Poll.Item.ELECTION, "secret", "users")
    gestora = enrol("Gestora", segment="government")
    client.post(to("nominate"), {"n-registration": gestora.code, "n-role": "titular"})
    page = client.get(url).content.decode()
    assert "Gestora" in page and "Ana" in page
    assert "falta 1 titular da sociedade civil (de qualquer segmento)" in page
    response = client.post(to("confirm"), {"justification": ""})
    assert "escreva a justificativa" in response.content.decode().lower()
    assert not DelegateList.objects.filter(confirmed_at__isnull=False).exists()


def test_wrong_segment_unknown_code_and_double_candidacy_are_said_at_the_field(
    url, to, organiser, enrol, seats
):
    seats(2, 2)
    client = client_for(organiser)
    worker = enrol("Trabalhadora", segment="workers")
    response = client.post(
        to("candidacy_register"), {"segment": "users", "c-registration": worker.code}
    )
    assert response.status_code == 200
    assert 'id="cand-users-error"' in response.content.decode()
    assert "não pode ser candidato(a) do segmento usuários" in response.content.decode()
    response = client.post(
        to("candidacy_register"), {"segment": "users", "c-registration": "ZZZZ9999"}
    )
    assert "Nenhuma inscrição com este código" in response.content.decode()
    assert not Candidacy.objects.exists()


def test_readers_see_the_list_but_only_the_table_changes_it(
    url, to, state_member, outsider, enrol, seats
):
    seats(2, 2)
    ana = enrol("Ana", segment="users")
    assert client_for(state_member).get(url).status_code == 200
    response = client_for(state_member).post(
        to("candidacy_register"), {"segment": "users", "c-registration": ana.code}
    )
    assert response.status_code == 403
    assert "Só a mesa diretora e a comissão organizadora mudam a lista" in response.content.decode()
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login
    assert not Candidacy.objects.exists()


def test_a_delegate_stands_on_the_phone_and_withdraws(enrol, seats):
    seats(2, 2)
    ana = enrol("Ana", segment="users")
    phone = participant_client(ana)
    url = reverse("delegates:mine", args=[ana.code])
    assert "Quero ser candidato" in phone.get(url).content.decode()
    stand = reverse("delegates:stand", args=[ana.code])
    phone.post(stand)
    phone.post(stand)  # a second tap
    assert Candidacy.objects.filter(registration=ana).count() == 1
    assert "Você é candidato(a)" in phone.get(url).content.decode()
    phone.post(reverse("delegates:withdraw", args=[ana.code]))
    assert not Candidacy.objects.exists()
    guest = enrol("Convidada", category="guest")
    page = participant_client(guest).get(reverse("delegates:mine", args=[guest.code]))
    assert "Só delegados credenciados" in page.content.decode()
    # someone else's page
    assert phone.get(reverse("delegates:mine", args=[guest.code])).status_code in (302, 403, 404)


def test_tampered_or_refused_actions_give_a_message_not_an_error(to, organiser, enrol, seats):
    seats(2, 2)
    client = client_for(organiser)
    ana = enrol("Ana", segment="users")
    response = client.post(
        to("candidacy_register"), {"segment": "bogus", "c-registration": ana.code}
    )
    assert response.status_code == 200 and "sociedade civil" in response.content.decode()
    response = client.post(to("roles"), {"segment": "bogus", "reason": "x"}, follow=True)
    assert response.status_code == 200 and "Escolha um segmento" in response.content.decode()
    response = client.post(
        to("election_start"),
        {
            "segment": "workers",
            "e-method": "vote",
            "e-mode": "open",
            "e-tie_break": "older_first",
        },
        follow=True,
    )
    assert "Ainda não há candidatos no segmento trabalhadores" in response.content.decode()
    response = client.post(to("election_start"), {"segment": "users", "e-method": "x"}, follow=True)
    assert "Escolha como o segmento elege" in response.content.decode()
    assert not Election.objects.exists() and not Candidacy.objects.exists()


def test_a_nominee_cannot_withdraw_the_nomination_from_the_phone(enrol, seats, organiser):
    seats(2, 2)
    gil = enrol("Gil", segment="government")
    from plenaria.delegates import elections

    elections.nominate(actor=organiser, registration=gil, role="titular")
    phone = participant_client(gil)
    response = phone.post(reverse("delegates:withdraw", args=[gil.code]), follow=True)
    assert "Só o gestor retira uma indicação" in response.content.decode()
    assert Candidacy.objects.filter(registration=gil).exists()


def test_the_table_cancels_an_election_with_a_reason(url, to, organiser, enrol, seats):
    seats(2, 2)
    client = client_for(organiser)
    ana = enrol("Ana", segment="users")
    client.post(to("candidacy_register"), {"segment": "users", "c-registration": ana.code})
    start = {"segment": "users", "e-method": "vote", "e-mode": "open"}
    client.post(to("election_start"), {**start, "e-tie_break": "older_first"})
    election = Election.objects.get()
    assert "Cancelar a eleição de" in client.get(url).content.decode()
    response = client.post(to("election_cancel", election.pk), follow=True)
    assert "Diga por que a eleição é cancelada." in response.content.decode()
    response = client.post(
        to("election_cancel", election.pk), {"reason": "Modo errado"}, follow=True
    )
    assert "Eleição cancelada" in response.content.decode()
    assert not Election.objects.exists()


def test_without_a_seat_table_no_election_is_offered_and_the_page_says_who_acts(
    url, to, organiser, enrol
):
    client = client_for(organiser)
    ana = enrol("Ana", segment="users")
    client.post(to("candidacy_register"), {"segment": "users", "c-registration": ana.code})
    assert Candidacy.objects.filter(registration=ana).exists()  # candidacies wait meanwhile
    page = client.get(url).content.decode()
    assert "Iniciar a eleição" not in page
    assert "O conselho estadual de assistência social de Minas Gerais publica a tabela" in page
