"""The assessment aggregation and conflict detection, as pure functions."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simitra.scoping.assessment import (
    COOLING_OFF_DAYS,
    CRITERIA,
    AssessmentInput,
    Tie,
    aggregate,
    detect_conflict,
)
from simitra.scoping.models import Criterion

pytestmark = pytest.mark.usefixtures("english")

TODAY = dt.date(2026, 3, 1)


def scores(capacity, quality, integrity, commitment):
    return dict(zip(CRITERIA, (capacity, quality, integrity, commitment), strict=True))


def by_criterion(result):
    return {c.criterion: c for c in result.criteria}


def test_the_criteria_are_the_models_criteria():
    assert list(CRITERIA) == list(Criterion.values)


def test_it_takes_the_median_and_spread_per_criterion():
    result = aggregate(
        [
            AssessmentInput("A", scores(2, 4, 5, 3)),
            AssessmentInput("B", scores(4, 4, 3, 3)),
            AssessmentInput("C", scores(5, 4, 4, 1)),
        ]
    )
    rows = by_criterion(result)
    assert rows["capacity"].median == 4 and rows["capacity"].spread == 3
    assert rows["quality"].median == 4 and rows["quality"].spread == 0
    assert rows["integrity"].median == 4 and rows["integrity"].spread == 2
    assert rows["commitment"].median == 3 and rows["commitment"].spread == 2
    assert all(row.n == 3 for row in result.criteria)
    assert result.counted == 3 and result.conflicted == []
    assert result.overall == pytest.approx((4 + 4 + 4 + 3) / 4)


def test_an_even_number_of_scores_takes_the_middle_two():
    result = aggregate(
        [AssessmentInput("A", scores(2, 2, 2, 2)), AssessmentInput("B", scores(5, 3, 4, 2))]
    )
    assert by_criterion(result)["capacity"].median == 3.5
    assert by_criterion(result)["quality"].median == 2.5


def test_conflicted_assessments_are_left_out_and_shown_apart():
    honest = AssessmentInput("A", scores(3, 3, 3, 3))
    tied = AssessmentInput("B", scores(5, 5, 5, 5), conflicted=True, conflict_reasons=("family",))
    result = aggregate([honest, tied])
    assert all(row.median == 3 and row.n == 1 and row.spread == 0 for row in result.criteria)
    assert result.counted == 1
    assert result.conflicted == [tied]
    assert result.assessments == 2
    assert any("conflicted" in reason for reason in result.reasons)


def test_with_only_conflicted_assessments_there_is_no_result():
    result = aggregate([AssessmentInput("B", scores(5, 5, 5, 5), conflicted=True)])
    assert all(row.median is None and row.spread is None and row.n == 0 for row in result.criteria)
    assert result.overall is None and result.counted == 0


def test_it_names_a_disagreement():
    result = aggregate(
        [AssessmentInput("A", scores(1, 3, 3, 3)), AssessmentInput("B", scores(4, 4, 3, 3))]
    )
    assert by_criterion(result)["capacity"].disagreement
    assert not by_criterion(result)["quality"].disagreement
    assert any("capacity" in reason and "1 to 4" in reason for reason in result.reasons)


def test_a_partial_assessment_counts_for_the_criteria_it_has():
    result = aggregate(
        [AssessmentInput("A", {"capacity": 4}), AssessmentInput("B", scores(2, 2, 2, 2))]
    )
    rows = by_criterion(result)
    assert rows["capacity"].n == 2 and rows["quality"].n == 1
    assert result.overall == pytest.approx((3 + 2 + 2 + 2) / 4)


def test_it_refuses_scores_outside_one_to_five_and_unknown_criteria():
    with pytest.raises(ValueError):
        aggregate([AssessmentInput("A", scores(0, 3, 3, 3))])
    with pytest.raises(ValueError):
        aggregate([AssessmentInput("A", {"charisma": 3})])


score = st.integers(min_value=1, max_value=5)
assessment = st.builds(
    AssessmentInput,
    assessor=st.text(max_size=5),
    scores=st.fixed_dictionaries(dict.fromkeys(CRITERIA, score)),
    conflicted=st.booleans(),
)


@given(st.lists(assessment, max_size=8), st.lists(assessment, max_size=4))
def test_adding_conflicted_assessments_never_changes_the_numbers(assessments, extra):
    conflicted = [AssessmentInput(a.assessor, a.scores, conflicted=True) for a in extra]
    plain, mixed = aggregate(assessments), aggregate(assessments + conflicted)
    assert [(c.median, c.spread, c.n) for c in plain.criteria] == [
        (c.median, c.spread, c.n) for c in mixed.criteria
    ]
    assert plain.overall == mixed.overall


@given(st.lists(assessment, min_size=1, max_size=8))
def test_the_median_lies_within_the_scores(assessments):
    result = aggregate(assessments)
    for row in result.criteria:
        if row.n:
            assert min(row.scores) <= row.median <= max(row.scores)
            assert row.spread == max(row.scores) - min(row.scores)


def test_a_register_tie_to_the_candidate_flags_the_assessor():
    conflict = detect_conflict(
        candidate_organisation_id=7,
        declared=False,
        ties=[Tie(organisation_id=7, kind="family")],
        today=TODAY,
    )
    assert conflict.conflicted and conflict.detected and not conflict.declared
    assert "family" in conflict.reasons[0]


def test_a_tie_to_another_organisation_does_not():
    conflict = detect_conflict(
        candidate_organisation_id=7,
        declared=False,
        ties=[Tie(organisation_id=8, kind="board")],
        today=TODAY,
    )
    assert not conflict.conflicted and conflict.reasons == []


def test_an_ended_tie_counts_during_the_cooling_off_period_only():
    recent = TODAY - dt.timedelta(days=COOLING_OFF_DAYS - 1)
    old = TODAY - dt.timedelta(days=COOLING_OFF_DAYS + 1)
    assert detect_conflict(
        candidate_organisation_id=7,
        declared=False,
        ties=[Tie(7, "employment", ended_on=recent)],
        today=TODAY,
    ).conflicted
    assert not detect_conflict(
        candidate_organisation_id=7,
        declared=False,
        ties=[Tie(7, "employment", ended_on=old)],
        today=TODAY,
    ).conflicted


def test_membership_of_the_candidate_flags_the_assessor():
    conflict = detect_conflict(
        candidate_organisation_id=7, declared=False, member_of={3, 7}, today=TODAY
    )
    assert conflict.detected
    assert "member" in conflict.reasons[0]


def test_a_declaration_flags_even_without_a_detected_tie():
    conflict = detect_conflict(
        candidate_organisation_id=7, declared=True, declared_note="Saya konsultannya", today=TODAY
    )
    assert conflict.conflicted and conflict.declared and not conflict.detected
    assert "Saya konsultannya" in conflict.reasons[0]
