import datetime as dt

import pytest
from django.urls import reverse

from plenaria.conferences.models import Status
from plenaria.conftest import client_for, conference_to

pytestmark = pytest.mark.django_db


def test_anyone_reads_a_convoked_conference(make_conference):
    conference = make_conference(status=Status.CONVOKED, venue_name="Centro Cultural")
    response = client_for(None).get(reverse("conferences:public", args=[conference.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Centro Cultural" in html
    assert "20 anos do SUAS" in html  # the edition's theme
    assert "Universalização do SUAS" in html  # axis 1


def test_it_hides_drafts_from_the_public(make_conference):
    conference = make_conference()
    assert (
        client_for(None).get(reverse("conferences:public", args=[conference.pk])).status_code == 404
    )


def test_it_hides_drafts_from_an_outsider(make_conference, outsider):
    conference = make_conference()
    response = client_for(outsider).get(reverse("conferences:public", args=[conference.pk]))
    assert response.status_code == 404


def test_organiser_previews_the_draft(make_conference, organiser):
    conference = make_conference()
    response = client_for(organiser).get(reverse("conferences:public", args=[conference.pk]))
    assert response.status_code == 200
    assert "Preview" in response.content.decode() or "Pré-visualização" in response.content.decode()


def test_state_member_reads_a_draft_preview(make_conference, state_member):
    conference = make_conference()
    response = client_for(state_member).get(reverse("conferences:public", args=[conference.pk]))
    assert response.status_code == 200


def test_wrong_method(make_conference):
    conference = make_conference(status=Status.CONVOKED)
    response = client_for(None).post(reverse("conferences:public", args=[conference.pk]))
    assert response.status_code == 405


def test_markup_in_texts_is_escaped(make_conference):
    conference = make_conference(
        status=Status.CONVOKED, accessibility_notes="<script>alert(1)</script>"
    )
    html = client_for(None).get(reverse("conferences:public", args=[conference.pk])).content
    assert b"<script>alert(1)</script>" not in html
    assert b"&lt;script&gt;" in html


def test_unknown_conference_is_404(db):
    assert client_for(None).get(reverse("conferences:public", args=[999999])).status_code == 404


def test_act_document_is_public_once_convoked(
    make_conference, organiser, outsider, tmp_path, settings
):
    from django.core.files.base import ContentFile

    from plenaria.conferences.models import ConvocationAct

    settings.MEDIA_ROOT = tmp_path
    conference = make_conference(with_act=True)
    act = ConvocationAct.objects.get(conference=conference)
    act.document.save("ato.pdf", ContentFile(b"%PDF-1.4 test"))
    url = reverse("conferences:act_document", args=[conference.pk])
    assert client_for(outsider).get(url).status_code == 404  # still a draft
    conference_to(conference, Status.CONVOKED, actor=organiser)
    response = client_for(None).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client_for(None).post(url).status_code == 405
    (tmp_path / act.document.name).unlink()
    assert client_for(None).get(url).status_code == 404  # file gone: 404, not 500


def test_a_draft_parent_is_not_named_publicly(make_conference, edition, mg, state_organiser):
    from plenaria.conferences import services
    from plenaria.territory.models import Level

    services.conference_create(
        actor=state_organiser,
        edition=edition,
        level=Level.STATE,
        state=mg,
        data={
            "title": "Segredo Estadual",
            "start_date": dt.date(2025, 6, 10),
            "end_date": dt.date(2025, 6, 12),
        },
    )
    conference = make_conference(status=Status.CONVOKED)
    html = client_for(None).get(reverse("conferences:public", args=[conference.pk])).content
    assert b"Segredo Estadual" not in html
