"""The indicator values sheet: built for large files (tens of thousands of rows).

Rows are checked against sets loaded once (the indicators the user may see, their periods and
disaggregation categories, the values already there) and saved with `bulk_create` /
`bulk_update`, not a form per row — but with the same rules as the page's form and the
approval flow (`simitra/results/forms.py`, `rules.py`, `services.py`):

- the indicator is one the user may see, and the user may enter its values (the coordinator,
  or a representative of the indicator's responsible partner: `results.enter_value`);
- the period is one of that indicator's periods (named by its start date);
- the category belongs to one of the indicator's disaggregations;
- a number for a number or percentage indicator (a percentage between 0 and 100, at most two
  decimals), a text for a qualitative one;
- a row without a value or text is a period not filled in yet, and skipped;
- one value per period and category: a value already there is changed only while it is a draft
  or returned, as on the page;
- "Submit" asks `results.submit_value` (a representative of the responsible partner, as on the
  page); submitted values go to the coordinator for approval.

The export writes one row per period of every indicator the user may see (with its value when
there is one), so it is a ready-to-fill sheet that imports again.
"""

from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from simitra.lib.bulk import create_with_history
from simitra.partnerships import recompute
from simitra.partnerships.models import Partnership
from simitra.results.models import DimensionCategory, Indicator, IndicatorValue, Period

from .spec import (
    Column,
    Outcome,
    SheetSpec,
    amount,
    day,
    register,
    text,
    whole_number,
    yes_no,
    yes_no_choices,
)

HUNDRED = Decimal(100)
BATCH = 2000

COLUMNS = [
    Column(
        "indicator",
        gettext_lazy("Indicator ID"),
        gettext_lazy("The indicator's ID (see the export of indicator values)."),
        True,
        12,
        parse=whole_number,
    ),
    Column(
        "period_start",
        gettext_lazy("Period start"),
        gettext_lazy("The first day of one of the indicator's reporting periods."),
        True,
        14,
        parse=day,
        example="2025-01-01",
    ),
    Column(
        "category",
        gettext_lazy("Disaggregation category"),
        gettext_lazy("Empty for the whole population; else a category, e.g. Perempuan."),
        width=22,
        parse=text(100),
    ),
    Column(
        "value",
        gettext_lazy("Value"),
        gettext_lazy("For number and percentage indicators (a percentage: 0–100)."),
        width=14,
        parse=amount(16, 2),
        example="1250",
    ),
    Column(
        "text",
        gettext_lazy("Qualitative value"),
        gettext_lazy("For qualitative indicators."),
        width=30,
        parse=text(5000),
    ),
    Column("comment", gettext_lazy("Comment"), width=30, parse=text(5000)),
    Column(
        "submit",
        gettext_lazy("Submit"),
        gettext_lazy(
            "Yes: submit the value to the coordinator now (representatives of the responsible "
            "partner). Empty or No: keep it as a draft."
        ),
        width=10,
        choices=yes_no_choices,
        parse=yes_no,
    ),
    Column(
        "partnership",
        gettext_lazy("Partnership code"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=20,
    ),
    Column(
        "indicator_title",
        gettext_lazy("Indicator"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=40,
    ),
    Column(
        "period_end",
        gettext_lazy("Period end"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=14,
    ),
    Column(
        "target",
        gettext_lazy("Target"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=12,
    ),
    Column(
        "status",
        gettext_lazy("Status"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=14,
    ),
]


class _Context:
    """Everything the rows are checked against, loaded once."""

    def __init__(self, rows, user):
        self.user = user
        wanted = {r.values.get("indicator") for r in rows if r.values.get("indicator")}
        visible = Partnership.objects.visible_to(user)
        partnerships = {}
        self.indicators: dict[int, Indicator] = {}
        for indicator in Indicator.objects.filter(
            pk__in=wanted, partnership__in=visible.values("pk")
        ).select_related("partnership", "responsible_partner"):
            # One partnership object per partnership: the access rules cache roles on it.
            partnership = partnerships.setdefault(indicator.partnership_id, indicator.partnership)
            indicator.partnership = partnership
            self.indicators[indicator.pk] = indicator
        # The periods' keys only: a value is written with its period's key.
        self.periods: dict[tuple[int, object], int] = {
            (indicator_id, start): pk
            for pk, indicator_id, start in Period.objects.filter(
                indicator_id__in=self.indicators
            ).values_list("pk", "indicator_id", "start")
        }
        self.categories: dict[tuple[int, str], DimensionCategory] = {}
        through = Indicator.dimensions.through.objects.filter(
            indicator_id__in=self.indicators
        ).values_list("indicator_id", "dimension_id")
        dimensions = defaultdict(list)
        for indicator_id, dimension_id in through:
            dimensions[dimension_id].append(indicator_id)
        for category in DimensionCategory.objects.filter(dimension_id__in=dimensions):
            for indicator_id in dimensions[category.dimension_id]:
                self.categories[(indicator_id, category.name.casefold())] = category
        self.existing: dict[tuple[int, int | None], IndicatorValue] = {
            (v.period_id, v.category_id): v
            for v in IndicatorValue.objects.filter(period__indicator_id__in=self.indicators)
        }
        self._may: dict[tuple[str, int], bool] = {}

    def may(self, perm: str, indicator: Indicator) -> bool:
        """The rule asked once per indicator (about a value of it: same partnership, same
        responsible partner)."""
        key = (perm, indicator.pk)
        if key not in self._may:
            probe = IndicatorValue(period=Period(indicator=indicator))
            self._may[key] = self.user.has_perm(perm, probe)
        return self._may[key]


def _check_number(row, errors, indicator, values) -> bool:
    if indicator.is_qualitative:
        if values.get("value") is not None:
            errors.add(row, "value", _("This indicator is qualitative: fill in the text instead."))
            return False
        if not values.get("text"):
            errors.add(row, "text", _("This indicator is qualitative: the text must be filled."))
            return False
        return True
    if values.get("text"):
        errors.add(row, "text", _("This indicator takes a number: fill in the value instead."))
        return False
    number = values.get("value")
    if indicator.measure == Indicator.Measure.PERCENTAGE and not 0 <= number <= HUNDRED:
        errors.add(row, "value", _("A percentage lies between 0 and 100."))
        return False
    return True


def validate(rows, user, errors):
    context = _Context(rows, user)
    seen: dict[tuple[int, int | None], int] = {}
    new, changed, unchanged = [], [], 0
    now = timezone.now()
    submitted = IndicatorValue.Status.SUBMITTED
    for row in rows:
        if errors.has(row):
            continue
        values = row.values
        if values.get("value") is None and not values.get("text"):
            continue  # a period not filled in yet (as the export leaves it)
        indicator = context.indicators.get(values["indicator"])
        if indicator is None:
            errors.add(row, "indicator", _("No indicator you may see has this ID."))
            continue
        period_id = context.periods.get((indicator.pk, values["period_start"]))
        if period_id is None:
            errors.add(row, "period_start", _("Choose one of this indicator's periods."))
            continue
        category = None
        if values.get("category"):
            category = context.categories.get((indicator.pk, values["category"].casefold()))
            if category is None:
                errors.add(
                    row, "category", _("Not a category of this indicator's disaggregations.")
                )
                continue
        key = (period_id, category.pk if category else None)
        if key in seen:
            errors.add(
                row,
                "period_start",
                _("The same period and category are already in row %(row)d.") % {"row": seen[key]},
            )
            continue
        seen[key] = row.number
        submit = bool(values.get("submit"))
        value = context.existing.get(key)
        changed_cell = _first_change(value, values, indicator) if value is not None else None
        if value is not None and changed_cell is None and not (submit and value.is_editable):
            unchanged += 1  # what is stored already (a submitted or approved value too)
            continue
        if not context.may("results.enter_value", indicator):
            errors.add(
                row,
                "indicator",
                _(
                    "Only the coordinator or the responsible partner enters this indicator's values."
                ),
            )
            continue
        if not _check_number(row, errors, indicator, values):
            continue
        if submit and not context.may("results.submit_value", indicator):
            errors.add(
                row,
                "submit",
                _("Only a representative of the responsible partner submits its values."),
            )
            continue
        if value is not None and not value.is_editable:
            errors.add(
                row, changed_cell or "submit", _("A submitted or approved value cannot be changed.")
            )
            continue
        entered = {
            "value": values.get("value") if not indicator.is_qualitative else None,
            "text": values.get("text") or "" if indicator.is_qualitative else "",
            "comment": values.get("comment") or "",
            "entered_by_id": user.pk,
        }
        if submit:
            entered.update(status=submitted, submitted_by_id=user.pk, submitted_at=now)
        if value is None:
            # The related records by their keys (the model's fields set in one call, without
            # the relations' descriptors): a third of the checks' time was building values.
            category_id = category.pk if category else None
            new.append(IndicatorValue(period_id=period_id, category_id=category_id, **entered))
            continue
        changed.append(value)
        for attname, content in entered.items():
            setattr(value, attname, content)
    return new, changed, unchanged


def _first_change(value: IndicatorValue, values: dict, indicator: Indicator) -> str | None:
    """The key of the first cell whose content differs from the stored value; None when the
    row holds what is stored."""
    if indicator.is_qualitative:
        if values.get("value") is not None:
            return "value"
        if (values.get("text") or "") != (value.text or ""):
            return "text"
    else:
        if values.get("text"):
            return "text"
        if values.get("value") != value.value:
            return "value"
    if (values.get("comment") or "") != (value.comment or ""):
        return "comment"
    return None


def save(validated, user) -> Outcome:
    new, changed, unchanged = validated
    # In bulk, with their history rows (who entered what stays on record, as on the page).
    create_with_history(new, IndicatorValue, user=user, batch_size=BATCH)
    bulk_update_with_history(
        changed,
        IndicatorValue,
        ["value", "text", "comment", "entered_by", "status", "submitted_by", "submitted_at"],
        batch_size=BATCH,
        default_user=user,
    )
    # The early warning reads when partners last submitted.
    submitted = sorted({v.period_id for v in [*new, *changed] if v.submitted_at is not None})
    partnerships = set()
    for start in range(0, len(submitted), BATCH):
        partnerships.update(
            Indicator.objects.filter(periods__in=submitted[start : start + BATCH])
            .values_list("partnership_id", flat=True)
            .distinct()
        )
    for partnership_id in partnerships:
        recompute.inputs_changed(partnership_id)
    return Outcome(created=len(new), updated=len(changed), unchanged=unchanged)


def _visible_periods(user):
    return Period.objects.filter(
        indicator__partnership__in=Partnership.objects.visible_to(user).values("pk")
    )


def export_rows(user):
    """One row per period of each visible indicator, with its values (the whole population's
    and each category's); a period without a value gives an empty row to fill in."""
    periods = (
        _visible_periods(user)
        .select_related("indicator__partnership")
        .order_by("indicator__partnership__code", "indicator_id", "start")
    )
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    batch: list[Period] = []

    def flush():
        found = IndicatorValue.objects.filter(period__in=batch).select_related("category")
        for value in found.order_by("category__name", "pk"):
            values[value.period_id].append(value)
        for period in batch:
            rows = values.pop(period.pk, None) or [None]
            for value in rows:
                yield _row(period, value)

    for period in periods.iterator(chunk_size=BATCH):
        batch.append(period)
        if len(batch) >= BATCH:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def _row(period, value) -> dict:
    indicator = period.indicator
    target = period.target if period.target is not None else period.target_text
    row = {
        "indicator": indicator.pk,
        "period_start": period.start,
        "partnership": indicator.partnership.code,
        "indicator_title": indicator.title,
        "period_end": period.end,
        "target": target,
    }
    if value is not None:
        row.update(
            {
                "category": value.category.name if value.category else "",
                "value": value.value,
                "text": value.text,
                "comment": value.comment,
                "status": str(value.get_status_display()),
            }
        )
    return row


SPEC = register(
    SheetSpec(
        key="indicator_values",
        order=50,
        title=gettext_lazy("Indicator values"),
        columns=COLUMNS,
        instructions=[
            gettext_lazy(
                "One row per value: the indicator's ID and the start of one of its periods. "
                "Download the export of indicator values for a sheet with every period of your "
                "indicators ready to fill in."
            ),
            gettext_lazy(
                "Values are saved as drafts, or submitted to the coordinator when “Submit” is "
                "Yes. A value already submitted or approved cannot be changed here, as on the "
                "page."
            ),
        ],
        validate=validate,
        save=save,
        export_rows=export_rows,
        export_count=lambda user: _visible_periods(user).count(),
    )
)
