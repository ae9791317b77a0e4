"""A municipality elects only the users' delegates (issue 23, item 3): workers and
entities chose theirs in their own forums and the government appoints. The table says so
per segment, records the forums' people, the users elect by acclamation, the manager
nominates, and the whole list confirms without any justification."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.delegates.models import Candidacy, DelegateList, SegmentChoice

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SHOTS = Path(os.environ.get("PLENARIA_SHOTS", "/tmp/shots-forum"))


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, timeout=60_000)


def _set_forum(table, label: str, forum: str, *, already_open: bool = False) -> None:
    region = table.get_by_role("region", name=label)
    if not already_open:
        region.get_by_text(f"Mudar como os delegados de {label} são escolhidos").click()
    region.get_by_label("Escolhidos no fórum do segmento").check()
    region.get_by_label("Fórum", exact=True).fill(forum)
    region.get_by_label("Data do fórum").fill("2025-05-20")
    region.get_by_label("Ato do fórum").fill("Ata da assembleia de 20/05/2025")
    region.get_by_role("button", name="Salvar como são escolhidos").click()
    expect(table.get_by_text("Salvo como os delegados do segmento são escolhidos.")).to_be_visible()


def _record(table, label: str, person, seat: str) -> None:
    region = table.get_by_role("region", name=label)
    region.get_by_label("Delegado(a) escolhido(a) no fórum (código da inscrição)").fill(person.code)
    region.get_by_label("Vaga *", exact=True).select_option(label=seat)
    region.get_by_role("button", name="Registrar quem o fórum escolheu").click()
    expect(
        table.get_by_text(f"{person.name} registrado(a) como escolhido(a) no fórum.")
    ).to_be_visible()


def test_users_elected_forums_and_government_confirm_without_justification(
    new_page, conference, organiser, enrol, seats
):
    seats(6, 6)  # each civil-society segment 1 + 1, the government 3 + 3
    ana = enrol("Ana Souza", segment="users")
    bia = enrol("Bia Lima", segment="users")
    # chosen in their forums: registered, never credentialed (they did not come)
    workers = [
        enrol("Wal Trabalhadora", segment="workers", present=False, self_declarations=["black"]),
        enrol("Wes Trabalhador", segment="workers", present=False),
    ]
    entities = [
        enrol("Eli Entidade", segment="entities", present=False),
        enrol("Eva Entidade", segment="entities", present=False),
    ]
    government = [
        enrol(f"Gestor {n}", segment="government", self_declarations=["older"] if n == 1 else [])
        for n in range(1, 7)
    ]

    table = new_page(organiser)
    table.goto(f"/gestao/conferencias/{conference.pk}/delegados/")
    expect(table.get_by_role("heading", level=1)).to_have_text("Delegados para a etapa seguinte")
    expect(table.locator("#how-workers")).to_contain_text("Eleitos na conferência")
    expect(table.locator("#how-government")).to_contain_text("Indicados pela gestão")

    # a forum without its date is refused at the field
    region = table.get_by_role("region", name="Trabalhador(a) do SUAS")
    region.get_by_text("Mudar como os delegados de Trabalhador(a) do SUAS são escolhidos").click()
    region.get_by_label("Escolhidos no fórum do segmento").check()
    region.get_by_label("Ato do fórum").fill("Ata")
    region.get_by_role("button", name="Salvar como são escolhidos").click()
    region = table.get_by_role("region", name="Trabalhador(a) do SUAS")
    expect(region.get_by_role("alert")).to_contain_text("Informe a data do fórum.")

    # shown again open, with what was typed
    _set_forum(
        table,
        "Trabalhador(a) do SUAS",
        "Fórum Municipal de Trabalhadores do SUAS",
        already_open=True,
    )
    _set_forum(
        table, "Entidades e organizações de assistência social", "Fórum Municipal de Entidades"
    )
    expect(table.locator("#how-workers")).to_contain_text(
        "Escolhidos no Fórum Municipal de Trabalhadores do SUAS em 20/05/2025 "
        "(Ata da assembleia de 20/05/2025)"
    )
    for person, seat in zip(workers, ("Titular", "Suplente"), strict=True):
        _record(table, "Trabalhador(a) do SUAS", person, seat)
    for person, seat in zip(entities, ("Titular", "Suplente"), strict=True):
        _record(table, "Entidades e organizações de assistência social", person, seat)

    # the users elect theirs at the conference, by acclamation
    users = table.get_by_role("region", name="Usuário(a) dos serviços")
    for person in (ana, bia):
        users = table.get_by_role("region", name="Usuário(a) dos serviços")
        field = users.get_by_label("Registrar candidato(a) de Usuário(a) dos serviços (código)")
        field.fill(person.code)
        users.get_by_role("button", name="Registrar a candidatura").click()
        expect(table.get_by_text(f"{person.name} é candidato(a).")).to_be_visible()
    users = table.get_by_role("region", name="Usuário(a) dos serviços")
    users.get_by_text("Iniciar a eleição de Usuário(a) dos serviços").click()
    users.get_by_label("Aclamação").check()
    users.get_by_role("button", name="Iniciar a eleição").click()
    expect(table.get_by_text("Aclamação registrada.")).to_be_visible()

    # the manager appoints the government's
    for n, person in enumerate(government):
        region = table.get_by_role("region", name="Governo")
        region.get_by_label("Delegado(a) do governo (código)").fill(person.code)
        region.get_by_label("Vaga *", exact=True).select_option(
            label="Titular" if n < 3 else "Suplente"
        )
        region.get_by_role("button", name="Indicar").click()
        expect(table.get_by_text(f"{person.name} indicado(a).")).to_be_visible()

    expect(table.get_by_text("A lista cumpre a paridade")).to_be_visible()
    expect(table.get_by_label("Justificativa")).to_have_count(0)
    check_accessibility(table, "delegates-forums")
    _shoot(table, "delegates-forums-1280")
    table.get_by_role("button", name="Confirmar a lista de delegados").click()
    expect(table.get_by_text("Lista confirmada em")).to_be_visible()

    listed = DelegateList.objects.get()
    assert listed.problems == [] and listed.justification == ""
    assert Candidacy.objects.filter(kind="forum").count() == 4
    assert SegmentChoice.objects.filter(how="forum").count() == 2

    phone = new_page(organiser, width=360, height=740)
    phone.goto(f"/gestao/conferencias/{conference.pk}/delegados/")
    expect(phone.locator("#how-entities")).to_contain_text("Fórum Municipal de Entidades")
    assert_no_horizontal_scroll(phone)
    _shoot(phone, "delegates-forums-360")
    check_accessibility(phone, "delegates-forums-360")

    table.get_by_role("link", name="Publicação dos delegados").click()
    resolution = table.get_by_label("Minuta da resolução que publica os delegados")
    expect(resolution).to_contain_text("- Trabalhadores: Escolhidos no Fórum Municipal")
    expect(resolution).to_contain_text("- Governo: Indicados pela gestão")
    _shoot(table, "delegates-forums-publication-1280")
