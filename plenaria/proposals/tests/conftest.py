import datetime as dt
import itertools

import pytest

from plenaria.conferences.models import Shift, Status
from plenaria.participants.models import CheckIn, Person, Registration
from plenaria.participants.rules import new_registration_code
from plenaria.proposals import services
from plenaria.proposals.models import WorkingGroup

_codes = itertools.count(1)


@pytest.fixture
def conference(make_conference):
    return make_conference(status=Status.IN_PROGRESS)


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
def enrol(conference, shift):
    """enrol(name, category=, segment=, present=): a registration, checked in when
    present (a credentialed delegate when category is delegate)."""

    def make(name, *, category="delegate", segment="users", present=True, conf=None, **extra):
        target = conf or conference
        n = next(_codes)
        registration = Registration.objects.create(
            conference=target,
            person=Person.objects.create(),
            name=name,
            name_key=name.lower(),
            phone=f"389{n:08d}",
            code=new_registration_code(),
            pin="123456",
            segment=segment,
            category=category,
            origin=Registration.Origin.STAFF,
            **extra,
        )
        if present:
            CheckIn.objects.create(
                registration=registration,
                shift=shift if target == conference else target.shifts.first(),
            )
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
