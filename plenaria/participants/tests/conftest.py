import datetime as dt

import pytest

from plenaria.conferences.models import Status
from plenaria.participants.rules import cpf_with_digits


@pytest.fixture
def open_conference(make_conference):
    return make_conference(status=Status.REGISTRATION_OPEN)


def person_data(**extra):
    data = {
        "name": "Joana da Silva",
        "social_name": "",
        "cpf": cpf_with_digits("529982247"),
        "nis": "",
        "other_document": "",
        "birth_date": dt.date(1980, 5, 1),
        "phone": "38999991234",
        "email": "joana@exemplo.org",
        "municipality": None,
    }
    data.update(extra)
    return data


def registration_data(**extra):
    data = {
        "segment": "users",
        "organisation": "",
        "category": "delegate",
        "accessibility_needs": ["libras"],
        "accessibility_other": "",
        "self_declarations": ["black"],
        "consent": True,
    }
    data.update(extra)
    return data


@pytest.fixture
def shift(open_conference):
    from plenaria.conferences.models import Shift

    return Shift.objects.create(
        conference=open_conference,
        name="Manhã",
        date=open_conference.start_date,
        start_time=dt.time(8),
        end_time=dt.time(12),
    )


@pytest.fixture
def registered(open_conference):
    """Five confirmed registrations: three delegates (users), two guests (workers)."""
    from plenaria.participants import services
    from plenaria.participants.models import Registration

    people = []
    for i in range(5):
        people.append(
            services.registration_create(
                actor=None,
                conference=open_conference,
                origin=Registration.Origin.ONLINE,
                person_data=person_data(
                    cpf=None, name=f"Participante {i}", phone=f"3897000000{i}", email=""
                ),
                data=registration_data(
                    category="delegate" if i < 3 else "guest",
                    segment="users" if i < 3 else "workers",
                ),
            )
        )
    return people
