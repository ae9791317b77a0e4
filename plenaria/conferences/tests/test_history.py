"""The conference's history (issue 21, items 9 and 11): readable labels, one date
format, every entry a page at a time, and the system's texts in the reader's language."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plenaria.conferences.rules import audit_context
from plenaria.conftest import client_for
from plenaria.core import audit
from plenaria.core.models import AuditEntry
from plenaria.participants.access import PIN_UNLOCKED

pytestmark = pytest.mark.django_db


def _entries(conference, actor, n, **extra):
    for i in range(n):
        audit.record(
            actor=actor,
            action="update",
            obj=conference,
            after={"working_groups_balanced": i + 1},
            context=audit_context(conference),
            **extra,
        )


def test_keys_read_as_words_and_dates_as_portuguese_writes_them(organiser, make_conference):
    conference = make_conference()
    _entries(conference, organiser, 1)
    entry = AuditEntry.objects.filter(context=audit_context(conference)).first()
    when = timezone.make_aware(dt.datetime(2025, 3, 4, 14, 5, 37))
    AuditEntry.objects.filter(pk=entry.pk).update(at=when)
    html = client_for(organiser).get(reverse("conferences:history", args=[conference.pk]))
    html = html.content.decode()
    assert "Pessoas distribuídas nos grupos de trabalho" in html
    assert "Working_groups_balanced" not in html and "working_groups_balanced" not in html
    assert "4 de março de 2025, 14:05" in html
    assert "14:05:37" not in html and "Março" not in html
    # Dates among the changes too: the conference's own dates, as Portuguese writes them.
    assert "10 de junho de 2025" in html and "Junho" not in html


def test_a_key_nobody_named_reads_as_words(organiser, make_conference):
    conference = make_conference()
    audit.record(
        actor=organiser,
        action="update",
        obj=conference,
        after={"seats_recounted_today": 3},
        context=audit_context(conference),
    )
    html = client_for(organiser).get(reverse("conferences:manage", args=[conference.pk]))
    assert "Seats recounted today" in html.content.decode()


def test_every_entry_is_reachable_page_by_page(organiser, make_conference):
    conference = make_conference()
    _entries(conference, organiser, 75)
    total = AuditEntry.objects.filter(context=audit_context(conference)).count()
    client = client_for(organiser)
    manage = client.get(reverse("conferences:manage", args=[conference.pk]))
    assert len(manage.context["history"]) == 10
    assert f"Todo o histórico ({total} registros)" in manage.content.decode()
    url = reverse("conferences:history", args=[conference.pk])
    first = client.get(url)
    assert len(first.context["history"]) == 50 and first.context["page"].paginator.count == total
    assert 'href="?pagina=2"' in first.content.decode()
    second = client.get(url + "?pagina=2")
    seen = {e.pk for e, _c in first.context["history"]} | {
        e.pk for e, _c in second.context["history"]
    }
    assert len(seen) == total
    # Newest first across the pages.
    assert first.context["history"][-1][0].at >= second.context["history"][0][0].at


def test_the_history_reads_in_a_constant_number_of_queries(organiser, make_conference):
    conference = make_conference()
    client = client_for(organiser)
    url = reverse("conferences:history", args=[conference.pk])
    _entries(conference, organiser, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _entries(conference, organiser, 60)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_system_texts_follow_the_reader_language(organiser, make_conference):
    conference = make_conference()
    # A reason the system writes is stored as its code (the English msgid)...
    assert PIN_UNLOCKED == "PIN unlocked at the check-in desk"
    _entries(conference, organiser, 1, reason=PIN_UNLOCKED)
    # ...one written before this change holds the Portuguese text itself...
    _entries(conference, organiser, 1, reason="PIN desbloqueado no credenciamento")
    # ...and what a person typed stays as typed.
    _entries(conference, organiser, 1, reason="Erro de digitação na data")
    url = reverse("conferences:history", args=[conference.pk])
    client = client_for(organiser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert english.count("PIN unlocked at the check-in desk") == 2
    assert "PIN desbloqueado" not in english
    assert "Erro de digitação na data" in english
    assert "People placed in the working groups" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pt-br"
    portuguese = client.get(url).content.decode()
    assert portuguese.count("PIN desbloqueado no credenciamento") == 2


def test_history_is_for_readers_of_the_conference(outsider, organiser, make_conference):
    conference = make_conference()
    url = reverse("conferences:history", args=[conference.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    assert client_for(organiser).post(url).status_code == 405
    assert client_for(organiser).get(url + "?pagina=%C2%B2").status_code == 200
