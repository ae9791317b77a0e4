"""An organiser runs a pré-conferência: creates it, fills the attendance list and
records the delegates it elected."""

import re

import pytest
from playwright.sync_api import expect

from plenaria.conftest import check_accessibility
from plenaria.participants.models import Registration

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_preparatory_event_elects_delegates(new_page, organiser, open_conference):
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/")
    page.get_by_role("link", name="Eventos preparatórios").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eventos preparatórios")
    check_accessibility(page, "events")

    page.get_by_label("Título").fill("Pré-conferência Zona Rural")
    page.get_by_label("Data").fill("2025-05-20")
    page.get_by_label("Início").fill("08:00")
    page.get_by_label("Término").fill("07:00")
    page.get_by_label("Local").fill("Escola Municipal do Distrito")
    page.get_by_label("Tipo de território").select_option("rural_zone")
    page.get_by_label(re.compile(r"^Território")).fill("Distrito de Santa Rosa")
    page.get_by_label("Equipe responsável").fill("Equipe do CRAS Rural")
    page.get_by_role("button", name="Criar o evento").click()
    expect(page.get_by_text("O evento deve terminar depois de começar.")).to_be_visible()
    page.get_by_label("Término").fill("12:00")
    page.get_by_role("button", name="Criar o evento").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pré-conferência Zona Rural")

    for name, phone in (("Dona Cida", "38999990001"), ("Seu Tião", "38999990002")):
        page.get_by_label("Nome completo").fill(name)
        page.get_by_label("Telefone (com DDD)").fill(phone)
        page.get_by_role("radio", name="Usuário(a) dos serviços").check()
        page.get_by_label("A pessoa foi informada").check()
        page.get_by_role("button", name="Incluir na lista").click()
        expect(page.get_by_text(f"{name} está na lista de presença")).to_be_visible()
    check_accessibility(page, "event-detail")

    page.get_by_label("Eleito(a): Dona Cida").check()
    page.get_by_role("button", name="Inscrever as pessoas marcadas como delegados(as)").click()
    expect(page.get_by_text("1 delegados(as) inscritos(as) na conferência.")).to_be_visible()
    registration = Registration.objects.get(conference=open_conference)
    assert registration.name == "Dona Cida"
    assert registration.origin == Registration.Origin.PREPARATORY
    expect(page.get_by_role("region", name="Delegados(as) eleitos(as) (1)")).to_contain_text(
        "Dona Cida — titular"
    )


def test_someone_who_only_attended_has_their_data_erased_on_a_phone(
    new_page, organiser, open_conference
):
    from plenaria.conferences.models import PreparatoryEvent
    from plenaria.conftest import assert_no_horizontal_scroll
    from plenaria.participants import services
    from plenaria.participants.models import Attendance

    event = PreparatoryEvent.objects.create(
        conference=open_conference,
        kind="pre_conference",
        title="Pré-conferência CRAS Centro",
        date=open_conference.start_date,
        start_time="08:00",
        end_time="12:00",
        place="CRAS Centro",
        territory_kind="cras_area",
        territory="Centro",
        team="Equipe do CRAS",
    )
    services.attendance_add(
        actor=organiser,
        event=event,
        person_data={"name": "Dona Lurdes", "phone": "38999990003"},
        data={"segment": "users", "organisation": ""},
    )
    page = new_page(organiser, width=360, height=740)
    page.goto(f"/gestao/eventos/{event.pk}/")
    row = page.get_by_role("row").filter(has_text="Dona Lurdes")
    row.get_by_text("Dados pessoais (LGPD)").click()
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "event-personal-data-360")
    row.get_by_label("A pessoa pediu a eliminação").check()
    row.get_by_role("button", name="Eliminar dados pessoais").click()
    erased = Attendance.objects.get(event=event)
    expect(page.get_by_text(f"agora é a inscrição anônima {erased.code}")).to_be_visible()
    expect(page.get_by_text("Dona Lurdes")).to_have_count(0)
    assert erased.erased_at and erased.phone == ""
