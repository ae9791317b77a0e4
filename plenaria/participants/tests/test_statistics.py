import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.participants import selectors, services

pytestmark = pytest.mark.django_db


def test_statistics_count_registered_and_present(registered, shift, organiser, open_conference):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    services.checkin(actor=organiser, registration=registered[3], shift=shift)
    stats = selectors.statistics(open_conference)
    assert stats["registered"] == 5 and stats["attended"] == 2
    by_segment = {label: (n, present) for label, n, present, _pct in stats["by_segment"]}
    assert [v for v in by_segment.values() if v != (0, 0)] == [(3, 1), (2, 1)]
    needs = dict(stats["by_need"])
    assert sum(needs.values()) == 5  # every fixture registration asked for Libras


def test_statistics_page_for_readers_and_csv(registered, open_conference, state_member, outsider):
    url = reverse("participants:statistics", args=[open_conference.pk])
    page = client_for(state_member).get(url)
    assert page.status_code == 200
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    assert client_for(state_member).post(url).status_code == 405
    export = client_for(state_member).get(url, {"formato": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    text = export.content.decode("utf-8-sig")
    assert "Delegado(a);3" in text


def test_statistics_query_count_is_constant(
    registered, open_conference, organiser, django_assert_num_queries
):
    client = client_for(organiser)
    url = reverse("participants:statistics", args=[open_conference.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    from plenaria.participants.models import Registration
    from plenaria.participants.tests.conftest import person_data, registration_data

    for i in range(20):
        services.registration_create(
            actor=None,
            conference=open_conference,
            origin=Registration.Origin.ONLINE,
            person_data=person_data(cpf=None, name=f"Extra {i}", phone=f"3896000{i:04d}", email=""),
            data=registration_data(),
        )
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)
