import pytest
from django.urls import reverse

from plenaria.conftest import client_for

pytestmark = pytest.mark.django_db

URL = reverse("reports:national")


def test_cnas_member_sees_every_state_with_counts(national_member, make_conference, janauba):
    make_conference(status="closed")
    make_conference(municipality=janauba)
    response = client_for(national_member).get(URL)
    assert response.status_code == 200
    rows = {r.state.abbreviation: r for r in response.context["rows"]}
    assert len(rows) == 27
    assert rows["MG"].municipalities == 853
    assert rows["MG"].counts["closed"] == 1 and rows["MG"].counts["draft"] == 1
    assert rows["MG"].counts["none"] == 851
    assert rows["SP"].counts["none"] == 645
    assert response.context["municipalities"] == 5571


def test_state_page_is_open_to_the_cnas(national_member):
    response = client_for(national_member).get(reverse("reports:state", args=["sp"]))
    assert response.status_code == 200 and response.context["page"].paginator.count == 645


def test_query_count_is_constant(national_member, edition, django_assert_max_num_queries):
    client = client_for(national_member)
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL)


def test_state_member_cannot_see_the_national_view(state_member):
    assert client_for(state_member).get(URL).status_code == 403


def test_anonymous_and_wrong_method(national_member, db):
    assert client_for(None).get(URL).status_code == 302
    assert client_for(national_member).post(URL).status_code == 405


def test_states_count_each_stage_and_the_lists_sent(national_member, make_conference, janauba):
    from plenaria.delegates.models import HandOver
    from plenaria.reports.tests.test_state_monitoring import _hand_over

    montes = make_conference(status="in_progress")
    make_conference(municipality=janauba, status="registration_open")
    _hand_over(montes)
    assert HandOver.objects.filter(current=True).count() == 1
    response = client_for(national_member).get(URL)
    rows = {r.state.abbreviation: r for r in response.context["rows"]}
    assert rows["MG"].counts["in_progress"] == 1
    assert rows["MG"].counts["registration_open"] == 1
    assert rows["MG"].counts["convoked"] == 0
    assert rows["MG"].counts["delegates_sent"] == 1
    assert response.context["delegates_sent"] == 1
