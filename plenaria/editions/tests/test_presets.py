import datetime as dt

import pytest

from plenaria.editions.models import Axis, CalendarWindow, Edition
from plenaria.editions.presets import EDITIONS, load_editions

pytestmark = pytest.mark.django_db


def test_the_three_editions_ship_with_five_axes_each():
    assert list(Edition.objects.order_by("year").values_list("year", "number", "nature")) == [
        (2021, 12, "ordinary"),
        (2023, 13, "extraordinary"),
        (2025, 14, "ordinary"),
    ]
    for edition in Edition.objects.all():
        assert edition.axes.count() == 5


def test_titles_are_exact():
    e2025 = Edition.objects.get(year=2025)
    assert e2025.theme == "20 anos do SUAS: construção, proteção social e resistência"
    assert e2025.axes.get(number=5).title == (
        "Sustentabilidade Financeira e Equidade no Cofinanciamento do SUAS"
    )
    e2023 = Edition.objects.get(year=2023)
    assert e2023.axes.get(number=3).title == (
        "Articulação entre os segmentos: como potencializar a participação social no SUAS?"
    )


def test_windows_of_2025():
    e2025 = Edition.objects.get(year=2025)
    municipal = e2025.windows.get(level="municipal")
    assert (municipal.start, municipal.end) == (dt.date(2025, 3, 31), dt.date(2025, 7, 11))
    assert e2025.windows.get(level="national").start == dt.date(2025, 12, 6)


def test_loading_again_changes_nothing():
    before = (Edition.objects.count(), Axis.objects.count(), CalendarWindow.objects.count())
    load_editions(Edition, Axis, CalendarWindow)
    assert (Edition.objects.count(), Axis.objects.count(), CalendarWindow.objects.count()) == before
    assert before[0] == len(EDITIONS)
