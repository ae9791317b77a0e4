"""Issue 21, items 10 and 11 in the browser: the desk opens on the shift happening now
and shows a person's accessibility needs; the list's phones read the Brazilian way and
cancelling asks twice; the public confirmation says when and where, and how to keep
the code without an e-mail; a birth date is typed dd/mm/aaaa."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from plenaria.conferences.models import ConferenceRole, Shift
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, make_user
from plenaria.participants import services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture
def afternoon_of_day_one(open_conference, monkeypatch):
    """The conference's first day at 14h, with its morning and afternoon shifts and the
    next day's morning: the desk must open on the afternoon."""
    day = open_conference.start_date
    shifts = [
        Shift.objects.create(
            conference=open_conference,
            name=name,
            date=d,
            start_time=dt.time(a),
            end_time=dt.time(b),
        )
        for name, d, a, b in [
            ("Manhã", day, 8, 12),
            ("Tarde", day, 13, 18),
            ("Manhã do dia 2", day + dt.timedelta(days=1), 8, 12),
        ]
    ]
    from django.utils import timezone

    real = timezone.localtime
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(14)))

    def at_two(value=None, timezone=None):
        return moment if value is None else real(value, timezone)

    # The live server runs in this process: its desk reads the same clock.
    monkeypatch.setattr("django.utils.timezone.localtime", at_two)
    return shifts


def _register(conference, name, **extra):
    return services.registration_create(
        actor=None,
        conference=conference,
        origin=Registration.Origin.ONLINE,
        person_data=person_data(cpf=None, name=name, phone="3832211234", email=""),
        data=registration_data(**extra),
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_the_desk_opens_on_the_current_shift_and_shows_accessibility_needs(
    new_page, open_conference, afternoon_of_day_one, width
):
    morning, afternoon, _next = afternoon_of_day_one
    desk = make_user("Recepção")
    ConferenceRole.objects.create(
        conference=open_conference, user=desk, role=ConferenceRole.Role.CHECKIN
    )
    person = _register(
        open_conference,
        "Maria Souza",
        accessibility_needs=["libras"],
        accessibility_other="Cadeira perto do palco",
    )
    early = _register(open_conference, "Mário Lima", accessibility_needs=[])
    services.checkin(actor=None, registration=early, shift=morning)

    page = new_page(desk, width=width, height=740 if width == 360 else 900)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/credenciamento/")
    expect(page.get_by_role("combobox", name="Turno")).to_have_value(str(afternoon.pk))
    # The afternoon has started with nobody yet: zero, not the morning's one.
    expect(page.get_by_role("list", name="Presentes neste turno")).to_contain_text("0 presente")

    page.get_by_label("Nome, código ou CPF").fill("Souza")
    page.get_by_role("button", name="Buscar").click()
    expect(
        page.get_by_text("Acessibilidade: Intérprete de Libras; Cadeira perto do palco")
    ).to_be_visible()
    assert_no_horizontal_scroll(page)
    check_accessibility(page, f"desk-search-{width}")

    code = page.get_by_label("Código de inscrição (leitor de QR ou digitado)")
    code.fill(person.code)
    code.press("Enter")
    expect(page.get_by_text("Maria Souza credenciado(a)", exact=False)).to_be_visible()
    expect(
        page.get_by_text(
            "Necessidades de acessibilidade de Maria Souza: Intérprete de Libras; "
            "Cadeira perto do palco"
        )
    ).to_be_visible()
    expect(page.get_by_role("list", name="Presentes neste turno")).to_contain_text("1 presente")
    assert person.checkins.get().shift == afternoon
    assert_no_horizontal_scroll(page)
    check_accessibility(page, f"desk-confirmed-{width}")


def test_the_list_formats_phones_and_asks_before_cancelling(new_page, open_conference, organiser):
    person = _register(open_conference, "Maria Souza")
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    row = page.get_by_role("row").filter(has_text="Maria Souza")
    expect(row).to_contain_text("(38) 3221-1234")
    expect(page.get_by_role("button", name="Sim, cancelar a inscrição")).to_be_hidden()
    row.get_by_text("Cancelar inscrição…").click()
    expect(row).to_contain_text("Cancelar a inscrição de Maria Souza?")
    check_accessibility(page, "registration-list-cancel-open")
    row.get_by_role("button", name="Sim, cancelar a inscrição").click()
    expect(page.get_by_text(f"Inscrição {person.code} cancelada.")).to_be_visible()
    person.refresh_from_db()
    assert person.status == Registration.Status.CANCELLED


def test_the_confirmation_says_when_where_and_how_to_keep_the_code(new_page, open_conference):
    open_conference.venue_name = "Centro Cultural Hermes de Paula"
    open_conference.venue_address = "Rua Coronel Celestino, 75 — Montes Claros/MG"
    open_conference.save()
    page = new_page(width=360, height=740)
    page.goto(f"/conferencias/{open_conference.pk}/inscricao/")
    page.get_by_label("Nome completo").fill("Maria das Dores")
    page.get_by_label("Telefone (com DDD)").fill("(38) 99876-5432")
    birth = page.get_by_label("Data de nascimento")
    expect(birth).to_have_attribute("placeholder", "dd/mm/aaaa")
    birth.fill("01/05/1980")
    page.get_by_label("Usuário(a) dos serviços").check()
    page.get_by_label("Delegado(a)").check()
    page.get_by_label("Concordo", exact=False).check()
    page.get_by_role("button", name="Inscrever-me").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrição confirmada")
    registration = Registration.objects.get()
    assert registration.birth_date == dt.date(1980, 5, 1)
    expect(page.get_by_text("10 de junho de 2025 a 11 de junho de 2025")).to_be_visible()
    expect(page.get_by_text("Centro Cultural Hermes de Paula")).to_be_visible()
    expect(page.get_by_text("você não informou e-mail", exact=False)).to_be_visible()
    expect(page.get_by_text("informou um e-mail", exact=False)).to_have_count(0)
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "confirmation-when-where-360")
