import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from plenaria.conferences import services
from plenaria.conferences.models import CommissionMember, Conference, Status
from plenaria.core.models import AuditEntry
from plenaria.territory.models import Level

pytestmark = pytest.mark.django_db


def test_create_audits_who_and_what(make_conference, organiser):
    conference = make_conference()
    entry = AuditEntry.objects.get(context=f"conference:{conference.pk}", action="create")
    assert entry.actor == organiser
    assert entry.changes["title"] == [None, conference.title]
    assert conference.status == Status.DRAFT
    assert conference.state.abbreviation == "MG"


def test_a_second_conference_of_the_same_municipality_and_edition_is_refused(make_conference):
    make_conference()
    with pytest.raises(ValidationError) as error:
        make_conference(title="Outra")
    assert "already has a conference" in str(error.value) or "já tem" in str(error.value)
    assert Conference.objects.count() == 1


def test_end_before_start_is_refused(make_conference):
    with pytest.raises(ValidationError):
        make_conference(start_date=dt.date(2025, 6, 10), end_date=dt.date(2025, 6, 9))
    assert Conference.objects.count() == 0


def test_missing_title_is_refused(make_conference):
    with pytest.raises(ValidationError) as error:
        make_conference(title="")
    assert "title" in error.value.message_dict


def test_update_records_before_and_after(make_conference, organiser):
    conference = make_conference()
    services.conference_update(
        actor=organiser, conference=conference, data={"venue_name": "Câmara Municipal"}
    )
    entry = AuditEntry.objects.filter(action="update").latest("id")
    assert entry.changes == {"venue_name": ["", "Câmara Municipal"]}


def test_stale_edit_is_refused_and_keeps_the_other_save(make_conference, organiser):
    conference = make_conference()
    seen_version = conference.updated_at
    services.conference_update(actor=organiser, conference=conference, data={"venue_name": "First"})
    with pytest.raises(ValidationError) as error:
        services.conference_update(
            actor=organiser,
            conference=conference,
            data={"venue_name": "Second"},
            expected_version=seen_version,
        )
    assert error.value.code == "stale"
    conference.refresh_from_db()
    assert conference.venue_name == "First"


def test_convoking_needs_the_act(make_conference, organiser):
    conference = make_conference()
    with pytest.raises(ValidationError):
        services.conference_advance(
            actor=organiser, conference=conference, to_status=Status.CONVOKED
        )
    conference.refresh_from_db()
    assert conference.status == Status.DRAFT


def test_status_only_moves_to_the_next_step(make_conference, organiser):
    conference = make_conference(with_act=True)
    with pytest.raises(ValidationError):
        services.conference_advance(actor=organiser, conference=conference, to_status=Status.CLOSED)
    conference = services.conference_advance(
        actor=organiser, conference=conference, to_status=Status.CONVOKED
    )
    assert conference.status == Status.CONVOKED
    entry = AuditEntry.objects.filter(action="transition").latest("id")
    assert entry.changes == {"status": ["draft", "convoked"]}


def test_reopen_moves_back_with_an_audited_reason(make_conference, organiser):
    conference = make_conference(status=Status.CLOSED)
    with pytest.raises(ValidationError):
        services.conference_reopen(
            actor=organiser, conference=conference, to_status=Status.IN_PROGRESS, reason="  "
        )
    with pytest.raises(ValidationError):
        services.conference_reopen(
            actor=organiser, conference=conference, to_status=Status.REPORT_SUBMITTED, reason="x"
        )
    conference = services.conference_reopen(
        actor=organiser,
        conference=conference,
        to_status=Status.IN_PROGRESS,
        reason="Plenária retomada por decisão da comissão",
    )
    assert conference.status == Status.IN_PROGRESS
    entry = AuditEntry.objects.get(action="reopen")
    assert entry.reason == "Plenária retomada por decisão da comissão"
    assert entry.changes == {"status": ["closed", "in_progress"]}


def test_municipal_conference_links_to_the_state_conference(
    make_conference, edition, mg, state_organiser
):
    early = make_conference()
    state = services.conference_create(
        actor=state_organiser,
        edition=edition,
        level=Level.STATE,
        state=mg,
        data={
            "title": "Estadual",
            "start_date": dt.date(2025, 9, 15),
            "end_date": dt.date(2025, 9, 17),
        },
    )
    early.refresh_from_db()
    assert early.parent == state  # adopted when the state conference was created
    from plenaria.conftest import JANAUBA
    from plenaria.territory.models import Municipality

    later = make_conference(municipality=Municipality.objects.get(ibge_code=JANAUBA))
    assert later.parent == state


def test_commission_items_are_saved_and_deleted_with_audit(make_conference, organiser):
    conference = make_conference()
    member = CommissionMember(name="Marta", sector="government")
    services.conference_items_save(
        actor=organiser, conference=conference, model=CommissionMember, changed=[member], deleted=[]
    )
    assert conference.commission.count() == 1
    services.conference_items_save(
        actor=organiser, conference=conference, model=CommissionMember, changed=[], deleted=[member]
    )
    assert conference.commission.count() == 0
    actions = list(
        AuditEntry.objects.filter(context=f"conference:{conference.pk}").values_list(
            "action", flat=True
        )
    )
    assert "delete" in actions and actions.count("create") == 2


def test_adopting_children_is_audited(make_conference, edition, mg, state_organiser):
    early = make_conference()
    services.conference_create(
        actor=state_organiser,
        edition=edition,
        level=Level.STATE,
        state=mg,
        data={
            "title": "Estadual",
            "start_date": dt.date(2025, 9, 15),
            "end_date": dt.date(2025, 9, 17),
        },
    )
    entry = AuditEntry.objects.filter(context=f"conference:{early.pk}", action="update").get()
    assert entry.actor == state_organiser and "parent" in entry.changes
