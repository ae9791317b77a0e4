"""Working groups, proposals, highlights and motions through their services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plenaria.conferences.models import Status
from plenaria.conftest import client_for, conference_to, set_regimento
from plenaria.editions.models import DeliberationRules, Edition
from plenaria.proposals import services
from plenaria.proposals.models import Highlight, Membership, Motion, Proposal, Signature
from plenaria.proposals.tests.conftest import approve_in_groups, proposal_data

pytestmark = pytest.mark.django_db


# Groups ---------------------------------------------------------------------------------


def test_the_rapporteur_becomes_a_member_of_the_group(group, rapporteur):
    assert Membership.objects.get(registration=rapporteur).group == group


def test_a_group_refuses_a_rapporteur_of_another_conference(
    conference, axis, organiser, make_conference, enrol, janauba, admin_user
):
    other = make_conference(
        status=Status.IN_PROGRESS, title="Outra", municipality=janauba, actor=admin_user
    )
    stranger = enrol("Pessoa de fora", conf=other, present=False)
    with pytest.raises(ValidationError) as error:
        services.group_save(
            actor=organiser,
            conference=conference,
            data={"axis": axis, "name": "GT 9", "rapporteur": stranger},
        )
    assert "rapporteur" in error.value.message_dict


def test_balancing_splits_each_segment_over_the_groups(conference, axis, organiser, enrol, group):
    second = services.group_save(
        actor=organiser, conference=conference, data={"axis": axis, "name": "GT 2"}
    )
    for i in range(4):
        enrol(f"Usuária {i}", segment="users")
    for i in range(3):
        enrol(f"Gestor {i}", segment="government")
    placed = services.members_balance(actor=organiser, conference=conference)
    assert placed == 7  # the rapporteur already had a group
    for segment, expected in (("users", {2}), ("government", {1, 2})):
        counts = {g.members.filter(registration__segment=segment).count() for g in (group, second)}
        assert counts <= expected
    assert services.members_balance(actor=organiser, conference=conference) == 0


# Proposals ------------------------------------------------------------------------------


def test_the_rapporteur_writes_a_proposal_with_its_first_version(written, rapporteur):
    proposal = written()
    assert (proposal.number, proposal.status, proposal.origin) == (1, "adopted", "group")
    revision = proposal.revisions.get()
    assert (revision.version, revision.by_name, revision.by) == (1, "Relatora Rita", "")
    assert written("Outra proposta.").number == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "não pode ficar vazio"),
        ("   \n\t ", "não pode ficar vazio"),
        ("x" * 2001, "No máximo 2000 caracteres"),
    ],
)
def test_empty_or_too_long_texts_are_refused(written, text, message):
    with pytest.raises(ValidationError) as error:
        written(text)
    assert message in " ".join(error.value.message_dict["text"])
    assert not Proposal.objects.exists()


def test_markup_is_stored_as_text(written):
    proposal = written("<script>alert(1)</script> Ampliar o CRAS")
    assert proposal.text == "<script>alert(1)</script> Ampliar o CRAS"


def test_a_sphere_the_edition_does_not_use_is_refused(written, conference):
    DeliberationRules.objects.filter(edition=conference.edition).update(spheres=["municipal"])
    with pytest.raises(ValidationError) as error:
        written(sphere="federal")
    assert "sphere" in error.value.message_dict


def test_a_recommendation_points_to_an_earlier_deliberation_of_the_municipality(
    written, make_conference, enrol, organiser, axis
):
    earlier = make_conference(
        status=Status.CLOSED,
        edition=Edition.objects.get(year=2023),
        title="XIV Conferência",
        start_date=dt.date(2023, 6, 1),
        end_date=dt.date(2023, 6, 2),
    )
    old = Proposal.objects.create(
        conference=earlier,
        axis=axis,
        sphere="municipal",
        number=1,
        text="Criar o segundo CREAS.",
        origin="group",
        final_status="approved",
    )
    with pytest.raises(ValidationError) as error:
        written(kind="recommendation")
    assert "refers_to" in error.value.message_dict
    proposal = written("Criar o segundo CREAS até 2027.", kind="recommendation", refers_to=old)
    assert proposal.refers_to == old


def test_a_deliberation_of_another_municipality_cannot_be_recommended(
    written, make_conference, janauba, axis, admin_user
):
    elsewhere = make_conference(
        status=Status.CLOSED,
        municipality=janauba,
        actor=admin_user,
        edition=Edition.objects.get(year=2023),
        start_date=dt.date(2023, 6, 1),
        end_date=dt.date(2023, 6, 2),
    )
    old = Proposal.objects.create(
        conference=elsewhere,
        axis=axis,
        sphere="municipal",
        number=1,
        text="x",
        origin="group",
        final_status="approved",
    )
    with pytest.raises(ValidationError):
        written(kind="recommendation", refers_to=old)


def test_a_second_editor_with_an_old_version_is_told_and_nothing_is_overwritten(
    written, as_rapporteur, organiser
):
    proposal = written()
    services.proposal_edit(
        author=services.Author(user=organiser),
        proposal=proposal,
        data=proposal_data(text="Texto da coordenação."),
        version=1,
    )
    with pytest.raises(services.StaleEdit) as stale:
        services.proposal_edit(
            author=as_rapporteur,
            proposal=proposal,
            data=proposal_data(text="Texto da relatora."),
            version=1,
        )
    assert stale.value.current.text == "Texto da coordenação."
    proposal.refresh_from_db()
    assert (proposal.text, proposal.version) == ("Texto da coordenação.", 2)
    assert [r.text for r in proposal.revisions.all()] == [
        "Ampliar o CRAS da zona rural.",
        "Texto da coordenação.",
    ]


def test_collected_proposals_wait_for_the_group_then_are_adopted_merged_or_dropped(
    conference, axis, organiser, group, written, as_rapporteur
):
    own = written()
    collected = [
        services.proposal_submit(
            actor=organiser, conference=conference, data=proposal_data(axis=axis, text=t)
        )
        for t in ("Proposta A", "Proposta B", "Proposta C")
    ]
    assert {p.status for p in collected} == {"proposed"}
    assert {p.origin for p in collected} == {"submitted"}
    services.proposal_adopt(author=as_rapporteur, proposal=collected[0], group=group)
    services.proposal_merge(author=as_rapporteur, proposal=collected[1], into=own, group=group)
    services.proposal_drop(author=as_rapporteur, proposal=collected[2], group=group)
    statuses = dict(Proposal.objects.values_list("text", "status"))
    assert statuses == {
        own.text: "adopted",
        "Proposta A": "adopted",
        "Proposta B": "merged",
        "Proposta C": "dropped",
    }
    with pytest.raises(ValidationError):
        services.proposal_merge(author=as_rapporteur, proposal=own, into=own, group=group)


def test_aggregation_across_the_groups_of_an_axis(conference, axis, organiser, group, written):
    second = services.group_save(
        actor=organiser, conference=conference, data={"axis": axis, "name": "GT 2"}
    )
    third = services.group_save(
        actor=organiser, conference=conference, data={"axis": axis, "name": "GT 3"}
    )
    staff = services.Author(user=organiser)
    proposal = written()

    def vote(g, yes, no):
        return services.group_vote_record(
            author=staff, group=g, proposal=proposal, yes=yes, no=no, abstention=0
        ).group_result

    assert vote(group, 8, 2) == "plenary"  # one of three approved: groups disagree
    assert vote(second, 9, 1) == "approved"  # two of three: half plus one
    assert vote(third, 1, 9) == "approved"
    assert vote(second, 6, 4) == "plenary"  # a corrected count moves it back
    assert vote(group, 2, 8) == "rejected"  # 20%, 60%, 10%: one of three reached 50%
    with pytest.raises(ValidationError):
        services.group_vote_record(
            author=staff, group=group, proposal=proposal, yes=0, no=0, abstention=0
        )


def test_without_the_regimentos_rule_the_counts_are_refused_and_nothing_is_assumed(
    conference, organiser, group, written
):
    """Issue 17, item 6: the 70% / half-plus-one rule "was an example from one regimento"
    (DOMAIN.md §5: "example from a 2025 national-stage regulation ... Configuration"); with
    no share set anywhere the count is refused with a clear message, not decided by 70%."""
    from plenaria.conferences.models import ConferenceRules
    from plenaria.proposals.models import GroupVote

    ConferenceRules.objects.filter(conference=conference).delete()
    proposal = written()
    with pytest.raises(ValidationError, match="regra do regimento para apurar"):
        services.group_vote_record(
            author=services.Author(user=organiser),
            group=group,
            proposal=proposal,
            yes=9,
            no=1,
            abstention=0,
        )
    assert not GroupVote.objects.exists()  # nothing half-saved


def test_closed_conferences_keep_their_deliberations(written, conference, group, organiser):
    proposal = written()
    conference_to(conference, Status.CLOSED, actor=organiser)
    with pytest.raises(ValidationError):
        services.proposal_drop(author=services.Author(user=None), proposal=proposal, group=group)


# Highlights ------------------------------------------------------------------------------


@pytest.fixture
def consolidated_proposal(written, group):
    return approve_in_groups(written(), group)


def test_highlights_only_while_the_window_is_open(
    consolidated_proposal, organiser, conference, axis, enrol
):
    delegate = enrol("Delegada Dalva")
    data = {"kind": "modification", "text": "Ampliar e qualificar o CRAS."}

    def register():
        return services.highlight_register(
            author=services.Author(registration=delegate),
            proposal=consolidated_proposal,
            proposer=delegate,
            data=data,
        )

    with pytest.raises(ValidationError, match="fechado"):
        register()
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    assert register().number == 1
    services.highlights_close(actor=organiser, conference=conference, axis=axis)
    with pytest.raises(ValidationError, match="fechado"):
        register()
    assert Highlight.objects.count() == 1


@pytest.mark.parametrize(
    "who, kwargs",
    [
        ("guest", {"category": "guest"}),
        ("absent", {"present": False}),
        ("substitute", {"is_substitute": True}),
    ],
)
def test_only_credentialed_delegates_raise_highlights(
    consolidated_proposal, organiser, conference, axis, enrol, who, kwargs
):
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    person = enrol(f"Pessoa {who}", **kwargs)
    with pytest.raises(ValidationError) as error:
        services.highlight_register(
            author=services.Author(user=organiser),
            proposal=consolidated_proposal,
            proposer=person,
            data={"kind": "suppression"},
        )
    assert "proposer" in error.value.message_dict


def test_a_proposal_outside_the_consolidated_list_takes_no_highlight(
    written, organiser, conference, axis, enrol
):
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    with pytest.raises(ValidationError, match="consolidada"):
        services.highlight_register(
            author=services.Author(user=organiser),
            proposal=written(),
            proposer=enrol("Delegado Davi"),
            data={"kind": "suppression"},
        )


def test_the_plenary_votes_highlights_and_approves_the_rest_en_bloc(
    group, written, organiser, conference, axis, enrol
):
    table = services.Author(user=organiser)
    changed, suppressed, untouched, added_to = (
        approve_in_groups(written(t), group)
        for t in ("Ampliar o CRAS.", "Criar um fundo.", "Manter o CREAS.", "Garantir transporte.")
    )
    dalva = enrol("Delegada Dalva")
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    h_mod = services.highlight_register(
        author=table,
        proposal=changed,
        proposer=dalva,
        data={"kind": "modification", "text": "Ampliar e qualificar o CRAS."},
    )
    h_sup = services.highlight_register(
        author=table, proposal=suppressed, proposer=dalva, data={"kind": "suppression"}
    )
    h_add = services.highlight_register(
        author=table,
        proposal=added_to,
        proposer=dalva,
        data={"kind": "addition", "text": "Incluir a zona rural.", "as_new_item": True},
    )
    with pytest.raises(ValidationError, match="Encerre"):
        services.highlight_decide(actor=organiser, highlight=h_mod, result="proposed")
    services.highlights_close(actor=organiser, conference=conference, axis=axis)

    assert (
        services.en_bloc_record(
            actor=organiser, conference=conference, axis=axis, result="approved", vote="maioria"
        )
        == 1
    )
    services.highlight_decide(actor=organiser, highlight=h_mod, result="proposed", vote="40 x 12")
    services.highlight_decide(actor=organiser, highlight=h_sup, result="original")
    services.highlight_decide(actor=organiser, highlight=h_add, result="proposed")
    with pytest.raises(ValidationError, match="já foi votado"):
        services.highlight_decide(actor=organiser, highlight=h_sup, result="proposed")

    for p in (changed, suppressed, untouched, added_to):
        p.refresh_from_db()
    assert changed.text == "Ampliar e qualificar o CRAS." and changed.final_status == "approved"
    assert [r.reason for r in changed.revisions.all()][-1].endswith("40 x 12")
    assert changed.revisions.last().highlight == h_mod
    assert suppressed.text == "Criar um fundo." and suppressed.final_status == "approved"
    assert untouched.final_status == "approved"
    new_item = Proposal.objects.get(origin="plenary")
    assert (new_item.text, new_item.final_status) == ("Incluir a zona rural.", "approved")


def test_an_approved_suppression_rejects_the_proposal(
    group, written, organiser, conference, axis, enrol
):
    proposal = approve_in_groups(written(), group)
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    highlight = services.highlight_register(
        author=services.Author(user=organiser),
        proposal=proposal,
        proposer=enrol("Delegada Dalva"),
        data={"kind": "suppression"},
    )
    services.highlights_close(actor=organiser, conference=conference, axis=axis)
    services.highlight_decide(actor=organiser, highlight=highlight, result="proposed")
    proposal.refresh_from_db()
    assert proposal.final_status == "rejected"


# Motions -------------------------------------------------------------------------------


@pytest.fixture
def delegates(enrol):
    return [enrol(f"Delegado {i}") for i in range(10)]


def motion_data(**extra):
    data = {
        "kind": "repudiation",
        "addressee": "Câmara Municipal",
        "text": "Repúdio ao corte no orçamento da assistência social.",
    }
    data.update(extra)
    return data


def test_a_motion_qualifies_with_the_share_of_credentialed_delegates(
    conference, delegates, organiser, rapporteur
):
    from plenaria.proposals.selectors import motions_with_signatures

    # 11 credentialed delegates (10 + the rapporteur): 20% → 3 signatures.
    motion = services.motion_submit(
        author=services.Author(registration=delegates[0]),
        conference=conference,
        proposer=delegates[0],
        data=motion_data(),
    )
    services.motion_sign(
        author=services.Author(user=organiser), motion=motion, registration=delegates[1]
    )
    [listed] = motions_with_signatures(conference)
    assert (listed.signature_count, listed.needed, listed.qualifies) == (2, 3, False)
    services.motion_sign(
        author=services.Author(registration=delegates[2]), motion=motion, registration=delegates[2]
    )
    [listed] = motions_with_signatures(conference)
    assert listed.qualifies


def test_no_motion_qualifies_while_the_regimento_sets_no_share(conference, delegates, organiser):
    """DOMAIN.md §5 gives 20% only as an example: with no regimento (nor state or
    edition rule) setting the share, no motion reaches the plenary, and the table is told."""
    from plenaria.proposals.selectors import motions_with_signatures

    set_regimento(conference, motion_signature_share=None)
    motion = services.motion_submit(
        author=services.Author(registration=delegates[0]),
        conference=conference,
        proposer=delegates[0],
        data=motion_data(),
    )
    for delegate in delegates[1:]:
        services.motion_sign(
            author=services.Author(registration=delegate), motion=motion, registration=delegate
        )
    [listed] = motions_with_signatures(conference)
    assert (listed.signature_count, listed.needed, listed.qualifies) == (10, None, False)
    page = client_for(organiser).get(reverse("proposals:motions", args=[conference.pk]))
    assert "O regimento ainda não diz quantas assinaturas" in page.content.decode()


def test_a_motion_counted_at_closing_keeps_its_threshold_when_the_rule_changes(
    conference, delegates, organiser
):
    from plenaria.proposals.selectors import motions_with_signatures

    motion = services.motion_submit(
        author=services.Author(registration=delegates[0]),
        conference=conference,
        proposer=delegates[0],
        data=motion_data(),
    )
    for delegate in delegates[1:3]:
        services.motion_sign(
            author=services.Author(registration=delegate), motion=motion, registration=delegate
        )
    services.motions_close(actor=organiser, conference=conference)
    set_regimento(conference, motion_signature_share=Decimal("0.50"))
    [listed] = motions_with_signatures(conference)
    assert (listed.needed, listed.qualifies) == (2, True)  # 20% of 10, as at closing


def test_signatures_refused_for_non_delegates_twice_or_after_closing(
    conference, delegates, organiser, enrol
):
    motion = services.motion_submit(
        author=services.Author(user=organiser),
        conference=conference,
        proposer=delegates[0],
        data=motion_data(),
    )
    author = services.Author(user=organiser)
    for person in (enrol("Convidada", category="guest"), enrol("Ausente", present=False)):
        with pytest.raises(ValidationError):
            services.motion_sign(author=author, motion=motion, registration=person)
    with pytest.raises(ValidationError, match="já assinou"):
        services.motion_sign(author=author, motion=motion, registration=delegates[0])
    services.motions_close(actor=organiser, conference=conference)
    with pytest.raises(ValidationError):
        services.motion_sign(author=author, motion=motion, registration=delegates[1])
    assert Signature.objects.count() == 1


def test_the_threshold_is_fixed_at_closing(conference, delegates, organiser, enrol):
    from plenaria.proposals.selectors import motions_with_signatures

    motion = services.motion_submit(
        author=services.Author(user=organiser),
        conference=conference,
        proposer=delegates[0],
        data=motion_data(),
    )
    for d in delegates[1:3]:
        services.motion_sign(author=services.Author(user=organiser), motion=motion, registration=d)
    plenary = services.motions_close(actor=organiser, conference=conference)
    assert plenary.delegates_at_closing == 10
    for i in range(20):  # arriving later does not raise the bar
        enrol(f"Atrasado {i}")
    [listed] = motions_with_signatures(conference)
    assert (listed.needed, listed.qualifies) == (2, True)
    services.motion_decide(actor=organiser, motion=motion, result="approved")
    assert Motion.objects.get().final_status == "approved"


def test_motions_after_the_deadline_are_refused(conference, delegates, organiser):
    services.motions_deadline_set(
        actor=organiser, conference=conference, deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="prazo"):
        services.motion_submit(
            author=services.Author(user=organiser),
            conference=conference,
            proposer=delegates[0],
            data=motion_data(),
        )
    assert not Motion.objects.exists()


def test_a_motion_type_the_edition_does_not_use_is_refused(conference, delegates, organiser):
    DeliberationRules.objects.filter(edition=conference.edition).update(motion_types=["support"])
    with pytest.raises(ValidationError) as error:
        services.motion_submit(
            author=services.Author(user=organiser),
            conference=conference,
            proposer=delegates[0],
            data=motion_data(),
        )
    assert "kind" in error.value.message_dict


@pytest.mark.parametrize(
    ("kind", "text", "as_new_item"),
    [
        ("modification", "Ampliar e qualificar o CRAS.", False),
        ("addition", "Incluir a zona rural.", False),
        ("addition", "Criar o CREAS regional.", True),
        ("suppression", "", False),
    ],
)
def test_what_the_table_reads_before_voting_is_what_the_proposal_becomes(
    group, written, organiser, conference, axis, enrol, kind, text, as_new_item
):
    from plenaria.proposals import selectors

    proposal = approve_in_groups(written("Ampliar o CRAS."), group)
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    highlight = services.highlight_register(
        author=services.Author(user=organiser),
        proposal=proposal,
        proposer=enrol("Delegada Dalva"),
        data={"kind": kind, "text": text, "as_new_item": as_new_item},
    )
    services.highlights_close(actor=organiser, conference=conference, axis=axis)
    approve, keep = selectors.highlight_outcomes(highlight)
    # the highlight first, each named by what it does
    assert (approve["key"], str(approve["label"])) == ("proposed", "Aprovar o destaque")
    assert (keep["key"], str(keep["label"])) == ("original", "Manter o texto original")
    assert keep["text"] == "Ampliar o CRAS."

    services.highlight_decide(actor=organiser, highlight=highlight, result="proposed")
    proposal.refresh_from_db()
    if approve["text"]:
        assert proposal.text == approve["text"] and proposal.final_status != "rejected"
    else:
        assert proposal.final_status == "rejected"
    new_item = Proposal.objects.filter(origin="plenary").first()
    assert (new_item.text if new_item else "") == approve["new"]
    # the published result still reads what was voted, not the text it made
    highlight.refresh_from_db()
    assert selectors.highlight_outcomes(highlight) == [approve, keep]
