"""An anonymous visitor reads a concluded conference's deliberations and delegates on
its public page, on a phone."""

import pytest
from playwright.sync_api import expect

from plenaria.conferences.models import Status
from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility, conference_to
from plenaria.delegates.tests.test_handover import LIST
from plenaria.delegates.tests.test_public_results import _approved

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_anyone_reads_the_results_of_a_concluded_conference(new_page, confirmed_list, organiser):
    made = confirmed_list(LIST)
    conference = made[0].conference
    _approved(conference)
    conference_to(conference, Status.CLOSED, actor=organiser)

    page = new_page(width=360, height=780)
    page.goto("/")
    page.get_by_role("link", name=conference.title).first.click()
    expect(page.get_by_role("heading", name="Deliberações finais")).to_be_visible()
    expect(page.get_by_text("Ampliar o CRAS da zona rural.")).to_be_visible()
    delegates = page.get_by_role("table", name="Delegados eleitos")
    expect(delegates).to_contain_text("Ana")
    expect(delegates).to_contain_text("Governo")
    assert_no_horizontal_scroll(page)
    check_accessibility(page, "public-results-360")
