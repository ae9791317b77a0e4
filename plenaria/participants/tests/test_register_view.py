import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plenaria.conferences.models import Status
from plenaria.conftest import client_for
from plenaria.participants.models import Person, Registration

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Joana da Silva",
    "phone": "(38) 99999-1234",
    "email": "joana@exemplo.org",
    "cpf": "529.982.247-25",
    "birth_date": "1980-05-01",
    "segment": "users",
    "category": "delegate",
    "accessibility_needs": ["libras"],
    "consent": "on",
}


def _url(conference):
    return reverse("participants:register", args=[conference.pk])


def test_register_and_see_the_confirmation(open_conference):
    client = client_for(None)
    assert client.get(_url(open_conference)).status_code == 200
    response = client.post(_url(open_conference), VALID)
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:confirmation", args=[registration.code])
    page = client.get(response["Location"]).content.decode()
    assert registration.code in page and "Joana da Silva" in page
    # no CPF on the confirmation page (the random CSRF token may contain any digits)
    visible = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    assert "529" not in visible and "98224725" not in visible
    qr = client.get(reverse("participants:qr", args=[registration.code]))
    assert qr["Content-Type"] == "image/png" and qr.content.startswith(b"\x89PNG")


def test_errors_are_shown_at_the_fields(open_conference):
    response = client_for(None).post(
        _url(open_conference),
        {
            **VALID,
            "cpf": "111.111.111-11",
            "phone": "123",
            "email": "",
            "consent": "",
            "name": "   ",
        },
    )
    errors = response.context["form"].errors
    assert {"cpf", "phone", "consent", "name"} <= errors.keys()
    assert not Person.objects.exists()


def test_entities_name_their_organisation(open_conference):
    response = client_for(None).post(_url(open_conference), {**VALID, "segment": "entities"})
    assert "organisation" in response.context["form"].errors


def test_a_second_registration_is_refused_with_a_way_to_find_the_first(
    open_conference, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(None)
    client.post(_url(open_conference), VALID)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(open_conference), VALID)
    assert response.status_code == 200
    message = str(response.context["form"].non_field_errors())
    assert "código foi reenviado" in message and "@" not in message
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 1  # the code really went out again


def test_closed_registration_says_so(make_conference):
    conference = make_conference(status=Status.CONVOKED)
    response = client_for(None).get(_url(conference))
    assert response.status_code == 200 and not response.context["open_now"]
    assert client_for(None).post(_url(conference), VALID).status_code == 409
    assert not Registration.objects.exists()


def test_drafts_have_no_registration(make_conference):
    assert client_for(None).get(_url(make_conference())).status_code == 404


def test_wrong_method(open_conference):
    assert client_for(None).put(_url(open_conference)).status_code == 405


def test_unknown_code_is_404(db):
    assert (
        client_for(None).get(reverse("participants:confirmation", args=["ZZZZ"])).status_code == 404
    )


def test_markup_is_stored_as_text_and_escaped(open_conference):
    client = client_for(None)
    client.post(_url(open_conference), {**VALID, "name": "<script>alert(1)</script>"})
    registration = Registration.objects.get()
    assert registration.name == "<script>alert(1)</script>"
    page = client.get(reverse("participants:confirmation", args=[registration.code])).content
    assert b"<script>alert(1)</script>" not in page


hostile = st.one_of(
    st.text(max_size=300),
    st.just("<b>x</b>"),
    st.just("9" * 5000),
    st.just("2024-02-31"),
    st.just("\x00"),
    st.just("²³"),
    st.just("' OR 1=1 --"),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(
        [
            "name",
            "phone",
            "email",
            "cpf",
            "nis",
            "birth_date",
            "segment",
            "category",
            "municipality",
            "organisation",
            "accessibility_needs",
            "self_declarations",
        ]
    ),
    value=hostile,
)
def test_hostile_values_get_form_errors_never_a_crash(open_conference, field, value):
    response = client_for(None).post(_url(open_conference), {**VALID, field: value})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors or response.context["form"].non_field_errors()
    Registration.objects.all().delete()
    Person.objects.all().delete()
    cache.clear()  # 60 registrations from one address would meet the hourly limit
