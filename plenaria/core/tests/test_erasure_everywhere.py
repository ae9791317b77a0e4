"""After an erasure the person's name, contacts and documents are nowhere in the
database (issue 15, defect 13): every text and JSON column of every table is read.

The participant of the route world has done what a delegate does — joined a group,
raised a highlight, submitted a motion, stood as a candidate, voted in an open poll,
been credentialed — and their PIN slip was shown and their data exported before the
council erases them on request."""

import json

import pytest
from django.apps import apps
from django.db import models

from plenaria.core.tests.test_route_matrix import world  # noqa: F401 - the fixture
from plenaria.participants import rules, services
from plenaria.participants.models import Registration

pytestmark = pytest.mark.django_db

SECRETS = ("Zuleica Nomeunico", "Zu Socialunico", "zuleica@unico.example", "38911223344")


def _texts(skip=frozenset()):
    """(table.column, value) of every text-like column of every row of every table, but
    the rows in ``skip`` ((model, pk) pairs)."""
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for pk, *row in model.objects.values_list("pk", *fields):
            if (model, pk) in skip:
                continue
            for field, value in zip(fields, row, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                yield f"{model._meta.db_table}.{field}", text


def test_an_erased_person_is_in_no_table(world, organiser):  # noqa: F811
    me = world.participant
    secrets = (*SECRETS, me.name)  # the name everything in the world was written under
    me.name, me.social_name = SECRETS[0], SECRETS[1]
    me.email, me.phone = SECRETS[2], SECRETS[3]
    me.name_key = rules.name_key(me.name)
    me.save()
    services.registration_pin_shown(actor=organiser, registration=me, document="page")
    services.person_data_export(actor=organiser, registration=me)
    before = {where for where, text in _texts() if any(s in text for s in secrets)}
    assert before, "the world no longer holds the person's data anywhere: the test is void"

    # Other conferences' own copies (the state's, where her list was sent) are theirs.
    elsewhere = {
        (Registration, pk)
        for pk in Registration.objects.filter(person=me.person)
        .exclude(conference=me.conference)
        .values_list("pk", flat=True)
    }
    services.person_erase(actor=organiser, registration=me)

    found = sorted(
        {f"{where}: {s}" for where, text in _texts(elsewhere) for s in secrets if s in text}
    )
    assert found == [], f"still there after erasure: {found}"
