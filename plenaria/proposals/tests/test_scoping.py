"""Every object named in a URL or a form belongs to the object above it: a working
group's rapporteur acts only on their group's proposals, whatever id they post."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences import services as conference_services
from plenaria.conferences.models import Shift
from plenaria.conftest import client_for
from plenaria.editions.models import Axis, Edition
from plenaria.proposals import services
from plenaria.proposals.models import AxisPlenary, Proposal
from plenaria.proposals.tests.conftest import proposal_data
from plenaria.proposals.tests.test_views import participant_client

pytestmark = pytest.mark.django_db


def _state(*proposals):
    """What a drop or merge would change, to show nothing did."""
    return [
        Proposal.objects.filter(pk=p.pk)
        .values("status", "group_id", "merged_into_id", "group_result", "version")
        .get()
        for p in proposals
    ]


@pytest.fixture
def other_axis(conference):
    return conference.edition.axes.order_by("number")[1]


@pytest.fixture
def other_group(conference, other_axis, enrol, organiser):
    """GT 2, on the second axis, with its own rapporteur."""
    return services.group_save(
        actor=organiser,
        conference=conference,
        data={"axis": other_axis, "name": "GT 2", "rapporteur": enrol("Relator Rui")},
    )


@pytest.fixture
def theirs(other_group):
    """A proposal written in GT 2 by its rapporteur."""
    return services.proposal_write(
        author=services.Author(registration=other_group.rapporteur),
        group=other_group,
        data=proposal_data(text="Proposta do GT 2."),
    )


@pytest.fixture
def same_axis_group(conference, axis, enrol, organiser):
    """GT 3 works on the same axis as GT 1 (the rapporteur's group)."""
    return services.group_save(
        actor=organiser,
        conference=conference,
        data={"axis": axis, "name": "GT 3", "rapporteur": enrol("Relatora Sônia")},
    )


def _act(client, group, proposal, *, action, **data):
    return client.post(
        reverse(f"proposals:{action}", args=[group.pk, proposal.pk]), data, follow=True
    )


# The attack through the rapporteur's own group URL ---------------------------------------


@pytest.mark.parametrize("action", ["drop", "adopt", "merge", "vote"])
def test_it_does_not_find_another_groups_proposal_under_the_rapporteurs_group(
    action, group, rapporteur, written, theirs
):
    own = written()
    before = _state(theirs, own)
    response = participant_client(rapporteur).post(
        reverse(f"proposals:{action}", args=[group.pk, theirs.pk]),
        {"into": own.pk, "yes": 9, "no": 0, "abstention": 0},
    )
    assert response.status_code == 404
    assert _state(theirs, own) == before
    assert not theirs.votes.exists()


def test_it_refuses_to_merge_into_another_groups_proposal(
    group, rapporteur, conference, organiser, axis, theirs
):
    waiting = services.proposal_submit(
        actor=organiser, conference=conference, data=proposal_data(axis=axis, text="Coletada.")
    )
    before = _state(waiting, theirs)
    response = _act(participant_client(rapporteur), group, waiting, action="merge", into=theirs.pk)
    assert response.status_code == 200
    assert "Escolha a proposta que vai incorporá-la" in response.content.decode()
    assert _state(waiting, theirs) == before


def test_it_refuses_a_group_of_the_same_axis_dropping_or_taking_the_others_proposal(
    group, written, same_axis_group
):
    own = written()  # GT 1's proposal, on the axis GT 3 shares
    before = _state(own)
    client = participant_client(same_axis_group.rapporteur)
    dropped = _act(client, same_axis_group, own, action="drop")
    assert "Esta proposta é de outro grupo." in dropped.content.decode()
    taken = _act(client, same_axis_group, own, action="adopt")
    assert "Só uma proposta à espera dos grupos pode ser adotada." in taken.content.decode()
    assert _state(own) == before


def test_the_rapporteur_still_drops_and_merges_what_waits_in_the_groups_axis(
    group, rapporteur, written, conference, organiser, axis
):
    own = written()
    first, second = (
        services.proposal_submit(
            actor=organiser, conference=conference, data=proposal_data(axis=axis, text=text)
        )
        for text in ("Coletada A.", "Coletada B.")
    )
    client = participant_client(rapporteur)
    _act(client, group, first, action="drop")
    _act(client, group, second, action="merge", into=own.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.merged_into_id) == ("dropped", "merged", own.pk)


# The services refuse too (defence in depth) ------------------------------------------------


def test_the_services_refuse_another_groups_proposal(group, as_rapporteur, written, theirs):
    own = written()
    before = _state(theirs, own)
    with pytest.raises(ValidationError, match="é de outro grupo"):
        services.proposal_drop(author=as_rapporteur, proposal=theirs, group=group)
    with pytest.raises(ValidationError, match="é de outro grupo"):
        services.proposal_merge(author=as_rapporteur, proposal=theirs, into=own, group=group)
    with pytest.raises(ValidationError, match="é de outro eixo"):
        services.proposal_adopt(author=as_rapporteur, proposal=theirs, group=group)
    with pytest.raises(ValidationError, match="é de outro eixo"):
        services.group_vote_record(
            author=as_rapporteur, group=group, proposal=theirs, yes=9, no=0, abstention=0
        )
    assert _state(theirs, own) == before


def test_the_services_refuse_a_proposal_of_another_conference(
    group, as_rapporteur, make_conference, janauba, admin_user, axis
):
    elsewhere = make_conference(status="in_progress", municipality=janauba, actor=admin_user)
    foreign = services.proposal_submit(
        actor=admin_user, conference=elsewhere, data=proposal_data(axis=axis, text="Alheia.")
    )
    before = _state(foreign)
    for call in (
        lambda: services.proposal_drop(author=as_rapporteur, proposal=foreign, group=group),
        lambda: services.proposal_adopt(author=as_rapporteur, proposal=foreign, group=group),
    ):
        with pytest.raises(ValidationError):
            call()
    assert _state(foreign) == before


def test_it_refuses_an_axis_of_another_edition_in_the_plenary(conference, organiser):
    foreign_axis = Axis.objects.filter(edition=Edition.objects.get(year=2021)).first()
    for service in (services.highlights_open, services.highlights_close):
        with pytest.raises(ValidationError, match="é de outra edição"):
            service(actor=organiser, conference=conference, axis=foreign_axis)
    with pytest.raises(ValidationError, match="é de outra edição"):
        services.en_bloc_record(
            actor=organiser, conference=conference, axis=foreign_axis, result="approved"
        )
    assert not AxisPlenary.objects.exists()


def test_the_plenary_console_does_not_find_an_axis_of_another_edition(conference, organiser):
    foreign_axis = Axis.objects.filter(edition=Edition.objects.get(year=2021)).first()
    response = client_for(organiser).post(
        reverse("proposals:highlights_open", args=[conference.pk, foreign_axis.pk])
    )
    assert response.status_code == 404
    assert not AxisPlenary.objects.exists()


def test_it_refuses_to_rewrite_a_group_of_another_conference(
    group, make_conference, janauba, admin_user, axis
):
    elsewhere = make_conference(status="in_progress", municipality=janauba, actor=admin_user)
    with pytest.raises(ValidationError, match="é de outra conferência"):
        services.group_save(
            actor=admin_user, conference=elsewhere, group=group, data={"axis": axis, "name": "X"}
        )
    group.refresh_from_db()
    assert (group.conference_id, group.name) != (elsewhere.pk, "X")


def test_it_refuses_to_save_a_shift_of_another_conference_as_this_ones(
    make_conference, janauba, admin_user, organiser
):
    mine = make_conference()
    elsewhere = make_conference(municipality=janauba, actor=admin_user)
    foreign = Shift.objects.create(
        conference=elsewhere,
        name="Manhã",
        date=elsewhere.start_date,
        start_time=dt.time(8),
        end_time=dt.time(12),
    )
    foreign.name = "Tomado"
    with pytest.raises(ValidationError, match="é de outra conferência"):
        conference_services.conference_items_save(
            actor=organiser, conference=mine, model=Shift, changed=[foreign], deleted=[]
        )
    foreign.refresh_from_db()
    assert (foreign.conference_id, foreign.name) == (elsewhere.pk, "Manhã")
