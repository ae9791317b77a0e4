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
