"""The national council types a state's shares per kind of delegate and sees what the
national conference adds up to, with its natos listed."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, make_council_member
from plenaria.delegates.models import Candidacy, NationalShare
from plenaria.proposals.tests.test_browser_deliberation import open_my_page
from plenaria.territory.models import Council, Level

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_national_staff_set_shares_by_kind(new_page):
    cnas = make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=True)
    page = new_page(cnas)
    page.goto("/gestao/vagas/2025/nacional/")
    page.get_by_role("link", name="Delegados(as) por tipo").click()
    page.get_by_label("MG — Delegado(a) de âmbito municipal: titulares").fill("40")
    page.get_by_label("MG — Delegado(a) de âmbito municipal: suplentes").fill("40")
    page.get_by_label("MG — Delegado(a) de âmbito estadual: titulares").fill("7")
    page.get_by_label("Delegado(a) federal: titulares").fill("60")
    page.get_by_label("Delegado(a) nato(a): titulares").fill("36")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # 7 is odd: parity
    assert not NationalShare.objects.exists()
    page.get_by_label("MG — Delegado(a) de âmbito estadual: titulares").fill("8")
    page.get_by_role("button", name="Salvar").click()
    expect(page.get_by_text("Cotas nacionais salvas.")).to_be_visible()
    expect(page.get_by_text("144 delegados(as) com voto no total.")).to_be_visible()
    expect(page.locator("#natos-title + ul")).to_contain_text("member")
    check_accessibility(page, "national-shares")


def test_a_state_conference_elects_its_municipal_and_state_level_lists_apart(
    new_page, state_lists, enrol, state_organiser
):
    ana = enrol("Ana Souza", segment="users", conf=state_lists)
    bia = enrol("Bia Lima", segment="users", conf=state_lists)
    phone = new_page(width=360, height=740)
    open_my_page(phone, ana)
    phone.get_by_role("link", name="Minha candidatura").click()
    phone.get_by_label("Delegado(a) de âmbito estadual").check()
    phone.get_by_role("button", name="Quero ser candidato(a)").click()
    mine = phone.get_by_role("region", name="Delegado(a) para a etapa seguinte")
    expect(mine.get_by_role("status")).to_contain_text("(Delegado(a) de âmbito estadual)")
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "delegates-phone-candidacy-kind")

    table = new_page(state_organiser)
    table.goto(f"/gestao/conferencias/{state_lists.pk}/delegados/")
    expect(table.get_by_role("heading", name="Delegado(a) de âmbito municipal")).to_be_visible()
    municipal = table.get_by_role("region", name="Delegado(a) de âmbito municipal Usuário(a)")
    municipal.get_by_label("Registrar candidato(a) de Usuário(a) dos serviços (código)").fill(
        bia.code
    )
    municipal.get_by_role("button", name="Registrar a candidatura").click()
    expect(table.get_by_text("Bia Lima é candidato(a).")).to_be_visible()
    state_level = table.get_by_role("region", name="Delegado(a) de âmbito estadual Usuário(a)")
    expect(state_level.get_by_role("cell", name="Ana Souza", exact=True)).to_be_visible()
    state_level.get_by_text("Iniciar a eleição de Usuário(a) dos serviços").click()
    state_level.get_by_label("Aclamação").check()
    state_level.get_by_role("button", name="Iniciar a eleição").click()
    expect(table.get_by_text("Aclamação registrada.")).to_be_visible()
    state_level = table.get_by_role("region", name="Delegado(a) de âmbito estadual Usuário(a)")
    expect(state_level.get_by_role("row", name="Ana Souza")).to_contain_text("Titular")
    municipal = table.get_by_role("region", name="Delegado(a) de âmbito municipal Usuário(a)")
    expect(municipal.get_by_role("row", name="Bia Lima")).to_contain_text("—")
    expect(table.locator("#check-problems")).to_contain_text("Delegado(a) de âmbito estadual:")
    check_accessibility(table, "delegates-state-two-lists")
    table.screenshot(path="/tmp/shots/state-two-lists.png", full_page=True)
    table.set_viewport_size({"width": 360, "height": 740})
    assert_no_horizontal_scroll(table)
    table.screenshot(path="/tmp/shots/state-two-lists-360.png", full_page=True)
    kinds = dict(Candidacy.objects.values_list("registration__name", "national_kind"))
    assert kinds == {"Ana Souza": "state_level", "Bia Lima": "municipal_level"}
