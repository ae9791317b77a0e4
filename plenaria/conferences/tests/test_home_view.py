import pytest
from django.urls import reverse

from plenaria.conferences.models import Status
from plenaria.conftest import client_for

pytestmark = pytest.mark.django_db


def test_home_lists_convoked_conferences_not_drafts(make_conference, janauba):
    make_conference(title="Rascunho de Montes Claros")
    make_conference(municipality=janauba, title="Conferência de Janaúba", status=Status.CONVOKED)
    html = client_for(None).get(reverse("home")).content.decode()
    assert "Conferência de Janaúba" in html
    assert "Rascunho de Montes Claros" not in html
    assert "20 anos do SUAS" in html


def test_home_is_the_same_for_signed_in_people(organiser):
    response = client_for(organiser).get(reverse("home"))
    assert response.status_code == 200 and "Minhas conferências" in response.content.decode()


def test_home_wrong_method(db):
    assert client_for(None).post(reverse("home")).status_code == 405
