"""The facts of an evaluation as a pure function: activities against the initial plan, budget,
indicators and beneficiaries, and the sentences that say them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from simitra.evaluations.evaluation import (
    ActivityRecord,
    BeneficiaryFact,
    EvaluationInput,
    PlannedActivity,
    evaluation_facts,
    sentences,
    share,
)
from simitra.results.progress import IndicatorData, PeriodPoint

ON = dt.date(2026, 6, 30)
D = dt.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def record(pk, status="done", done_on=None, end=D(2026, 3, 31), progress=0, budget=100):
    return ActivityRecord(
        id=pk,
        title=f"Kegiatan {pk}",
        end=end,
        status=status,
        progress=progress,
        budget=None if budget is None else Decimal(budget),
        done_on=done_on,
    )


PLAN = (
    PlannedActivity(1, "Kegiatan 1", D(2026, 3, 31), Decimal(100)),
    PlannedActivity(2, "Kegiatan 2", D(2026, 3, 31), Decimal(100)),
    PlannedActivity(3, "Kegiatan 3", D(2026, 3, 31), Decimal(100)),
    PlannedActivity(4, "Kegiatan 4", D(2026, 3, 31), Decimal(100)),
    PlannedActivity(9, "Dihapus", D(2026, 3, 31), Decimal(50)),
)


def test_activities_are_judged_against_the_end_date_of_the_initial_plan():
    data = EvaluationInput(
        on=ON,
        plan_number=1,
        planned=PLAN,
        activities=(
            # the current plan moved its end to June, the initial plan said March
            record(1, done_on=D(2026, 4, 7), end=D(2026, 6, 30)),  # 7 days after: on time
            record(2, done_on=D(2026, 4, 8)),  # 8 days after: late
            record(3, done_on=None),  # entered as done: date unknown
            record(4, status="progress", progress=50),  # open past the planned end
            record(5, status="planned", end=D(2026, 12, 31)),  # added later, not yet due
            record(6, status="cancelled"),
        ),
    )
    activities = evaluation_facts(data)["activities"]
    assert activities["on_time"] == 1
    assert activities["late"] == 1
    assert activities["undated"] == 1
    assert activities["overdue"] == 1
    assert activities["not_due"] == 1
    assert activities["cancelled"] == 1
    assert (activities["total"], activities["done"]) == (5, 3)
    assert (activities["initial"], activities["added"], activities["dropped"]) == (5, 1, 1)


def test_without_a_plan_version_the_current_dates_count_and_nothing_is_added():
    data = EvaluationInput(on=ON, activities=(record(1, done_on=D(2026, 4, 30)),))
    facts = evaluation_facts(data)
    assert facts["activities"]["late"] == 1
    assert facts["activities"]["added"] is None
    assert facts["budget"]["initial"] is None


def test_budget_work_done_and_contributions_delivered():
    data = EvaluationInput(
        on=ON,
        planned=PLAN,
        plan_number=1,
        activities=(
            record(1, done_on=D(2026, 3, 1), budget=200),  # done: counts in full
            record(2, status="progress", progress=25, budget=400),
            record(3, status="planned", budget=None),
            record(4, status="cancelled", budget=1000),  # not in the current plan
        ),
        pledged=Decimal(800),
        delivered=Decimal(200),
    )
    budget = evaluation_facts(data)["budget"]
    assert budget == {
        "initial": "450.00",
        "current": "600.00",
        "work_done": "300.00",
        "pledged": "800.00",
        "delivered": "200.00",
    }
    assert share(budget["work_done"], budget["current"]) == 0.5
    assert share(budget["delivered"], budget["pledged"]) == 0.25
    assert share(1, 0) is None


def indicator(actual, target="100", qualitative=False):
    return IndicatorData(
        periods=[PeriodPoint(D(2026, 1, 1), D(2026, 3, 31), Decimal(target), Decimal(actual))],
        baseline=Decimal(0),
        baseline_date=D(2026, 1, 1),
        qualitative=qualitative,
    )


def test_indicator_achievement_from_approved_values():
    data = EvaluationInput(
        on=ON,
        indicators=(
            ("Kader terlatih", indicator("100")),
            ("Kelas ibu", indicator("45")),
            ("Cerita perubahan", indicator("0", qualitative=True)),
        ),
    )
    indicators = evaluation_facts(data)["indicators"]
    assert [row["percent"] for row in indicators["rows"]] == [100.0, 45.0, None]
    assert [row["reached"] for row in indicators["rows"]] == [True, False, False]
    assert [row["on_path"] for row in indicators["rows"]] == [True, False, None]
    assert (indicators["reached"], indicators["behind"], indicators["mean_percent"]) == (1, 1, 72.5)


def test_beneficiaries_reached_against_planned():
    data = EvaluationInput(
        on=ON,
        beneficiaries=(BeneficiaryFact("Balita", 2400, 1870), BeneficiaryFact("Kader", 0, 3)),
    )
    beneficiaries = evaluation_facts(data)["beneficiaries"]
    assert (beneficiaries["planned"], beneficiaries["reached"]) == (2400, 1873)
    assert [row["percent"] for row in beneficiaries["rows"]] == [77.9, None]


def test_the_facts_are_said_in_words():
    data = EvaluationInput(
        on=ON,
        planned=PLAN[:2],
        plan_number=1,
        activities=(record(1, done_on=D(2026, 3, 1)), record(2, status="progress", progress=50)),
        pledged=Decimal(1000),
        delivered=Decimal(250),
        beneficiaries=(BeneficiaryFact("Balita", 2400, 1200),),
    )
    assert sentences(evaluation_facts(data)) == [
        "1 of 2 activities done: 1 on time, 0 late, 0 without a recorded completion date.",
        "1 activity is still open past its planned end.",
        "Work done is worth 75% of the current budget (budget × progress).",
        "25% of the value pledged has been delivered.",
        "No indicators: achievement cannot be measured.",
        "1,200 of 2,400 planned beneficiaries reached (50%).",
    ]


def test_an_empty_partnership_has_nothing_to_compare():
    facts = evaluation_facts(EvaluationInput(on=ON))
    assert sentences(facts)[:2] == [
        "The plan has no activities: nothing to compare.",
        "No plan version was chosen: activities are judged by their current dates.",
    ]
