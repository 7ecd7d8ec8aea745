import datetime as dt
from decimal import Decimal as D

from simitra.results.progress import IndicatorData, PeriodPoint, expected_on, indicator_progress


def quarters(targets, actuals):
    starts = [dt.date(2025, 1, 1), dt.date(2025, 4, 1), dt.date(2025, 7, 1), dt.date(2025, 10, 1)]
    ends = [dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 12, 31)]
    return [
        PeriodPoint(s, e, D(t) if t is not None else None, D(a) if a is not None else None)
        for s, e, t, a in zip(starts, ends, targets, actuals, strict=False)
    ]


def test_achievement_is_measured_from_the_baseline():
    data = IndicatorData(
        periods=quarters(["20", "40", "60", "80"], ["25", "45", None, None]),
        baseline=D(0),
        baseline_date=dt.date(2024, 12, 31),
    )
    progress = indicator_progress(data, dt.date(2025, 7, 15))
    assert progress.achievement == D("45") / D("80")
    assert progress.percent == D(56)
    assert progress.final_target == D(80)
    assert progress.on_path is True
    assert any("45" in reason and "80" in reason for reason in progress.reasons)


def test_lower_is_better_reads_the_right_way():
    data = IndicatorData(
        periods=quarters(["33", "32", "31", "30"], ["33.5", "32.5", None, None]),
        baseline=D(34),
        baseline_date=dt.date(2024, 12, 31),
        lower_is_better=True,
    )
    progress = indicator_progress(data, dt.date(2025, 7, 1))
    assert progress.achievement == (D("32.5") - 34) / (D(30) - 34)
    # Due by 30 June: 32; reached 32.5; allowed shortfall 10 % of 4 = 0.4 → behind by 0.5.
    assert progress.expected_now == D(32)
    assert progress.on_path is False


def test_an_indicator_behind_its_path_is_flagged_with_the_reason():
    data = IndicatorData(periods=quarters(["20", "40", "60", "80"], ["10", "15", "20", None]))
    progress = indicator_progress(data, dt.date(2025, 10, 5))
    assert progress.on_path is False
    assert progress.expected_now == D(60)
    assert "20" in progress.reasons[-1] and "60" in progress.reasons[-1]


def test_a_running_period_is_not_yet_due():
    data = IndicatorData(periods=quarters(["20", "40"], ["5", None]))
    progress = indicator_progress(data, dt.date(2025, 3, 15))
    assert progress.on_path is None
    assert progress.achievement == D("5") / D("40")


def test_without_approved_values_there_is_no_progress():
    progress = indicator_progress(
        IndicatorData(periods=quarters(["20", "40"], [None, None])), dt.date(2025, 12, 1)
    )
    assert progress.achievement is None and progress.on_path is None
    assert progress.reasons


def test_a_qualitative_indicator_is_told_in_words():
    progress = indicator_progress(
        IndicatorData(periods=quarters([None], [None]), qualitative=True), dt.date(2025, 6, 1)
    )
    assert progress.achievement is None and progress.reasons


def test_the_path_runs_straight_between_its_points():
    points = [(dt.date(2025, 1, 1), D(0)), (dt.date(2025, 1, 11), D(10))]
    assert expected_on(points, dt.date(2025, 1, 6)) == D(5)
    assert expected_on(points, dt.date(2024, 1, 1)) == D(0)
    assert expected_on(points, dt.date(2026, 1, 1)) == D(10)
