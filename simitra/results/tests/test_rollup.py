"""The roll-up rules per kind of indicator, with figures worked out by hand."""

import datetime as dt
from decimal import Decimal as D

from django.utils import translation

from simitra.results import rollup
from simitra.results.rollup import CategoryValue, PeriodValue

Q1, Q2, Q3 = dt.date(2026, 3, 31), dt.date(2026, 6, 30), dt.date(2026, 9, 30)


def test_a_cumulative_indicator_takes_the_latest_value_where_summing_would_be_wrong():
    # 40 kader trained by March, 70 by June, 95 by September: 95 trained, not 205.
    values = [PeriodValue(Q2, D(70)), PeriodValue(Q1, D(40)), PeriodValue(Q3, D(95))]
    assert rollup.over_periods(rollup.CUMULATIVE, values).value == D(95)


def test_an_incremental_indicator_adds_its_periods():
    values = [PeriodValue(Q1, D(40)), PeriodValue(Q2, D(30)), PeriodValue(Q3, D(25))]
    assert rollup.over_periods(rollup.INCREMENTAL, values).value == D(95)


def test_a_percentage_is_not_added_over_periods():
    values = [PeriodValue(Q1, D("62.5")), PeriodValue(Q2, D("70"))]
    assert rollup.over_periods(rollup.PERCENTAGE, values).value == D(70)


def test_a_percentage_across_districts_is_weighted_by_its_denominator():
    # Kupang 80 % of 200 children, Belu 50 % of 600: (160 + 300) / 800 = 57.5 %, not 130 %
    # (summed) and not 65 % (the plain mean).
    districts = [CategoryValue("Kupang", D(80), D(200)), CategoryValue("Belu", D(50), D(600))]
    result = rollup.across_categories(rollup.PERCENTAGE, districts)
    assert result.value == D("57.5")
    assert not result.flagged


def test_a_percentage_without_denominators_is_shown_per_district_and_flagged():
    districts = [CategoryValue("Kupang", D(80)), CategoryValue("Belu", D(50), D(600))]
    with translation.override("en"):
        result = rollup.across_categories(rollup.PERCENTAGE, districts)
    assert result.value is None and result.flagged
    assert [c.value for c in result.per_category] == [D(80), D(50)]
    assert "per category" in result.reasons[0]


def test_a_breakdown_that_adds_up_to_the_total_says_so():
    sexes = [CategoryValue("Perempuan", D(42)), CategoryValue("Laki-laki", D(38))]
    result = rollup.across_categories(rollup.CUMULATIVE, sexes, total=D(80))
    assert (result.value, result.adds_up, result.reasons) == (D(80), True, [])


def test_a_breakdown_that_does_not_add_up_says_by_how_much():
    sexes = [CategoryValue("Perempuan", D(42)), CategoryValue("Laki-laki", D(30))]
    with translation.override("en"):
        result = rollup.across_categories(rollup.INCREMENTAL, sexes, total=D(80))
    assert result.adds_up is False
    assert result.reasons == ["The categories add up to 72, not to the total 80."]


def test_the_kind_follows_the_measure_and_the_accumulation():
    assert rollup.kind_of("percentage", "incremental") == rollup.PERCENTAGE
    assert rollup.kind_of("number", "incremental") == rollup.INCREMENTAL
    assert rollup.kind_of("number", "cumulative") == rollup.CUMULATIVE
    assert rollup.kind_of("qualitative", "cumulative") == rollup.QUALITATIVE
    assert rollup.over_periods(rollup.QUALITATIVE, []).value is None
