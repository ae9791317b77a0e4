"""The deliberation pages: who may open them, what they show, bad input."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plenaria.conftest import client_for
from plenaria.proposals import services
from plenaria.proposals.models import Highlight, Motion, Proposal
from plenaria.proposals.tests.conftest import approve_in_groups, proposal_data

pytestmark = pytest.mark.django_db

PAGES = ["groups", "submitted", "consolidated", "plenary", "motions", "deliberations"]


def participant_client(registration, pin="123456"):
    client = client_for(None)
    response = client.post(
        reverse("participants:participant_login"), {"code": registration.code, "pin": pin}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.mark.parametrize("name", PAGES)
def test_organisers_open_every_page(name, conference, group, written, organiser):
    approve_in_groups(written("Texto <b>negrito</b>"), group)
    response = client_for(organiser).get(reverse(f"proposals:{name}", args=[conference.pk]))
    assert response.status_code == 200
    assert b"<b>negrito</b>" not in response.content


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_login(name, conference):
    response = client_for(None).get(reverse(f"proposals:{name}", args=[conference.pk]))
    assert response.status_code == 302 and "/entrar/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_another_municipality_does_not_see_the_pages(name, conference, outsider):
    response = client_for(outsider).get(reverse(f"proposals:{name}", args=[conference.pk]))
    assert response.status_code == 404


def test_the_state_council_reads_but_does_not_run_the_plenary(conference, axis, state_member):
    client = client_for(state_member)
    url = reverse("proposals:plenary", args=[conference.pk])
    assert client.get(url).status_code == 200
    response = client.post(reverse("proposals:highlights_open", args=[conference.pk, axis.pk]))
    assert response.status_code == 403
    assert not conference.edition.axes.filter(axisplenary__isnull=False).exists()


def test_pages_refuse_other_methods(conference, organiser):
    client = client_for(organiser)
    assert client.put(reverse("proposals:groups", args=[conference.pk])).status_code == 405
    assert client.get(reverse("proposals:balance", args=[conference.pk])).status_code == 405


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("plenary_highlight", ["conference"]),
        ("highlights_open", ["conference", "axis"]),
        ("highlights_close", ["conference", "axis"]),
        ("en_bloc", ["conference", "axis"]),
        ("highlight_decide", ["conference", "proposal"]),
        ("motions_deadline", ["conference"]),
        ("motion_register", ["conference"]),
        ("motions_close", ["conference"]),
        ("motion_paper_signature", ["conference", "proposal"]),
        ("motion_decide", ["conference", "proposal"]),
        ("adopt", ["group", "proposal"]),
        ("drop", ["group", "proposal"]),
        ("merge", ["group", "proposal"]),
        ("vote", ["group", "proposal"]),
    ],
)
def test_each_action_answers_get_with_405(name, args, conference, axis, group, written, organiser):
    """One URL per action, POST only: a GET (a link, a prefetch) changes nothing."""
    objects = {"conference": conference, "axis": axis, "group": group, "proposal": written()}
    url = reverse(f"proposals:{name}", args=[objects[a].pk for a in args])
    assert client_for(organiser).get(url).status_code == 405


@pytest.mark.parametrize("name", ["participant_join", "participant_motion"])
def test_the_participants_actions_answer_get_with_405(name, rapporteur):
    url = reverse(f"proposals:{name}", args=[rapporteur.code])
    assert participant_client(rapporteur).get(url).status_code == 405


def test_the_participants_object_actions_answer_get_with_405(rapporteur, written):
    client, pk = participant_client(rapporteur), written().pk
    for name in ("participant_highlight", "participant_sign"):
        url = reverse(f"proposals:{name}", args=[rapporteur.code, pk])
        assert client.get(url).status_code == 405


def test_creating_a_group_with_an_unknown_code_shows_the_message(conference, axis, organiser):
    response = client_for(organiser).post(
        reverse("proposals:groups", args=[conference.pk]),
        {"axis": axis.pk, "name": "GT 1", "rapporteur": "ZZZ999"},
    )
    assert "Nenhuma inscrição com este código" in response.content.decode()
    assert not conference.working_groups.exists()


def test_the_rapporteur_writes_from_the_phone_with_code_and_pin(group, rapporteur):
    client = participant_client(rapporteur)
    page = client.get(reverse("proposals:participant", args=[rapporteur.code]))
    assert reverse("proposals:group", args=[group.pk]) in page.content.decode()
    response = client.post(
        reverse("proposals:group", args=[group.pk]),
        {"sphere": "municipal", "kind": "new", "text": "  "},
    )
    assert "não pode ficar vazio" in response.content.decode()
    response = client.post(
        reverse("proposals:group", args=[group.pk]),
        {"sphere": "municipal", "kind": "new", "text": "Garantir transporte às reuniões."},
    )
    assert response.status_code == 302
    assert Proposal.objects.get().revisions.get().by_name == "Relatora Rita"


def test_a_member_who_is_not_rapporteur_cannot_write(group, enrol):
    member = enrol("Membro Mário")
    client = participant_client(member)
    response = client.post(
        reverse("proposals:group", args=[group.pk]),
        {"sphere": "municipal", "kind": "new", "text": "Texto"},
    )
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_a_stranger_does_not_find_the_group(group):
    assert client_for(None).get(reverse("proposals:group", args=[group.pk])).status_code == 404


def test_wrong_pins_are_limited_per_code(rapporteur):
    cache.clear()
    client = client_for(None)
    url = reverse("participants:participant_login")
    for _ in range(5):
        response = client.post(url, {"code": rapporteur.code, "pin": "000000"})
        assert "não conferem" in response.content.decode()
    response = client.post(url, {"code": rapporteur.code, "pin": "123456"})
    assert "Tentativas erradas demais" in response.content.decode()
    cache.clear()


def test_a_participant_page_needs_the_pin(rapporteur):
    response = client_for(None).get(reverse("proposals:participant", args=[rapporteur.code]))
    assert response.status_code == 403


def test_the_second_save_sees_both_versions(written, organiser):
    proposal = written()
    client = client_for(organiser)
    url = reverse("proposals:edit", args=[proposal.pk])
    services.proposal_edit(
        author=services.Author(user=organiser),
        proposal=proposal,
        data=proposal_data(text="Versão salva antes."),
        version=1,
    )
    response = client.post(url, {**proposal_data(text="Minha versão."), "version": 1})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Versão salva antes." in page and "Minha versão." in page
    assert "Alguém salvou esta proposta" in page
    proposal.refresh_from_db()
    assert proposal.text == "Versão salva antes."
    response = client.post(url, {**proposal_data(text="Minha versão."), "version": 2})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.text, proposal.version) == ("Minha versão.", 3)


def test_the_consolidated_list_takes_the_same_queries_for_more_proposals(
    conference, group, written, organiser, django_assert_max_num_queries
):
    client = client_for(organiser)
    url = reverse("proposals:consolidated", args=[conference.pk])
    approve_in_groups(written(), group)
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for i in range(30):
        Proposal.objects.create(
            conference=conference,
            axis=group.axis,
            sphere="state",
            number=100 + i,
            text=f"Proposta {i}",
            origin="group",
            group_result="approved",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="plenaria-proposal"') == 31


def test_over_cap_axes_are_flagged_and_prioritised(conference, group, written, organiser):
    for i in range(4):  # the 2025 defaults forward 3 per axis and sphere
        approve_in_groups(written(f"Proposta {i}"), group)
    client = client_for(organiser)
    url = reverse("proposals:consolidated", args=[conference.pk])
    assert "Passa do limite em 1" in client.get(url).content.decode()
    last = Proposal.objects.order_by("number").last()
    client.post(url, {"proposal": last.pk, "priority": "1"})
    last.refresh_from_db()
    assert last.priority == 1


def test_the_consolidated_list_escapes_texts_and_its_priority_form_carries_the_csrf_token(
    conference, group, written, organiser
):
    for i in range(4):
        approve_in_groups(written(f"<script>alert({i})</script> Proposta {i}"), group)
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    url = reverse("proposals:consolidated", args=[conference.pk])
    page = client.get(url).content.decode()
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt; Proposta 3" in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    last = Proposal.objects.order_by("number").last()
    response = client.post(
        url, {"proposal": last.pk, "priority": "1", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    last.refresh_from_db()
    assert last.priority == 1


def test_the_word_diff_is_escaped_on_the_console():
    from plenaria.proposals.templatetags.deliberation import diff_html

    html = diff_html([("equal", "Ampliar "), ("delete", "<b>o</b> "), ("insert", "a & b")])
    assert html == "Ampliar <del>&lt;b&gt;o&lt;/b&gt; </del><ins>a &amp; b</ins>"


def test_the_consolidated_pdf_opens(conference, group, written, organiser):
    approve_in_groups(written(), group)
    response = client_for(organiser).get(
        reverse("proposals:consolidated_pdf", args=[conference.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_delegate_highlights_and_signs_from_the_phone(
    conference, group, written, organiser, axis, enrol
):
    proposal = approve_in_groups(written(), group)
    services.highlights_open(actor=organiser, conference=conference, axis=axis)
    delegate = enrol("Delegada Dalva")
    client = participant_client(delegate)
    url = reverse("proposals:participant_highlight", args=[delegate.code, proposal.pk])
    response = client.post(url, {"kind": "modification", "text": ""})
    assert "não pode ficar vazio" in response.content.decode()
    client.post(
        url,
        {
            "kind": "modification",
            "text": "Ampliar e qualificar o CRAS.",
        },
    )
    assert Highlight.objects.get().proposer == delegate
    client.post(
        reverse("proposals:participant_motion", args=[delegate.code]),
        {
            "kind": "support",
            "addressee": "Governo do Estado",
            "text": "Apoio ao SUAS.",
        },
    )
    motion = Motion.objects.get()
    other = enrol("Delegado Davi")
    other_client = participant_client(other)
    other_url = reverse("proposals:participant_sign", args=[other.code, motion.pk])
    other_client.post(other_url)
    response = other_client.post(other_url, follow=True)
    assert "já assinou" in response.content.decode()
    assert motion.signatures.count() == 2


def test_the_earlier_search_lists_options(conference, organiser):
    response = client_for(organiser).get(
        reverse("proposals:earlier_search", args=[conference.pk]), {"q": "CRAS"}
    )
    assert "Nada encontrado" in response.content.decode()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=2100)
    | st.sampled_from(["<script>alert(1)</script>", " \n ", "x" * 2001]),
    sphere=st.sampled_from(["municipal", "state", "federal", "galactic", ""]),
    kind=st.sampled_from(["new", "recommendation", "other"]),
)
def test_hostile_proposals_get_a_message_never_a_500(group, organiser, text, sphere, kind):
    before = Proposal.objects.count()
    response = client_for(organiser).post(
        reverse("proposals:group", args=[group.pk]),
        {"sphere": sphere, "kind": kind, "text": text, "refers_to": "abc"},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Proposal.objects.count() == before
        assert "<script>alert(1)</script>" not in response.content.decode()
    else:
        saved = Proposal.objects.order_by("-pk").first()
        assert saved.text == text.strip() and 0 < len(saved.text) <= 2000
