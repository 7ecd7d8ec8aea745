"""Reads the data of the other cycle apps into the plain facts an evaluation compares
(`evaluation.evaluation_facts` takes them)."""

import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, F, Sum
from django.utils.dateparse import parse_date

from simitra.lib.dates import local_date
from simitra.planning.models import Activity, ActivityStatus
from simitra.resources.models import Delivery, Pledge, PledgeStatus
from simitra.results.models import BeneficiaryGroup
from simitra.results.selectors import indicators_with_progress_data, progress_input

from . import evaluation

MONEY = DecimalField(max_digits=18, decimal_places=2)


def _done_dates(partnership) -> dict[int, dt.date | None]:
    """Activity id → the day its status last changed to done, from the activity's history
    (None when it was entered as already done: when it was done is then unknown)."""
    done_on: dict[int, dt.date | None] = {}
    previous: dict[int, str | None] = {}
    rows = (
        Activity.history.filter(partnership_id=partnership.pk)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "status", "history_date")
    )
    for activity_id, status, when in rows:
        before = previous.get(activity_id)
        if status == ActivityStatus.DONE and before != ActivityStatus.DONE:
            done_on[activity_id] = None if before is None else local_date(when)
        previous[activity_id] = status
    return done_on


def evaluation_input(partnership, plan_version, on: dt.date) -> evaluation.EvaluationInput:
    """The data of one partnership an evaluation compares (a fixed number of queries)."""
    planned = None
    if plan_version is not None:
        planned = tuple(
            evaluation.PlannedActivity(
                id=item["id"],
                title=item["title"],
                end=parse_date(item["end"]) if item.get("end") else None,
                budget=None if item.get("budget") is None else Decimal(item["budget"]),
            )
            for item in plan_version.content.get("activities", [])
        )
    done_on = _done_dates(partnership)
    activities = tuple(
        evaluation.ActivityRecord(
            id=pk,
            title=title,
            end=end,
            status=status,
            progress=progress,
            budget=budget,
            done_on=done_on.get(pk) if status == ActivityStatus.DONE else None,
        )
        for pk, title, end, status, progress, budget in Activity.objects.filter(
            partnership=partnership
        ).values_list("pk", "title", "end_date", "status", "progress", "budget")
    )
    pledged = (
        Pledge.objects.active()
        .filter(partnership=partnership)
        .aggregate(total=Sum(F("estimated_value") * F("exchange_rate"), output_field=MONEY))[
            "total"
        ]
    )
    delivered = (
        Delivery.objects.filter(pledge__partnership=partnership)
        .exclude(pledge__status=PledgeStatus.CANCELLED)
        .aggregate(total=Sum(F("amount") * F("pledge__exchange_rate"), output_field=MONEY))["total"]
    )
    indicators = tuple(
        (indicator.title, progress_input(indicator))
        for indicator in indicators_with_progress_data(partnership)
    )
    groups = BeneficiaryGroup.objects.filter(partnership=partnership).values_list(
        "name", "planned", "reached"
    )
    return evaluation.EvaluationInput(
        on=on,
        currency=partnership.currency,
        plan_number=plan_version.number if plan_version else None,
        planned=planned,
        activities=activities,
        pledged=pledged or Decimal(0),
        delivered=delivered or Decimal(0),
        indicators=indicators,
        beneficiaries=tuple(evaluation.BeneficiaryFact(*row) for row in groups),
    )
