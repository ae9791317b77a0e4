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
