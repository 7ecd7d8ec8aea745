"""Reads that gather the results data of a partnership for pages and measures."""

from django.db.models import Prefetch
from django.utils import timezone

from .models import Indicator, IndicatorValue, Period
from .progress import IndicatorData, PeriodPoint, indicator_progress


def indicators_with_progress_data(partnership):
    """Indicators with their periods and each period's approved total value prefetched
    (two queries for any number of indicators)."""
    periods = Period.objects.order_by("start").prefetch_related(
        Prefetch(
            "values",
            queryset=IndicatorValue.objects.approved().totals(),
            to_attr="approved_totals",
        )
    )
    return (
        Indicator.objects.filter(partnership=partnership)
        .select_related("result", "responsible_partner__organisation")
        .prefetch_related(Prefetch("periods", queryset=periods))
    )


def progress_input(indicator) -> IndicatorData:
    """The measure's input from an indicator fetched by `indicators_with_progress_data`."""
    points = []
    for period in indicator.periods.all():
        approved = period.approved_totals[0].value if period.approved_totals else None
        points.append(PeriodPoint(period.start, period.end, period.target, approved))
    return IndicatorData(
        periods=points,
        baseline=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        lower_is_better=indicator.direction == Indicator.Direction.LOWER,
        qualitative=indicator.is_qualitative,
    )


def attach_progress(indicators, today=None) -> list:
    today = today or timezone.localdate()
    indicators = list(indicators)
    for indicator in indicators:
        indicator.progress = indicator_progress(progress_input(indicator), today)
    return indicators
