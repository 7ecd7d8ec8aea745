"""Progress of an indicator: achievement and whether it is on the expected path.

A pure measure: it gets plain data (the ORM only gathers it) and returns numbers with the
reasons behind them, so a person can see why.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from simitra.lib.numbers import format_number

# On the path when the change achieved is short of the expected change by no more than this
# fraction of the whole planned change.
PATH_TOLERANCE = Decimal("0.10")


@dataclass(frozen=True)
class PeriodPoint:
    start: dt.date
    end: dt.date
    target: Decimal | None
    actual: Decimal | None  # the approved value for the whole population, if any


@dataclass(frozen=True)
class IndicatorData:
    periods: list[PeriodPoint]
    baseline: Decimal | None = None
    baseline_date: dt.date | None = None
    lower_is_better: bool = False
    qualitative: bool = False


@dataclass
class Progress:
    achievement: Decimal | None = None  # fraction: 1 = the final target reached
    latest_actual: Decimal | None = None
    latest_end: dt.date | None = None
    final_target: Decimal | None = None
    expected_now: Decimal | None = None
    on_path: bool | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        return None if self.achievement is None else (self.achievement * 100).quantize(Decimal(1))


def _path(data: IndicatorData) -> list[tuple[dt.date, Decimal]]:
    points = []
    if data.baseline is not None and data.baseline_date is not None:
        points.append((data.baseline_date, data.baseline))
    for period in sorted(data.periods, key=lambda p: p.end):
        if period.target is not None and (not points or period.end > points[-1][0]):
            points.append((period.end, period.target))
    return points


def expected_on(points: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal | None:
    """The planned level on `day`: straight lines between the path's points, flat outside."""
    if not points:
        return None
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if day <= d1:
            fraction = Decimal((day - d0).days) / Decimal((d1 - d0).days)
            return v0 + (v1 - v0) * fraction
    return points[-1][1]


def indicator_progress(data: IndicatorData, today: dt.date) -> Progress:
    """Achievement and on-path status of one indicator on `today`.

    - Final target T: the target of the last period that has one. Latest actual A: the
      approved value of the latest period that has one. Baseline B.
    - Achievement = (A − B) ÷ (T − B) when B is known (this reads right for "lower is better"
      too, both differences being negative); without B: A ÷ T, or T ÷ A when lower is better.
    - Expected path: straight lines from (baseline date, B) through (end of each period, its
      target). What is due by today, E, is the path's value at the end of the last period
      that has ended by `today` (a period still running is not due yet).
    - On path when the shortfall A − E, in the direction that counts, is at most 10 % of the
      whole planned change |T − P₀| (P₀ the path's first value).
    """
    progress = Progress()
    if data.qualitative:
        progress.reasons.append(_("A qualitative indicator: its progress is told in words."))
        return progress
    with_target = [p for p in data.periods if p.target is not None]
    with_actual = [p for p in data.periods if p.actual is not None]
    if not with_target:
        progress.reasons.append(_("No period has a target yet."))
    else:
        progress.final_target = max(with_target, key=lambda p: p.end).target
    if not with_actual:
        progress.reasons.append(_("No approved value yet."))
    else:
        latest = max(with_actual, key=lambda p: p.end)
        progress.latest_actual, progress.latest_end = latest.actual, latest.end
    if progress.final_target is None or progress.latest_actual is None:
        return progress

    target, actual, baseline = progress.final_target, progress.latest_actual, data.baseline
    if baseline is not None and target != baseline:
        progress.achievement = (actual - baseline) / (target - baseline)
    elif baseline is None and data.lower_is_better and actual > 0:
        progress.achievement = target / actual
    elif baseline is None and not data.lower_is_better and target != 0:
        progress.achievement = actual / target
    else:
        progress.reasons.append(_("The target equals the baseline: nothing to achieve."))
    if progress.achievement is not None:
        progress.reasons.append(
            _("Latest approved value %(actual)s against the final target %(target)s.")
            % {"actual": _number(actual), "target": _number(target)}
        )

    points = _path(data)
    ended = [p.end for p in data.periods if p.end <= today]
    if not ended:
        progress.reasons.append(_("No period has ended yet: nothing is due."))
        return progress
    expected = expected_on(points, max(ended))
    progress.expected_now = expected
    sign = Decimal(-1) if data.lower_is_better else Decimal(1)
    shortfall = sign * (expected - actual)
    allowed = PATH_TOLERANCE * abs(target - points[0][1])
    progress.on_path = shortfall <= allowed
    if progress.on_path:
        progress.reasons.append(
            _("On the expected path: %(expected)s was due by the last period ended.")
            % {"expected": _number(expected)}
        )
    else:
        progress.reasons.append(
            _(
                "Behind the expected path: %(expected)s was due by the last period ended, "
                "%(actual)s reached."
            )
            % {"expected": _number(expected), "actual": _number(actual)}
        )
    return progress


def _number(value: Decimal) -> str:
    return format_number(value)
