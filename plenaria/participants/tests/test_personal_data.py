"""Personal data stay with the conference that collected them (issue 15, defects 1, 4,
13, 15, 16): what one conference's staff type never changes what another holds; each
conference's staff see, export and erase only their own records."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenaria.conferences.models import ConferenceRole, Status
from plenaria.conftest import client_for, make_user
from plenaria.core.models import AuditEntry
from plenaria.participants import rules, selectors, services
from plenaria.participants.models import CheckIn, Person, Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db
CPF = "52998224725"


@pytest.fixture
def janauba_conference(make_conference, janauba, outsider):
    return make_conference(actor=outsider, municipality=janauba, status=Status.REGISTRATION_OPEN)


@pytest.fixture
def joana(open_conference):
    """Joana, registered online in Montes Claros with her CPF, contacts and needs."""
    return services.registration_create(
        actor=None,
        conference=open_conference,
        person_data=person_data(),
        data=registration_data(),
        origin=Registration.Origin.ONLINE,
    )


def _new_form(**changes):
    data = {
        "name": "Joana da Silva",
        "cpf": "529.982.247-25",
        "phone": "(11) 90000-0000",
        "email": "atacante@exemplo.org",
        "segment": "users",
        "category": "guest",
        "consent": "on",
    }
    data.update(changes)
    return data


def _unchanged(registration: Registration) -> None:
    before = {f: getattr(registration, f) for f in rules.PERSONAL_FIELDS}
    registration.refresh_from_db()
    after = {f: getattr(registration, f) for f in rules.PERSONAL_FIELDS}
    assert after == before
    assert registration.phone == "38999991234" and registration.email == "joana@exemplo.org"


def test_another_municipality_registering_the_same_cpf_changes_nothing_here(
    joana, janauba_conference, outsider, open_conference
):
    url = reverse("participants:new", args=[janauba_conference.pk])
    response = client_for(outsider).post(url, _new_form())
    assert response.status_code == 302
    theirs = Registration.objects.get(conference=janauba_conference)
    assert theirs.email == "atacante@exemplo.org" and theirs.person_id == joana.person_id
    _unchanged(joana)


def test_montes_claros_list_shows_its_own_contacts_after_the_attack(
    joana, janauba_conference, outsider, organiser, open_conference
):
    client_for(outsider).post(
        reverse("participants:new", args=[janauba_conference.pk]), _new_form()
    )
    html = (
        client_for(organiser)
        .get(reverse("participants:list", args=[open_conference.pk]))
        .content.decode()
    )
    assert "joana@exemplo.org" in html and "atacante@exemplo.org" not in html


def test_the_export_of_another_conference_holds_only_what_it_collected(
    joana, janauba_conference, outsider
):
    client_for(outsider).post(
        reverse("participants:new", args=[janauba_conference.pk]), _new_form(name="J. Silva")
    )
    theirs = Registration.objects.get(conference=janauba_conference)
    url = reverse("participants:person_export", args=[janauba_conference.pk, theirs.pk])
    data = json.loads(client_for(outsider).get(url).content)
    text = json.dumps(data)
    # nothing Montes Claros collected: its code, birth date, contacts, needs, declarations
    for secret in (joana.code, "1980-05-01", "joana@exemplo.org", "libras", "black"):
        assert secret not in text
    assert data["inscricao"]["codigo"] == theirs.code and data["cpf"] == CPF


def test_erasing_in_another_conference_leaves_this_one_untouched(
    joana, janauba_conference, outsider
):
    client_for(outsider).post(
        reverse("participants:new", args=[janauba_conference.pk]), _new_form()
    )
    theirs = Registration.objects.get(conference=janauba_conference)
    url = reverse("participants:person_erase", args=[janauba_conference.pk, theirs.pk])
    assert client_for(outsider).post(url, {"confirm": "yes"}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.erased_at and theirs.email == ""
    _unchanged(joana)
    joana.refresh_from_db()
    assert joana.person.cpf == CPF and joana.erased_at is None


def test_an_anonymous_visitor_cannot_fill_blanks_of_someone_elses_record(
    open_conference, janauba_conference, client
):
    # Joana registered in Janaúba without an e-mail...
    mine = services.registration_create(
        actor=None,
        conference=janauba_conference,
        person_data=person_data(email=""),
        data=registration_data(),
        origin=Registration.Origin.ONLINE,
    )
    # ...a stranger registers her CPF in Montes Claros giving their own address.
    client.post(
        reverse("participants:register", args=[open_conference.pk]),
        _new_form(category="delegate", segment="users"),
    )
    mine.refresh_from_db()
    assert mine.email == "" and mine.phone == "38999991234"


def test_the_public_duplicate_message_does_not_confirm_a_registration(joana, client):
    response = client.post(
        reverse("participants:register", args=[joana.conference_id]),
        _new_form(category="delegate"),
    )
    html = response.content.decode()
    assert "j***@" not in html and "joana@" not in html
    assert "Se você já se inscreveu" in html
    assert Registration.objects.count() == 1


def test_only_who_may_see_personal_data_search_by_cpf(
    joana, open_conference, organiser, state_member
):
    url = reverse("participants:list", args=[open_conference.pk]) + f"?q={CPF}"
    assert client_for(organiser).get(url).context["page"].paginator.count == 1
    assert client_for(state_member).get(url).context["page"].paginator.count == 0


def test_export_gives_what_this_conference_holds_and_is_audited(
    registered, open_conference, organiser
):
    registration = registered[0]
    url = reverse("participants:person_export", args=[open_conference.pk, registration.pk])
    data = json.loads(client_for(organiser).get(url).content)
    assert data["inscricao"]["telefone"] == registration.phone
    assert data["inscricao"]["codigo"] == registration.code
    assert data["inscricao"]["acessibilidade"] == ["libras"]
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == organiser and entry.object_id == str(registration.pk)


@pytest.fixture
def checkin_staff(open_conference):
    user = make_user("desk")
    ConferenceRole.objects.create(
        conference=open_conference, user=user, role=ConferenceRole.Role.CHECKIN
    )
    return user


def test_only_organisers_export_or_erase(
    registered, open_conference, state_member, outsider, checkin_staff
):
    registration = registered[0]
    export = reverse("participants:person_export", args=[open_conference.pk, registration.pk])
    erase = reverse("participants:person_erase", args=[open_conference.pk, registration.pk])
    assert client_for(state_member).get(export).status_code == 403
    assert client_for(checkin_staff).get(export).status_code == 403
    assert client_for(outsider).get(export).status_code == 404
    assert client_for(None).get(export).status_code == 302
    assert client_for(state_member).post(erase, {"confirm": "yes"}).status_code == 403
    assert client_for(checkin_staff).post(erase, {"confirm": "yes"}).status_code == 403
    assert client_for(state_member).get(erase).status_code == 405
    assert not AuditEntry.objects.filter(action__in=["export", "erase"]).exists()
    registration.refresh_from_db()
    assert registration.erased_at is None
    # the desk still sees contacts (it registers people) but not the LGPD actions
    html = (
        client_for(checkin_staff)
        .get(reverse("participants:list", args=[open_conference.pk]))
        .content.decode()
    )
    assert registration.formatted_phone in html and "apagar-dados" not in html


def test_erasure_keeps_the_counts_and_no_name(registered, shift, open_conference, organiser):
    services.checkin(actor=organiser, registration=registered[0], shift=shift)
    before = selectors.statistics(open_conference)
    url = reverse("participants:person_erase", args=[open_conference.pk, registered[0].pk])
    client = client_for(organiser)
    client.post(url)  # without confirmation: nothing happens
    registered[0].refresh_from_db()
    assert registered[0].erased_at is None
    old_code, old_person = registered[0].code, registered[0].person_id
    client.post(url, {"confirm": "yes"})
    erased = Registration.objects.get(pk=registered[0].pk)
    assert erased.erased_at and erased.phone == "" and erased.person.cpf is None
    assert "Participante" not in erased.name and erased.self_declarations == []
    assert erased.code != old_code  # the badge and printed lists no longer point here
    assert not Person.objects.filter(pk=old_person).exists()
    assert CheckIn.objects.filter(registration=erased).exists()
    assert selectors.statistics(open_conference) == before
    assert AuditEntry.objects.filter(action="erase", object_id=str(erased.pk)).exists()
    # no audit entry names anybody
    assert not AuditEntry.objects.filter(object_repr__contains="Participante").exists()
    assert "Participante 0" not in json.dumps(list(AuditEntry.objects.values("changes")))


def test_a_corrected_cpf_links_to_that_person_and_never_renames_the_shared_one(
    joana, janauba_conference, outsider, organiser, open_conference
):
    theirs = services.registration_create(
        actor=outsider,
        conference=janauba_conference,
        person_data=person_data(cpf="11144477735"),
        data=registration_data(),
        origin=Registration.Origin.STAFF,
    )
    shared = theirs.person_id
    services.registration_update(
        actor=organiser,
        registration=joana,
        person_data=person_data(cpf="11144477735"),
        data=registration_data(),
    )
    joana.refresh_from_db()
    assert joana.person_id == shared
    assert Person.objects.get(pk=shared).cpf == "11144477735"
    assert not Person.objects.filter(cpf=CPF).exists()  # nobody else used it


def test_a_cpf_already_registered_here_is_refused_on_correction(registered, organiser):
    services.registration_update(
        actor=organiser,
        registration=registered[0],
        person_data=person_data(name="Participante 0", phone="38970000000", email=""),
        data=registration_data(),
    )
    with pytest.raises(ValidationError) as error:
        services.registration_update(
            actor=organiser,
            registration=registered[1],
            person_data=person_data(name="Participante 1", phone="38970000001", email=""),
            data=registration_data(),
        )
    assert "cpf" in error.value.message_dict
    registered[1].refresh_from_db()
    assert registered[1].person.cpf is None
