"""Rolling indicator values up: across periods, and across the categories of a disaggregation.

A pure measure (plain numbers in, the figure and the reasons out); the one place that says how
values of each kind of indicator combine, so the reports, the portfolio and the API all agree.

The rule per kind (`kind_of`):

- **cumulative** number (the default; "kader trained so far"): each period's value is the
  level reached by its end, so values over periods are never added: the roll-up is the latest
  period's value. Across categories (districts, sex) the levels add up.
- **incremental** number ("kader trained this quarter"): each value is what its period added:
  over periods, and across categories, the values add up.
- **percentage**: never added, over periods nor across categories. Over periods: the latest.
  Across categories: the mean weighted by each category's denominator (the people the
  percentage is of) where every category has one; otherwise no combined figure: the values are
  shown per category and the roll-up says why.
- **qualitative**: not rolled up.

A breakdown's categories are checked against the indicator's total: where they do not add up
to it (cumulative and incremental numbers), the roll-up says so and by how much.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from simitra.lib.numbers import format_number

CUMULATIVE = "cumulative"
INCREMENTAL = "incremental"
PERCENTAGE = "percentage"
QUALITATIVE = "qualitative"


def kind_of(measure: str, accumulation: str) -> str:
    """The roll-up kind of an indicator from its `measure` and `accumulation`."""
    if measure == PERCENTAGE:
        return PERCENTAGE
    if measure == QUALITATIVE:
        return QUALITATIVE
    return INCREMENTAL if accumulation == INCREMENTAL else CUMULATIVE


@dataclass(frozen=True)
class PeriodValue:
    end: dt.date
    value: Decimal


@dataclass(frozen=True)
class CategoryValue:
    name: str
    value: Decimal
    denominator: Decimal | None = None


@dataclass
class RollUp:
    value: Decimal | None
    per_category: list[CategoryValue] = field(default_factory=list)
    adds_up: bool | None = None  # None: not checked (no total, or a percentage)
    flagged: bool = False  # the figure is not one number: read the categories
    reasons: list[str] = field(default_factory=list)


def over_periods(kind: str, values: list[PeriodValue]) -> RollUp:
    """The indicator's figure over a run of periods (values of the periods that have one)."""
    if kind == QUALITATIVE:
        return RollUp(None, reasons=[_("A qualitative indicator is not rolled up.")])
    if not values:
        return RollUp(None, reasons=[_("No approved value in the period.")])
    if kind == INCREMENTAL:
        total = sum((v.value for v in values), Decimal(0))
        return RollUp(
            total,
            reasons=[
                _("Incremental: the values of %(count)d periods added up.") % {"count": len(values)}
            ],
        )
    latest = max(values, key=lambda v: v.end)
    if kind == PERCENTAGE:
        reason = _("A percentage: never added over periods; the latest value counts.")
    else:
        reason = _("Cumulative: each value is the level so far; the latest value counts.")
    return RollUp(latest.value, reasons=[reason])


def across_categories(
    kind: str, categories: list[CategoryValue], total: Decimal | None = None
) -> RollUp:
    """The figure across the categories of one disaggregation, checked against the total."""
    if kind == QUALITATIVE or not categories:
        return RollUp(total, per_category=list(categories))
    if kind == PERCENTAGE:
        if all(c.denominator for c in categories):
            weight = sum((c.denominator for c in categories), Decimal(0))
            mean = sum((c.value * c.denominator for c in categories), Decimal(0)) / weight
            return RollUp(
                mean,
                per_category=list(categories),
                reasons=[_("A percentage: the mean weighted by each category's denominator.")],
            )
        return RollUp(
            None,
            per_category=list(categories),
            flagged=True,
            reasons=[
                _(
                    "A percentage without a denominator per category is never added or averaged: "
                    "read it per category."
                )
            ],
        )
    summed = sum((c.value for c in categories), Decimal(0))
    result = RollUp(summed, per_category=list(categories))
    if total is not None:
        result.adds_up = summed == total
        if not result.adds_up:
            result.reasons.append(
                _("The categories add up to %(sum)s, not to the total %(total)s.")
                % {"sum": format_number(summed), "total": format_number(total)}
            )
    return result
