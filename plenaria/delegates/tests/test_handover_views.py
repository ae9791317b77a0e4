import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plenaria.conferences.models import Conference
from plenaria.conftest import client_for
from plenaria.delegates import handover
from plenaria.delegates.models import Delegation, HandOver
from plenaria.delegates.tests.test_handover import LIST
from plenaria.participants.models import Registration
from plenaria.territory.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_table_sends_the_list_and_the_state_sees_it(
    state_conference, confirmed_list, organiser, state_organiser
):
    made = confirmed_list(LIST)
    conference = made[0].conference
    url = reverse("delegates:conference", args=[conference.pk])
    page = client_for(organiser).get(url).content.decode()
    assert "Enviar a lista para Conferência Estadual" in page
    send = reverse("delegates:send", args=[conference.pk])
    assert client_for(organiser).post(send).status_code == 302
    assert "Versão 1" in client_for(organiser).get(url).content.decode()

    state = client_for(state_organiser)
    received = reverse("delegates:received", args=[state_conference.pk])
    page = state.get(received).content.decode()
    assert "1 de 1 conferências enviaram sua lista: 2 titulares e 2 suplentes" in page
    assert "Montes Claros" in page
    sent = HandOver.objects.get()
    detail = reverse("delegates:received_detail", args=[state_conference.pk, sent.pk])
    page = state.get(detail).content.decode()
    assert "Ana" in page and "Gina" in page and "Confirmada apesar de" in page
    registrations = reverse("participants:list", args=[state_conference.pk])
    page = state.get(registrations).content.decode()
    assert "enviado(a) por Montes Claros (MG)" in page


def test_the_state_records_a_replacement_with_errors_at_the_fields(
    state_conference, confirmed_list, organiser, state_organiser
):
    made = confirmed_list(LIST)
    sent = handover.send(actor=organiser, conference=made[0].conference)
    ana, bia = (Delegation.objects.get(handover=sent, registration__name=n) for n in ("Ana", "Bia"))
    url = reverse("delegates:received_detail", args=[state_conference.pk, sent.pk])
    state = client_for(state_organiser)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = state.post(
        url, {"titular": ana.pk, "suplente": bia.pk, "on": tomorrow.isoformat(), "reason": "x"}
    )
    assert response.status_code == 200
    assert "A data não pode estar no futuro." in response.content.decode()
    response = state.post(
        url,
        {
            "titular": ana.pk,
            "suplente": bia.pk,
            "on": timezone.localdate().isoformat(),
            "reason": "Renúncia por carta",
        },
    )
    assert response.status_code == 302
    page = state.get(url).content.decode()
    assert "substituído(a) por Bia" in page and "Renúncia por carta" in page
    assert Registration.objects.get(pk=bia.registration_id).is_substitute is False


def test_outsiders_do_not_see_the_lists_received_nor_replace(
    state_conference, confirmed_list, organiser, outsider, state_member
):
    made = confirmed_list(LIST)
    sent = handover.send(actor=organiser, conference=made[0].conference)
    url = reverse("delegates:received_detail", args=[state_conference.pk, sent.pk])
    assert client_for(outsider).get(url).status_code in (403, 404)
    assert client_for(state_member).get(url).status_code == 200  # reads
    ana, bia = (Delegation.objects.get(handover=sent, registration__name=n) for n in ("Ana", "Bia"))
    response = client_for(state_member).post(
        url,
        {"titular": ana.pk, "suplente": bia.pk, "on": "2025-09-01", "reason": "Renúncia"},
    )
    assert response.status_code == 403
    ana.refresh_from_db()
    assert ana.replaced_by is None


def test_all_853_municipalities_of_minas_gerais_on_the_state_page_with_constant_queries(
    state_conference, confirmed_list, organiser, state_member, mg
):
    """Every municipality of MG sends a list: the page lists them all with the same
    number of queries as with one (its speed is measured in bench/delegates.py)."""
    made = confirmed_list(LIST)
    handover.send(actor=organiser, conference=made[0].conference)
    client = client_for(state_member)
    url = reverse("delegates:received", args=[state_conference.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    others = Municipality.objects.filter(state=mg).exclude(pk=made[0].conference.municipality_id)
    conferences = Conference.objects.bulk_create(
        Conference(
            edition=state_conference.edition,
            level="municipal",
            state=mg,
            municipality=municipality,
            parent=state_conference,
            title=f"Conferência Municipal de {municipality.name}",
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 2),
        )
        for municipality in others
    )
    HandOver.objects.bulk_create(
        HandOver(
            conference=c,
            receiver=state_conference,
            version=1,
            titulares=2,
            suplentes=2,
            problems=["falta 1 titular do segmento governo"] if i % 3 == 0 else [],
        )
        for i, c in enumerate(conferences)
        if i % 10  # one in ten has not sent yet
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    page = response.content.decode()
    total = Municipality.objects.filter(state=mg).count()
    assert total == 853
    sent = HandOver.objects.filter(receiver=state_conference).count()
    assert f"{sent} de {total} conferências enviaram sua lista" in page
    assert page.count("ainda não enviou") == total - sent
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    response = client.get(url, {"mostrar": "faltando"})
    assert response.content.decode().count("<tr") == total - sent + 1  # with the header
