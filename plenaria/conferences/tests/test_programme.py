"""The programme typed in rows: kinds of item, a row added in place (with and without
htmx, nothing saved), errors at the row's field, rows removed, order by day and time."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences import services
from plenaria.conferences.models import ProgrammeItem
from plenaria.conferences.tests.test_manage_views import _formset_data
from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ROW = {"date": "2025-06-10", "start_time": "08:00", "kind": "credentialing", "title": "Credenc."}


def test_the_kinds_a_municipal_programme_needs_are_there_once():
    kinds = dict(ProgrammeItem.Kind.choices)
    for kind in ("delegate_election", "council_election", "cultural", "break"):
        assert kind in kinds
    labels = [str(label) for label in kinds.values()]
    assert len(labels) == len(set(labels))


def test_it_adds_a_row_and_saves_nothing(make_conference, organiser):
    conference = make_conference()
    url = reverse("conferences:programme_row", args=[conference.pk])
    response = client_for(organiser).post(url, _formset_data("programme", [ROW]))
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 2
    html = response.content.decode()
    # the row typed so far comes back as typed, the new one is empty and has the focus
    assert 'value="Credenc."' in html
    assert 'name="programme-1-date"' in html and "autofocus" in html
    assert 'name="programme-TOTAL_FORMS" value="2"' in html
    # the whole page, whose form saves at the list's own address
    assert f'action="{reverse("conferences:programme", args=[conference.pk])}"' in html
    assert not conference.programme.exists()


def test_it_judges_no_row_while_adding_one(make_conference, organiser):
    conference = make_conference()
    url = reverse("conferences:programme_row", args=[conference.pk])
    half = {"date": "2025-06-10", "start_time": "", "kind": "", "title": "Abertura"}
    html = client_for(organiser).post(url, _formset_data("programme", [half])).content.decode()
    assert "Este campo é obrigatório" not in html


def test_htmx_gets_the_rows_only(make_conference, organiser):
    conference = make_conference()
    url = reverse("conferences:programme_row", args=[conference.pk])
    response = client_for(organiser).post(
        url, _formset_data("programme", [ROW]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="list-rows">')
    assert "<html" not in html and 'name="programme-1-title"' in html


def test_a_tampered_management_form_gives_the_list_as_saved(make_conference, organiser):
    conference = make_conference()
    url = reverse("conferences:programme_row", args=[conference.pk])
    response = client_for(organiser).post(url, {"programme-TOTAL_FORMS": "x"})
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 1  # the one empty row


def test_rows_stop_at_the_maximum(make_conference, organiser):
    conference = make_conference()
    url = reverse("conferences:programme_row", args=[conference.pk])
    data = _formset_data("programme", [])
    data["programme-TOTAL_FORMS"] = "200"
    response = client_for(organiser).post(url, data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 200


def test_adding_a_row_is_for_the_organisers(make_conference, outsider, state_member):
    conference = make_conference()
    url = reverse("conferences:programme_row", args=[conference.pk])
    assert client_for(outsider).post(url, {}).status_code == 404
    assert client_for(state_member).post(url, {}).status_code == 403
    assert client_for(state_member).get(url).status_code == 405


def test_an_end_before_the_start_is_an_error_at_the_end(make_conference, organiser):
    conference = make_conference()
    row = {**ROW, "start_time": "10:00", "end_time": "09:00"}
    response = client_for(organiser).post(
        reverse("conferences:programme", args=[conference.pk]), _formset_data("programme", [row])
    )
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors
    assert errors == {"end_time": ["O item precisa terminar depois de começar."]}
    assert not conference.programme.exists()


def test_rows_in_any_order_are_shown_by_day_and_time(make_conference, organiser):
    conference = make_conference()
    rows = [
        {"date": "2025-06-11", "start_time": "08:00", "kind": "council_election", "title": "C"},
        {"date": "2025-06-10", "start_time": "15:00", "kind": "cultural", "title": "B"},
        {"date": "2025-06-10", "start_time": "09:00", "kind": "delegate_election", "title": "A"},
    ]
    client = client_for(organiser)
    url = reverse("conferences:programme", args=[conference.pk])
    assert client.post(url, _formset_data("programme", rows)).status_code == 302
    assert [p.title for p in conference.programme.all()] == ["A", "B", "C"]
    # the public page (its organiser previews the draft) shows them by day and time
    html = client.get(reverse("conferences:public", args=[conference.pk])).content.decode()
    assert html.index("<strong>A</strong>") < html.index("<strong>B</strong>")
    assert html.index("<strong>B</strong>") < html.index("<strong>C</strong>")
    for label in ("Eleição de delegados", "Apresentação cultural", "Eleição do conselho"):
        assert label in html


def test_a_row_is_removed_and_audited(make_conference, organiser):
    conference = make_conference()
    item = ProgrammeItem.objects.create(
        conference=conference,
        date=conference.start_date,
        start_time="08:00",
        kind="break",
        title="Intervalo",
    )
    data = _formset_data("programme", [{**ROW, "id": item.pk, "DELETE": "on"}], initial=1)
    data["programme-0-kind"] = "break"
    data["programme-0-title"] = "Intervalo"
    response = client_for(organiser).post(
        reverse("conferences:programme", args=[conference.pk]), data
    )
    assert response.status_code == 302
    assert not conference.programme.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).exists()


def test_the_service_refuses_a_day_outside_the_conference(make_conference, organiser):
    conference = make_conference()
    item = ProgrammeItem(
        date=conference.end_date.replace(day=20),
        start_time="08:00",
        kind="break",
        title="Intervalo",
    )
    with pytest.raises(ValidationError):
        services.conference_items_save(
            actor=organiser, conference=conference, model=ProgrammeItem, changed=[item], deleted=[]
        )
    assert not conference.programme.exists()
