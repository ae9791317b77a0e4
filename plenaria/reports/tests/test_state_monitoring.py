import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conferences.models import Conference, Status
from plenaria.conftest import client_for
from plenaria.territory.models import Municipality

pytestmark = pytest.mark.django_db


def _url(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("reports:state", args=["mg"]) + (f"?{query}" if query else "")


def _spread_conferences(edition, count):
    """One municipal conference per municipality, cycling through the statuses."""
    statuses = list(Status)
    munis = Municipality.objects.filter(state__abbreviation="MG").order_by("ibge_code")[:count]
    Conference.objects.bulk_create(
        Conference(
            edition=edition,
            level="municipal",
            state_id=m.state_id,
            municipality=m,
            title=f"Conferência de {m.name}",
            status=statuses[i % len(statuses)],
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 1),
        )
        for i, m in enumerate(munis)
    )


def test_state_member_sees_all_853_municipalities_with_counts(state_member, edition):
    _spread_conferences(edition, 12)
    response = client_for(state_member).get(_url())
    assert response.status_code == 200
    counts = response.context["counts"]
    assert sum(counts.values()) == 853
    assert counts["none"] == 853 - 12
    assert counts["draft"] == 2 and counts["convoked"] == 6
    assert counts["held"] == 2 and counts["report_submitted"] == 2
    assert len(response.context["rows"]) == 853


def test_filters_by_situation_porte_and_association(state_member, edition, amams, montes_claros):
    _spread_conferences(edition, 12)
    client = client_for(state_member)
    draft_rows = client.get(_url(situacao="draft")).context["rows"]
    assert len(draft_rows) == 2 and all(r.situation == "draft" for r in draft_rows)
    # IBGE 2025 estimates (data/README.md): MG has 35 large municipalities, one metropolis.
    large = client.get(_url(porte="large")).context["rows"]
    assert len(large) == 35 and "Montes Claros" in {m.name for m in large}
    metropolis = client.get(_url(porte="metropolis")).context["rows"]
    assert [m.name for m in metropolis] == ["Belo Horizonte"]
    Municipality.objects.filter(pk=montes_claros.pk).update(population=None)
    unknown = client.get(_url(porte="unknown")).context["rows"]
    assert [m.name for m in unknown] == ["Montes Claros"]
    members = client.get(_url(associacao=amams.pk)).context
    assert {m.name for m in members["rows"]} == {"Montes Claros", "Janaúba"}
    assert sum(members["counts"].values()) == 2


def test_query_count_does_not_grow_with_rows(state_member, edition, django_assert_num_queries):
    client = client_for(state_member)
    client.get(_url())  # warm the session and the user's scope
    _spread_conferences(edition, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(_url())
    more = Municipality.objects.filter(state__abbreviation="MG", conferences__isnull=True).order_by(
        "ibge_code"
    )[:400]
    Conference.objects.bulk_create(
        Conference(
            edition=edition,
            level="municipal",
            state_id=m.state_id,
            municipality=m,
            title="x",
            status="closed",
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 1),
        )
        for m in more
    )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(_url())


def test_association_member_sees_only_member_municipalities(association_member, edition):
    response = client_for(association_member).get(_url())
    assert response.status_code == 200
    assert {m.name for m in response.context["rows"]} == {"Montes Claros", "Janaúba"}
    assert response.context["restricted"]


def test_outsider_organiser_cannot_monitor_the_state(outsider):
    assert client_for(outsider).get(_url()).status_code == 403


def test_anonymous_is_sent_to_login(db):
    assert client_for(None).get(_url()).status_code == 302


def test_wrong_method(state_member):
    assert client_for(state_member).post(_url()).status_code == 405


def test_htmx_request_gets_only_the_results(state_member):
    response = client_for(state_member).get(_url(situacao="none"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<table" in html


def test_invalid_filters_are_ignored(state_member):
    response = client_for(state_member).get(_url(porte="huge", situacao="<b>", associacao="x"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 853


def test_index_sends_each_role_to_its_view(
    state_member, association_member, national_member, outsider
):
    url = reverse("reports:index")
    assert client_for(state_member).get(url)["Location"].endswith("/acompanhamento/mg/")
    assert client_for(association_member).get(url)["Location"].endswith("/acompanhamento/mg/")
    assert client_for(national_member).get(url)["Location"].endswith("/acompanhamento/nacional/")
    assert client_for(outsider).get(url).status_code == 403


def test_odd_edition_values_do_not_crash(state_member, national_member):
    assert client_for(state_member).get(_url(edicao="²")).status_code == 200
    assert (
        client_for(national_member).get(reverse("reports:national") + "?edicao=²").status_code
        == 200
    )
