"""a rapporteur merges into another group's proposal of the
same axis through their own group's URL."""

import pytest
from django.urls import reverse

from plenaria.proposals import services
from plenaria.proposals.models import Proposal
from plenaria.proposals.tests.conftest import proposal_data
from plenaria.proposals.tests.test_views import participant_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def same_axis_group(conference, axis, enrol, organiser):
    return services.group_save(
        actor=organiser,
        conference=conference,
        data={"axis": axis, "name": "GT 3", "rapporteur": enrol("Relatora Sônia")},
    )


def test_a_group_cannot_merge_its_own_proposal_into_another_groups_proposal(
    group, written, same_axis_group
):
    gt1_proposal = written()  # adopted in GT 1's list
    gt3_proposal = services.proposal_write(
        author=services.Author(registration=same_axis_group.rapporteur),
        group=same_axis_group,
        data=proposal_data(text="Proposta do GT 3."),
    )
    client = participant_client(same_axis_group.rapporteur)
    client.post(
        reverse("proposals:merge", args=[same_axis_group.pk, gt3_proposal.pk]),
        {"into": gt1_proposal.pk},
    )
    gt3_proposal.refresh_from_db()
    # GT 1 never agreed to carry GT 3's text: "into" should be in GT 3's own list.
    assert gt3_proposal.merged_into_id != gt1_proposal.pk


def test_a_group_cannot_merge_a_waiting_proposal_into_another_groups_proposal(
    group, written, same_axis_group, conference, organiser, axis
):
    gt1_proposal = written()
    waiting = services.proposal_submit(
        actor=organiser, conference=conference, data=proposal_data(axis=axis, text="Coletada.")
    )
    client = participant_client(same_axis_group.rapporteur)
    client.post(
        reverse("proposals:merge", args=[same_axis_group.pk, waiting.pk]),
        {"into": gt1_proposal.pk},
    )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.merged_into_id) != (Proposal.Status.MERGED, gt1_proposal.pk)
