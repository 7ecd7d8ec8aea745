"""Indicator values, targets, achievement and the reasons of the progress measure read in the
reader's language: `1.250,75` in Bahasa Indonesia, `1,250.75` in English."""

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from simitra.results.models import IndicatorValue
from simitra.results.progress import IndicatorData, PeriodPoint, indicator_progress
from simitra.results.testing import make_indicator, make_value


def in_language(client, lang):
    client.post(reverse("accounts:set_language"), {"language": lang})
    return client


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("id", "Nilai terakhir yang disetujui 1.250,75 terhadap target akhir 3.000,5."),
        ("en", "Latest approved value 1,250.75 against the final target 3,000.5."),
    ],
)
def test_the_progress_reasons_read_in_the_language(lang, reason):
    data = IndicatorData(
        periods=[
            PeriodPoint(dt.date(2025, 1, 1), dt.date(2025, 6, 30), D("1500"), D("1250.75")),
            PeriodPoint(dt.date(2025, 7, 1), dt.date(2025, 12, 31), D("3000.5"), None),
        ],
        baseline=D(0),
        baseline_date=dt.date(2024, 12, 31),
    )
    with translation.override(lang):
        progress = indicator_progress(data, dt.date(2025, 7, 15))
    assert progress.reasons[0] == reason


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", ["1.250,75", "3.000,5", "42%"]), ("en", ["1,250.75", "3,000.5", "42%"])],
)
def test_the_indicator_and_results_pages_read_in_the_language(world, client_for, lang, expected):
    indicator = make_indicator(world.partnership, world.partner_a, targets=[D("1500"), D("3000.5")])
    first = indicator.periods.order_by("start").first()
    make_value(first, value="1250.75", status=IndicatorValue.Status.APPROVED)
    client = in_language(client_for(world.coordinator), lang)
    code = world.partnership.code
    with time_machine.travel(dt.datetime(2025, 5, 1, 10, 0), tick=False):
        pages = (
            client.get(reverse("results:indicator", args=[code, indicator.pk])).content.decode()
            + client.get(reverse("results:page", args=[code])).content.decode()
        )
    for text in expected:
        assert text in pages, text
    # Machine numbers only where code reads them: the chart's data (drawn in the page's
    # language by Chart.js).
    assert pages.count("1250.75") == pages.count('"data": [1250.75')
