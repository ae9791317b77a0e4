"""Every list page of the deliberation asks the database as often for three times the
rows: groups, members, proposals, highlights, motions and signatures."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.proposals import services
from plenaria.proposals.models import Highlight
from plenaria.proposals.tests.conftest import approve_in_groups, proposal_data
from plenaria.proposals.tests.test_views import participant_client

STAFF_PAGES = ["groups", "submitted", "consolidated", "deliberations", "plenary", "motions"]


def _grow(conference, axis, organiser, enrol, n: int) -> None:
    """n groups (each with a member), proposals approved in them, proposals collected
    before, highlights on them decided by the plenary, and motions with signatures."""
    for i in range(n):
        rapporteur = enrol(f"Relatora {i}")
        group = services.group_save(
            actor=organiser,
            conference=conference,
            data={"axis": axis, "name": f"GT {i}", "rapporteur": rapporteur},
        )
        services.member_join(registration=enrol(f"Membro {i}"), group=group, chosen=True)
        proposal = services.proposal_write(
            author=services.Author(registration=rapporteur),
            group=group,
            data=proposal_data(text=f"Proposta {i}."),
        )
        approve_in_groups(proposal, group)
        services.proposal_submit(
            actor=organiser,
            conference=conference,
            data=proposal_data(axis=axis, text=f"Coletada {i}."),
        )
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    for proposal in conference.proposals.filter(origin="group"):
        delegate = enrol(f"Destaque {proposal.pk}")
        services.highlight_register(
            author=services.Author(registration=delegate),
            proposal=proposal,
            proposer=delegate,
            data={
                "kind": "modification",
                "text": f"Outro texto {proposal.pk}.",
                "as_new_item": False,
            },
        )
    # the plenary decides them: the final deliberations list them
    services.highlights_close(actor=organiser, conference=conference, axis=axis)
    for highlight in Highlight.objects.filter(proposal__conference=conference):
        services.highlight_decide(actor=organiser, highlight=highlight, result="proposed", vote="")
    for i in range(n):
        proposer = enrol(f"Proponente {i}")
        motion = services.motion_submit(
            author=services.Author(registration=proposer),
            conference=conference,
            proposer=proposer,
            data={
                "kind": "support",
                "addressee": "Governo",
                "text": f"Moção {i}.",
                "justification": "",
            },
        )
        signer = enrol(f"Signatária {i}")
        services.motion_sign(
            author=services.Author(registration=signer), motion=motion, registration=signer
        )


def _counts(conference, axis, organiser, enrol, n: int) -> dict[str, tuple[int, int]]:
    """The queries each page takes with n rows of each kind, and the page's length
    (rolled back after)."""
    counts = {}
    with transaction.atomic():
        _grow(conference, axis, organiser, enrol, n)
        group = conference.working_groups.order_by("pk").first()
        me = group.members.select_related("registration").first().registration
        pages = {
            name: (client_for(organiser), reverse(f"proposals:{name}", args=[conference.pk]))
            for name in STAFF_PAGES
        }
        pages["group"] = (client_for(organiser), reverse("proposals:group", args=[group.pk]))
        pages["participant"] = (
            participant_client(me),
            reverse("proposals:participant", args=[me.code]),
        )
        for name, (client, url) in pages.items():
            client.get(url)  # sessions, caches and the edition's rules settle first
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, name
            counts[name] = (len(queries.captured_queries), len(response.content))
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_the_deliberation_pages_take_as_many_queries_for_three_times_the_rows(
    conference, axis, organiser, enrol
):
    few = _counts(conference, axis, organiser, enrol, 1)
    many = _counts(conference, axis, organiser, enrol, 3)
    assert {name: q for name, (q, _size) in many.items()} == {
        name: q for name, (q, _size) in few.items()
    }
    # and each page did show the added rows
    assert all(many[name][1] > few[name][1] for name in few), (few, many)
