import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences.models import ConferenceRole
from plenaria.conftest import client_for, make_user
from plenaria.participants import services
from plenaria.participants.models import CategoryOption, Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db


def _register(conference, n=1, start=0, **person):
    return [
        services.registration_create(
            actor=None,
            conference=conference,
            origin=Registration.Origin.ONLINE,
            person_data=person_data(cpf=None, name=f"Pessoa {i}", phone=f"389{i:08d}", **person),
            data=registration_data(),
        )
        for i in range(start, start + n)
    ]


def test_organiser_sees_personal_data_and_state_member_sees_it_masked(
    open_conference, organiser, state_member
):
    _register(open_conference)
    url = reverse("participants:list", args=[open_conference.pk])
    mine = client_for(organiser).get(url)
    assert mine.status_code == 200 and mine.context["personal"]
    assert "(38) 90000-0000" in mine.content.decode()
    theirs = client_for(state_member).get(url)
    assert theirs.status_code == 200 and not theirs.context["personal"]
    html = theirs.content.decode()
    assert "38900000000" not in html and "joana@exemplo.org" not in html
    assert "Intérprete de Libras" not in html


def test_list_roles_and_methods(open_conference, outsider):
    url = reverse("participants:list", args=[open_conference.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    assert client_for(outsider).post(url).status_code == 405


def test_search_by_name_code_and_cpf(open_conference, organiser):
    first, *_ = _register(open_conference, 3)
    client = client_for(organiser)
    url = reverse("participants:list", args=[open_conference.pk])
    assert len(client.get(url, {"q": "pessoa 1"}).context["page"].object_list) == 1
    assert [r.pk for r in client.get(url, {"q": first.code.lower()}).context["page"]] == [first.pk]
    assert client.get(url, {"categoria": "nope", "situacao": "<x>"}).status_code == 200


def test_list_query_count_does_not_grow(open_conference, organiser, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(organiser)
    url = reverse("participants:list", args=[open_conference.pk])
    _register(open_conference, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _register(open_conference, 30, start=100, email="")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_staff_registers_on_site(open_conference, organiser):
    client = client_for(organiser)
    url = reverse("participants:new", args=[open_conference.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Antônio Pereira",
            "phone": "38 98888-0000",
            "segment": "workers",
            "category": "guest",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.origin == "staff" and registration.created_by == organiser


def test_checkin_staff_may_register_but_readers_may_not(open_conference, state_member):
    helper = make_user("desk")
    ConferenceRole.objects.create(conference=open_conference, user=helper, role="checkin")
    url = reverse("participants:new", args=[open_conference.pk])
    assert client_for(helper).get(url).status_code == 200
    assert client_for(state_member).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_cancelling_promotes_the_first_on_the_waiting_list(open_conference, organiser):
    CategoryOption.objects.create(conference=open_conference, category="delegate", capacity=1)
    first, second, third = _register(open_conference, 3)
    assert [r.status for r in (first, second, third)] == ["confirmed", "waitlisted", "waitlisted"]
    url = reverse("participants:cancel", args=[open_conference.pk, first.pk])
    assert client_for(organiser).get(url).status_code == 405
    client_for(organiser).post(url)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waitlisted"}
    with pytest.raises(ValidationError):
        services.registration_cancel(actor=organiser, registration=first)


def test_cancel_by_a_reader_is_forbidden(open_conference, state_member):
    (registration,) = _register(open_conference)
    url = reverse("participants:cancel", args=[open_conference.pk, registration.pk])
    assert client_for(state_member).post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_pages_keep_the_search(open_conference, organiser):
    _register(open_conference, 105, start=200, email="")
    page = client_for(organiser).get(
        reverse("participants:list", args=[open_conference.pk]), {"q": "pessoa"}
    )
    assert 'href="?q=pessoa&amp;categoria=&amp;situacao=&amp;pagina=2"' in page.content.decode()
