import datetime as dt

from plenaria.core.audit import diff, snapshot


def test_diff_keeps_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}


def test_snapshot_turns_values_into_json(db, make_conference):
    conference = make_conference(start_date=dt.date(2025, 6, 10), end_date=dt.date(2025, 6, 10))
    values = snapshot(conference)
    assert values["start_date"] == "2025-06-10"
    assert values["edition"] == conference.edition_id
    assert "updated_at" not in values


def test_describe_uses_labels_for_people(db, make_conference, organiser):
    from django.utils import translation

    from plenaria.conferences import services
    from plenaria.core.audit import describe, entries_for_context

    conference = make_conference()
    services.conference_update(actor=organiser, conference=conference, data={"format": "hybrid"})
    with translation.override("pt-br"):
        rows = describe(entries_for_context(f"conference:{conference.pk}").first())
    assert rows == [("formato", "Presencial", "Híbrido")]


def test_record_many_writes_what_record_writes(db, organiser):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plenaria.core.audit import record, record_many
    from plenaria.core.models import AuditEntry

    objs = [organiser, get_user_model().objects.create_user(username="other", password="pw-x")]
    kept = ["actor", "action", "content_type", "object_id", "object_repr", "changes", "context"]
    one = [
        record(actor=organiser, action="import", obj=o, before={}, after={"x": 1}, context="t")
        for o in objs
    ]
    one += [record(actor=None, action="import", obj=objs[0])]
    with CaptureQueriesContext(connection) as queries:
        many = record_many(
            actor=organiser,
            action="import",
            changes=[(o, {}, {"x": 1}) for o in objs],
            context="t",
        )
    assert len(queries) == 1  # one insert for all
    many += record_many(actor=None, action="import", changes=[(objs[0], None, None)])
    stored = AuditEntry.objects.filter(pk__in=[e.pk for e in many]).order_by("pk")
    assert [[getattr(e, f) for f in kept] for e in one] == [
        [getattr(e, f) for f in kept] for e in stored
    ]
    assert all(e.at for e in stored)
