"""The council's law and seats, and its members on its own page (issue 23, item 4)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conftest import client_for, make_council_member
from plenaria.core.models import AuditEntry
from plenaria.territory import selectors, services
from plenaria.territory.models import Council, CouncilMember, CouncilSeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(montes_claros):
    return Council.objects.get(municipality=montes_claros)


def _member(council, **extra):
    values = {
        "name": "Maria Conselheira",
        "role": "councillor",
        "sector": "civil_society",
        "segment": "users",
        "seat": "titular",
        "term_start": dt.date(2024, 1, 1),
        "term_end": dt.date(2025, 12, 31),
        "act": "Eleita na 14ª Conferência",
        **extra,
    }
    return services.council_member_add(actor=None, council=council, **values)


def test_the_law_and_seats_are_saved_per_segment_and_audited(council, organiser):
    services.council_seats_set(
        actor=organiser,
        council=council,
        law="Lei municipal nº 1.234/2012,  art. 5º",
        seats={"users": (2, 2), "workers": (1, 1), "entities": (1, 1)},
    )
    council.refresh_from_db()
    assert council.law == "Lei municipal nº 1.234/2012, art. 5º"
    assert selectors.council_seats(council) == {
        "users": (2, 2),
        "workers": (1, 1),
        "entities": (1, 1),
    }
    # again with one change: updated, never a second row
    services.council_seats_set(
        actor=organiser, council=council, law=council.law, seats={"users": (3, 3)}
    )
    assert CouncilSeat.objects.filter(council=council).count() == 3
    assert selectors.council_seats(council)["users"] == (3, 3)
    assert AuditEntry.objects.filter(context=f"council:{council.pk}").count() == 5


def test_seats_need_the_law_and_sensible_numbers(council):
    with pytest.raises(ValidationError) as error:
        services.council_seats_set(actor=None, council=council, law=" ", seats={"users": (2, 2)})
    assert "Informe a lei" in str(error.value)
    with pytest.raises(ValidationError, match="Entre 0 e 30"):
        services.council_seats_set(
            actor=None, council=council, law="Lei 1", seats={"users": (31, 0)}
        )
    assert not CouncilSeat.objects.exists()


def test_members_are_added_edited_and_their_term_ended(council):
    member = _member(council)
    services.council_member_update(actor=None, member=member, name="Maria da Silva")
    member.refresh_from_db()
    assert member.name == "Maria da Silva"
    services.council_member_end_term(actor=None, member=member, term_end=dt.date(2024, 6, 30))
    member.refresh_from_db()
    assert member.term_end == dt.date(2024, 6, 30)
    assert member in selectors.council_members(council).past
    assert (
        AuditEntry.objects.filter(object_id=member.pk, context=f"council:{council.pk}").count() == 3
    )


@pytest.mark.parametrize(
    "extra, field, message",
    [
        ({"sector": "government"}, "segment", "não têm segmento"),
        ({"segment": ""}, "segment", "Escolha o segmento"),
        ({"term_end": dt.date(2023, 1, 1)}, "term_end", "não pode terminar antes"),
        ({"name": "   "}, "name", "não pode estar vazio"),
    ],
)
def test_a_wrong_member_is_refused_at_the_field(council, extra, field, message):
    with pytest.raises(ValidationError) as error:
        _member(council, **extra)
    assert field in error.value.error_dict
    assert message in str(error.value)
    assert not CouncilMember.objects.filter(name="Maria Conselheira").exists()


def test_writing_the_same_source_twice_adds_nobody_twice(council):
    row = {
        "source": "council-election:1",
        "name": "Ana",
        "role": "councillor",
        "sector": "civil_society",
        "segment": "users",
        "seat": "titular",
        "term_start": dt.date(2026, 1, 1),
        "term_end": dt.date(2027, 12, 31),
        "act": "Eleita",
    }
    assert services.council_members_write(actor=None, council=council, members=[row]) == (1, 0)
    assert services.council_members_write(actor=None, council=council, members=[row]) == (0, 1)
    assert CouncilMember.objects.filter(council=council, name="Ana").count() == 1


# ------------------------------------------------------------------------------ views


def _page(council):
    return reverse("territory:council_settings", args=[council.pk])


def test_the_page_lists_current_and_past_members(council, organiser):
    _member(council, name="Atual", term_end=None)
    _member(council, name="Antiga", term_start=dt.date(2020, 1, 1), term_end=dt.date(2021, 12, 31))
    page = client_for(organiser).get(_page(council)).content.decode()
    assert "Atual" in page and "Antiga" in page
    assert page.index("Atual") < page.index("Mandatos anteriores") < page.index("Antiga")


def test_the_organiser_sets_the_seats_on_the_page(council, organiser):
    data = {"seats-law": "Lei nº 9/2010"}
    for segment in ("users", "workers", "entities"):
        data[f"seats-t_{segment}"], data[f"seats-s_{segment}"] = "2", "1"
    response = client_for(organiser).post(
        reverse("territory:council_seats", args=[council.pk]), data
    )
    assert response.status_code == 302
    assert selectors.council_seats(council)["workers"] == (2, 1)


def test_a_bad_seat_number_shows_at_the_field(council, organiser):
    data = {"seats-law": "Lei", "seats-t_users": "abc"}
    response = client_for(organiser).post(
        reverse("territory:council_seats", args=[council.pk]), data
    )
    assert response.status_code == 200
    assert "Informe um número inteiro" in response.content.decode()
    assert not CouncilSeat.objects.exists()


def test_the_organiser_adds_edits_and_ends_a_member(council, organiser):
    client = client_for(organiser)
    response = client.post(
        reverse("territory:council_member_add", args=[council.pk]),
        {
            "m-name": "Joana",
            "m-role": "councillor",
            "m-sector": "civil_society",
            "m-segment": "workers",
            "m-seat": "suplente",
            "m-term_start": "2026-01-01",
            "m-term_end": "",
            "m-act": "Decreto 1",
        },
    )
    assert response.status_code == 302
    joana = CouncilMember.objects.get(name="Joana")
    edit = reverse("territory:council_member_edit", args=[council.pk, joana.pk])
    assert client.get(edit).status_code == 200
    data = {
        "name": "Joana Lima",
        "role": "councillor",
        "sector": "civil_society",
        "segment": "workers",
        "seat": "titular",
        "term_start": "2026-01-01",
        "act": "Decreto 1",
    }
    assert client.post(edit, data).status_code == 302
    joana.refresh_from_db()
    assert (joana.name, joana.seat) == ("Joana Lima", "titular")
    end = reverse("territory:council_member_end_term", args=[council.pk, joana.pk])
    assert client.post(end, {"end-term_end": "2026-06-30"}).status_code == 302
    joana.refresh_from_db()
    assert joana.term_end == dt.date(2026, 6, 30)


def test_a_wrong_member_shows_the_message_at_the_field(council, organiser):
    response = client_for(organiser).post(
        reverse("territory:council_member_add", args=[council.pk]),
        {
            "m-name": "Zé",
            "m-role": "councillor",
            "m-sector": "civil_society",
            "m-term_start": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "Escolha o segmento" in response.content.decode()
    assert not CouncilMember.objects.filter(name="Zé").exists()


def test_another_councils_staff_never_sees_or_changes_the_members(council, outsider):
    member = _member(council)
    client = client_for(outsider)
    assert client.get(_page(council)).status_code == 404
    edit = reverse("territory:council_member_edit", args=[council.pk, member.pk])
    assert client.get(edit).status_code == 404
    assert (
        client.post(
            reverse("territory:council_member_end_term", args=[council.pk, member.pk]),
            {"end-term_end": "2026-06-30"},
        ).status_code
        == 404
    )
    # nor through their own council's URL
    own = outsider.council_memberships.get().council
    assert (
        client.get(reverse("territory:council_member_edit", args=[own.pk, member.pk])).status_code
        == 404
    )


def test_a_member_without_the_organiser_role_reads_the_members_only(council):
    member = _member(council)
    services.council_seats_set(
        actor=None, council=council, law="Lei nº 77/2001", seats={"workers": (3, 2)}
    )
    reader = client_for(make_council_member(council, organiser=False))
    page = reader.get(_page(council)).content.decode()
    assert "Maria Conselheira" in page and "Lei nº 77/2001" in page
    assert 'name="seats-law"' not in page and "<td>3</td><td>2</td>" in page
    assert (
        reader.post(
            reverse("territory:council_member_add", args=[council.pk]), {"m-name": "X"}
        ).status_code
        == 403
    )
    assert (
        reader.post(
            reverse("territory:council_member_end_term", args=[council.pk, member.pk]),
            {"end-term_end": "2026-06-30"},
        ).status_code
        == 403
    )


def test_a_member_with_an_account_keeps_the_term_and_role_the_administrator_gave(
    montes_claros,
):
    """Their term gives access to the council's pages: the page never changes it, or an
    organiser could give an ex-organiser their access back, or lock another out."""
    user = make_council_member(montes_claros.council, organiser=True)
    holder = montes_claros.council.members.get(user=user)
    with pytest.raises(ValidationError, match="administrador"):
        services.council_member_update(actor=None, member=holder, term_end=dt.date(2024, 6, 1))
    with pytest.raises(ValidationError, match="administrador"):
        services.council_member_end_term(actor=None, member=holder, term_end=dt.date(2024, 6, 1))
    services.council_member_update(actor=None, member=holder, act="Portaria nº 12/2024")
    holder.refresh_from_db()
    assert holder.term_end is None and holder.act == "Portaria nº 12/2024"


def test_seats_all_zero_need_no_law(montes_claros):
    council = montes_claros.council
    services.council_seats_set(
        actor=None, council=council, law="", seats={"users": (0, 0), "workers": (0, 0)}
    )
    with pytest.raises(ValidationError, match="lei"):
        services.council_seats_set(actor=None, council=council, law="", seats={"users": (1, 0)})


# ------------------------------------------------------------------------- the law's seats


def _law(council, **seats):
    services.council_seats_set(actor=None, council=council, law="Lei nº 1/2012", seats=seats)


def test_members_never_outnumber_the_seats_the_law_gives_in_a_term(council):
    _law(council, users=(1, 1))
    _member(council, name="Ana")  # titular 2024–2025
    with pytest.raises(ValidationError, match="Ana") as refused:
        _member(council, name="Bia", term_start=dt.date(2025, 6, 1))
    assert "seat" in refused.value.message_dict
    # the next term, once Ana's has ended; and the suplente seat is counted apart
    _member(council, name="Bia", term_start=dt.date(2026, 1, 1), term_end=dt.date(2027, 12, 31))
    _member(council, name="Caio", seat="suplente")
    # a segment whose seats the council has not typed is not checked
    _member(council, name="Dora", segment="workers")
    _member(council, name="Edu", segment="workers")
    assert CouncilMember.objects.filter(council=council).count() == 5


def test_moving_a_member_into_a_full_seat_is_refused(council):
    _law(council, users=(1, 1))
    _member(council, name="Ana")
    caio = _member(council, name="Caio", seat="suplente")
    with pytest.raises(ValidationError, match="Ana"):
        services.council_member_update(actor=None, member=caio, seat="titular")
    caio.refresh_from_db()
    assert caio.seat == "suplente"


def test_an_election_written_over_a_full_segment_writes_nobody(council):
    _law(council, users=(1, 1))
    _member(council, name="Ana", term_start=dt.date(2026, 1, 1), term_end=dt.date(2027, 12, 31))
    rows = [
        {
            "source": f"council-election:{n}",
            "name": name,
            "role": "councillor",
            "sector": "civil_society",
            "segment": "users",
            "seat": seat,
            "term_start": dt.date(2026, 1, 1),
            "term_end": dt.date(2027, 12, 31),
            "act": "Eleita",
        }
        for n, (name, seat) in enumerate([("Gil", "suplente"), ("Ivo", "titular")])
    ]
    with pytest.raises(ValidationError, match="Ana"):
        services.council_members_write(actor=None, council=council, members=rows)
    assert not CouncilMember.objects.filter(name__in=["Gil", "Ivo"]).exists()
    # two elected titulares for the one seat of a later term: refused too
    for row in rows:
        row.update(seat="titular", term_start=dt.date(2028, 1, 1), term_end=dt.date(2029, 12, 31))
    with pytest.raises(ValidationError, match="Ivo"):
        services.council_members_write(actor=None, council=council, members=rows)
    assert not CouncilMember.objects.filter(name__in=["Gil", "Ivo"]).exists()


def test_a_full_seat_shows_at_the_field_on_the_page(council, organiser):
    _law(council, users=(1, 0))
    _member(council, name="Ana", term_end=None)
    response = client_for(organiser).post(
        reverse("territory:council_member_add", args=[council.pk]),
        {
            "m-name": "Zé",
            "m-role": "councillor",
            "m-sector": "civil_society",
            "m-segment": "users",
            "m-seat": "titular",
            "m-term_start": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "1 vaga de titular, ocupada nesse mandato por: Ana" in response.content.decode()
    assert not CouncilMember.objects.filter(name="Zé").exists()


def test_a_replacement_never_crowds_the_seat_it_takes_over(council):
    _law(council, users=(2, 1))
    _member(council, name="Xavier", term_start=dt.date(2024, 1, 1), term_end=dt.date(2024, 6, 30))
    _member(council, name="Yara", term_start=dt.date(2024, 7, 1), term_end=None)
    # never more than two at once: Xavier then Yara, beside Zoe
    _member(council, name="Zoe", term_start=dt.date(2024, 1, 1), term_end=None)
    # the suplente seat handed over on the day the term ends
    _member(council, name="Ada", seat="suplente", term_end=dt.date(2025, 3, 1))
    _member(council, name="Bel", seat="suplente", term_start=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError, match="Yara, Zoe"):
        _member(council, name="Caio", term_start=dt.date(2025, 1, 1))
