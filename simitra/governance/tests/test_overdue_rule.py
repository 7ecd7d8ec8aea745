"""One rule of an overdue decision: the governance page and the early warning ask the same
function, the warning on the day its grace days ago."""

import datetime as dt

from simitra.early_warning import warning
from simitra.governance.models import Decision, decision_is_overdue

TODAY = dt.date(2026, 11, 20)


def test_open_and_due_before_the_day_is_overdue():
    assert decision_is_overdue(due=TODAY - dt.timedelta(days=1), is_open=True, on=TODAY)
    assert not decision_is_overdue(due=TODAY, is_open=True, on=TODAY)
    assert not decision_is_overdue(due=TODAY - dt.timedelta(days=30), is_open=False, on=TODAY)


def test_the_model_asks_the_rule():
    decision = Decision(due_date=TODAY - dt.timedelta(days=1), status=Decision.Status.IN_PROGRESS)
    assert decision.is_overdue(TODAY)
    decision.status = Decision.Status.DONE
    assert not decision.is_overdue(TODAY)


def test_the_warning_raises_only_what_is_overdue_for_more_than_its_grace_days():
    thresholds = warning.Thresholds(grace_days=7)
    decisions = tuple(
        warning.DecisionFact(text=f"{days} days", due=TODAY - dt.timedelta(days=days), open=True)
        for days in (1, 7, 8)
    )
    signal = warning.decisions_overdue(
        warning.PartnershipFacts(phase=5, decisions=decisions), TODAY, thresholds
    )
    assert signal.value == 1
    assert all(
        decision_is_overdue(due=d.due, is_open=True, on=TODAY) for d in decisions
    )  # all three are overdue on the governance page
