"""The console's actions, one URL each: POST only, the poll taken through its
conference, errors shown at the form, refusals in the table's words."""

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.voting.models import Poll, VotingSettings

pytestmark = pytest.mark.django_db

POLL_ACTIONS = ["voting:poll_open", "voting:poll_close", "voting:poll_publish"]


@pytest.mark.parametrize("name", [*POLL_ACTIONS, "voting:analog_counts"])
def test_a_poll_action_answers_get_with_405(name, conference, organiser, make_poll):
    poll = make_poll()
    response = client_for(organiser).get(reverse(name, args=[conference.pk, poll.pk]))
    assert response.status_code == 405
    poll.refresh_from_db()
    assert poll.state == Poll.State.CREATED


@pytest.mark.parametrize("name", ["voting:settings", "voting:poll_create"])
def test_a_console_form_answers_get_with_405(name, conference, organiser):
    assert client_for(organiser).get(reverse(name, args=[conference.pk])).status_code == 405
    assert not Poll.objects.exists()


def test_the_console_page_answers_post_with_405(conference, organiser, make_poll):
    poll = make_poll()
    url = reverse("voting:console", args=[conference.pk])
    assert client_for(organiser).post(url, {"action": "open", "poll": poll.pk}).status_code == 405
    poll.refresh_from_db()
    assert poll.state == Poll.State.CREATED


@pytest.mark.parametrize("name", [*POLL_ACTIONS, "voting:analog_counts"])
def test_a_poll_of_another_conference_is_not_found(
    name, make_conference, make_poll, janauba, outsider, admin_user
):
    """A poll named under another conference's address (even by who runs both)."""
    poll = make_poll()
    other = make_conference(actor=outsider, municipality=janauba, title="Outra conferência")
    response = client_for(admin_user).post(reverse(name, args=[other.pk, poll.pk]))
    assert response.status_code == 404
    poll.refresh_from_db()
    assert poll.state == Poll.State.CREATED


def test_the_rules_are_saved_and_a_bad_choice_is_shown_at_the_field(conference, organiser):
    client = client_for(organiser)
    url = reverse("voting:settings", args=[conference.pk])
    data = {
        "rules-majority": "simple",
        "rules-quorum": "none",
        "rules-mode": "secret",
        "rules-allow_change": "",
    }
    response = client.post(url, data)
    assert response["Location"] == reverse("voting:console", args=[conference.pk])
    assert VotingSettings.objects.get(conference=conference).mode == "secret"
    response = client.post(url, {**data, "rules-mode": "telepathy"})
    assert response.status_code == 200
    assert "Faça uma escolha válida" in response.content.decode()
    assert VotingSettings.objects.get(conference=conference).mode == "secret"


def test_the_table_enters_the_counted_cards_of_a_closed_analog_poll(
    conference, organiser, open_poll, delegates
):
    from plenaria.voting import services

    poll = services.poll_close(actor=organiser, poll=open_poll("analog"))
    client = client_for(organiser)
    url = reverse("voting:analog_counts", args=[conference.pk, poll.pk])
    too_many = client.post(url, {"count_yes": 9, "count_no": 0, "count_abstention": 0})
    assert too_many.status_code == 200
    assert "somam mais do que os 3 delegados(as)" in too_many.content.decode()
    done = client.post(url, {"count_yes": 2, "count_no": 1, "count_abstention": 0}, follow=True)
    assert "Contagens registradas." in done.content.decode()
    poll.refresh_from_db()
    assert poll.outcome == "approved"


def test_a_refused_step_is_a_message_on_the_console(conference, organiser, make_poll):
    poll = make_poll()
    client = client_for(organiser)
    response = client.post(
        reverse("voting:poll_publish", args=[conference.pk, poll.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("voting:console", args=[conference.pk])
    assert "Só uma votação encerrada pode ser publicada." in response.content.decode()
    poll.refresh_from_db()
    assert poll.state == Poll.State.CREATED


def test_the_named_votes_refusal_says_who_exports_them(conference, state_member):
    response = client_for(state_member).get(reverse("voting:named_votes", args=[conference.pk]))
    assert response.status_code == 403
    assert "Só a mesa exporta os votos nominais" in response.content.decode()


def test_counts_go_only_to_the_poll_on_stage(conference, organiser, open_poll, delegates):
    """The console's count form is for the poll on stage; an older closed poll is not
    recounted from a stale tab once the plenary has moved on."""
    from plenaria.voting import services

    old = services.poll_close(actor=organiser, poll=open_poll("analog"))
    open_poll("analog")  # the plenary moved on
    url = reverse("voting:analog_counts", args=[conference.pk, old.pk])
    response = client_for(organiser).post(
        url, {"count_yes": 2, "count_no": 1, "count_abstention": 0}, follow=True
    )
    assert "não podem mais ser registradas" in response.content.decode()
    old.refresh_from_db()
    assert old.outcome == ""
