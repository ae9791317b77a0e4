"""The rules of what the public sees of a conference (conferences/visibility.py)."""

from types import SimpleNamespace

import pytest

from plenaria.conferences import visibility
from plenaria.conferences.models import Status


def _at(status):
    return SimpleNamespace(status=status)


@pytest.mark.parametrize("status", [s.value for s in Status])
def test_the_page_is_public_from_the_convocation(status):
    """DOMAIN.md §3: the conference is convoked by an act published in the official
    gazette; from then on its page (programme, commission, act) is everyone's."""
    assert visibility.page_is_public(_at(status)) is (status != Status.DRAFT)


@pytest.mark.parametrize("status", [s.value for s in Status])
def test_deliberations_are_public_once_the_conference_has_ended(status):
    """DOMAIN.md §8: "The council publishes the deliberations and the delegates in a
    resolution in the official gazette" — after the final plenary (§5), not before."""
    ended = status in {Status.CLOSED, Status.REPORT_SUBMITTED}
    assert visibility.deliberations_are_public(_at(status)) is ended


@pytest.mark.parametrize("status", [s.value for s in Status])
@pytest.mark.parametrize("confirmed", [True, False])
def test_delegates_are_public_once_ended_and_the_list_confirmed(status, confirmed):
    """DOMAIN.md §8 (the resolution publishes the delegates) and §7 (the list goes to
    the next level once elected): only a confirmed list of an ended conference."""
    ended = status in {Status.CLOSED, Status.REPORT_SUBMITTED}
    shown = visibility.delegates_are_public(_at(status), list_confirmed=confirmed)
    assert shown is (ended and confirmed)


def test_a_public_delegate_carries_name_segment_and_seat_only():
    """DOMAIN.md §4 and §7: contacts, accessibility needs and quota declarations are
    personal data (LGPD); Decreto 8.727/2016: the social name is the only name shown."""
    delegate = visibility.public_delegate(social_name="Ana", segment="Usuários", seat="Titular")
    assert tuple(vars(delegate)) == visibility.PUBLIC_DELEGATE_FIELDS
