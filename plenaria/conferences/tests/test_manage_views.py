"""The organiser's pages: every view with its happy path, wrong method, anonymous,
outsider (another municipality's organiser) and read-only role (state member)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plenaria.conferences.models import Conference, ConvocationAct, Status
from plenaria.conftest import client_for
from plenaria.core.models import AuditEntry

pytestmark = pytest.mark.django_db

WRITE_VIEWS = [
    "conferences:edit",
    "conferences:act",
    "conferences:commission",
    "conferences:shifts",
    "conferences:programme",
]


def test_dashboard_lists_own_conferences_only(make_conference, organiser, outsider, janauba):
    mine = make_conference()
    theirs = make_conference(municipality=janauba, actor=outsider, title="Janaúba")
    html = client_for(organiser).get(reverse("conferences:dashboard")).content.decode()
    assert mine.title in html and theirs.title not in html


def test_dashboard_pages_long_lists(state_member, edition, django_assert_max_num_queries):
    import datetime as dt

    from plenaria.territory.models import Municipality

    munis = Municipality.objects.filter(state__abbreviation="MG")[:120]
    Conference.objects.bulk_create(
        Conference(
            edition=edition,
            level="municipal",
            state_id=m.state_id,
            municipality=m,
            title=f"C {m.name}",
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 1),
        )
        for m in munis
    )
    client = client_for(state_member)
    with django_assert_max_num_queries(10):
        first = client.get(reverse("conferences:dashboard"))
    assert len(first.context["conferences"]) == 50
    last = client.get(reverse("conferences:dashboard") + "?pagina=3")
    assert len(last.context["conferences"]) == 20
    assert client.get(reverse("conferences:dashboard") + "?pagina=abc").status_code == 200


def test_dashboard_needs_login(db):
    response = client_for(None).get(reverse("conferences:dashboard"))
    assert response.status_code == 302 and "/entrar/" in response["Location"]


def test_dashboard_wrong_method(organiser):
    assert client_for(organiser).post(reverse("conferences:dashboard")).status_code == 405


def test_create_through_the_form(organiser, edition, montes_claros):
    client = client_for(organiser)
    form = client.get(reverse("conferences:create"))
    assert form.status_code == 200
    assert "Montes Claros" in form.content.decode()
    response = client.post(
        reverse("conferences:create"),
        {
            "edition": edition.pk,
            "territory": f"municipal:{montes_claros.pk}",
            "title": "XV Conferência Municipal",
            "local_number": "15",
            "nature": "ordinary",
            "format": "presential",
            "start_date": "2025-06-10",
            "end_date": "2025-06-11",
        },
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conferences:manage", args=[conference.pk])
    assert conference.municipality == montes_claros and conference.local_number == 15


def test_create_shows_errors_at_the_field(organiser, edition, montes_claros):
    response = client_for(organiser).post(
        reverse("conferences:create"),
        {
            "edition": edition.pk,
            "territory": f"municipal:{montes_claros.pk}",
            "title": "",
            "nature": "ordinary",
            "format": "presential",
            "start_date": "2025-06-10",
            "end_date": "2025-06-01",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors and "end_date" in form.errors
    assert Conference.objects.count() == 0


def test_create_refuses_a_second_conference_with_a_clear_error(
    make_conference, organiser, edition, montes_claros
):
    make_conference()
    response = client_for(organiser).post(
        reverse("conferences:create"),
        {
            "edition": edition.pk,
            "territory": f"municipal:{montes_claros.pk}",
            "title": "Outra",
            "nature": "ordinary",
            "format": "presential",
            "start_date": "2025-06-10",
            "end_date": "2025-06-10",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Conference.objects.count() == 1


def test_create_refuses_another_municipality(organiser, edition, janauba):
    response = client_for(organiser).post(
        reverse("conferences:create"),
        {
            "edition": edition.pk,
            "territory": f"municipal:{janauba.pk}",
            "title": "X",
            "nature": "ordinary",
            "format": "presential",
            "start_date": "2025-06-10",
            "end_date": "2025-06-10",
        },
    )
    assert response.status_code == 200
    assert "territory" in response.context["form"].errors
    assert Conference.objects.count() == 0


def test_create_is_forbidden_without_organiser_role(state_member):
    assert client_for(state_member).get(reverse("conferences:create")).status_code == 403


def test_create_needs_login(db):
    assert client_for(None).get(reverse("conferences:create")).status_code == 302


def test_create_wrong_method(organiser):
    assert client_for(organiser).put(reverse("conferences:create")).status_code == 405


def test_manage_page_shows_warnings(make_conference, organiser):
    conference = make_conference(start_date=dt.date(2025, 8, 1), end_date=dt.date(2025, 8, 1))
    response = client_for(organiser).get(reverse("conferences:manage", args=[conference.pk]))
    assert response.status_code == 200
    assert len(response.context["warnings"]) == 1
    assert response.context["can_write"] is True


def test_manage_page_for_roles(
    make_conference, outsider, state_member, association_member, admin_user
):
    conference = make_conference()
    url = reverse("conferences:manage", args=[conference.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    read_only = client_for(state_member).get(url)
    assert read_only.status_code == 200 and read_only.context["can_write"] is False
    assert client_for(association_member).get(url).status_code == 200
    assert client_for(admin_user).get(url).context["can_write"] is True
    assert client_for(state_member).post(url).status_code == 405


@pytest.mark.parametrize("view", WRITE_VIEWS)
def test_write_pages_by_role(
    view, make_conference, organiser, outsider, state_member, association_member
):
    conference = make_conference()
    url = reverse(view, args=[conference.pk])
    assert client_for(organiser).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(state_member).get(url).status_code == 403
    assert client_for(state_member).post(url, {}).status_code == 403
    assert client_for(association_member).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302
    assert client_for(organiser).delete(url).status_code == 405


def test_edit_saves_and_audits(make_conference, organiser):
    conference = make_conference()
    client = client_for(organiser)
    form = client.get(reverse("conferences:edit", args=[conference.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "start_date": "2025-06-10",
            "end_date": "2025-06-11",
            "venue_name": "Câmara Municipal",
            "parent": "",
        }
    )
    response = client.post(reverse("conferences:edit", args=[conference.pk]), data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.venue_name == "Câmara Municipal"
    assert AuditEntry.objects.filter(action="update", object_id=str(conference.pk)).exists()


def test_edit_with_a_stale_version_tells_the_editor(make_conference, organiser):
    conference = make_conference()
    client = client_for(organiser)
    data = {
        "title": "Mine",
        "nature": "ordinary",
        "format": "presential",
        "start_date": "2025-06-10",
        "end_date": "2025-06-11",
        "version": "2000-01-01T00:00:00+00:00",
    }
    response = client.post(reverse("conferences:edit", args=[conference.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    conference.refresh_from_db()
    assert conference.title != "Mine"


def test_act_with_pdf_upload(make_conference, organiser):
    conference = make_conference()
    pdf = SimpleUploadedFile("ato.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = client_for(organiser).post(
        reverse("conferences:act", args=[conference.pk]),
        {
            "kind": "joint_ordinance",
            "number": "12/2025",
            "date": "2025-04-01",
            "signatories": "Prefeito\nPresidente do CMAS",
            "document": pdf,
        },
    )
    assert response.status_code == 302
    act = ConvocationAct.objects.get(conference=conference)
    assert act.document.name.endswith(".pdf")
    # a draft's act is not public; the organiser can fetch it
    url = reverse("conferences:act_document", args=[conference.pk])
    assert client_for(None).get(url).status_code == 404
    download = client_for(organiser).get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_act_refuses_a_file_that_is_not_a_pdf(make_conference, organiser):
    conference = make_conference()
    fake = SimpleUploadedFile("ato.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client_for(organiser).post(
        reverse("conferences:act", args=[conference.pk]),
        {
            "kind": "decree",
            "number": "1",
            "date": "2025-04-01",
            "signatories": "Prefeito",
            "document": fake,
        },
    )
    assert response.status_code == 200
    assert "document" in response.context["form"].errors
    assert not ConvocationAct.objects.exists()


def test_act_needs_a_link_or_a_document(make_conference, organiser):
    conference = make_conference()
    response = client_for(organiser).post(
        reverse("conferences:act", args=[conference.pk]),
        {
            "kind": "decree",
            "number": "1",
            "date": "2025-04-01",
            "signatories": "Prefeito",
        },
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def _formset_data(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_commission_formset_saves_and_warns_about_parity(make_conference, organiser):
    conference = make_conference()
    client = client_for(organiser)
    url = reverse("conferences:commission", args=[conference.pk])
    response = client.post(
        url,
        _formset_data(
            "commission",
            [
                {"name": "Marta", "sector": "government", "role": "president"},
                {"name": "João", "sector": "government", "role": "member"},
                {"name": "", "sector": "", "role": "member"},  # blank line is ignored
            ],
        ),
    )
    assert response.status_code == 302
    assert conference.commission.count() == 2
    page = client.get(reverse("conferences:manage", args=[conference.pk]))
    assert any("2" in w for w in page.context["warnings"])


def test_shift_formset_rejects_end_before_start(make_conference, organiser):
    conference = make_conference()
    response = client_for(organiser).post(
        reverse("conferences:shifts", args=[conference.pk]),
        _formset_data(
            "shifts",
            [{"name": "Manhã", "date": "2025-06-10", "start_time": "12:00", "end_time": "08:00"}],
        ),
    )
    assert response.status_code == 200
    assert not conference.shifts.exists()


def test_programme_formset_saves(make_conference, organiser):
    conference = make_conference()
    response = client_for(organiser).post(
        reverse("conferences:programme", args=[conference.pk]),
        _formset_data(
            "programme",
            [
                {
                    "date": "2025-06-10",
                    "start_time": "08:00",
                    "kind": "credentialing",
                    "title": "Credenciamento",
                }
            ],
        ),
    )
    assert response.status_code == 302
    assert conference.programme.get().title == "Credenciamento"


def test_unknown_list_is_404(make_conference, organiser):
    from django.test import RequestFactory

    from plenaria.conferences import views

    conference = make_conference()
    request = RequestFactory().get("/")
    request.user = organiser
    with pytest.raises(Exception) as error:
        views.edit_list(request, pk=conference.pk, which="other")
    assert error.typename == "Http404"


def test_advance_by_roles(make_conference, organiser, outsider, state_member):
    conference = make_conference(with_act=True)
    url = reverse("conferences:advance", args=[conference.pk])
    assert client_for(outsider).post(url, {"to_status": "convoked"}).status_code == 404
    assert client_for(state_member).post(url, {"to_status": "convoked"}).status_code == 403
    assert client_for(None).post(url, {"to_status": "convoked"}).status_code == 302
    assert client_for(organiser).get(url).status_code == 405
    assert client_for(organiser).post(url, {"to_status": "convoked"}).status_code == 302
    conference.refresh_from_db()
    assert conference.status == Status.CONVOKED


def test_advance_without_act_explains_why(make_conference, organiser):
    conference = make_conference()
    client = client_for(organiser)
    response = client.post(
        reverse("conferences:advance", args=[conference.pk]), {"to_status": "convoked"}, follow=True
    )
    conference.refresh_from_db()
    assert conference.status == Status.DRAFT
    assert [str(m) for m in response.context["messages"]]


def test_reopen_by_roles(make_conference, organiser, state_member):
    conference = make_conference(status=Status.CLOSED)
    url = reverse("conferences:reopen", args=[conference.pk])
    data = {"to_status": "in_progress", "reason": "Erro na ata"}
    assert client_for(state_member).post(url, data).status_code == 403
    assert client_for(organiser).get(url).status_code == 405
    refused = client_for(organiser).post(url, {"to_status": "in_progress", "reason": ""})
    assert refused.status_code == 400 and "reason" in refused.context["reopen_form"].errors
    conference.refresh_from_db()
    assert conference.status == Status.CLOSED
    client_for(organiser).post(url, data)
    conference.refresh_from_db()
    assert conference.status == Status.IN_PROGRESS


def test_warnings_preview_for_a_new_conference(organiser, edition, montes_claros):
    response = client_for(organiser).post(
        reverse("conferences:warnings"),
        {
            "edition": edition.pk,
            "territory": f"municipal:{montes_claros.pk}",
            "start_date": "2025-07-25",
            "end_date": "2025-07-25",
            "nature": "ordinary",
        },
    )
    assert response.status_code == 200
    assert len(response.context["warnings"]) == 1
    assert Conference.objects.count() == 0  # nothing saved


def test_warnings_preview_for_an_edit(make_conference, organiser, outsider, state_member):
    conference = make_conference()
    data = {
        "conference": conference.pk,
        "start_date": "2025-08-01",
        "end_date": "2025-08-01",
        "nature": "ordinary",
        "title": "x",
        "format": "presential",
    }
    url = reverse("conferences:warnings")
    assert len(client_for(organiser).post(url, data).context["warnings"]) == 1
    assert client_for(outsider).post(url, data).status_code == 404
    assert client_for(state_member).post(url, data).status_code == 403
    assert client_for(None).post(url, data).status_code == 302
    assert client_for(organiser).get(url).status_code == 405
    conference.refresh_from_db()
    assert conference.start_date == dt.date(2025, 6, 10)


def test_warnings_preview_with_incomplete_data_is_quiet(organiser):
    response = client_for(organiser).post(reverse("conferences:warnings"), {"title": "x"})
    assert response.status_code == 200 and response.context["warnings"] == []


def test_a_tampered_version_is_a_form_error_not_a_crash(make_conference, organiser):
    conference = make_conference()
    response = client_for(organiser).post(
        reverse("conferences:edit", args=[conference.pk]),
        {
            "title": "X",
            "nature": "ordinary",
            "format": "presential",
            "start_date": "2025-06-10",
            "end_date": "2025-06-11",
            "version": "garbage",
        },
    )
    assert response.status_code == 200 and "version" in response.context["form"].errors


def test_a_closed_conference_is_locked_until_reopened(make_conference, organiser):
    conference = make_conference(status=Status.CLOSED)
    client = client_for(organiser)
    page = client.get(reverse("conferences:manage", args=[conference.pk]))
    assert page.context["editable"] is False
    response = client.post(
        reverse("conferences:edit", args=[conference.pk]),
        {
            "title": "Changed",
            "nature": "ordinary",
            "format": "presential",
            "start_date": "2025-06-10",
            "end_date": "2025-06-11",
        },
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    conference.refresh_from_db()
    assert conference.title != "Changed"


def test_delete_a_draft(make_conference, organiser, outsider, state_member):
    conference = make_conference()
    url = reverse("conferences:delete", args=[conference.pk])
    assert client_for(outsider).post(url).status_code == 404
    assert client_for(state_member).post(url).status_code == 403
    assert client_for(organiser).get(url).status_code == 405
    assert client_for(None).post(url).status_code == 302
    response = client_for(organiser).post(url)
    assert response["Location"] == reverse("conferences:dashboard")
    assert not Conference.objects.filter(pk=conference.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(conference.pk)).exists()


def test_a_convoked_conference_cannot_be_deleted(make_conference, organiser):
    conference = make_conference(status=Status.CONVOKED)
    client_for(organiser).post(reverse("conferences:delete", args=[conference.pk]))
    assert Conference.objects.filter(pk=conference.pk).exists()


def test_admin_creates_any_municipal_conference_by_ibge_code(admin_user, edition):
    client = client_for(admin_user)
    base = {
        "edition": edition.pk,
        "territory": "municipal:ibge",
        "title": "Conferência",
        "nature": "ordinary",
        "format": "presential",
        "start_date": "2025-06-10",
        "end_date": "2025-06-10",
    }
    refused = client.post(reverse("conferences:create"), {**base, "ibge_code": "1234567"})
    assert "ibge_code" in refused.context["form"].errors
    client.post(reverse("conferences:create"), {**base, "ibge_code": "3550308"})
    assert Conference.objects.get().municipality.name == "São Paulo"


def test_organisers_do_not_see_the_ibge_code_field(organiser):
    form = client_for(organiser).get(reverse("conferences:create")).context["form"]
    assert "ibge_code" not in form.fields


def test_programme_outside_the_conference_dates_is_refused(make_conference, organiser):
    conference = make_conference()  # 10 and 11 June 2025
    response = client_for(organiser).post(
        reverse("conferences:programme", args=[conference.pk]),
        _formset_data(
            "programme",
            [
                {
                    "date": "2025-06-12",
                    "start_time": "08:00",
                    "kind": "closing",
                    "title": "Encerramento",
                }
            ],
        ),
    )
    assert response.status_code == 200
    # at the row's own field, in the words of the page
    assert response.context["formset"].forms[0].errors["date"] == [
        "Fora das datas da conferência (10/06/2025 a 11/06/2025)."
    ]
    assert not conference.programme.exists()


def test_reopen_by_anonymous_and_outsider(make_conference, outsider):
    conference = make_conference(status=Status.CLOSED)
    url = reverse("conferences:reopen", args=[conference.pk])
    data = {"to_status": "in_progress", "reason": "x"}
    assert client_for(None).post(url, data).status_code == 302
    assert client_for(outsider).post(url, data).status_code == 404
    conference.refresh_from_db()
    assert conference.status == Status.CLOSED
