"""Names sort the way a Brazilian reader expects (issue 21, item 7): accents and case
ignored at the first level, on SQLite and PostgreSQL alike (core.collation)."""

import random

import pytest
from django.urls import reverse

from plenaria.conferences.models import Status
from plenaria.conftest import client_for
from plenaria.core.collation import sort_key, sorted_by_name
from plenaria.participants import services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data
from plenaria.territory.models import Municipality, State

EXPECTED = ["Água Boa", "Jaíba", "Januária", "São Paulo", "Sergipe", "Wenceslau Braz"]


def test_the_key_ignores_accents_and_case_first():
    shuffled = EXPECTED[::-1]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == EXPECTED
    # Plain code-point order is what readers complained about.
    assert sorted(EXPECTED) != EXPECTED
    assert sorted(["ana", "Álvaro", "Ana", "alberto"], key=sort_key) == [
        "alberto",
        "Álvaro",
        "ana",
        "Ana",
    ]


def test_equal_keys_are_the_same_text():
    names = ["Ana", "ana", "Aná", "ÁNA", "ána"]
    assert len({sort_key(n) for n in names}) == len(names)
    assert sorted_by_name([{"n": n} for n in ["São", "Sao", "SAO"]], key=lambda d: d["n"])[0] == {
        "n": "Sao"
    }


def test_empty_name_sorts_first():
    assert sorted(["B", None, ""], key=sort_key)[:2] in ([None, ""], ["", None])


@pytest.mark.django_db
def test_the_database_sorts_like_the_key():
    found = list(
        Municipality.objects.filter(
            name__in=["Água Boa", "Jaíba", "Januária", "São Paulo", "Wenceslau Braz"],
            state__abbreviation__in=["MG", "SP"],
        ).values_list("name", flat=True)
    )
    assert found == ["Água Boa", "Jaíba", "Januária", "São Paulo", "Wenceslau Braz"]
    states = list(State.objects.values_list("name", flat=True))
    assert states.index("São Paulo") < states.index("Sergipe")
    assert states == sorted_by_name(states, key=str)


@pytest.mark.django_db
def test_every_municipality_sorts_the_same_in_python_and_in_the_database():
    names = list(Municipality.objects.values_list("name", flat=True))
    assert len(names) == 5571
    assert names == sorted_by_name(names, key=str)


@pytest.mark.django_db
def test_the_state_monitoring_page_lists_municipalities_in_portuguese_order(state_member):
    response = client_for(state_member).get(reverse("reports:state", args=["mg"]))
    # every page of the list, in the order the pages show it
    names = [m.name for m in response.context["page"].paginator.object_list]
    assert len(names) == 853
    assert [m.name for m in response.context["rows"]] == names[:50]
    assert names.index("Água Boa") < names.index("Jaíba") < names.index("Januária")
    assert names.index("Januária") < names.index("Wenceslau Braz")
    assert names == sorted_by_name(names, key=str)


@pytest.mark.django_db
def test_the_registrations_list_sorts_the_shown_name_in_portuguese_order(
    make_conference, organiser
):
    open_conference = make_conference(status=Status.REGISTRATION_OPEN)
    shown = {"Zeca": "", "Ângela": "", "Ana Paula": "", "Civil Name": "Érica", "Égide": ""}
    for i, (name, social) in enumerate(shown.items()):
        services.registration_create(
            actor=None,
            conference=open_conference,
            origin=Registration.Origin.ONLINE,
            person_data=person_data(cpf=None, name=name, social_name=social, phone=f"3890{i:07d}"),
            data=registration_data(),
        )
    response = client_for(organiser).get(reverse("participants:list", args=[open_conference.pk]))
    rows = [r.display_name for r in response.context["page"].object_list]
    assert rows == ["Ana Paula", "Ângela", "Égide", "Érica", "Zeca"]
