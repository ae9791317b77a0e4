"""Staff turn the attendance lists of the conference's pre-conferences into
registrations: tick people, keep or change segment and category, read what was
registered and what was left aside, on a desktop and on a phone at the desk."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from plenaria.conferences.services import preparatory_event_save
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.participants import services
from plenaria.participants.models import Registration
from plenaria.participants.rules import cpf_with_digits
from plenaria.participants.tests.conftest import person_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _event(conference, organiser, title, days_before):
    return preparatory_event_save(
        actor=organiser,
        conference=conference,
        data={
            "kind": "pre_conference",
            "title": title,
            "date": conference.start_date - dt.timedelta(days=days_before),
            "start_time": dt.time(8),
            "end_time": dt.time(12),
            "place": "CRAS",
            "territory_kind": "cras_area",
            "territory": title.removeprefix("Pré-conferência "),
            "team": "Equipe do CRAS",
        },
    )


def _attend(event, organiser, name, phone, segment="users", cpf=None):
    return services.attendance_add(
        actor=organiser,
        event=event,
        person_data=person_data(name=name, phone=phone, email="", cpf=cpf),
        data={"segment": segment, "organisation": ""},
    )


def test_staff_register_pre_conference_attendees(new_page, organiser, open_conference):
    santos = _event(open_conference, organiser, "Pré-conferência CRAS Santos Reis", 20)
    rural = _event(open_conference, organiser, "Pré-conferência Zona Rural", 10)
    cida = _attend(santos, organiser, "Dona Cida Gomes", "38999990001")
    _attend(santos, organiser, "Seu Tião Ferreira", "38999990002")
    _attend(santos, organiser, "Edilene Rocha", "38999990003", segment="workers")
    services.delegates_elect(actor=organiser, event=santos, attendances=[cida], substitute=False)
    cpf = cpf_with_digits("111444777")
    _attend(santos, organiser, "Lurdes Araújo", "38999990004", cpf=cpf)
    _attend(rural, organiser, "Lurdes Araújo Souza", "38999990004", cpf=cpf)
    _attend(rural, organiser, "Raimundo Nonato", "38999990005")

    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    page.get_by_role("link", name="Das pré-conferências").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Inscrever participantes das pré-conferências"
    )
    # The elected delegate is there, registered already: no box to tick.
    santos_list = page.get_by_role(
        "region", name="Lista de presença: Pré-conferência CRAS Santos Reis"
    )
    expect(santos_list).to_contain_text("Já inscrita")
    expect(santos_list).to_contain_text("eleita em uma pré-conferência")
    expect(page.get_by_role("checkbox", name="Dona Cida Gomes")).to_have_count(0)
    # Segment from the list, guest offered first.
    expect(page.get_by_label("Segmento de Edilene Rocha")).to_have_value("workers")
    expect(page.get_by_label("Categoria de Edilene Rocha")).to_have_value("guest")
    check_accessibility(page, "from-attendance")

    page.get_by_role("checkbox", name="Seu Tião Ferreira").check()
    page.get_by_label("Categoria de Seu Tião Ferreira").select_option(label="Delegado(a)")
    page.get_by_role("checkbox", name="Edilene Rocha").check()
    page.get_by_role("checkbox", name="Lurdes Araújo", exact=True).check()
    # the same CPF on the other list
    page.get_by_role("checkbox", name="Lurdes Araújo Souza").check()
    page.get_by_role("button", name="Inscrever as pessoas marcadas").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Participantes das pré-conferências inscritos"
    )
    expect(page.get_by_text("3 pessoas inscritas.")).to_be_visible()
    skipped = page.get_by_role("region", name="Deixadas de lado, e por quê")
    expect(skipped).to_contain_text("Lurdes Araújo Souza")
    expect(skipped).to_contain_text("Marcada duas vezes")
    check_accessibility(page, "from-attendance-result")
    tiao = Registration.objects.get(conference=open_conference, name="Seu Tião Ferreira")
    assert (tiao.category, tiao.segment, tiao.origin) == ("delegate", "users", "attendance")
    assert Registration.objects.filter(conference=open_conference).count() == 4

    # On a phone at the desk: the rest of the rural list, ticked with one link.
    phone = new_page(organiser, width=360, height=740)
    phone.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/pre-conferencias/")
    rural_list = phone.get_by_role("region", name="Lista de presença: Pré-conferência Zona Rural")
    expect(rural_list).to_contain_text("Já inscrita")  # Lurdes, by her CPF
    phone.get_by_role("link", name="Marcar todos desta lista que não estão inscritos").last.click()
    expect(phone.get_by_role("checkbox", name="Raimundo Nonato")).to_be_checked()
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "from-attendance-360")
    phone.get_by_role("button", name="Inscrever as pessoas marcadas").click()
    expect(phone.get_by_text("1 pessoa inscrita.")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "from-attendance-result-360")
    assert Registration.objects.filter(conference=open_conference).count() == 5
