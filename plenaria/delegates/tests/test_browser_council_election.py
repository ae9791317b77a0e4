"""The council's own civil-society election (issue 23, item 4), clicked through: the
council types its law's seats, the table registers candidates at the conference, the
users elect theirs on their phones, the workers by acclamation, the result goes into the
council's members with the term, and the resolution lists them."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.proposals.tests.test_browser_deliberation import open_my_page
from plenaria.territory.models import CouncilMember

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

USERS = "Usuário(a) dos serviços"
WORKERS = "Trabalhador(a) do SUAS"


def test_the_council_sets_its_seats_and_the_conference_elects_and_writes_its_members(
    new_page, conference, organiser, enrol
):
    ana = enrol("Ana Souza", segment="users")
    bia = enrol("Bia Lima", segment="users", social_name="Bia Lima")
    caio = enrol("Caio Reis", segment="workers")
    council = conference.municipality.council

    # The council types its law and the civil-society seats it fixes.
    page = new_page(organiser)
    page.goto(f"/gestao/conselhos/{council.pk}/")
    page.get_by_label("Lei do conselho").fill("Lei municipal nº 1.234/2012, art. 5º")
    page.get_by_label(f"{USERS}: titulares").fill("1")
    page.get_by_label(f"{USERS}: suplentes").fill("1")
    page.get_by_label(f"{WORKERS}: titulares").fill("1")
    page.get_by_role("button", name="Salvar as vagas").click()
    expect(page.get_by_text("As vagas do conselho foram salvas.")).to_be_visible()
    expect(page.get_by_label(f"{USERS}: suplentes")).to_have_value("1")
    check_accessibility(page, "council-seats")

    # At the conference, the table registers the candidates.
    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/")
    table.get_by_role("link", name="Eleição do conselho").first.click()
    expect(table.get_by_role("heading", level=1)).to_have_text("Eleição do conselho")
    for person, segment in ((ana, USERS), (bia, USERS), (caio, WORKERS)):
        region = table.get_by_role("region", name=segment)
        region.get_by_label(f"Inscrever candidato(a) ao conselho: {segment} (código)").fill(
            person.code
        )
        region.get_by_role("button", name="Registrar a candidatura").click()
        expect(table.get_by_text(f"{person.display_name} concorre ao conselho.")).to_be_visible()
    # a worker typed in the users' box is refused at the field
    region = table.get_by_role("region", name=USERS)
    region.get_by_label(f"Inscrever candidato(a) ao conselho: {USERS} (código)").fill(caio.code)
    region.get_by_role("button", name="Registrar a candidatura").click()
    region = table.get_by_role("region", name=USERS)
    expect(region.get_by_role("alert")).to_contain_text("não pode concorrer às vagas")
    check_accessibility(table, "council-election-candidates")

    # The users elect theirs by vote: only the users' delegates vote, on their phones.
    region.get_by_text(f"Iniciar a eleição do conselho: {USERS}").click()
    region.get_by_label("Modo").select_option(label="Eletrônica aberta (nominal)")
    region.get_by_role("button", name="Iniciar a eleição").click()
    expect(table.get_by_text("Votação 1 criada")).to_be_visible()
    table.get_by_role("link", name="votação 1 (Criada)").click()
    table.get_by_role("button", name="Abrir a votação 1").click()
    for person in (ana, bia):
        phone = new_page(width=360, height=740)
        open_my_page(phone, person)
        phone.goto(f"/participar/{person.code}/votacao/")
        phone.get_by_role("button", name="Bia Lima").click()
        expect(phone.get_by_role("status")).to_contain_text("Seu voto está registrado.")
    table.reload()
    table.get_by_role("button", name="Encerrar a votação 1").click()
    table.goto(f"/gestao/conferencias/{conference.pk}/conselho/")
    table.get_by_role("button", name="Registrar o resultado").click()
    expect(table.get_by_text("Resultado da eleição registrado.")).to_be_visible()
    users = table.get_by_role("region", name=USERS)
    expect(users.get_by_role("row", name="Bia Lima")).to_contain_text("Titular")
    expect(users.get_by_role("row", name="Ana Souza")).to_contain_text("Suplente")

    # The workers elect theirs by acclamation.
    workers = table.get_by_role("region", name=WORKERS)
    workers.get_by_text(f"Iniciar a eleição do conselho: {WORKERS}").click()
    workers.get_by_label("Aclamação").check()
    workers.get_by_role("button", name="Iniciar a eleição").click()
    expect(table.get_by_text("Aclamação registrada.")).to_be_visible()

    # The result goes into the council's members, with the term.
    table.get_by_role("button", name="Registrar entre os membros do conselho").click()
    expect(table.get_by_text("3 novos, 0 já estavam")).to_be_visible()
    check_accessibility(table, "council-election-recorded")
    mobile = new_page(organiser, width=360, height=740)
    mobile.goto(f"/gestao/conferencias/{conference.pk}/conselho/")
    assert_no_horizontal_scroll(mobile)
    check_accessibility(mobile, "council-election-360")

    page.reload()
    members = page.get_by_role("region", name="Membros em mandato")
    expect(members.get_by_role("row", name="Bia Lima")).to_contain_text("Titular")
    expect(members.get_by_role("row", name="Bia Lima")).to_contain_text("12/06/2025 – 11/06/2027")
    expect(members.get_by_role("row", name="Caio Reis")).to_contain_text("Trabalhador(a) do SUAS")
    check_accessibility(page, "council-members")
    mobile.goto(f"/gestao/conselhos/{council.pk}/")
    assert_no_horizontal_scroll(mobile)
    check_accessibility(mobile, "council-members-360")
    assert CouncilMember.objects.filter(council=council, source__startswith="council-").count() == 3

    # The council ends a term on its own page (a resignation): the member moves to the past.
    members.get_by_role("link", name="Editar Caio Reis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caio Reis")
    check_accessibility(page, "council-member-edit")
    mobile.goto(page.url)
    assert_no_horizontal_scroll(mobile)
    check_accessibility(mobile, "council-member-edit-360")
    expect(page.get_by_label("Início do mandato")).to_have_value("12/06/2025")
    page.get_by_label("Origem do mandato").fill("Eleito na XV Conferência; posse em 12/06/2025")
    page.get_by_role("button", name="Salvar", exact=True).click()
    expect(page.get_by_text("Os dados de Caio Reis foram salvos.")).to_be_visible()
    page.get_by_role("region", name="Membros em mandato").get_by_role(
        "link", name="Editar Caio Reis"
    ).click()
    page.get_by_label("O mandato termina em").fill("2026-06-30")
    page.get_by_label("Motivo").fill("Renúncia")
    page.get_by_role("button", name="Encerrar o mandato").click()
    expect(page.get_by_text("O mandato de Caio Reis foi encerrado.")).to_be_visible()
    past = page.get_by_role("region", name="Mandatos anteriores")
    expect(past.get_by_role("row", name="Caio Reis")).to_contain_text("30/06/2026")

    # The resolution makes the composition public.
    table.get_by_role("link", name="Minuta de resolução").click()
    resolution = table.get_by_label("Minuta de resolução (edite e depois publique")
    expect(resolution).to_contain_text("Torna pública a composição da sociedade civil")
    expect(resolution).to_contain_text("1. Bia Lima")
    expect(resolution).to_contain_text("mandato de 12/06/2025 a 11/06/2027")
    check_accessibility(table, "council-resolution")
