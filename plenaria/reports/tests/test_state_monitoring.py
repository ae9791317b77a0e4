import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conferences.models import Conference, Status
from plenaria.conftest import client_for
from plenaria.core.collation import sort_key
from plenaria.delegates.models import HandOver
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
    # The real stage of each (issue 21, item 8): no "convoked" standing for three.
    assert counts["draft"] == 2 and counts["convoked"] == 2
    assert counts["registration_open"] == 2 and counts["in_progress"] == 2
    assert counts["closed"] == 2 and counts["report_submitted"] == 2
    assert counts["delegates_sent"] == 0
    assert response.context["page"].paginator.count == 853
    assert len(response.context["rows"]) == 50


def test_filters_by_situation_porte_and_association(state_member, edition, amams, montes_claros):
    _spread_conferences(edition, 12)
    client = client_for(state_member)
    draft_rows = list(client.get(_url(situacao="draft")).context["rows"])
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
    assert response.context["page"].paginator.count == 853


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


def _hand_over(conference):
    """The conference's delegate list as sent to its state conference."""
    receiver, _created = Conference.objects.get_or_create(
        edition=conference.edition,
        level="state",
        state_id=conference.state_id,
        defaults={
            "title": "Conferência Estadual",
            "start_date": dt.date(2025, 8, 1),
            "end_date": dt.date(2025, 8, 2),
        },
    )
    return HandOver.objects.create(conference=conference, receiver=receiver, version=1)


def test_search_by_name_ignores_accents_and_case(state_member):
    client = client_for(state_member)
    names = [m.name for m in client.get(_url(q="JAIBA")).context["rows"]]
    assert names == ["Jaíba"]
    names = [m.name for m in client.get(_url(q="sao joao")).context["rows"]]
    assert "São João del Rei" in names and all("São João" in n for n in names)
    # The counts stay the state's: the search finds, it does not change the picture.
    assert sum(client.get(_url(q="jaiba")).context["counts"].values()) == 853


def test_pages_of_fifty_keep_the_filters(state_member, edition):
    _spread_conferences(edition, 12)
    client = client_for(state_member)
    first = client.get(_url(porte="small_i"))
    count = first.context["page"].paginator.count
    assert count > 100 and len(first.context["rows"]) == 50
    html = first.content.decode()
    assert 'aria-label="Páginas da lista"' in html
    assert (
        f"edicao={edition.year}&amp;q=&amp;associacao=&amp;porte=small_i&amp;situacao=&amp;pagina=2"
        in html
    )
    second = client.get(_url(porte="small_i", pagina=2))
    assert second.context["page"].number == 2
    assert not {m.pk for m in first.context["rows"]} & {m.pk for m in second.context["rows"]}
    assert (
        'aria-current="page"><span class="sr-only">página </span>2</a>' in second.content.decode()
    )
    # Counts are the whole state's (with the porte chosen), not the page's.
    assert (
        sum(second.context["counts"].values()) - second.context["counts"]["delegates_sent"] == count
    )
    # Names continue in Portuguese order across pages.
    last_of_first = first.context["rows"][49].name
    assert sort_key(last_of_first) < sort_key(second.context["rows"][0].name)
    # A page past the end shows the last one; a page that is not a number, the first.
    assert client.get(_url(pagina=999)).context["page"].number == 18
    assert client.get(_url(pagina="x")).context["page"].number == 1


def test_situation_shows_the_real_stage_and_delegates_sent(state_member, make_conference, janauba):
    montes = make_conference(status=Status.CLOSED)
    make_conference(municipality=janauba, status=Status.REGISTRATION_OPEN)
    _hand_over(montes)
    client = client_for(state_member)
    html = client.get(_url(q="montes claros")).content.decode()
    assert "Encerrada" in html and "delegados enviados" in html
    html = client.get(_url(q="janauba")).content.decode()
    assert "Inscrições abertas" in html and "delegados enviados" not in html
    response = client.get(_url(situacao="delegates_sent"))
    assert [m.name for m in response.context["rows"]] == ["Montes Claros"]
    assert response.context["counts"]["delegates_sent"] == 1
    assert response.context["counts"]["registration_open"] == 1
    assert [m.name for m in client.get(_url(situacao="registration_open")).context["rows"]] == [
        "Janaúba"
    ]


def test_query_count_is_the_same_with_search_and_on_any_page(state_member, edition):
    client = client_for(state_member)
    client.get(_url())
    _spread_conferences(edition, 100)
    for conference in Conference.objects.filter(level="municipal")[:5]:
        _hand_over(conference)
    with CaptureQueriesContext(connection) as first:
        client.get(_url(porte="small_i"))
    with CaptureQueriesContext(connection) as later:
        client.get(_url(porte="small_i", pagina=7))
    assert len(later.captured_queries) == len(first.captured_queries)
    with CaptureQueriesContext(connection) as searched:
        client.get(_url(q="sao"))
    # The search reads the state's names once: one query more, whatever it finds.
    assert len(searched.captured_queries) == len(first.captured_queries) + 1


def test_bad_search_text_is_refused_at_the_field_without_error(state_member):
    client = client_for(state_member)
    # A NUL in the address is refused before the view (core.request_checks), with a message.
    assert client.get(_url(q="Ja%00iba")).status_code == 400
    response = client.get(_url(q="a" * 500))
    assert response.status_code == 200
    assert "no máximo 100 caracteres" in response.content.decode()
