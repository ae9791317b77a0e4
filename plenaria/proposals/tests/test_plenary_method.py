"""The regimento's methodology (issue 23, item 1): with the plenary method, proposals of
the preparatory events and those sent before go straight to the final plenary's list,
the working groups are refused, and one en-bloc vote may cover every axis. The group
method stays as it was (the default)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences import rules as conference_rules
from plenaria.conferences.selectors import regimento_rules
from plenaria.conferences.services import preparatory_event_save
from plenaria.conftest import client_for, set_regimento
from plenaria.editions.models import DeliberationRules, Method
from plenaria.proposals import selectors, services
from plenaria.proposals.models import Proposal
from plenaria.proposals.tests.conftest import approve_in_groups, proposal_data
from plenaria.voting import services as voting

GROUPS_NOT_USED = "grupos de trabalho não são usados"


@pytest.mark.parametrize(
    ("method", "plenary"),
    [(None, False), ("", False), (Method.GROUPS, False), (Method.PLENARY, True)],
)
def test_only_the_plenary_method_skips_the_groups(method, plenary):
    assert conference_rules.uses_plenary_method(method) is plenary


def test_the_method_follows_the_regimento_then_the_state_then_the_edition(conference, mg):
    assert regimento_rules(conference).method.value is None
    assert not regimento_rules(conference).plenary_method  # unset: the groups
    edition_rules, _ = DeliberationRules.objects.get_or_create(
        edition=conference.edition, state=None
    )
    edition_rules.method = Method.PLENARY
    edition_rules.save()
    assert regimento_rules(conference).plenary_method
    DeliberationRules.objects.create(
        edition=conference.edition, state=mg, method=Method.GROUPS, source="Resolução CEAS/MG"
    )
    found = regimento_rules(conference).method
    assert found.value == Method.GROUPS and "MG" in found.source
    set_regimento(conference, method=Method.PLENARY)
    found = regimento_rules(conference).method
    assert found.value == Method.PLENARY and found.source.startswith("Regimento")


@pytest.fixture
def event(conference, organiser):
    return preparatory_event_save(
        actor=organiser,
        conference=conference,
        data={
            "kind": "pre_conference",
            "title": "Pré-conferência CRAS Vila Operária",
            "date": dt.date(2025, 5, 20),
            "start_time": dt.time(8),
            "end_time": dt.time(12),
            "place": "CRAS",
            "territory_kind": "cras_area",
            "territory": "CRAS Vila Operária",
            "team": "Maria",
        },
    )


@pytest.fixture
def collected(conference, organiser, event):
    """collected(axis, text, event=True): a proposal of the pre-conference (or sent before)."""

    def make(axis, text, *, from_event=True):
        return services.proposal_submit(
            actor=organiser,
            conference=conference,
            data=proposal_data(axis=axis, text=text, event=event if from_event else None),
        )

    return make


def _listed(conference) -> list[str]:
    return [
        p.text for b in selectors.consolidated(conference) for s in b.spheres for p in s.proposals
    ]


def test_with_the_groups_collected_proposals_wait_for_a_group(conference, axis, collected):
    collected(axis, "Criar o CRAS rural.")
    assert _listed(conference) == []


def test_with_the_plenary_method_collected_proposals_enter_the_list_with_their_origin(
    conference, axis, collected
):
    collected(axis, "Criar o CRAS rural.")
    set_regimento(conference, method=Method.PLENARY)
    second = conference.edition.axes.order_by("number")[1]
    collected(second, "Transporte para as famílias.", from_event=False)
    blocks = selectors.consolidated(conference)
    items = [p for b in blocks for s in b.spheres for p in s.proposals]
    assert [(p.text, p.origin, p.event_title) for p in items] == [
        ("Criar o CRAS rural.", "preparatory", "Pré-conferência CRAS Vila Operária"),
        ("Transporte para as famílias.", "submitted", None),
    ]
    assert selectors.final_deliberations(conference)["counts"]["pending"] == 2


def test_dropped_or_merged_proposals_stay_out_of_the_plenary_list(
    conference, axis, collected, group, written
):
    dropped = collected(axis, "Proposta descartada.")
    services.proposal_drop(
        author=services.Author(registration=group.rapporteur), proposal=dropped, group=group
    )
    set_regimento(conference, method=Method.PLENARY)
    assert _listed(conference) == []


def test_the_groups_refuse_their_actions_with_the_plenary_method(
    conference, axis, organiser, group, written, collected, enrol
):
    own = written("Texto do grupo.")
    waiting = collected(axis, "Texto da pré-conferência.")
    set_regimento(conference, method=Method.PLENARY)
    author = services.Author(registration=group.rapporteur)
    attempts = [
        lambda: services.group_save(
            actor=organiser, conference=conference, data={"axis": axis, "name": "GT 2"}
        ),
        lambda: services.member_join(registration=enrol("Rosa"), group=group, chosen=True),
        lambda: services.members_balance(actor=organiser, conference=conference),
        lambda: written("Outro texto."),
        lambda: services.proposal_adopt(author=author, proposal=waiting, group=group),
        lambda: services.proposal_drop(author=author, proposal=waiting, group=group),
        lambda: services.proposal_merge(author=author, proposal=waiting, into=own, group=group),
        lambda: services.group_vote_record(
            author=author, group=group, proposal=own, yes=5, no=0, abstention=0
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match=GROUPS_NOT_USED):
            attempt()
    waiting.refresh_from_db()
    assert waiting.status == Proposal.Status.PROPOSED
    assert conference.working_groups.count() == 1


def test_the_group_method_keeps_its_en_bloc_per_axis(conference, axis, organiser, group, written):
    approve_in_groups(written("Ampliar o CRAS."), group)
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    services.highlights_close(actor=organiser, conference=conference, axis=axis)
    with pytest.raises(ValidationError, match="método da plenária"):
        services.en_bloc_record_all(actor=organiser, conference=conference, result="approved")
    with pytest.raises(ValidationError, match="Escolha o eixo"):
        voting.poll_create(actor=organiser, conference=conference, item="en_bloc")


def _open_and_close_every_axis(conference, organiser):
    for axis in conference.edition.axes.all():
        services.highlights_open(actor=organiser, conference=conference, axis=axis)
        services.highlights_close(actor=organiser, conference=conference, axis=axis)


def test_one_en_bloc_vote_covers_every_axis_and_highlights_are_voted_as_today(
    conference, axis, organiser, collected, enrol
):
    set_regimento(conference, method=Method.PLENARY)
    second = conference.edition.axes.order_by("number")[1]
    kept = collected(axis, "Ampliar o CRAS.")
    changed = collected(axis, "Criar um fundo.")
    other = collected(second, "Transporte rural.", from_event=False)
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    highlight = services.highlight_register(
        author=services.Author(user=organiser),
        proposal=changed,
        proposer=enrol("Delegada Dalva"),
        data={"kind": "modification", "text": "Criar um fundo municipal."},
    )
    with pytest.raises(ValidationError, match="Encerre"):
        services.en_bloc_record_all(actor=organiser, conference=conference, result="approved")
    services.highlights_close(actor=organiser, conference=conference, axis=axis)
    with pytest.raises(ValidationError, match="Encerre"):
        voting.poll_create(actor=organiser, conference=conference, item="en_bloc")
    services.highlights_open(actor=organiser, conference=conference, axis=second)
    services.highlights_close(actor=organiser, conference=conference, axis=second)

    poll = voting.poll_create(actor=organiser, conference=conference, item="en_bloc", mode="analog")
    assert poll.axis is None and "todos os eixos" in poll.question
    # a second en-bloc poll over the same proposals could never be published
    for overlapping in (None, second):
        with pytest.raises(ValidationError, match="já vota estas propostas em bloco"):
            voting.poll_create(
                actor=organiser, conference=conference, item="en_bloc", axis=overlapping
            )
    voting.poll_open(actor=organiser, poll=poll)
    voting.poll_close(actor=organiser, poll=poll)
    voting.analog_counts_enter(
        actor=organiser, poll=poll, counts={"yes": 1, "no": 0, "abstention": 0}
    )
    voting.poll_publish(actor=organiser, poll=poll)
    services.highlight_decide(actor=organiser, highlight=highlight, result="proposed")

    for p in (kept, changed, other):
        p.refresh_from_db()
    assert [p.final_status for p in (kept, changed, other)] == ["approved"] * 3
    assert changed.text == "Criar um fundo municipal."
    final = selectors.final_deliberations(conference)
    assert final["counts"] == {"approved": 3, "rejected": 0, "pending": 0}
    assert [a["axis"] for a in final["axes"]] == [axis, second]
    with pytest.raises(ValidationError, match="já está registrada"):
        services.en_bloc_record_all(actor=organiser, conference=conference, result="approved")
    # nothing could decide a proposal arriving now
    with pytest.raises(ValidationError, match="A plenária final já começou neste eixo"):
        collected(second, "Chegou tarde.", from_event=False)


def test_the_group_pages_say_groups_are_not_used_and_refuse_their_actions(
    conference, axis, organiser, group, collected
):
    waiting = collected(axis, "Texto da pré-conferência.")
    client = client_for(organiser)
    page = client.get(reverse("proposals:groups", args=[conference.pk]))
    assert b"groups-not-used" not in page.content
    set_regimento(conference, method=Method.PLENARY)
    page = client.get(reverse("proposals:groups", args=[conference.pk]))
    assert b"groups-not-used" in page.content and b"new-group-title" not in page.content
    page = client.get(reverse("proposals:group", args=[group.pk]))
    assert b"groups-not-used" in page.content and b"write-title" not in page.content

    response = client.post(reverse("proposals:adopt", args=[group.pk, waiting.pk]), follow=True)
    assert "os grupos de trabalho não são usados" in response.content.decode()
    response = client.post(
        reverse("proposals:groups", args=[conference.pk]), {"axis": axis.pk, "name": "GT 9"}
    )
    assert "os grupos de trabalho não são usados" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Proposal.Status.PROPOSED
    assert conference.working_groups.count() == 1


def test_the_methodology_cannot_change_once_the_final_plenary_has_begun(
    conference, axis, organiser, collected
):
    from plenaria.conferences.services import regimento_rules_save

    def switch(method):
        regimento_rules_save(
            actor=organiser,
            conference=conference,
            data={"method": method, "source": "Regimento, art. 12"},
        )

    set_regimento(conference, method=Method.PLENARY)
    collected(axis, "Ampliar o CRAS.")
    switch(Method.GROUPS)  # nothing decided yet: it may change
    switch(Method.PLENARY)
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    with pytest.raises(ValidationError) as refused:
        switch(Method.GROUPS)
    assert "plenária final já começou" in str(refused.value.message_dict["method"])
    assert regimento_rules(conference).plenary_method  # nothing half-saved
    switch(Method.PLENARY)  # the same methodology saved again is no change
