import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plenaria.conftest import client_for, job_file
from plenaria.records.models import NarrativePart

pytestmark = pytest.mark.django_db


def url(name, conference, *args):
    return reverse(f"records:{name}", args=[conference.pk, *args])


def test_the_preview_shows_the_report_with_counts_and_no_names(report_world):
    response = client_for(report_world.organiser).get(url("report", report_world.conference))
    assert response.status_code == 200
    page = response.content.decode()
    assert "MOC deliberação eixo 1 municipal 1" in page
    assert "MOC moção aprovada" in page and "MOC moção rejeitada" not in page
    assert "MOC Usuária Um" not in page  # counted, never named
    assert "JAN" not in page
    assert "Escrever as partes narrativas" in page


def test_a_reader_sees_the_preview_but_may_not_write(report_world, state_member):
    client = client_for(state_member)
    assert client.get(url("report", report_world.conference)).status_code == 200
    assert client.get(url("narrative", report_world.conference)).status_code == 403
    response = client.post(
        url("narrative_save", report_world.conference, "methodology"),
        {"methodology-text": "Invasão", "methodology-version": "0"},
    )
    assert response.status_code == 403
    assert not NarrativePart.objects.exists()


def test_it_checks_the_conference_is_reachable(report_world, outsider, client):
    for name in ("report", "narrative", "xlsx", "csv"):
        assert client_for(outsider).get(url(name, report_world.conference)).status_code == 404
        assert client.get(url(name, report_world.conference)).status_code == 302  # login


def test_it_rejects_the_wrong_method(report_world):
    client = client_for(report_world.organiser)
    assert client.post(url("report", report_world.conference)).status_code == 405
    assert client.get(url("pdf", report_world.conference)).status_code == 405
    assert client.get(url("narrative_save", report_world.conference, "debate")).status_code == 405


def test_the_organiser_saves_a_part(report_world):
    client = client_for(report_world.organiser)
    response = client.post(
        url("narrative_save", report_world.conference, "debate"),
        {"debate-text": "Debate intenso nos grupos.", "debate-version": "0"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/relatorio/narrativa/#debate")
    assert NarrativePart.objects.get().text == "Debate intenso nos grupos."


def test_a_stale_save_shows_the_other_text_and_keeps_this_one(report_world, organiser):
    client = client_for(organiser)
    target = url("narrative_save", report_world.conference, "debate")
    client.post(target, {"debate-text": "Primeiro texto.", "debate-version": "0"})
    response = client.post(target, {"debate-text": "Segundo texto.", "debate-version": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Primeiro texto." in page  # the other person's text, shown
    assert "Segundo texto.</textarea>" in page  # this person's text, kept in the field
    assert 'name="debate-version" value="1"' in page  # the next save goes through
    assert NarrativePart.objects.get().text == "Primeiro texto."


@pytest.mark.parametrize("text", ["Ana\x00Lima", "x" * 20_001], ids=["nul", "long"])
def test_bad_text_is_refused_at_the_field(report_world, text):
    response = client_for(report_world.organiser).post(
        url("narrative_save", report_world.conference, "debate"),
        {"debate-text": text, "debate-version": "0"},
    )
    assert response.status_code == 200
    assert 'id="id_debate-text_error"' in response.content.decode()
    assert not NarrativePart.objects.exists()


def test_an_unknown_part_is_404_and_a_forged_version_is_refused(report_world):
    client = client_for(report_world.organiser)
    assert (
        client.post(url("narrative_save", report_world.conference, "avaliacao")).status_code == 404
    )
    response = client.post(
        url("narrative_save", report_world.conference, "debate"),
        {"debate-text": "Texto.", "debate-version": "9223372036854775808"},
    )
    assert response.status_code == 200
    assert not NarrativePart.objects.exists()


def test_the_deliberations_download_as_xlsx_and_csv_one_row_each(report_world):
    client = client_for(report_world.organiser)
    response = client.get(url("xlsx", report_world.conference))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("Eixo", "Âmbito", "Tipo", "Deliberação", "Prioridade")
    assert len(rows) == 7
    assert rows[1][0] == 1 and rows[1][1] == "Municipal" and rows[1][4] == 1
    csv = client.get(url("csv", report_world.conference)).content.decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert len(lines) == 7 and lines[0] == "Eixo;Âmbito;Tipo;Deliberação;Prioridade"
    assert "JAN" not in csv


def test_the_pdf_is_made_by_a_job(report_world, worker):
    client = client_for(report_world.organiser)
    data = job_file(client, client.post(url("pdf", report_world.conference)), worker)
    assert data.startswith(b"%PDF")


def test_readers_see_the_evaluation_counted_but_never_its_free_texts(report_world, state_member):
    from plenaria.conferences.models import Conference
    from plenaria.evaluation import services as evaluation
    from plenaria.evaluation.models import Question

    conference = report_world.conference
    closed = conference.status
    Conference.objects.filter(pk=conference.pk).update(status="in_progress")  # answered then
    conference.refresh_from_db()
    form = evaluation.form_create(actor=None, conference=conference)
    text = form.questions.filter(kind=Question.Kind.TEXT).first()
    for n in range(5):
        evaluation.paper_answer_add(
            actor=None, form=form, values={f"q{text.pk}": f"Faltou café {n}; a Maria ajudou"}
        )
    Conference.objects.filter(pk=conference.pk).update(status=closed)
    page = client_for(state_member).get(url("report", conference)).content.decode()
    assert "Avaliação" in page and "5 textos" in page
    assert "Faltou café" not in page and "Maria" not in page
