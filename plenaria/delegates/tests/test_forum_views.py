"""The delegates page's forms for segments chosen in their own forum: one POST URL per
action, errors at the field, another conference's staff kept out."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.delegates import forums
from plenaria.delegates.models import Candidacy, SegmentChoice

pytestmark = pytest.mark.django_db

FORUM = {
    "segment": "workers",
    "kind": "",
    "ch-workers-how": "forum",
    "ch-workers-forum_name": "Fórum Municipal de Trabalhadores do SUAS",
    "ch-workers-forum_date": "2025-05-20",
    "ch-workers-forum_act": "Ata da assembleia",
}


def _url(name, conference):
    return reverse(f"delegates:{name}", args=[conference.pk])


@pytest.mark.parametrize("name", ["segment_choice", "forum_delegate"])
def test_the_forum_actions_answer_get_with_405(name, conference, organiser):
    assert client_for(organiser).get(_url(name, conference)).status_code == 405


def test_the_table_sets_a_segment_to_its_forum_and_the_page_says_so(conference, organiser, seats):
    seats(6, 6)
    response = client_for(organiser).post(_url("segment_choice", conference), FORUM, follow=True)
    page = response.content.decode()
    assert "Salvo como os delegados do segmento são escolhidos." in page
    assert (
        "Escolhidos no Fórum Municipal de Trabalhadores do SUAS em 20/05/2025 "
        "(Ata da assembleia)" in page
    )
    assert "Eleitos na conferência" in page and "Indicados pela gestão" in page
    assert "Registrar quem o fórum escolheu" in page
    assert SegmentChoice.objects.get().how == "forum"


def test_a_forum_without_date_shows_the_error_at_the_field(conference, organiser, seats):
    seats(6, 6)
    data = {**FORUM, "ch-workers-forum_date": ""}
    response = client_for(organiser).post(_url("segment_choice", conference), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_ch-workers-forum_date_error"' in page
    assert "Informe a data do fórum." in page
    assert not SegmentChoice.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {**FORUM, "segment": "government"},
        {**FORUM, "segment": "x\x00"},
        {**FORUM, "kind": "state_level"},
    ],
)
def test_a_forged_segment_is_refused_with_a_message(conference, organiser, data):
    response = client_for(organiser).post(_url("segment_choice", conference), data, follow=True)
    assert "Escolha um segmento da sociedade civil." in response.content.decode()
    assert not SegmentChoice.objects.exists()


def test_the_table_records_a_person_the_forum_chose_by_code(conference, organiser, seats, enrol):
    seats(6, 6)
    forums.segment_choice_set(
        actor=organiser,
        conference=conference,
        segment="workers",
        how="forum",
        forum_date=__import__("datetime").date(2025, 5, 20),
        forum_act="Ata",
    )
    worker = enrol("Joana Trabalhadora", segment="workers", present=False)
    client = client_for(organiser)
    data = {"segment": "workers", "kind": "", "f-workers-role": "titular"}
    response = client.post(
        _url("forum_delegate", conference), {**data, "f-workers-registration": "ZZZZ"}
    )
    assert response.status_code == 200
    assert "Nenhuma inscrição com este código nesta conferência." in response.content.decode()
    response = client.post(
        _url("forum_delegate", conference),
        {**data, "f-workers-registration": worker.code},
        follow=True,
    )
    assert "Joana Trabalhadora registrado(a) como escolhido(a) no fórum." in (
        response.content.decode()
    )
    assert Candidacy.objects.get().kind == "forum"


def test_another_conferences_staff_gets_404(conference, outsider, seats):
    seats(6, 6)
    client = client_for(outsider)
    for name in ("segment_choice", "forum_delegate"):
        assert client.post(_url(name, conference), FORUM).status_code == 404, name
    assert not SegmentChoice.objects.exists()


def test_a_reader_may_not_set_how_a_segment_chooses(conference, state_member):
    response = client_for(state_member).post(_url("segment_choice", conference), FORUM)
    assert response.status_code == 403
    assert not SegmentChoice.objects.exists()


def test_the_public_the_parent_and_the_phone_say_how_each_segment_chose(
    enrol, organiser, seats, state_conference, state_organiser
):
    from django.test import Client

    from plenaria.conferences.models import Status
    from plenaria.conftest import conference_to
    from plenaria.delegates import elections, handover
    from plenaria.delegates.models import HandOver
    from plenaria.delegates.tests.test_forums import mixed_list
    from plenaria.proposals.tests.test_views import participant_client

    conference = mixed_list(enrol, organiser, seats)
    elections.list_confirm(actor=organiser, conference=conference)
    handover.send(actor=organiser, conference=conference)
    forum_text = "Escolhidos no Fórum Municipal de Trabalhadores do SUAS em 20/05/2025"

    # the parent's page of the list it received
    sent = HandOver.objects.get()
    detail = reverse("delegates:received_detail", args=[state_conference.pk, sent.pk])
    page = client_for(state_organiser).get(detail).content.decode()
    assert "Como cada segmento escolheu seus delegados" in page
    assert forum_text in page and "Indicados pela gestão" in page

    # the phone of a worker the forum chose, and of one who was not chosen
    worker = Candidacy.objects.get(segment="workers", role="titular").registration
    page = participant_client(worker).get(reverse("delegates:mine", args=[worker.code]))
    assert "O fórum do seu segmento escolheu você como Titular." in page.content.decode()
    other = enrol("Trabalhador sem vaga", segment="workers")
    page = participant_client(other).get(reverse("delegates:mine", args=[other.code]))
    page = page.content.decode()
    assert "Os delegados do seu segmento são escolhidos no próprio fórum" in page
    assert forum_text in page and "Quero ser candidato(a)" not in page

    # the public page once the conference is closed
    public = reverse("conferences:public", args=[conference.pk])
    assert "Como cada segmento escolheu" not in Client().get(public).content.decode()
    conference_to(conference, Status.CLOSED, actor=organiser)
    page = Client().get(public).content.decode()
    assert "Como cada segmento escolheu seus delegados" in page and forum_text in page


def test_refusals_whose_form_is_hidden_are_messages_at_the_top(conference, organiser, seats, enrol):
    """Recording for a segment elected here, or choosing a forum once its election has
    started: the page still shows why."""
    from plenaria.delegates import elections

    seats(6, 6)
    worker = enrol("Trabalhadora", segment="workers")
    client = client_for(organiser)
    data = {"segment": "workers", "kind": "", "f-workers-registration": worker.code}
    response = client.post(
        _url("forum_delegate", conference), {**data, "f-workers-role": "titular"}, follow=True
    )
    assert "Os delegados do segmento trabalhadores são eleitos na conferência" in (
        response.content.decode()
    )
    elections.candidacy_register(actor=None, registration=worker)
    elections.election_start(
        actor=organiser, conference=conference, segment="workers", method="acclamation"
    )
    response = client.post(_url("segment_choice", conference), FORUM)
    assert response.status_code == 200
    assert "A eleição do segmento trabalhadores começou na conferência" in (
        response.content.decode()
    )
    assert not Candidacy.objects.filter(kind="forum").exists()
    assert not SegmentChoice.objects.exists()
