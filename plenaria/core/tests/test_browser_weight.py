"""Weight and speed in a real browser (issue 21, item 13): the page comes gzipped, the
sign-in icon is drawn inline without Font Awesome, at 1280 and 360 px."""

import pytest

from plenaria.conftest import assert_no_horizontal_scroll, check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("reference_data")
@pytest.mark.parametrize("width", [1280, 360])
def test_the_home_page_comes_gzipped_with_its_icon_inline(new_page, width):
    page = new_page(width=width)
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if "fontawesome" in r.url else None)
    response = page.goto("/")
    assert response.headers.get("content-encoding") == "gzip"
    icon = page.locator(".br-sign-in svg.plenaria-icon")
    box = icon.bounding_box()
    assert box and 10 <= box["width"] <= 24 and 10 <= box["height"] <= 24
    assert page.get_by_role("link", name="Entrar").is_visible()
    assert fonts == []
    assert_no_horizontal_scroll(page)
    check_accessibility(page, f"home-icon-{width}")
