"""A poll in the browser: the table opens it, three delegates vote from phone-sized
pages, the projector shows the count move and then the result. The test server is
WSGI, so the pages follow the plenary by their polling fallback (the stream itself is
tested through the ASGI handler in test_views)."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, choose_poll_item
from plenaria.voting import services
from plenaria.voting.models import Poll, Voter

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def open_voting(page, registration):
    page.goto("/participar/")
    page.get_by_label("Código de inscrição").fill(registration.code)
    page.get_by_label("PIN").fill("123456")
    page.get_by_role("button", name="Abrir minha página").click()
    page.get_by_role("link", name="Votação: abrir a votação em curso").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votação")


def test_the_table_opens_a_poll_three_delegates_vote_and_the_projector_follows(
    new_page, conference, organiser, delegates, enrol
):
    guest = enrol("Convidada Gina", category="guest")
    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/votacao/")
    choose_poll_item(table, "Regimento interno")
    table.get_by_role("combobox", name="Modo", exact=True).select_option(label="Eletrônica secreta")
    table.get_by_role("button", name="Criar a votação").click()
    expect(table.get_by_text("Votação 1: Aprovação do regimento interno criada")).to_be_visible()
    check_accessibility(table, "voting-console")

    phones = []
    for person in [*delegates, guest]:
        phone = new_page(width=360, height=740)
        open_voting(phone, person)
        expect(phone.get_by_text("Nenhuma votação ainda.")).to_be_visible()
        phones.append(phone)
    projector = new_page(organiser)
    projector.goto(f"/gestao/conferencias/{conference.pk}/votacao/projetor/")
    expect(projector.get_by_role("heading", name="Aguardando a próxima votação")).to_be_visible()

    table.get_by_role("button", name="Abrir a votação 1").click()
    expect(table.get_by_text("Aprovação do regimento interno está aberta.")).to_be_visible()
    # Every page redraws by itself when the poll opens.
    for phone in phones[:3]:
        expect(phone.get_by_role("button", name="Favorável")).to_be_visible(timeout=10_000)
    expect(phones[3].get_by_text("Você acompanha esta votação mas não vota")).to_be_visible(
        timeout=10_000
    )
    # the projector may wait 4 s for the stream before polling (live.js)
    expect(projector.get_by_text("0 de 3 delegados(as) já votaram")).to_be_visible(timeout=10_000)
    check_accessibility(phones[0], "voting-phone")
    assert_no_horizontal_scroll(phones[0])

    for phone, choice in zip(phones[:3], ["Favorável", "Favorável", "Contrário"], strict=True):
        phone.get_by_role("button", name=choice).click()
        expect(phone.get_by_role("status")).to_contain_text("Seu voto está registrado.")
    expect(projector.get_by_text("3 de 3 delegados(as) já votaram")).to_be_visible(timeout=10_000)
    check_accessibility(projector, "voting-projector")

    table.reload()
    table.get_by_role("button", name="Encerrar a votação 1").click()
    table.get_by_role("button", name="Publicar o resultado da votação 1").click()
    expect(table.get_by_role("heading", name="Resultado: Aprovada")).to_be_visible()
    expect(projector.get_by_text("Favorável: 2 (67%)")).to_be_visible(timeout=10_000)
    expect(phones[0].get_by_text("Contrário: 1 (33%)")).to_be_visible(timeout=10_000)
    poll = Poll.objects.get()
    assert (poll.state, poll.outcome, poll.entitled_count) == ("published", "approved", 3)
    assert Voter.objects.filter(poll=poll).count() == 3


def test_a_phone_whose_redraw_meets_a_busy_server_tries_again(
    new_page, conference, organiser, delegates
):
    poll = services.poll_create(
        actor=organiser, conference=conference, item="regimento", mode="secret"
    )
    phone = new_page(width=360, height=740)
    open_voting(phone, delegates[0])
    refused = []

    def busy_once(route):
        if refused:
            return route.continue_()
        refused.append(route.request.url)
        route.fulfill(status=503, body="busy")

    phone.route(lambda url: "parte=1" in url, busy_once)
    services.poll_open(actor=organiser, poll=poll)
    expect(phone.get_by_role("button", name="Favorável")).to_be_visible(timeout=15_000)
    assert refused, "the redraw never met the busy answer"
