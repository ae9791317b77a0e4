import datetime as dt

import pytest

from plenaria.conferences import services as conference_services
from plenaria.conferences.models import Shift
from plenaria.conftest import conference_to, set_regimento
from plenaria.delegates import elections
from plenaria.delegates.models import Candidacy, NationalShare, SeatCount, SeatTable

# The conference in progress and its credentialed delegates, as in deliberation.
from plenaria.proposals.tests.conftest import conference, enrol, shift  # noqa: F401
from plenaria.territory.models import Level


@pytest.fixture
def seats(conference):  # noqa: F811
    """seats(titulares, suplentes): the conference's own seats in its state's table."""

    def make(titulares=2, suplentes=2, conf=None):
        target = conf or conference
        table, _created = SeatTable.objects.get_or_create(
            edition=target.edition, state=target.state
        )
        SeatCount.objects.update_or_create(
            table=table,
            municipality=target.municipality,
            defaults={"titulares": titulares, "suplentes": suplentes},
        )

    return make


@pytest.fixture
def state_conference(conference, admin_user, mg):  # noqa: F811
    """The state conference of MG; the municipal conference now sends to it."""
    created = conference_services.conference_create(
        actor=admin_user,
        edition=conference.edition,
        level=Level.STATE,
        state=mg,
        data={
            "title": "Conferência Estadual de Assistência Social de MG",
            "start_date": dt.date(2025, 9, 10),
            "end_date": dt.date(2025, 9, 12),
        },
    )
    conference.refresh_from_db()
    assert conference.parent_id == created.pk
    return created


@pytest.fixture
def confirmed_list(enrol, organiser, seats):  # noqa: F811
    """confirmed_list([(name, segment, role), ...], conf=): candidacies with their seats
    on a list confirmed by the table (with a justification when the check finds any)."""

    def make(people, conf=None):
        seats(2, 2, conf=conf)
        made = []
        for name, segment, role in people:
            registration = enrol(name, segment=segment, conf=conf)
            # Created directly on purpose: the roles are the test's premise (no election is
            # run), and nominate/roles_set would hold them to the seat split.
            made.append(
                Candidacy.objects.create(
                    conference=registration.conference,
                    registration=registration,
                    segment=segment,
                    kind="nominated" if segment == "government" else "candidate",
                    role=role,
                )
            )
        elections.list_confirm(
            actor=organiser, conference=made[0].conference, justification="Decisão da plenária"
        )
        return made

    return make


@pytest.fixture
def national_conference(state_conference, admin_user):
    """The national conference; the state conference now sends to it."""
    created = conference_services.conference_create(
        actor=admin_user,
        edition=state_conference.edition,
        level=Level.NATIONAL,
        data={
            "title": "Conferência Nacional de Assistência Social",
            "start_date": dt.date(2025, 12, 1),
            "end_date": dt.date(2025, 12, 4),
        },
    )
    state_conference.refresh_from_db()
    assert state_conference.parent == created
    return created


@pytest.fixture
def state_lists(state_conference, national_conference, admin_user, mg):
    """The state conference in progress, sending to the national one, whose table gives
    MG 12+12 municipal-level and 6+6 state-level seats."""
    state = conference_to(state_conference, "in_progress", actor=admin_user)
    set_regimento(state)
    Shift.objects.create(
        conference=state,
        name="Manhã",
        date=state.start_date,
        start_time="08:00",
        end_time="12:00",
    )
    table = SeatTable.objects.create(edition=state.edition, state=None)
    for kind, seats in (("municipal_level", 12), ("state_level", 6)):
        NationalShare.objects.create(
            table=table, state=mg, kind=kind, titulares=seats, suplentes=seats
        )
    return state
