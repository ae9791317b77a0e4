"""The console's "New poll" (issue 21, item 12): one id per element (the rules' "Modo
padrão" label names its own select), and only the fields of the item chosen — by a GET
that reloads the console without JavaScript, or its part with htmx."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.voting.models import Poll

pytestmark = pytest.mark.django_db


def _ids(html: str) -> Counter:
    return Counter(re.findall(r'\sid="([^"]+)"', html))


def _names(html: str) -> set[str]:
    form = html[html.index('id="new-poll"') :]
    form = form[: form.index("</form>")]
    return set(re.findall(r'\sname="([^"]+)"', form))


def test_every_id_on_the_console_is_unique_and_each_mode_has_its_label(conference, organiser):
    html = client_for(organiser).get(reverse("voting:console", args=[conference.pk]))
    html = html.content.decode()
    assert [i for i, n in _ids(html).items() if n > 1] == []
    assert '<label for="id_mode">Modo' in html and 'id="id_mode"' in html
    assert '<label for="id_rules-mode">Modo padrão' in html and 'id="id_rules-mode"' in html
    assert '<label for="choose_item">O que se vota' in html


@pytest.mark.parametrize(
    "item, extra",
    [
        ("regimento", set()),
        ("en_bloc", {"axis"}),
        ("highlight", {"highlight"}),
        ("motion", {"motion"}),
        ("free", {"options"}),
    ],
)
def test_only_the_fields_of_the_item_chosen_are_shown(conference, organiser, item, extra):
    client = client_for(organiser)
    url = reverse("voting:console", args=[conference.pk])
    page = client.get(url, {"item": item}).content.decode()
    assert _names(page) == {"csrfmiddlewaretoken", "item", "question", "mode"} | extra
    assert f'name="item" value="{item}"' in page
    assert re.search(rf'<option value="{item}" selected>', page)
    # htmx asks for the form alone
    part = client.get(url, {"parte": "nova", "item": item})
    html = part.content.decode()
    assert "<h1" not in html and 'id="new-poll-item"' in html
    assert set(re.findall(r'\sname="([^"]+)"', html)) == _names(page)


def test_an_unknown_item_shows_the_regimento(conference, organiser):
    url = reverse("voting:console", args=[conference.pk])
    page = client_for(organiser).get(url, {"item": "9223372036854775808"})
    assert page.status_code == 200
    assert 'name="item" value="regimento"' in page.content.decode()


def test_a_free_question_is_created_with_its_options(conference, organiser):
    response = client_for(organiser).post(
        reverse("voting:poll_create", args=[conference.pk]),
        {"item": "free", "mode": "open", "question": "Qual sala?", "options": "A\nB"},
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.item == "free" and [o.label for o in poll.options.all()][:2] == ["A", "B"]


def test_fields_of_another_item_are_ignored(conference, organiser):
    """Options posted with the regimento (not on its form) change nothing."""
    response = client_for(organiser).post(
        reverse("voting:poll_create", args=[conference.pk]),
        {"item": "regimento", "mode": "open", "question": "", "options": "X\nY\nZ"},
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.question == "Aprovação do regimento interno"
    assert "X" not in {o.label for o in poll.options.all()}


def test_a_bad_item_is_refused_with_a_message_and_nothing_saved(conference, organiser):
    response = client_for(organiser).post(
        reverse("voting:poll_create", args=[conference.pk]),
        {"item": "election", "mode": "open", "question": "Quem?"},
    )
    assert response.status_code == 200
    assert "Escolha de novo o que se vota." in response.content.decode()
    assert not Poll.objects.exists()


def test_an_error_keeps_the_item_and_its_fields(conference, organiser):
    response = client_for(organiser).post(
        reverse("voting:poll_create", args=[conference.pk]),
        {"item": "free", "mode": "open", "question": "Qual sala?", "options": "Só uma"},
    )
    html = response.content.decode()
    assert "Informe ao menos duas opções" in html
    assert _names(html) == {"csrfmiddlewaretoken", "item", "question", "mode", "options"}
    assert re.search(r'<option value="free" selected>', html)


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_strangers_do_not_get_the_form(conference, who, outsider):
    client = client_for(None if who == "anonymous" else outsider)
    url = reverse("voting:console", args=[conference.pk])
    response = client.get(url, {"parte": "nova", "item": "free"})
    assert response.status_code in {302, 403, 404}
    assert 'name="options"' not in response.content.decode()


def test_a_read_only_member_gets_no_form(conference, state_member):
    url = reverse("voting:console", args=[conference.pk])
    response = client_for(state_member).get(url, {"parte": "nova", "item": "free"})
    assert response.status_code == 200 and "<form" not in response.content.decode()
