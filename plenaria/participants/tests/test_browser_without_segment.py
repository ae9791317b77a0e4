"""The desk registers the keynote speaker without a segment, finds her in the list by
her category and credentials her (issue 23, item 5)."""

import pytest
from playwright.sync_api import expect

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility
from plenaria.participants.models import CheckIn, Registration

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_the_desk_registers_a_speaker_without_a_segment_and_credentials_her(
    new_page, organiser, open_conference, shift, registered
):
    page = new_page(organiser)
    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    page.get_by_role("link", name="Inscrever uma pessoa").click()
    page.get_by_label("Nome completo").fill("Dra. Helena Prado")
    page.get_by_label("Telefone (com DDD)").fill("(38) 99876-0001")
    page.get_by_role("radio", name="Palestrante", exact=True).check()
    # a segment picked out of habit is refused, at the field, and nothing is saved
    page.get_by_role("radio", name="Usuário(a) dos serviços").check()
    page.get_by_label("A pessoa foi informada", exact=False).check()
    page.get_by_role("button", name="Inscrever-me", exact=True).click()
    expect(
        page.get_by_text("Deixe o segmento em branco: esta categoria não tem segmento.")
    ).to_be_visible()
    assert not Registration.objects.filter(name="Dra. Helena Prado").exists()
    check_accessibility(page, "registration-speaker-error")

    page.get_by_role("radio", name="Nenhum (palestrante, autoridade ou equipe)").check()
    page.get_by_role("button", name="Inscrever-me", exact=True).click()
    speaker = Registration.objects.get(name="Dra. Helena Prado")
    assert (speaker.category, speaker.segment) == ("speaker", "")

    page.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/")
    page.get_by_label("Categoria", exact=True).select_option(label="Palestrante")
    page.get_by_role("button", name="Buscar").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Dra. Helena Prado")
    expect(rows.first).to_contain_text("—")
    check_accessibility(page, "registrations-speaker")

    page.goto(f"/gestao/conferencias/{open_conference.pk}/credenciamento/")
    page.get_by_label("Nome, código ou CPF").fill("helena")
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("button", name="Confirmar presença — Dra. Helena Prado").click()
    expect(page.get_by_text("Dra. Helena Prado credenciado(a) (palestrante)")).to_be_visible()
    assert CheckIn.objects.filter(registration=speaker, shift=shift).exists()
    presence = page.get_by_role("list", name="Presentes por segmento")
    expect(presence).to_contain_text("1 Sem segmento (palestrantes, autoridades, equipe)")
    check_accessibility(page, "credentialing-speaker")

    phone = new_page(organiser, width=360, height=740)
    phone.goto(f"/gestao/conferencias/{open_conference.pk}/inscricoes/nova/")
    assert_no_horizontal_scroll(phone)
    check_accessibility(phone, "registration-new-360")
