import pytest
from django.core.exceptions import ValidationError

from plenaria.conftest import make_user
from plenaria.core.models import AuditEntry
from plenaria.records import rules, services
from plenaria.records.models import NarrativePart

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(make_conference):
    return make_conference()


def save(conference, actor, text, version, part="methodology"):
    return services.narrative_save(
        actor=actor, conference=conference, part=part, text=text, version=version
    )


def test_it_saves_a_part_with_a_new_version_and_audits_it(conference, organiser):
    first = save(conference, organiser, "Grupos por eixo.", 0)
    assert (first.version, first.updated_by) == (1, organiser)
    second = save(conference, organiser, "Grupos por eixo, com relatoria.", 1)
    assert second.pk == first.pk and second.version == 2
    entries = AuditEntry.objects.filter(
        content_type__model="narrativepart", object_id=str(first.pk)
    ).order_by("pk")
    assert [e.action for e in entries] == ["create", "update"]
    assert {e.context for e in entries} == {f"conference:{conference.pk}"}  # in its history
    assert entries[1].changes["text"] == ["Grupos por eixo.", "Grupos por eixo, com relatoria."]


def test_a_save_from_a_stale_version_is_refused_and_overwrites_nothing(conference, organiser):
    other = make_user("segunda")
    save(conference, organiser, "Texto da primeira.", 0)
    # the second organiser opened the part when it was empty (version 0)
    with pytest.raises(services.StaleEdit) as refused:
        save(conference, other, "Texto da segunda.", 0)
    assert refused.value.current.text == "Texto da primeira."
    assert (
        "Someone else saved" in refused.value.messages[0]
        or "Outra pessoa" in (refused.value.messages[0])
    )
    part = NarrativePart.objects.get()
    assert (part.text, part.version) == ("Texto da primeira.", 1)
    assert AuditEntry.objects.filter(content_type__model="narrativepart").count() == 1


def test_each_part_has_its_own_version(conference, organiser):
    save(conference, organiser, "Metodologia.", 0)
    debate = save(conference, organiser, "Debate.", 0, part="debate")
    assert debate.version == 1
    assert NarrativePart.objects.count() == 2


@pytest.mark.parametrize(
    "text", ["Ana\x00Lima", "x" * (rules.MAX_NARRATIVE + 1)], ids=["nul", "over-long"]
)
def test_nul_and_over_long_text_are_refused_at_the_field(conference, organiser, text):
    with pytest.raises(ValidationError) as refused:
        save(conference, organiser, text, 0)
    assert list(refused.value.message_dict) == ["text"]
    assert not NarrativePart.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="narrativepart").exists()


def test_an_unknown_part_is_refused(conference, organiser):
    with pytest.raises(ValidationError):
        save(conference, organiser, "Texto.", 0, part="evaluation")
    assert not NarrativePart.objects.exists()


def test_saving_the_same_text_again_makes_no_new_version(conference, organiser):
    save(conference, organiser, "Igual.", 0)
    again = save(conference, organiser, "Igual.", 1)
    assert again.version == 1


def test_a_submitted_report_is_what_was_sent(conference, organiser):
    save(conference, organiser, "Grupos por eixo.", 0)
    conference.status = "report_submitted"
    conference.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="reabra a conferência") as refused:
        save(conference, organiser, "Outro texto.", 1)
    assert "text" in refused.value.message_dict
    assert NarrativePart.objects.get().text == "Grupos por eixo."
