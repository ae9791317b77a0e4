"""A GET writes nothing (issue 16, item 4): the pages that show a conference's plenary,
motions, voting rules and delegate list read the stored rows or unsaved defaults; the
rows are made by the first service that changes them."""

import pytest
from django.apps import apps
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.proposals.models import AxisPlenary, Plenary
from plenaria.proposals.tests.conftest import axis, conference, enrol, shift  # noqa: F401
from plenaria.proposals.tests.test_views import participant_client
from plenaria.voting import services as voting
from plenaria.voting.models import VotingSettings

pytestmark = pytest.mark.django_db

WATCHED_APPS = ["conferences", "participants", "proposals", "voting", "delegates", "core"]

STAFF_PAGES = [
    "proposals:plenary",
    "proposals:motions",
    "voting:console",
    "delegates:conference",
]


def _rows() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models()
    }


def test_the_plenary_and_voting_pages_of_a_fresh_conference_write_no_row(
    conference,  # noqa: F811
    axis,  # noqa: F811
    enrol,  # noqa: F811
    organiser,
):
    delegate = enrol("Delegada Dora")
    staff, phone = client_for(organiser), participant_client(delegate)
    before = _rows()
    for name in STAFF_PAGES:
        assert staff.get(reverse(name, args=[conference.pk])).status_code == 200, name
    for name in ["proposals:participant", "delegates:mine"]:
        assert phone.get(reverse(name, args=[delegate.code])).status_code == 200, name
    assert _rows() == before
    assert not Plenary.objects.exists() and not AxisPlenary.objects.exists()
    assert not VotingSettings.objects.exists()


def test_the_voting_rules_are_stored_by_their_first_save(conference, organiser):  # noqa: F811
    data = {"majority": "absolute", "quorum": "none", "mode": "secret", "allow_change": False}
    voting.settings_save(actor=organiser, conference=conference, data=data)
    voting.settings_save(actor=organiser, conference=conference, data={**data, "mode": "open"})
    assert VotingSettings.objects.get(conference=conference).mode == "open"
