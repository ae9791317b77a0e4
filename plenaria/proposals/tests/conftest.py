import datetime as dt
import itertools

import pytest

from plenaria.conferences.models import Shift, Status
from plenaria.conftest import set_regimento
from plenaria.participants import rules as participant_rules
from plenaria.participants import services as participants
from plenaria.participants.models import Registration
from plenaria.proposals import services
from plenaria.proposals.models import WorkingGroup

_codes = itertools.count(1)
PIN = "123456"


@pytest.fixture
def conference(make_conference):
    conference = make_conference(status=Status.IN_PROGRESS)
    set_regimento(conference)
    return conference


@pytest.fixture
def axis(conference):
    return conference.edition.axes.order_by("number").first()


@pytest.fixture
def shift(conference):
    return Shift.objects.create(
        conference=conference,
        name="Manhã",
        date=conference.start_date,
        start_time=dt.time(8),
        end_time=dt.time(12),
    )


@pytest.fixture
def enrol(conference, shift, organiser):
    """enrol(name, category=, segment=, present=, status=, **data): a registration made at
    the desk, checked in when present (a credentialed delegate when category is delegate).
    ``data`` holds personal fields (birth_date, municipality...) and registration ones.
    Its PIN is 123456."""

    def make(
        name, *, category="delegate", segment="users", present=True, conf=None, status=None, **data
    ):
        target = conf or conference
        n = next(_codes)
        registration = participants.registration_create(
            actor=organiser,
            conference=target,
            origin=Registration.Origin.STAFF,
            person_data={
                "name": name,
                "phone": f"389{n:08d}",
                **{k: v for k, v in data.items() if k in participant_rules.PERSONAL_FIELDS},
            },
            data={"segment": segment, "category": category, **data},
        )
        # Written directly on purpose: the service draws a random PIN and tests log in.
        Registration.objects.filter(pk=registration.pk).update(pin=PIN)
        registration.pin = PIN
        if present:
            participants.checkin(
                actor=organiser,
                registration=registration,
                shift=shift if target == conference else target.shifts.first(),
            )
        if status == Registration.Status.CANCELLED:
            participants.registration_cancel(actor=organiser, registration=registration)
            registration.refresh_from_db()
        else:
            assert status is None, "enrol makes confirmed or cancelled registrations"
        return registration

    return make


@pytest.fixture
def rapporteur(enrol):
    return enrol("Relatora Rita", segment="workers")


@pytest.fixture
def group(conference, axis, rapporteur, organiser):
    return services.group_save(
        actor=organiser,
        conference=conference,
        data={"axis": axis, "name": "GT 1", "room": "Sala 2", "rapporteur": rapporteur},
    )


@pytest.fixture
def as_rapporteur(rapporteur):
    return services.Author(registration=rapporteur)


def proposal_data(**extra):
    data = {"sphere": "municipal", "kind": "new", "text": "Ampliar o CRAS da zona rural."}
    data.update(extra)
    return data


@pytest.fixture
def written(group, as_rapporteur):
    """write(text, **extra) in the group, as its rapporteur."""

    def make(text="Ampliar o CRAS da zona rural.", **extra):
        return services.proposal_write(
            author=as_rapporteur, group=group, data=proposal_data(text=text, **extra)
        )

    return make


def approve_in_groups(proposal, *groups, author=None):
    author = author or services.Author(registration=groups[0].rapporteur)
    for g in groups:
        services.group_vote_record(
            author=author, group=g, proposal=proposal, yes=8, no=1, abstention=1
        )
    proposal.refresh_from_db()
    return proposal


__all__ = ["WorkingGroup", "approve_in_groups", "proposal_data"]
