"""The readiness check (pure): each problem is found, with its reason."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from simitra.planning.readiness import ActivityFact, PartnerFact, plan_readiness

D = dt.date


@pytest.fixture(autouse=True)
def english():
    """The reasons are asserted in English (the catalogue translates them to Indonesian)."""
    with translation.override("en"):
        yield


PARTNERS = [PartnerFact(1, "Dinas Kesehatan"), PartnerFact(2, "PT Mitra Usaha")]


def ready_activity(**changes):
    values = {
        "id": 1,
        "title": "Kelas ibu balita",
        "responsible_id": 1,
        "supporting_ids": frozenset({2}),
        "start": D(2025, 3, 1),
        "end": D(2025, 6, 30),
        "deliverable": "24 kelas",
        "budget": Decimal(1000),
        "funding_count": 1,
    }
    values.update(changes)
    return ActivityFact(**values)


def check(*activities, partners=PARTNERS, start=D(2025, 1, 1), end=D(2025, 12, 31)):
    return plan_readiness(activities=list(activities), partners=partners, start=start, end=end)


def codes(result):
    return [p.code for p in result.problems]


def test_a_complete_plan_is_ready():
    result = check(ready_activity())
    assert result.ready and result.score == 1.0


def test_an_empty_plan_is_not_ready():
    result = check()
    assert codes(result) == [
        "no_activities",
        "partner_without_part",
        "partner_without_part",
    ]
    assert result.score == 0.0


def test_every_missing_item_is_reported_with_the_activity_title():
    result = check(
        ready_activity(responsible_id=None, start=None, deliverable=" ", budget=None),
        partners=[],
    )
    assert codes(result) == ["no_responsible", "no_dates", "no_deliverable", "no_budget"]
    assert all("Kelas ibu balita" in p.message for p in result.problems)
    assert result.activities_without_problems == 0


def test_dates_must_be_in_order_and_inside_the_partnership():
    assert "dates_reversed" in codes(check(ready_activity(start=D(2025, 7, 1))))
    before = check(ready_activity(start=D(2024, 12, 1)))
    assert codes(before) == ["before_partnership"]
    assert "2024" in before.problems[0].message
    assert codes(check(ready_activity(end=D(2026, 1, 1)))) == ["after_partnership"]
    assert codes(check(ready_activity(), start=None)) == ["no_partnership_dates"]


def test_a_budget_above_zero_needs_a_contribution_funding_it():
    assert codes(check(ready_activity(funding_count=0))) == ["unfunded"]
    assert check(ready_activity(budget=Decimal(0), funding_count=0)).ready


def test_a_responsible_partner_must_be_confirmed():
    result = check(ready_activity(responsible_id=9, supporting_ids=frozenset({1, 2})))
    assert codes(result) == ["responsible_not_confirmed"]


def test_dependencies_must_not_run_backwards():
    first = ready_activity(id=1, title="Survei awal", end=D(2025, 5, 31))
    second = ready_activity(id=2, title="Intervensi", start=D(2025, 5, 1), depends_on=(1,))
    result = check(first, second)
    assert codes(result) == ["dependency_backwards"]
    assert (
        "Intervensi" in result.problems[0].message and "Survei awal" in result.problems[0].message
    )
    assert result.problems[0].activity_id == 2
    fixed = ready_activity(id=2, title="Intervensi", start=D(2025, 6, 1), depends_on=(1,))
    assert check(first, fixed).ready


def test_a_circle_of_dependencies_is_reported():
    a = ready_activity(id=1, title="A", start=D(2025, 3, 1), end=D(2025, 3, 1), depends_on=(2,))
    b = ready_activity(id=2, title="B", start=D(2025, 3, 1), end=D(2025, 3, 1), depends_on=(1,))
    result = check(a, b)
    assert codes(result).count("dependency_cycle") == 2


def test_every_confirmed_partner_needs_a_part():
    result = check(ready_activity(supporting_ids=frozenset()))
    assert codes(result) == ["partner_without_part"]
    assert result.problems[0].partner_id == 2
    assert "PT Mitra Usaha" in result.problems[0].message
