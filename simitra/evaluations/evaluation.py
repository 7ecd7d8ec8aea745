"""What the data says when a partnership is evaluated against its initial plan (a pure measure:
plain data in, numbers and their sentences out; no ORM).

Activities, against the initial plan (the plan version chosen for the evaluation; an activity
added later is judged against its own current end date):

    done on time     marked done no later than G (7) days after its planned end date
    done late        marked done later than that
    done, undated    done, but the plan never showed it open, so when it was done is unknown
                     (an activity entered as already done)
    overdue          not done, planned end more than G days before the evaluation date
    not yet due      not done, planned end not yet (or not set)
    cancelled        cancelled since
    added / dropped  in the current plan but not in the initial one / the other way round

"Marked done" is the moment the activity's status last changed to done, from its history.

Budget, as far as the data allows (no expenditure is recorded, so money spent is approached
two ways):

    planned budget   Σ activity budgets in the initial plan, and in the current plan
    work done        Σ budget × progress % over the current activities (done = 100 %)
    delivered        Σ contributions delivered against Σ pledged (both valued in the
                     partnership's currency)

Indicators: each quantitative indicator's achievement A = (latest approved − baseline) ÷
(final target − baseline) from `results.progress` on the evaluation date; reached when A ≥ 1;
on path or behind as early warning reads it; the mean of A over the indicators that have one.

Beneficiaries: Σ reached ÷ Σ planned over the target groups, and per group.

The facts are a dictionary of plain numbers and strings, so a completed evaluation can store
them; `sentences(facts)` says them in words in the active language.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simitra.lib.numbers import format_number, format_percent
from simitra.results.progress import IndicatorData, indicator_progress

ON_TIME, LATE, UNDATED, OVERDUE, NOT_DUE, CANCELLED = (
    "on_time",
    "late",
    "undated",
    "overdue",
    "not_due",
    "cancelled",
)
GRACE_DAYS = 7


@dataclass(frozen=True)
class PlannedActivity:
    id: int
    title: str
    end: dt.date | None
    budget: Decimal | None


@dataclass(frozen=True)
class ActivityRecord:
    id: int
    title: str
    end: dt.date | None
    status: str  # planning's ActivityStatus values
    progress: int
    budget: Decimal | None
    done_on: dt.date | None = None  # when last marked done; None when unknown


@dataclass(frozen=True)
class BeneficiaryFact:
    name: str
    planned: int
    reached: int


@dataclass(frozen=True)
class EvaluationInput:
    on: dt.date
    currency: str = "IDR"
    plan_number: int | None = None
    planned: tuple[PlannedActivity, ...] | None = None  # None: no plan version to compare with
    activities: tuple[ActivityRecord, ...] = ()
    pledged: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)
    indicators: tuple[tuple[str, IndicatorData], ...] = ()
    beneficiaries: tuple[BeneficiaryFact, ...] = ()


def _money(value: Decimal | None) -> str | None:
    """A machine amount for the stored facts (formatted only where shown)."""
    return None if value is None else f"{value:.2f}"


def _state(activity: ActivityRecord, planned_end: dt.date | None, on: dt.date, grace: int) -> str:
    if activity.status == "cancelled":
        return CANCELLED
    if activity.status == "done":
        if activity.done_on is None or planned_end is None:
            return UNDATED if activity.done_on is None else ON_TIME
        return ON_TIME if (activity.done_on - planned_end).days <= grace else LATE
    if planned_end is not None and (on - planned_end).days > grace:
        return OVERDUE
    return NOT_DUE


def _activities(data: EvaluationInput, grace: int) -> tuple[dict, list[dict]]:
    planned = {p.id: p for p in data.planned or ()}
    counts = dict.fromkeys([ON_TIME, LATE, UNDATED, OVERDUE, NOT_DUE, CANCELLED], 0)
    rows = []
    for activity in data.activities:
        plan = planned.get(activity.id)
        planned_end = plan.end if plan else activity.end
        state = _state(activity, planned_end, data.on, grace)
        counts[state] += 1
        rows.append(
            {
                "title": activity.title,
                "planned_end": planned_end.isoformat() if planned_end else None,
                "done_on": activity.done_on.isoformat() if activity.done_on else None,
                "state": state,
                "in_initial_plan": plan is not None,
            }
        )
    current_ids = {a.id for a in data.activities if a.status != "cancelled"}
    counts["total"] = sum(1 for a in data.activities if a.status != "cancelled")
    counts["done"] = counts[ON_TIME] + counts[LATE] + counts[UNDATED]
    if data.planned is None:
        counts["added"] = counts["dropped"] = None
        counts["initial"] = None
    else:
        counts["initial"] = len(planned)
        counts["added"] = len(current_ids - set(planned))
        counts["dropped"] = len(set(planned) - current_ids)
    return counts, rows


def _budget(data: EvaluationInput) -> dict:
    current = [a for a in data.activities if a.status != "cancelled"]
    budgeted = [a for a in current if a.budget is not None]
    initial = None
    if data.planned is not None:
        initial = sum((p.budget for p in data.planned if p.budget is not None), Decimal(0))
    work_done = sum(
        (
            a.budget * (Decimal(100) if a.status == "done" else Decimal(a.progress)) / 100
            for a in budgeted
        ),
        Decimal(0),
    )
    return {
        "initial": _money(initial),
        "current": _money(sum((a.budget for a in budgeted), Decimal(0))),
        "work_done": _money(work_done),
        "pledged": _money(data.pledged),
        "delivered": _money(data.delivered),
    }


def _indicators(data: EvaluationInput) -> dict:
    rows = []
    for title, indicator in data.indicators:
        progress = indicator_progress(indicator, data.on)
        achievement = progress.achievement
        rows.append(
            {
                "title": title,
                "qualitative": indicator.qualitative,
                "percent": None if achievement is None else float(round(achievement * 100, 1)),
                "reached": achievement is not None and achievement >= 1,
                "on_path": progress.on_path,
            }
        )
    measured = [row["percent"] for row in rows if row["percent"] is not None]
    return {
        "rows": rows,
        "count": len(rows),
        "measured": len(measured),
        "reached": sum(1 for row in rows if row["reached"]),
        "on_path": sum(1 for row in rows if row["on_path"] is True),
        "behind": sum(1 for row in rows if row["on_path"] is False),
        "mean_percent": round(sum(measured) / len(measured), 1) if measured else None,
    }


def _beneficiaries(data: EvaluationInput) -> dict:
    rows = [
        {
            "name": group.name,
            "planned": group.planned,
            "reached": group.reached,
            "percent": round(100 * group.reached / group.planned, 1) if group.planned else None,
        }
        for group in data.beneficiaries
    ]
    planned = sum(g.planned for g in data.beneficiaries)
    reached = sum(g.reached for g in data.beneficiaries)
    return {
        "rows": rows,
        "planned": planned,
        "reached": reached,
        "percent": round(100 * reached / planned, 1) if planned else None,
    }


def evaluation_facts(data: EvaluationInput, grace_days: int = GRACE_DAYS) -> dict:
    """The facts of an evaluation (see the module docstring), as plain JSON values."""
    counts, rows = _activities(data, grace_days)
    return {
        "on": data.on.isoformat(),
        "currency": data.currency,
        "plan_number": data.plan_number,
        "grace_days": grace_days,
        "activities": counts,
        "activity_rows": rows,
        "budget": _budget(data),
        "indicators": _indicators(data),
        "beneficiaries": _beneficiaries(data),
    }


def share(part, whole) -> float | None:
    """part ÷ whole as a fraction, or None when the whole is nothing."""
    part, whole = Decimal(str(part or 0)), Decimal(str(whole or 0))
    return float(part / whole) if whole else None


def _pct(fraction: float) -> str:
    return format_percent(fraction)


def sentences(facts: dict) -> list[str]:
    """The facts in words, in the active language (the reasons beside the numbers)."""
    result = []
    a = facts["activities"]
    if not a["total"] and not a[CANCELLED]:
        result.append(_("The plan has no activities: nothing to compare."))
    else:
        result.append(
            ngettext(
                "%(done)d of %(total)d activity done: %(on_time)d on time, %(late)d late, "
                "%(undated)d without a recorded completion date.",
                "%(done)d of %(total)d activities done: %(on_time)d on time, %(late)d late, "
                "%(undated)d without a recorded completion date.",
                a["total"],
            )
            % {
                "done": a["done"],
                "total": a["total"],
                "on_time": a[ON_TIME],
                "late": a[LATE],
                "undated": a[UNDATED],
            }
        )
        if a[OVERDUE]:
            result.append(
                ngettext(
                    "%(n)d activity is still open past its planned end.",
                    "%(n)d activities are still open past their planned end.",
                    a[OVERDUE],
                )
                % {"n": a[OVERDUE]}
            )
    if facts["plan_number"] is None:
        result.append(
            _("No plan version was chosen: activities are judged by their current dates.")
        )
    elif a["added"] or a["dropped"]:
        result.append(
            _(
                "Since plan version %(number)d: %(added)d activities added, %(dropped)d dropped or "
                "cancelled."
            )
            % {"number": facts["plan_number"], "added": a["added"], "dropped": a["dropped"]}
        )
    b = facts["budget"]
    work = share(b["work_done"], b["current"])
    if work is not None:
        result.append(
            _("Work done is worth %(share)s of the current budget (budget × progress).")
            % {"share": _pct(work)}
        )
    delivered = share(b["delivered"], b["pledged"])
    if delivered is not None:
        result.append(
            _("%(share)s of the value pledged has been delivered.") % {"share": _pct(delivered)}
        )
    i = facts["indicators"]
    if i["count"]:
        result.append(
            _(
                "Indicators: %(reached)d of %(count)d reached their final target; %(behind)d "
                "behind their expected path."
            )
            % {"reached": i["reached"], "count": i["count"], "behind": i["behind"]}
        )
    else:
        result.append(_("No indicators: achievement cannot be measured."))
    f = facts["beneficiaries"]
    if f["planned"]:
        result.append(
            _("%(reached)s of %(planned)s planned beneficiaries reached (%(share)s).")
            % {
                "reached": format_number(f["reached"]),
                "planned": format_number(f["planned"]),
                "share": _pct(f["reached"] / f["planned"]),
            }
        )
    return result


def on_date(facts: dict) -> dt.date:
    return parse_date(facts["on"])
