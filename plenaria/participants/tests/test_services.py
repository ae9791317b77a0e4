import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from plenaria.conferences.models import Status
from plenaria.core.models import AuditEntry
from plenaria.participants import services
from plenaria.participants.models import CategoryOption, Person, Registration
from plenaria.participants.tests.conftest import person_data, registration_data

pytestmark = pytest.mark.django_db
ONLINE = Registration.Origin.ONLINE
STAFF = Registration.Origin.STAFF


def _register(conference, *, origin=ONLINE, actor=None, person=None, data=None):
    return services.registration_create(
        actor=actor,
        conference=conference,
        person_data=person or person_data(),
        data=data or registration_data(),
        origin=origin,
    )


def test_online_registration_creates_person_and_mails_the_code(
    open_conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(open_conference)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.person.cpf == "52998224725"
    assert registration.consent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert registration.code in message.body and message.to == ["joana@exemplo.org"]
    assert message.attachments[0][2] == "image/png"


def test_the_audit_keeps_no_personal_data(open_conference):
    registration = _register(open_conference)
    entry = AuditEntry.objects.get(
        object_id=str(registration.pk),
        action="create",
        context=f"registrations:{open_conference.pk}",
    )
    text = str(entry.changes)
    assert "52998224725" not in text and "black" not in text and "libras" not in text


def test_the_same_cpf_is_the_same_person_across_conferences(
    open_conference, make_conference, janauba
):
    other = make_conference(municipality=janauba, status=Status.REGISTRATION_OPEN)
    first = _register(open_conference)
    second = _register(other, person=person_data(phone="38988887777"))
    assert first.person == second.person
    assert Person.objects.count() == 1
    # each registration keeps what was told to its own conference
    first.refresh_from_db()
    assert (first.phone, second.phone) == ("38999991234", "38988887777")


def test_registering_twice_is_refused_and_the_code_is_resent(
    open_conference, django_capture_on_commit_callbacks
):
    _register(open_conference)
    mail.outbox.clear()
    with pytest.raises(ValidationError) as error, django_capture_on_commit_callbacks(execute=True):
        _register(open_conference)
    assert error.value.code == "duplicate"
    # the message neither confirms the registration nor hints at the address
    assert "@" not in error.value.messages[0] and "Se você já se inscreveu" in str(error.value)
    assert Registration.objects.count() == 1
    # ...but the code really went out again, to the registration's own address
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["joana@exemplo.org"]


def test_without_cpf_the_same_name_birth_and_phone_is_a_duplicate(open_conference):
    _register(open_conference, person=person_data(cpf=None, name="José da Conceição"))
    with pytest.raises(ValidationError):
        _register(open_conference, person=person_data(cpf=None, name="jose  da conceicao"))
    # a different person with the same name but another phone is fine
    _register(
        open_conference, person=person_data(cpf=None, name="José da Conceição", phone="38911112222")
    )
    assert Registration.objects.count() == 2


def test_caps_put_people_on_the_waiting_list(open_conference):
    CategoryOption.objects.create(conference=open_conference, category="delegate", capacity=1)
    first = _register(open_conference)
    second = _register(
        open_conference, person=person_data(cpf=None, name="Outra", phone="38911112222")
    )
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITLISTED


def test_categories_closed_online_are_refused_online_but_open_to_staff(open_conference, organiser):
    CategoryOption.objects.create(conference=open_conference, category="delegate", online=False)
    with pytest.raises(ValidationError) as error:
        _register(open_conference)
    assert "category" in error.value.message_dict
    assert _register(open_conference, origin=STAFF, actor=organiser).category == "delegate"


def test_online_registration_only_while_open(make_conference):
    conference = make_conference(status=Status.CONVOKED)
    with pytest.raises(ValidationError) as error:
        _register(conference)
    assert error.value.code == "closed"
    assert not Registration.objects.exists() and not Person.objects.exists()


def test_online_registration_needs_consent(open_conference):
    with pytest.raises(ValidationError):
        _register(open_conference, data=registration_data(consent=False))


def test_a_contact_is_required(open_conference):
    with pytest.raises(ValidationError):
        _register(open_conference, person=person_data(cpf=None, phone="", email=""))
    assert not Person.objects.exists()


def test_staff_registering_a_known_cpf_change_nothing_another_conference_holds(
    open_conference, make_conference, janauba, organiser
):
    theirs = _register(make_conference(municipality=janauba, status=Status.REGISTRATION_OPEN))
    ours = _register(
        open_conference, origin=STAFF, actor=organiser, person=person_data(phone="38988887777")
    )
    theirs.refresh_from_db()
    assert theirs.phone == "38999991234" and ours.phone == "38988887777"
    assert ours.person_id == theirs.person_id  # the same human, linked by the CPF only
