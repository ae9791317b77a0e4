"""A person asks the council for their data and then for their erasure: the organiser
does both from the registrations list on a phone; the check-in desk cannot."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from plenaria.conferences.models import ConferenceRole
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, make_user
from plenaria.participants.models import Registration

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_the_organiser_exports_then_erases_a_persons_data(
    new_page, organiser, open_conference, registered
):
    person = registered[2]
    page = new_page(organiser, width=360, height=740)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/?q=participante+2")
    row = page.get_by_role("row").filter(has_text="Participante 2")
    row.get_by_text("Dados pessoais (LGPD)").click()
    check_accessibility(page, "personal-data-360")
    assert_no_horizontal_scroll(page)

    with page.expect_download() as download:
        row.get_by_role("link", name="Exportar os dados da pessoa").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["inscricao"]["nome"] == "Participante 2"

    # Without the tick nothing happens; with it the data go.
    row.get_by_role("button", name="Eliminar dados pessoais").click()
    expect(page.get_by_text("Marque a confirmação")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Participante 2")
    row.get_by_text("Dados pessoais (LGPD)").click()
    row.get_by_label("A pessoa pediu a eliminação").check()
    row.get_by_role("button", name="Eliminar dados pessoais").click()
    erased = Registration.objects.get(pk=person.pk)
    expect(page.get_by_text(f"agora é a inscrição anônima {erased.code}")).to_be_visible()
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/?q={erased.code}")
    expect(page.get_by_role("row").filter(has_text=erased.code)).to_contain_text(
        "Pessoa anonimizada"
    )
    expect(page.get_by_text("Participante 2")).to_have_count(0)
    check_accessibility(page, "personal-data-erased")


def test_the_check_in_desk_sees_contacts_but_no_export_or_erasure(
    new_page, open_conference, registered
):
    desk = make_user("desk")
    ConferenceRole.objects.create(
        conference=open_conference, user=desk, role=ConferenceRole.Role.CHECKIN
    )
    page = new_page(desk, width=360, height=740)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    expect(page.get_by_role("row").filter(has_text="Participante 0")).to_contain_text(
        registered[0].formatted_phone
    )
    expect(page.get_by_text("Dados pessoais (LGPD)")).to_have_count(0)
