import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry
from plenaria.delegates import documents
from plenaria.delegates.tests.test_handover import LIST

pytestmark = pytest.mark.django_db


def test_the_draft_resolution_names_the_council_and_every_delegate(confirmed_list):
    made = confirmed_list(LIST)
    conference = made[0].conference
    text = documents.resolution_text(documents.publication(conference))
    assert text.startswith("RESOLUÇÃO Nº ___/2025")
    assert "O Conselho Municipal de Assistência Social de Montes Claros" in text
    titulares = text.index("Titulares:")
    suplentes = text.index("Suplentes:")
    assert titulares < text.index("1. Ana — Usuário(a) dos serviços") < suplentes
    assert suplentes < text.index("Gina — Governo")
    # confirmed despite the check: the justification is published with the problems
    assert "Parágrafo único" in text and "Decisão da plenária" in text


def test_the_organisers_download_pdf_xlsx_and_text_and_the_xlsx_is_logged(
    confirmed_list, organiser, state_member
):
    made = confirmed_list(LIST)
    conference = made[0].conference
    Ana = made[0].registration
    Ana.email = "ana@example.org"
    Ana.save()
    client = client_for(organiser)
    page = client.get(reverse("delegates:publication", args=[conference.pk]))
    assert "RESOLUÇÃO Nº" in page.content.decode()
    pdf = client.get(reverse("delegates:pdf", args=[conference.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = client.get(reverse("delegates:publication", args=[conference.pk]), {"formato": "txt"})
    assert "attachment" in text["Content-Disposition"] and "Gil" in text.content.decode()
    xlsx = client.get(reverse("delegates:xlsx", args=[conference.pk]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[1][:4] == ("Vaga", "Nome", "Nome civil", "Segmento")
    assert [r[1] for r in rows[2:]] == ["Ana", "Gil", "Bia", "Gina"]  # titulares first
    assert "ana@example.org" in rows[2]
    assert AuditEntry.objects.filter(action="export", changes__icontains="delegate list").exists()
    reader = client_for(state_member)
    assert reader.get(reverse("delegates:pdf", args=[conference.pk])).status_code == 200
    assert reader.get(reverse("delegates:xlsx", args=[conference.pk])).status_code == 403
