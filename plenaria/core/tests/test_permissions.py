import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from plenaria.conferences.models import ConferenceRole
from plenaria.conferences.permissions import (
    can_write_conference,
    conferences_readable_by,
    get_conference_for_user,
)
from plenaria.conftest import make_user
from plenaria.territory.models import CouncilMember
from plenaria.territory.selectors import user_scope

pytestmark = pytest.mark.django_db


def test_organiser_reads_and_writes_own_conference(make_conference, organiser):
    conference = make_conference()
    assert (
        get_conference_for_user(organiser, conference.pk, action=can_write_conference) == conference
    )


def test_outsider_gets_404_not_403(make_conference, outsider):
    conference = make_conference()
    with pytest.raises(Http404):
        get_conference_for_user(outsider, conference.pk)


def test_state_member_reads_but_cannot_write(make_conference, state_member):
    conference = make_conference()
    assert get_conference_for_user(state_member, conference.pk) == conference
    with pytest.raises(PermissionDenied):
        get_conference_for_user(state_member, conference.pk, action=can_write_conference)


def test_state_organiser_cannot_write_a_municipal_conference(make_conference, state_organiser):
    conference = make_conference()
    with pytest.raises(PermissionDenied):
        get_conference_for_user(state_organiser, conference.pk, action=can_write_conference)


def test_admin_reaches_everything(make_conference, admin_user):
    conference = make_conference()
    assert (
        get_conference_for_user(admin_user, conference.pk, action=can_write_conference)
        == conference
    )


def test_bad_ids_are_404(organiser):
    for pk in (999999, "abc", None):
        with pytest.raises(Http404):
            get_conference_for_user(organiser, pk)


def test_expired_term_gives_no_rights(make_conference, organiser):
    conference = make_conference()
    # A term that ended years ago (a member left over in the data): no service backdates one.
    CouncilMember.objects.filter(user=organiser).update(
        term_end="2020-01-01", term_start="2016-01-01"
    )
    organiser = type(organiser).objects.get(pk=organiser.pk)  # drop the cached scope
    with pytest.raises(Http404):
        get_conference_for_user(organiser, conference.pk)


def test_conference_role_grants_organiser_rights(make_conference):
    conference = make_conference()
    helper = make_user("helper")
    ConferenceRole.objects.create(conference=conference, user=helper, role="organiser")
    assert get_conference_for_user(helper, conference.pk, action=can_write_conference) == conference
    assert list(conferences_readable_by(helper)) == [conference]


def test_scope_of_anonymous_is_empty():
    from django.contrib.auth.models import AnonymousUser

    scope = user_scope(AnonymousUser())
    assert not scope.monitors and not scope.can_organise_anything


def test_monitoring_link_only_for_those_who_monitor(client, organiser, state_member):
    from django.urls import reverse

    from plenaria.conftest import client_for

    assert "Acompanhamento" not in client_for(organiser).get(reverse("home")).content.decode()
    assert "Acompanhamento" in client_for(state_member).get(reverse("home")).content.decode()


def test_production_refuses_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update({"DEBUG": "0", "DJANGO_SETTINGS_MODULE": "plenaria.settings"})
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_an_action_refused_with_its_own_words_says_them(make_conference, state_member):
    from django.utils.translation import gettext_lazy

    from plenaria.core.permissions import worded

    conference = make_conference()
    message = gettext_lazy("Only the organisers export contacts.")
    action = worded(can_write_conference, message)
    assert action(state_member, conference) is False
    with pytest.raises(PermissionDenied, match=str(message)):
        get_conference_for_user(state_member, conference.pk, action=action)
