"""The editions pages: the national council creates and edits editions; a state
council sets its state's calendar; conferences keep to the state's windows."""

import datetime as dt

import pytest
from django.urls import reverse

from plenaria.conftest import client_for, make_council_member
from plenaria.core.models import AuditEntry
from plenaria.editions.models import Edition, StateCalendar
from plenaria.territory.models import Council, Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_organiser(db):
    return make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=True)


EDITION_2027 = {
    "number": "15",
    "year": "2027",
    "nature": "ordinary",
    "theme": "SUAS: proteção social para todas as pessoas",
    "axes": "Financiamento\n\n  Controle   social  \nGestão",
    "municipal_start": "2027-04-01",
    "municipal_end": "2027-07-15",
    "state_start": "2027-08-10",
    "state_end": "2027-10-15",
}


def test_the_national_council_creates_an_edition_with_axes_and_windows(national_organiser):
    client = client_for(national_organiser)
    assert client.get(reverse("editions:create")).status_code == 200
    response = client.post(reverse("editions:create"), EDITION_2027)
    assert response.status_code == 302
    edition = Edition.objects.get(year=2027)
    assert [a.title for a in edition.axes.all()] == ["Financiamento", "Controle social", "Gestão"]
    assert {w.level for w in edition.windows.all()} == {"municipal", "state"}
    entry = AuditEntry.objects.get(action="create", object_id=str(edition.pk))
    assert entry.changes["axes"][1][1] == "Controle social"


def test_editing_renumbers_axes_and_clears_a_window(national_organiser):
    client = client_for(national_organiser)
    client.post(reverse("editions:create"), EDITION_2027)
    changed = {**EDITION_2027, "axes": "Gestão\nFinanciamento", "state_start": "", "state_end": ""}
    assert client.post(reverse("editions:edit", args=[2027]), changed).status_code == 302
    edition = Edition.objects.get(year=2027)
    assert [a.title for a in edition.axes.all()] == ["Gestão", "Financiamento"]
    assert [w.level for w in edition.windows.all()] == ["municipal"]


def test_bad_input_is_said_at_the_field_and_nothing_is_saved(national_organiser):
    client = client_for(national_organiser)
    bad = {**EDITION_2027, "axes": " \n ", "year": "2025", "state_end": ""}
    response = client.post(reverse("editions:create"), bad)
    assert response.status_code == 400
    form = response.context["form"]
    assert "axes" in form.errors and "year" in form.errors
    assert not Edition.objects.filter(number=15).exists()
    half = {**EDITION_2027, "state_end": ""}
    response = client.post(reverse("editions:create"), half)
    assert response.context["form"].errors["state_end"] == [
        "Preencha as duas datas do período, ou nenhuma."
    ]
    assert not Edition.objects.filter(year=2027).exists()


def test_only_national_organisers_write_editions(state_organiser, national_member):
    for user in (state_organiser, national_member):
        client = client_for(user)
        assert client.get(reverse("editions:list")).status_code == 200
        assert client.post(reverse("editions:create"), EDITION_2027).status_code == 403
        assert client.get(reverse("editions:edit", args=[2025])).status_code == 403
    assert not Edition.objects.filter(year=2027).exists()


def test_the_2023_edition_lists_its_windows_as_not_informed(national_member):
    """DOMAIN.md §2 gives the windows of 2021 and 2025 only: 2023 says so."""
    html = client_for(national_member).get(reverse("editions:list")).content.decode()
    section = html[html.index('id="edition-2023"') : html.index('id="edition-2021"')]
    assert section.count("não informado") == 4
    assert "31/03/2025" in html


CALENDAR_MG = {
    "municipal_start": "2025-04-01",
    "municipal_end": "2025-06-30",
    "conference_start": "2025-09-10",
    "conference_end": "2025-09-12",
    "handover_deadline": "2025-07-31",
    "report_deadline": "2025-08-15",
}


def test_the_state_council_sets_its_calendar_and_it_is_audited(state_organiser, mg):
    client = client_for(state_organiser)
    url = reverse("editions:state", args=[2025, "mg"])
    assert client.get(url).status_code == 200
    assert client.post(url, CALENDAR_MG).status_code == 302
    calendar = StateCalendar.objects.get(state=mg)
    assert calendar.window(Level.MUNICIPAL) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    assert AuditEntry.objects.filter(object_id=str(calendar.pk), action="create").exists()
    html = client.get(reverse("editions:list")).content.decode()
    assert "01/04/2025 – 30/06/2025" in html


def test_a_window_outside_the_national_one_is_refused_at_the_field(state_organiser, mg):
    client = client_for(state_organiser)
    url = reverse("editions:state", args=[2025, "MG"])
    response = client.post(url, {**CALENDAR_MG, "municipal_end": "2025-07-20"})
    assert response.status_code == 400
    assert "31/03/2025 a 11/07/2025" in response.context["form"].errors["municipal_end"][0]
    assert not StateCalendar.objects.exists()


def test_who_reads_the_state_but_does_not_organise_gets_403_others_404(
    state_member, organiser, national_organiser
):
    url = reverse("editions:state", args=[2025, "MG"])
    assert client_for(state_member).get(url).status_code == 403
    assert client_for(organiser).get(url).status_code == 404
    # the national council reads every state but sets no state's calendar
    assert client_for(national_organiser).post(url, CALENDAR_MG).status_code == 403
    assert (
        client_for(state_member).get(reverse("editions:state", args=[2025, "XX"])).status_code
        == 404
    )


def test_municipal_conferences_are_warned_by_the_state_window(state_organiser, make_conference, mg):
    """DOMAIN.md §2: "Municipalities sometimes hold theirs late: the software warns, it
    does not forbid" — against the state's own window when its council set one."""
    from plenaria.conferences.selectors import conference_warnings

    conference = make_conference(start_date=dt.date(2025, 7, 5), end_date=dt.date(2025, 7, 5))
    assert conference_warnings(conference) == []  # inside the national 31/03–11/07
    client_for(state_organiser).post(reverse("editions:state", args=[2025, "MG"]), CALENDAR_MG)
    (warning,) = conference_warnings(conference)
    assert "conselho estadual de Minas Gerais" in warning and "30/06/2025" in warning
