"""Issue 21, items 10 and 11: the check-in desk opens on the current shift and shows
accessibility needs; phones read the Brazilian way; cancelling is quieter than editing
and asked twice; counts take the plural; the confirmation page says when and where;
"not yet" certificates are news, not errors; dates are typed dd/mm/aaaa."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone, translation

from plenaria.conferences.models import ConferenceRole, Shift
from plenaria.conferences.rules import PastConference, periodicity_warnings
from plenaria.conftest import client_for, make_user
from plenaria.core.forms import DateInput
from plenaria.participants import rules, selectors, services
from plenaria.participants.models import Registration
from plenaria.participants.tests.conftest import person_data, registration_data

TZ = dt.timezone(dt.timedelta(hours=-3))


def _shift(day, start, end, name="Turno"):
    return Shift(name=name, date=day, start_time=dt.time(start), end_time=dt.time(end))


DAY1, DAY2 = dt.date(2025, 6, 10), dt.date(2025, 6, 11)
SHIFTS = [
    _shift(DAY1, 8, 12, "d1 manhã"),
    _shift(DAY1, 13, 18, "d1 tarde"),
    _shift(DAY2, 8, 12, "d2 manhã"),
    _shift(DAY2, 13, 18, "d2 tarde"),
]


def _at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (_at(DAY1, 9), "d1 manhã"),  # the shift whose time includes now
        (_at(DAY1, 7), "d1 manhã"),  # before the day starts: the next one today
        (_at(DAY1, 12, 30), "d1 tarde"),  # lunch: the next one today
        (_at(DAY1, 20), "d1 tarde"),  # evening: the last one over, not tomorrow's
        (_at(DAY2, 20), "d2 tarde"),  # after the conference: the last one
        (_at(dt.date(2025, 6, 12), 9), "d2 tarde"),
        (_at(dt.date(2025, 6, 1), 9), "d1 manhã"),  # still to come: the first
    ],
)
def test_the_current_shift_is_now_else_next_today_else_last_over(now, expected):
    assert selectors.shift_at(SHIFTS, now).name == expected


def test_no_shift_no_current_shift():
    assert selectors.shift_at([], _at(DAY1, 9)) is None


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("38999991234", "(38) 99999-1234"),
        ("3832211234", "(38) 3221-1234"),
        ("", ""),
        ("12345", "12345"),  # not a phone of ours (an old import): as it is
    ],
)
def test_phones_read_the_brazilian_way(stored, shown):
    assert rules.format_phone(stored) == shown


# --- pages ------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_shifts(open_conference):
    day = open_conference.start_date
    return [
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


@pytest.fixture
def desk_at(monkeypatch):
    """The desk's clock set to a moment of the conference."""
    real = timezone.localtime

    def set_to(moment):
        def fake(value=None, timezone=None):
            return moment if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localtime", fake)

    return set_to


@pytest.fixture
def desk_staff(open_conference):
    user = make_user("Recepção")
    ConferenceRole.objects.create(
        conference=open_conference, user=user, role=ConferenceRole.Role.CHECKIN
    )
    return user


def _register(conference, name, **extra):
    return services.registration_create(
        actor=None,
        conference=conference,
        origin=Registration.Origin.ONLINE,
        person_data=person_data(cpf=None, name=name, phone="38999991234", email=""),
        data=registration_data(**extra),
    )


def test_the_desk_opens_on_the_shift_happening_now(
    open_conference, day_shifts, desk_staff, desk_at
):
    morning, afternoon, _next_day = day_shifts
    desk_at(_at(open_conference.start_date, 10))
    url = reverse("participants:credentialing", args=[open_conference.pk])
    assert client_for(desk_staff).get(url).context["shift"] == morning
    # In the evening the desk still counts the afternoon, not tomorrow's zeros.
    desk_at(_at(open_conference.start_date, 20))
    assert client_for(desk_staff).get(url).context["shift"] == afternoon


def test_the_desk_shows_accessibility_needs_when_searching_and_confirming(
    open_conference, day_shifts, desk_staff
):
    person = _register(
        open_conference,
        "Maria Souza",
        accessibility_needs=["libras", "mobility"],
        accessibility_other="Cadeira perto do palco",
    )
    _register(open_conference, "Mário Lima", accessibility_needs=[])
    client = client_for(desk_staff)
    url = reverse("participants:credentialing", args=[open_conference.pk])
    page = client.get(url, {"q": "Souza", "turno": day_shifts[0].pk}).content.decode()
    assert "Acessibilidade: Intérprete de Libras; Mobilidade reduzida; Cadeira perto do palco" in (
        page
    )
    page = client.get(url, {"q": "Lima", "turno": day_shifts[0].pk}).content.decode()
    assert "Acessibilidade:" not in page

    confirmed = client.post(
        reverse("participants:credentialing_confirm", args=[open_conference.pk]),
        {"code": person.code, "turno": day_shifts[0].pk},
        follow=True,
    )
    said = [str(m) for m in confirmed.context["messages"]]
    assert any(
        m.startswith("Necessidades de acessibilidade de Maria Souza: Intérprete de Libras")
        for m in said
    )
    # Also in the desk's own list of who it just credentialed.
    assert "Acessibilidade: Intérprete de Libras" in confirmed.content.decode()


def test_readers_of_the_conference_never_reach_the_desk(open_conference, state_member):
    url = reverse("participants:credentialing", args=[open_conference.pk])
    assert client_for(state_member).get(url).status_code == 403


def test_the_list_shows_phones_formatted_and_cancelling_is_asked_twice(
    open_conference, organiser, state_member
):
    person = _register(open_conference, "Maria Souza")
    url = reverse("participants:list", args=[open_conference.pk])
    page = client_for(organiser).get(url).content.decode()
    assert "(38) 99999-1234" in page and "38999991234" not in page
    # Edit is a button; cancelling is a quiet disclosure whose button names the act.
    assert 'class="plenaria-danger-zone"><summary>Cancelar inscrição…' in page
    assert "Cancelar a inscrição de Maria Souza?" in page
    assert "Sim, cancelar a inscrição" in page
    assert ">Cancelar<span" not in page
    masked = client_for(state_member).get(url).content.decode()
    assert "(38) *****-1234" in masked and "99999-1234" not in masked
    assert Registration.objects.get(pk=person.pk).status == Registration.Status.CONFIRMED


def test_counts_take_the_plural(open_conference, organiser):
    _register(open_conference, "Maria Souza")
    url = reverse("participants:list", args=[open_conference.pk])
    page = client_for(organiser).get(url).content.decode()
    assert "<strong>1</strong> inscrito(a)" in page
    assert "<strong>1</strong> Delegado(a)" in page
    assert "<strong>0</strong> Convidado(a)" in page  # pt-BR: zero takes the singular
    _register(open_conference, "Mário Lima")
    page = client_for(organiser).get(url).content.decode()
    assert "<strong>2</strong> inscritos(as)" in page
    assert "<strong>2</strong> Delegados(as)" in page


def test_the_years_between_conferences_take_the_plural():
    def held(year):
        return PastConference(start=dt.date(year, 6, 1), nature="ordinary")

    with translation.override("pt-br"):
        one = periodicity_warnings(dt.date(2025, 6, 1), "extraordinary", [held(2024)])
        yearly = periodicity_warnings(
            dt.date(2025, 6, 1), "ordinary", [held(2023)], council_period=1
        )
    assert "há 1 ano;" in one[0] and "ano(s)" not in one[0]
    assert "há 2 anos; o conselho realiza suas conferências todo ano." in yearly[0]


def test_the_confirmation_says_when_where_and_how_to_keep_the_code(open_conference):
    open_conference.venue_name = "Centro Cultural Hermes de Paula"
    open_conference.venue_address = "Rua Coronel Celestino, 75"
    open_conference.save()
    without = _register(open_conference, "Maria Souza")
    page = client_for(None).get(reverse("participants:confirmation", args=[without.code]))
    html = page.content.decode()
    assert "10 de junho de 2025 a 11 de junho de 2025" in html
    assert "Centro Cultural Hermes de Paula" in html and "Rua Coronel Celestino, 75" in html
    assert "você não informou e-mail" in html and "informou um e-mail" not in html
    assert "enviamos" not in html

    with_email = services.registration_create(
        actor=None,
        conference=open_conference,
        origin=Registration.Origin.ONLINE,
        person_data=person_data(cpf=None, name="Rita", email="rita@exemplo.org"),
        data=registration_data(),
    )
    html = (
        client_for(None)
        .get(reverse("participants:confirmation", args=[with_email.code]))
        .content.decode()
    )
    assert "Nós também o enviamos para o e-mail que você informou." in html
    assert "rita@exemplo.org" not in html  # anyone with the code sees this page


def test_a_certificate_not_yet_issued_is_news_not_an_error(open_conference):
    person = _register(open_conference, "Maria Souza")
    response = client_for(None).get(
        reverse("participants:certificates"), {"inscricao": person.code}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="br-message info" role="status"' in html
    assert "Os certificados são emitidos após a conferência." in html
    assert 'aria-invalid="true"' not in html and 'role="alert"' not in html


class _DateForm(forms.Form):
    on = forms.DateField(widget=DateInput())


@pytest.mark.parametrize("language", ["pt-br", "en"])
def test_dates_are_typed_day_first_in_any_language(language):
    with translation.override(language):
        form = _DateForm({"on": "03/04/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["on"] == dt.date(2025, 4, 3)
        # An old client (or a browser date picker) sends ISO: still accepted.
        old = _DateForm({"on": "2025-04-03"})
        assert old.is_valid() and old.cleaned_data["on"] == dt.date(2025, 4, 3)


def test_a_wrong_date_is_refused_at_its_field_and_shown_as_typed():
    with translation.override("pt-br"):
        form = _DateForm({"on": "31/02/2025"})
        assert not form.is_valid()
        assert form.errors["on"] == ["Informe uma data válida."]
        assert 'value="31/02/2025"' in str(form["on"])
        assert not _DateForm({"on": "10/06/2025\x00"}).is_valid()


def test_every_date_field_shows_dd_mm_aaaa(open_conference, organiser):
    page = client_for(organiser).get(reverse("conferences:edit", args=[open_conference.pk]))
    html = page.content.decode()
    assert 'type="date"' not in html
    assert 'name="start_date" value="10/06/2025"' in html
    assert 'placeholder="dd/mm/aaaa"' in html and 'inputmode="numeric"' in html
