"""A small municipality's whole conference day, replayed through the pages (issue 23,
"done when"): four pre-conferences with their attendance lists and proposals; their
attendees registered, a keynote speaker without a segment; the regimento with the
plenary method and the quorum per shift; two shifts; the morning's credentialing, two
delegates leaving at lunch, the afternoon's; the plenary without working groups
(highlights, one en-bloc vote of every axis, the highlight's poll counting the
afternoon); the users' delegates by acclamation, workers and entities from their
forums, the government appointed, the list confirmed without justification; the
council's civil society elected (the users by cards, counting the afternoon's users;
workers and entities by acclamation) and written into the council; closing;
certificates as a job, one checked on the public verification page.

It lives in core's tests because it crosses every app (as the route matrix does). The
set-up by fixtures is only what exists before the staff sit down: the reference data,
the conference convoked with its act, the council's staff account and the state's
seat table. Everything else is clicked as the council's staff would.

The conference is dated in the past (10 June 2025, as the suite's conferences are): a
poll runs in the shift happening now, else the day's last shift, so every poll of the
replay runs in the afternoon whatever the clock says, as the plenary's polls did.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from plenaria.conferences.models import Status
from plenaria.conftest import (
    assert_no_horizontal_scroll,
    check_accessibility,
    choose_poll_item,
    make_council_member,
    run_queued_tasks,
)
from plenaria.delegates.models import Candidacy, DelegateList, SeatCount, SeatTable
from plenaria.participants import certificates
from plenaria.participants.models import Certificate, CheckIn, Registration
from plenaria.proposals.models import Proposal
from plenaria.territory.models import Municipality
from plenaria.voting.models import Poll

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

BOCAIUVA = 3107307
SHOTS = Path(os.environ.get("PLENARIA_SHOTS", "/tmp/shots-replay"))

USERS = "Usuário(a) dos serviços"
WORKERS = "Trabalhador(a) do SUAS"
ENTITIES = "Entidades e organizações de assistência social"

# (title, territory kind, territory, [(name, social name, segment label), ...], proposal)
PRE_CONFERENCES = [
    (
        "Pré-conferência Zona Rural",
        "rural_zone",
        "Distrito de Engenheiro Dolabela",
        [("Aparecida Gomes", "", USERS), ("Sebastião Ferreira", "", USERS)],
        (1, "Implantar uma equipe volante do CRAS para a zona rural."),
    ),
    (
        "Pré-conferência CRAS Centro",
        "cras_area",
        "Centro",
        [("José Carlos Lima", "Carla Lima", USERS), ("Edilene Rocha", "", WORKERS)],
        (1, "Garantir transporte para os usuários irem ao CRAS."),
    ),
    (
        "Pré-conferência CRAS Santos Reis",
        "cras_area",
        "Santos Reis",
        [("Raimundo Nonato", "", USERS), ("Lurdes Araújo", "", ENTITIES)],
        (2, "Cofinanciar o benefício eventual em situações de estiagem."),
    ),
    (
        "Pré-conferência da Pessoa Idosa",
        "other",
        "Centro de Convivência",
        [("Benedita Alves", "", USERS), ("Patrícia Durães", "", WORKERS)],
        (2, "Publicar na internet as reuniões e contas do CMAS."),
    ),
]
GOVERNMENT = [
    ("Elaine Veloso", True),
    ("Rogério Antunes", False),
    ("Cláudia Fonseca", False),
    ("Wagner Pimenta", False),
]
LEFT_AT_LUNCH = ("Sebastião Ferreira", "Benedita Alves")


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, timeout=60_000)


def _person(conference, name: str) -> Registration:
    return Registration.objects.get(conference=conference, name=name)


# --- before the day ------------------------------------------------------------------


def _pre_conferences(page, conference) -> None:
    """Four pre-conferences, each with its attendance list, typed on the events page."""
    for n, (title, kind, territory, people, _proposal) in enumerate(PRE_CONFERENCES):
        page.goto(f"/gestao/conferencias/{conference.pk}/")
        page.get_by_role("link", name="Eventos preparatórios").click()
        page.get_by_label("Título").fill(title)
        page.get_by_label("Data").fill(f"2025-05-{12 + n * 4:02d}")
        page.get_by_label("Início").fill("08:00")
        page.get_by_label("Término").fill("12:00")
        page.get_by_label("Local").fill("CRAS")
        page.get_by_label("Tipo de território").select_option(kind)
        page.get_by_label(re.compile(r"^Território")).fill(territory)
        page.get_by_label("Equipe responsável").fill("Equipe do CRAS")
        page.get_by_role("button", name="Criar o evento").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        for i, (name, social, segment) in enumerate(people):
            page.get_by_label("Nome completo").fill(name)
            if social:
                page.get_by_label("Nome social").fill(social)
            if segment == ENTITIES:
                page.get_by_label("Organização, serviço ou órgão").fill("Lar São Vicente de Paulo")
            page.get_by_label("Telefone (com DDD)").fill(f"389980{n:02d}{i:03d}")
            page.get_by_role("radio", name=segment).check()
            page.get_by_label("A pessoa foi informada").check()
            page.get_by_role("button", name="Incluir na lista").click()
            expect(page.get_by_text(f"{social or name} está na lista de presença")).to_be_visible()
    # the social name is the only name the list shows
    expect(page.get_by_text("José Carlos")).to_have_count(0)
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Eventos preparatórios").click()
    for title, *_rest in PRE_CONFERENCES:
        expect(page.get_by_text(title).first).to_be_visible()


def _proposals(page, conference) -> None:
    """Each pre-conference's proposal, recorded with where it was collected."""
    page.goto(f"/gestao/conferencias/{conference.pk}/propostas/recebidas/")
    for title, _kind, _territory, _people, (axis, text) in PRE_CONFERENCES:
        axis_pk = conference.edition.axes.get(number=axis).pk
        event_pk = conference.preparatory_events.get(title=title).pk
        page.get_by_label("Eixo *", exact=True).select_option(str(axis_pk))
        page.get_by_label("Coletada em").select_option(str(event_pk))
        page.get_by_role("radio", name="Municipal").check()
        page.get_by_label("Texto da proposta *", exact=True).fill(text)
        page.get_by_role("button", name="Registrar a proposta").click()
        expect(page.get_by_text("registrada: está na lista da plenária final.")).to_be_visible()
    received = page.get_by_role("region", name=re.compile("Recebidas"))
    expect(received.locator("li.plenaria-proposal")).to_have_count(4)


def _registrations_from_attendance(page, conference) -> None:
    """Everyone on the four lists registered as a delegate of their segment."""
    page.goto(f"/gestao/conferencias/{conference.pk}/inscricoes/")
    page.get_by_role("link", name="Das pré-conferências").click()
    # one list ticked whole with its link, the others person by person
    page.get_by_role("link", name="Marcar todos desta lista que não estão inscritos").first.click()
    for *_head, people, _proposal in PRE_CONFERENCES:
        for name, social, _segment in people:
            shown = social or name
            page.get_by_role("checkbox", name=shown).check()
            page.get_by_label(f"Categoria de {shown}").select_option(label="Delegado(a)")
    check_accessibility(page, "day-from-attendance")
    page.get_by_role("button", name="Inscrever as pessoas marcadas").click()
    expect(page.get_by_text("8 pessoas inscritas.")).to_be_visible()
    carla = _person(conference, "José Carlos Lima")
    assert (carla.display_name, carla.category, carla.origin) == (
        "Carla Lima",
        "delegate",
        "attendance",
    )


def _register(page, conference, name, phone, *, category, segment=None, black=False) -> None:
    page.goto(f"/gestao/conferencias/{conference.pk}/inscricoes/")
    page.get_by_role("link", name="Inscrever uma pessoa").click()
    page.get_by_label("Nome completo").fill(name)
    page.get_by_label("Telefone (com DDD)").fill(phone)
    page.get_by_role("radio", name=category, exact=True).check()
    page.get_by_role("radio", name=segment or "Nenhum (palestrante, autoridade ou equipe)").check()
    if black:
        page.get_by_label("Pessoa negra (preta ou parda)").check()
    page.get_by_label("A pessoa foi informada", exact=False).check()
    page.get_by_role("button", name="Inscrever-me", exact=True).click()
    expect(page.get_by_text(name).first).to_be_visible()
    assert Registration.objects.filter(conference=conference, name=name).exists()


def _desk_registrations(page, conference) -> None:
    """The keynote speaker, without a segment, and the government's delegates."""
    _register(page, conference, "Dra. Helena Prado", "38999710000", category="Palestrante")
    for n, (name, black) in enumerate(GOVERNMENT, start=1):
        _register(
            page,
            conference,
            name,
            f"3899971000{n}",
            category="Delegado(a)",
            segment="Governo",
            black=black,
        )
    # The attendance lists do not ask for self-declarations: at the desk, Carla declares
    # herself a black woman (the diversity quota counts it) on her registration.
    carla = _person(conference, "José Carlos Lima")
    page.goto(f"/gestao/conferencias/{conference.pk}/inscricoes/")
    page.get_by_role("link", name=f"Editar {carla.code}").click()
    expect(page.get_by_label("Nome social")).to_have_value("Carla Lima")
    page.get_by_label("Pessoa negra (preta ou parda)").check()
    page.get_by_role("button", name="Salvar alterações").click()
    expect(page.get_by_text(f"Inscrição {carla.code} salva.")).to_be_visible()
    carla.refresh_from_db()
    assert carla.self_declarations == ["black"]

    page.goto(f"/gestao/conferencias/{conference.pk}/inscricoes/")
    page.get_by_label("Categoria", exact=True).select_option(label="Palestrante")
    page.get_by_role("button", name="Buscar").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody tr").first).to_contain_text("Dra. Helena Prado")
    assert Registration.objects.filter(conference=conference).count() == 13


def _regimento(page, conference) -> None:
    """The plenary method, the quorum counted per shift (the default, read back)."""
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Definir as regras do regimento da conferência").click()
    page.get_by_label("Onde o regimento define estas regras").fill("Regimento interno, art. 9")
    page.get_by_label("Como as propostas chegam à plenária final").select_option(
        label="Direto para a plenária final (sem grupos de trabalho)"
    )
    page.get_by_label("Quem vota e conta para o quórum numa votação").select_option(
        label="Os delegados credenciados no turno em que a votação acontece"
    )
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Regras do regimento salvas.")).to_be_visible()
    expect(page.locator("#rule-quorum-shift")).to_contain_text(
        "credenciados no turno em que a votação acontece"
    )
    expect(page.locator("#regimento-rules")).to_contain_text("direto para a plenária final")


def _shifts(page, conference) -> None:
    page.goto(f"/gestao/conferencias/{conference.pk}/turnos/")
    for line, (name, start, end) in enumerate(
        [("Manhã", "08:00", "12:00"), ("Tarde", "13:30", "18:00")], start=1
    ):
        page.get_by_label(f"Nome (linha {line})").fill(name)
        page.get_by_label(f"Data (linha {line})").fill("2025-06-10")
        page.get_by_label(f"Início (linha {line})").fill(start)
        page.get_by_label(f"Término (linha {line})").fill(end)
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Alterações salvas.")).to_be_visible()
    assert [s.name for s in conference.shifts.order_by("start_time")] == ["Manhã", "Tarde"]


def _advance(page, conference, label: str) -> None:
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.locator("summary", has_text=f"Passar para “{label}”").click()
    page.get_by_role("button", name=f"Confirmar: passar para “{label}”").click()
    expect(page.get_by_text(label).first).to_be_visible()
    conference.refresh_from_db()


# --- the day -------------------------------------------------------------------------


def _credential(page, conference, shift_label: str, people) -> None:
    page.goto(f"/gestao/conferencias/{conference.pk}/credenciamento/")
    page.get_by_role("combobox", name="Turno").select_option(
        str(conference.shifts.get(name=shift_label).pk)
    )
    page.get_by_role("button", name="Trocar de turno").click()
    for person in people:
        field = page.get_by_label("Código de inscrição (leitor de QR ou digitado)")
        field.fill(person.code)
        field.press("Enter")
        expect(
            page.get_by_text(f"{person.display_name} credenciado(a)", exact=False)
        ).to_be_visible()


def _credentialing(page, conference) -> list[Registration]:
    """The morning: every delegate who came and the speaker; two users leave at lunch;
    the afternoon credentials the rest. The forums' workers and entity chose their
    delegates elsewhere and came too. Returns the afternoon's delegates."""
    everyone = list(Registration.objects.filter(conference=conference).order_by("pk"))
    _credential(page, conference, "Manhã", everyone)
    morning_delegates = len([r for r in everyone if r.category == "delegate"])
    expect(page.locator("#quorum-base")).to_contain_text(str(morning_delegates))
    presence = page.get_by_role("list", name="Presentes por segmento")
    expect(presence).to_contain_text("1 Sem segmento (palestrantes, autoridades, equipe)")
    check_accessibility(page, "day-credentialing-morning")

    afternoon = [r for r in everyone if r.name not in LEFT_AT_LUNCH and r.category == "delegate"]
    _credential(page, conference, "Tarde", afternoon)
    expect(page.locator("#quorum-base")).to_have_text(
        f"{len(afternoon)} delegados(as) presentes (base do quórum)"
    )
    _shoot(page, "day-credentialing-afternoon-1280")
    assert CheckIn.objects.filter(registration__conference=conference).count() == len(
        everyone
    ) + len(afternoon)
    return afternoon


def _poll_by_cards(table, n: int, counts: dict[str, str]) -> None:
    table.get_by_role("button", name=f"Abrir a votação {n}").click()
    table.get_by_role("button", name=f"Encerrar a votação {n}").click()
    for label, value in counts.items():
        table.get_by_role("spinbutton", name=label).fill(value)
    table.get_by_role("button", name="Registrar as contagens").click()
    table.get_by_role("button", name=f"Publicar o resultado da votação {n}").click()


def _plenary(page, conference, afternoon) -> None:
    """No working groups: the four proposals are in the plenary's list; one highlight,
    one en-bloc vote of every axis, the highlight voted; the polls count the afternoon."""
    page.goto(f"/gestao/conferencias/{conference.pk}/grupos/")
    expect(page.locator("#groups-not-used")).to_contain_text("os grupos de trabalho não são usados")
    page.get_by_role("link", name="Ver a lista consolidada").click()
    item = page.locator("li", has_text="Implantar uma equipe volante do CRAS")
    expect(item).to_contain_text("Evento preparatório (Pré-conferência Zona Rural)")
    check_accessibility(page, "day-consolidated")

    carla = _person(conference, "José Carlos Lima")
    page.get_by_role("link", name="Destaques").click()
    page.get_by_role("button", name="Abrir destaques do Eixo 1").click()
    target = Proposal.objects.get(text__startswith="Garantir transporte")
    page.get_by_role("combobox", name="Proposta").select_option(str(target.pk))
    page.get_by_label("Delegado(a) (código)").fill(carla.code)
    page.get_by_role("radio", name="Modificativa").check()
    page.get_by_label("Texto proposto").fill(
        "Garantir transporte para os usuários da zona rural irem ao CRAS."
    )
    page.get_by_role("button", name="Registrar o destaque").click()
    expect(page.get_by_text("Destaque 1 registrado.")).to_be_visible()
    page.get_by_role("button", name="Encerrar destaques do Eixo 1").click()
    page.get_by_role("button", name="Abrir destaques do Eixo 2").click()
    page.get_by_role("button", name="Encerrar destaques do Eixo 2").click()
    _shoot(page, "day-highlights-1280")

    page.locator("#en-bloc-all").get_by_role("link", name="Votação").click()
    choose_poll_item(page, "Aprovação em bloco de um eixo")
    page.get_by_label("Eixo (aprovação em bloco)").select_option(
        label="Todos os eixos (todas as propostas sem destaque)"
    )
    page.get_by_role("combobox", name="Modo", exact=True).select_option(
        label="Analógica (crachás de votação contados pela mesa)"
    )
    page.get_by_role("button", name="Criar a votação").click()
    n = len(afternoon)
    _poll_by_cards(page, 1, {"Favorável": str(n - 1), "Contrário": "0", "Abstenção": "1"})
    expect(page.get_by_role("heading", name="Resultado: Aprovada")).to_be_visible()

    choose_poll_item(page, "Destaque")
    page.get_by_role("combobox", name="Destaque").select_option(label="Destaque 1 na Proposta 1.2")
    page.get_by_role("combobox", name="Modo", exact=True).select_option(
        label="Analógica (crachás de votação contados pela mesa)"
    )
    page.get_by_role("button", name="Criar a votação").click()
    page.get_by_role("button", name="Abrir a votação 2").click()
    expect(page.locator("#current-rules")).to_contain_text("credenciados no turno Tarde")
    check_accessibility(page, "day-highlight-poll")
    page.get_by_role("button", name="Encerrar a votação 2").click()
    for label, value in {
        "Aprovar o destaque": str(n - 2),
        "Manter o texto original": "2",
        "Abstenção": "0",
    }.items():
        page.get_by_role("spinbutton", name=label).fill(value)
    page.get_by_role("button", name="Registrar as contagens").click()
    page.get_by_role("button", name="Publicar o resultado da votação 2").click()
    expect(page.get_by_text("O resultado foi levado à proposta ou moção.")).to_be_visible()
    # the published result still reads the text that was voted against the highlight
    expect(page.locator(".outcome-original").first).to_contain_text(
        "Garantir transporte para os usuários irem ao CRAS."
    )
    _shoot(page, "day-voting-1280")
    small = _phone(page)
    small.goto(f"/gestao/conferencias/{conference.pk}/votacao/")
    expect(small.locator(".outcome-original").first).to_contain_text(
        "Garantir transporte para os usuários irem ao CRAS."
    )
    assert_no_horizontal_scroll(small)
    _shoot(small, "day-voting-360")
    small.context.close()

    polls = list(Poll.objects.filter(conference=conference).select_related("shift"))
    assert {(p.shift.name, p.entitled_count) for p in polls} == {("Tarde", n)}
    page.goto(f"/gestao/conferencias/{conference.pk}/deliberacoes/")
    for text in (
        "Implantar uma equipe volante do CRAS para a zona rural.",
        "Garantir transporte para os usuários da zona rural irem ao CRAS.",
        "Cofinanciar o benefício eventual em situações de estiagem.",
        "Publicar na internet as reuniões e contas do CMAS.",
    ):
        expect(page.get_by_text(text).first).to_be_visible()
    check_accessibility(page, "day-deliberations")
    assert set(Proposal.objects.values_list("final_status", flat=True)) == {"approved"}


def _set_forum(table, label: str, forum: str) -> None:
    region = table.get_by_role("region", name=label)
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
        table.get_by_text(f"{person.display_name} registrado(a) como escolhido(a) no fórum.")
    ).to_be_visible()


def _delegates(page, conference) -> None:
    """The users elect theirs by acclamation; the workers' and entities' forums chose
    theirs; the government appoints; the list confirms without justification."""
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Candidaturas, eleições e lista de delegados").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegados para a etapa seguinte")
    _set_forum(page, WORKERS, "Fórum Municipal de Trabalhadores do SUAS")
    _set_forum(page, ENTITIES, "Fórum Municipal de Entidades")
    _record(page, WORKERS, _person(conference, "Edilene Rocha"), "Titular")
    _record(page, WORKERS, _person(conference, "Patrícia Durães"), "Suplente")
    _record(page, ENTITIES, _person(conference, "Lurdes Araújo"), "Suplente")

    carla = _person(conference, "José Carlos Lima")
    users = page.get_by_role("region", name=USERS)
    users.get_by_label(f"Registrar candidato(a) de {USERS} (código)").fill(carla.code)
    users.get_by_role("button", name="Registrar a candidatura").click()
    expect(page.get_by_text("Carla Lima é candidato(a).")).to_be_visible()
    users = page.get_by_role("region", name=USERS)
    users.get_by_text(f"Iniciar a eleição de {USERS}").click()
    users.get_by_label("Aclamação").check()
    users.get_by_role("button", name="Iniciar a eleição").click()
    expect(page.get_by_text("Aclamação registrada.")).to_be_visible()
    users = page.get_by_role("region", name=USERS)
    expect(users.get_by_role("row", name="Carla Lima")).to_contain_text("Titular")

    for n, (name, _black) in enumerate(GOVERNMENT):
        person = _person(conference, name)
        region = page.get_by_role("region", name="Governo")
        region.get_by_label("Delegado(a) do governo (código)").fill(person.code)
        region.get_by_label("Vaga *", exact=True).select_option(
            label="Titular" if n < 2 else "Suplente"
        )
        region.get_by_role("button", name="Indicar").click()
        expect(page.get_by_text(f"{name} indicado(a).")).to_be_visible()

    expect(page.get_by_text("A lista cumpre a paridade")).to_be_visible()
    expect(page.get_by_label("Justificativa")).to_have_count(0)
    expect(page.get_by_text("José Carlos")).to_have_count(0)
    check_accessibility(page, "day-delegates")
    _shoot(page, "day-delegates-1280")
    page.get_by_role("button", name="Confirmar a lista de delegados").click()
    expect(page.get_by_text("Lista confirmada em")).to_be_visible()
    listed = DelegateList.objects.get(conference=conference)
    assert listed.problems == [] and listed.justification == ""
    assert Candidacy.objects.filter(conference=conference, kind="forum").count() == 3

    small = _phone(page)
    small.goto(f"/gestao/conferencias/{conference.pk}/delegados/")
    expect(small.locator("#how-entities")).to_contain_text("Fórum Municipal de Entidades")
    assert_no_horizontal_scroll(small)
    _shoot(small, "day-delegates-360")
    small.context.close()


def _phone(page):
    """The same staff member's session on a 360 px phone."""
    base = re.match(r"https?://[^/]+", page.url).group(0)
    context = page.context.browser.new_context(
        viewport={"width": 360, "height": 740}, locale="pt-BR", base_url=base
    )
    context.add_cookies(page.context.cookies())
    return context.new_page()


def _council_election(page, conference) -> None:
    """The council's law gives civil society its seats; the conference elects them: the
    users by the cards of the users' delegates present in the afternoon, workers and
    entities by acclamation; the result goes into the council's members."""
    council = conference.municipality.council
    page.goto(f"/gestao/conselhos/{council.pk}/")
    page.get_by_label("Lei do conselho").fill("Lei municipal nº 1.512/2005, art. 4º")
    for label, titulares, suplentes in (
        (USERS, "1", "1"),
        (WORKERS, "1", "0"),
        (ENTITIES, "1", "0"),
    ):
        page.get_by_label(f"{label}: titulares").fill(titulares)
        page.get_by_label(f"{label}: suplentes").fill(suplentes)
    page.get_by_role("button", name="Salvar as vagas").click()
    expect(page.get_by_text("As vagas do conselho foram salvas.")).to_be_visible()

    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Eleição do conselho").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eleição do conselho")
    for name, segment in (
        ("Raimundo Nonato", USERS),
        ("Aparecida Gomes", USERS),
        ("Edilene Rocha", WORKERS),
        ("Lurdes Araújo", ENTITIES),
    ):
        region = page.get_by_role("region", name=segment)
        region.get_by_label(f"Inscrever candidato(a) ao conselho: {segment} (código)").fill(
            _person(conference, name).code
        )
        region.get_by_role("button", name="Registrar a candidatura").click()
        expect(page.get_by_text(f"{name} concorre ao conselho.")).to_be_visible()

    # The users vote by cards: only the users' delegates credentialed this afternoon.
    region = page.get_by_role("region", name=USERS)
    region.get_by_text(f"Iniciar a eleição do conselho: {USERS}").click()
    region.get_by_label("Modo").select_option(
        label="Analógica (crachás de votação contados pela mesa)"
    )
    region.get_by_role("button", name="Iniciar a eleição").click()
    expect(page.get_by_text("Votação 3 criada")).to_be_visible()
    page.get_by_role("link", name="votação 3 (Criada)").click()
    page.get_by_role("button", name="Abrir a votação 3").click()
    page.get_by_role("button", name="Encerrar a votação 3").click()
    counts = page.get_by_role("group", name="Crachás contados pela mesa")
    for box in counts.get_by_role("spinbutton").all():
        box.fill("0")
    counts.get_by_label("Raimundo Nonato").fill("2")
    counts.get_by_label("Aparecida Gomes").fill("1")
    page.get_by_role("button", name="Registrar as contagens").click()
    users_present = Registration.objects.filter(
        conference=conference, segment="users", checkins__shift__name="Tarde"
    ).count()
    poll = Poll.objects.get(conference=conference, number=3)
    assert (poll.shift.name, poll.entitled_count) == ("Tarde", users_present)

    page.goto(f"/gestao/conferencias/{conference.pk}/conselho/")
    page.get_by_role("button", name="Registrar o resultado").click()
    expect(page.get_by_text("Resultado da eleição registrado.")).to_be_visible()
    users = page.get_by_role("region", name=USERS)
    expect(users.get_by_role("row", name="Raimundo Nonato")).to_contain_text("Titular")
    expect(users.get_by_role("row", name="Aparecida Gomes")).to_contain_text("Suplente")
    for segment in (WORKERS, ENTITIES):
        region = page.get_by_role("region", name=segment)
        region.get_by_text(f"Iniciar a eleição do conselho: {segment}").click()
        region.get_by_label("Aclamação").check()
        region.get_by_role("button", name="Iniciar a eleição").click()
        expect(page.get_by_text("Aclamação registrada.")).to_be_visible()
    page.get_by_role("button", name="Registrar entre os membros do conselho").click()
    expect(page.get_by_text("4 novos, 0 já estavam")).to_be_visible()
    check_accessibility(page, "day-council-election")
    _shoot(page, "day-council-election-1280")

    page.goto(f"/gestao/conselhos/{council.pk}/")
    members = page.get_by_role("region", name="Membros em mandato")
    expect(members.get_by_role("row", name="Raimundo Nonato")).to_contain_text("Titular")
    expect(members.get_by_role("row", name="Lurdes Araújo")).to_contain_text(ENTITIES)


# --- after the day -------------------------------------------------------------------


def _certificates(page, new_page, conference) -> None:
    """Closed: all certificates made as a job; Carla gets hers with her registration
    code and anyone checks it on the public page, on a phone."""
    _advance(page, conference, "Encerrada")
    assert conference.status == Status.CLOSED
    page.goto(f"/gestao/conferencias/{conference.pk}/")
    page.get_by_role("link", name="Crachás, listas e certificados").click()
    page.get_by_role("button", name="Todos os certificados (PDF)").click()
    expect(page.get_by_label("Aguardando a vez…")).to_be_visible()
    assert run_queued_tasks() >= 1
    expect(page.get_by_role("status")).to_contain_text("Seu arquivo está pronto.")
    check_accessibility(page, "day-certificates-job")
    # everyone credentialed in a shift, the speaker included
    attended = Registration.objects.filter(conference=conference).count()
    assert Certificate.objects.filter(registration__conference=conference).count() == attended

    carla = _person(conference, "José Carlos Lima")
    phone = new_page(width=360, height=780)
    phone.goto("/certificados/")
    phone.get_by_label("Código de inscrição").fill(carla.code)
    with phone.expect_response(lambda r: r.url.endswith("/certificado.pdf")) as response:
        phone.get_by_role("button", name="Obter o certificado").click()
    assert response.value.status == 200
    assert response.value.header_value("content-type") == "application/pdf"
    # the code printed on her certificate, typed by whoever received it
    certificate = Certificate.objects.get(registration=carla)
    phone.goto("/certificados/")
    phone.get_by_label("Código de verificação").fill(certificates.format_code(certificate.code))
    phone.get_by_role("button", name="Verificar").click()
    expect(phone.get_by_role("status")).to_contain_text("Certificado autêntico")
    expect(phone.get_by_text("Carla Lima")).to_be_visible()
    expect(phone.get_by_text("8,5")).to_be_visible()  # the morning's 4 h and the afternoon's 4.5
    expect(phone.get_by_text("José Carlos")).to_have_count(0)
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "day-certificate-verify-360")
    _shoot(phone, "day-certificate-verify-360")


# --- the test ------------------------------------------------------------------------


@pytest.fixture
def staff(db):
    """The staff of Bocaiúva's council (CMAS), a small municipality (porte I)."""
    return make_council_member(Municipality.objects.get(ibge_code=BOCAIUVA).council, organiser=True)


@pytest.fixture
def convoked(make_conference, staff):
    """The conference convoked with its act, registration open; the state's seat table
    gives Bocaiúva 4 + 4 seats at the state conference."""
    conference = make_conference(
        actor=staff,
        municipality=Municipality.objects.get(ibge_code=BOCAIUVA),
        title="Conferência Municipal de Assistência Social de Bocaiúva",
        start_date=dt.date(2025, 6, 10),
        end_date=dt.date(2025, 6, 10),
        status=Status.REGISTRATION_OPEN,
    )
    table, _created = SeatTable.objects.get_or_create(
        edition=conference.edition, state=conference.state
    )
    SeatCount.objects.create(
        table=table, municipality=conference.municipality, titulares=4, suplentes=4
    )
    return conference


def test_a_small_municipality_holds_its_whole_conference_day(new_page, staff, convoked):
    conference = convoked
    page = new_page(staff)
    _pre_conferences(page, conference)
    _regimento(page, conference)
    _proposals(page, conference)
    _registrations_from_attendance(page, conference)
    _desk_registrations(page, conference)
    _shifts(page, conference)
    _advance(page, conference, "Em andamento")
    assert conference.status == Status.IN_PROGRESS
    afternoon = _credentialing(page, conference)
    _plenary(page, conference, afternoon)
    _delegates(page, conference)
    _council_election(page, conference)
    _certificates(page, new_page, conference)
