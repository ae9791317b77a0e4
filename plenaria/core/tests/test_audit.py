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
