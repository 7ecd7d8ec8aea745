"""Factories for tests of results."""

import datetime as dt
from decimal import Decimal

from .models import Indicator, IndicatorValue, Period, Result
from .services import add_months

FIRST = dt.date(2025, 1, 1)


def make_indicator(partnership, responsible, *, periods=2, targets=None, **fields) -> Indicator:
    result = fields.pop("result", None) or Result.objects.create(
        partnership=partnership, title="Hasil uji"
    )
    fields.setdefault("title", "Kader terlatih")
    fields.setdefault("type", Indicator.Type.OUTPUT)
    fields.setdefault("baseline_value", Decimal(0))
    indicator = Indicator.objects.create(
        partnership=partnership, result=result, responsible_partner=responsible, **fields
    )
    targets = targets or [Decimal(10 * (n + 1)) for n in range(periods)]
    for n, target in enumerate(targets):
        start = add_months(FIRST, 3 * n)
        end = add_months(FIRST, 3 * (n + 1)) - dt.timedelta(days=1)
        Period.objects.create(indicator=indicator, start=start, end=end, target=target)
    return indicator


def make_value(period, value="5", status=IndicatorValue.Status.DRAFT, **fields) -> IndicatorValue:
    if status == IndicatorValue.Status.RETURNED:
        fields.setdefault("return_reason", "Periksa lagi")
    return IndicatorValue.objects.create(
        period=period, value=Decimal(value), status=status, **fields
    )
