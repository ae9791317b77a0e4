from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from plenaria.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_session_is_read_back_as_stored():
    session = SessionStore()
    session["participant_registrations"] = [7, 3]
    session.save()
    again = SessionStore(session.session_key)
    assert again["participant_registrations"] == [7, 3]
    assert again.session_key == session.session_key


def test_an_expired_or_unknown_session_reads_empty_and_gets_a_new_key():
    session = SessionStore()
    session["participant_registrations"] = [7]
    session.save()
    # Time passing, not a write any code makes: the session row simply expires.
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(session.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert SessionStore("x" * 32).load() == {}


def test_a_person_stays_logged_in_across_requests(client, organiser):
    client.force_login(organiser)
    assert client.get("/gestao/").wsgi_request.user == organiser
