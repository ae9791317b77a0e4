"""Speakers, the authorities' table and staff: registered by the organisers without a
segment, credentialed and certified like anyone else, never voting nor counted by
segment (issue 23, item 5)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences.models import Status
from plenaria.conftest import client_for, conference_to
from plenaria.participants import imports, selectors, services
from plenaria.participants.models import CategoryOption, Registration
from plenaria.participants.rules import segment_problem
from plenaria.participants.tests.conftest import person_data, registration_data
from plenaria.participants.tests.test_import import HEADER

pytestmark = pytest.mark.django_db
STAFF = Registration.Origin.STAFF
ONLINE = Registration.Origin.ONLINE


def _register(conference, *, category, segment="", origin=STAFF, name="Dra. Helena Prado"):
    return services.registration_create(
        actor=None,
        conference=conference,
        person_data=person_data(cpf=None, name=name, email=""),
        data=registration_data(
            category=category, segment=segment, self_declarations=[], accessibility_needs=[]
        ),
        origin=origin,
    )


# --- the rule ----------------------------------------------------------------------


@pytest.mark.parametrize("category", ["speaker", "authority", "staff"])
def test_speakers_authorities_and_staff_have_no_segment(category):
    assert segment_problem(category, "") is None
    assert "em branco" in segment_problem(category, "users")


@pytest.mark.parametrize("category", ["delegate", "guest", "observer"])
def test_delegates_guests_and_observers_need_one(category):
    assert segment_problem(category, "workers") is None
    assert segment_problem(category, "") == "Escolha o segmento."


# --- registering -------------------------------------------------------------------


def test_staff_register_a_speaker_without_a_segment(open_conference):
    speaker = _register(open_conference, category="speaker")
    assert (speaker.category, speaker.segment, speaker.status) == ("speaker", "", "confirmed")


def test_a_segment_is_refused_where_it_makes_no_sense_and_required_where_it_does(
    open_conference,
):
    with pytest.raises(ValidationError) as error:
        _register(open_conference, category="staff", segment="government")
    assert "segment" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _register(open_conference, category="delegate", segment="")
    assert error.value.message_dict["segment"] == ["Escolha o segmento."]
    assert not Registration.objects.exists()


def test_the_database_refuses_a_delegate_without_a_segment_or_a_speaker_with_one(
    open_conference,
):
    from django.db import IntegrityError, transaction

    speaker = _register(open_conference, category="speaker")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=speaker.pk).update(category="delegate")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=speaker.pk).update(segment="users")
    speaker.segment = "users"
    with pytest.raises(ValidationError):
        speaker.full_clean()


def test_a_correction_to_a_delegate_asks_for_the_segment(open_conference, organiser):
    speaker = _register(open_conference, category="speaker")
    with pytest.raises(ValidationError) as error:
        services.registration_update(
            actor=organiser,
            registration=speaker,
            person_data=person_data(cpf=None, name="Dra. Helena Prado", email=""),
            data=registration_data(category="delegate", segment=""),
        )
    assert "segment" in error.value.message_dict


def test_the_public_form_offers_them_only_when_the_conference_does(open_conference):
    assert selectors.offered_categories(open_conference, online=True) == [
        "delegate",
        "guest",
        "observer",
    ]
    assert "speaker" in selectors.offered_categories(open_conference, online=False)
    with pytest.raises(ValidationError):
        _register(open_conference, category="speaker", origin=ONLINE)
    CategoryOption.objects.create(conference=open_conference, category="speaker", online=True)
    assert selectors.offered_categories(open_conference, online=True) == ["speaker"]
    assert _register(open_conference, category="speaker", origin=ONLINE).category == "speaker"


def test_the_public_form_keeps_the_segment_required(client, open_conference):
    page = client.get(reverse("participants:register", args=[open_conference.pk]))
    assert "Palestrante" not in page.content.decode()
    assert "Nenhum (palestrante" not in page.content.decode()


def test_the_import_takes_speakers_and_staff_with_an_empty_segment(open_conference):
    lines = [
        "Dra. Helena Prado;;(38) 99999-0001;;;;;;;;;palestrante;;",
        "Jorge Apoio;;(38) 99999-0002;;;;;;;;;equipe de apoio;;",
        "Prefeito Carlos;;(38) 99999-0003;;;;;;;governo;;autoridade;;",  # a segment: refused
        "Sem Segmento;;(38) 99999-0004;;;;;;;;;delegado;;",  # a delegate needs one
    ]
    raw = imports.read_table(("\n".join([HEADER, *lines]) + "\n").encode(), "l.csv")
    rows = imports.check_rows(
        open_conference, raw, selectors.offered_categories(open_conference, online=False)
    )
    assert [bool(r.errors) for r in rows] == [False, False, True, True]
    assert all(e.column == "segmento" for r in rows[2:] for e in r.errors)
    assert [r.data["category"] for r in rows[:2]] == ["speaker", "staff"]


# --- never a vote, never in a segment's count, credentialed and certified ------------


def test_credentialed_speakers_and_staff_never_vote_nor_count_by_segment(
    open_conference, organiser, shift
):
    delegate = _register(open_conference, category="delegate", segment="users", name="Ana")
    speaker = _register(open_conference, category="speaker", name="Dra. Helena Prado")
    staff = _register(open_conference, category="staff", name="Jorge Apoio")
    for registration in (delegate, speaker, staff):
        services.checkin(actor=organiser, registration=registration, shift=shift)
    assert list(selectors.credentialed_delegates(open_conference)) == [delegate]
    presence = selectors.presence_counts(shift)
    assert presence["delegates"] == 1 and presence["total"] == 3
    by_segment = dict(presence["by_segment"])
    assert by_segment["Usuário(a) dos serviços"] == 1
    assert by_segment["Sem segmento (palestrantes, autoridades, equipe)"] == 2
    counts = selectors.registration_counts(open_conference)
    assert dict(counts["by_category"])["Palestrante"] == 1
    assert sum(n for label, n in counts["by_segment"] if not label.startswith("Sem")) == 1

    conference_to(open_conference, Status.CLOSED, actor=organiser)
    certificate = services.certificate_issue(actor=organiser, subject=speaker)
    from plenaria.participants import certificates

    assert certificates.text_of(certificate).category == "Palestrante"


def test_the_list_shows_them_and_filters_by_their_category(open_conference, organiser):
    _register(open_conference, category="delegate", segment="users", name="Ana Delegada")
    _register(open_conference, category="authority", name="Prefeito Carlos")
    url = reverse("participants:list", args=[open_conference.pk])
    page = client_for(organiser).get(url, {"categoria": "authority"}).content.decode()
    assert "Prefeito Carlos" in page and "Ana Delegada" not in page
    assert "Autoridade (mesa de autoridades)" in page


def test_badges_are_printed_for_them(open_conference, organiser):
    from plenaria.participants import documents

    staff = _register(open_conference, category="staff", name="Jorge Apoio")
    badge = documents.badge(staff)
    assert badge["category"] == "Equipe de apoio e organização" and badge["segment"] == ""


def test_the_desk_form_has_an_explicit_none_that_is_not_ticked_beforehand(open_conference):
    from plenaria.participants.forms import StaffRegistrationForm

    categories = selectors.offered_categories(open_conference, online=False)
    form = StaffRegistrationForm(conference=open_conference, categories=categories)
    assert 'value="none"' in str(form["segment"]) and "checked" not in str(form["segment"])
    data = {
        "name": "Jorge Apoio",
        "phone": "38999990002",
        "category": "staff",
        "segment": "none",
        "consent": "on",
    }
    form = StaffRegistrationForm(data, conference=open_conference, categories=categories)
    assert form.is_valid(), form.errors
    assert form.registration_data()["segment"] == ""
    form = StaffRegistrationForm(
        {**data, "category": "delegate"}, conference=open_conference, categories=categories
    )
    assert form.errors["segment"] == ["Escolha o segmento."]


def test_pre_conference_attendees_are_offered_only_categories_with_a_segment(open_conference):
    assert selectors.attendee_categories(open_conference) == ["delegate", "guest", "observer"]
