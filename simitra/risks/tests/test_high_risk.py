"""Which risks are high is said once (risks.conf / risks.allocation), and the risk register and
the early warning agree on it, also when a deployment moves it."""

import datetime as dt

from simitra.early_warning import warning
from simitra.early_warning.conf import warning_thresholds
from simitra.risks.allocation import heat_map, level_of
from simitra.risks.conf import high_risk_score


def _unmitigated(score: int, thresholds) -> warning.Signal:
    facts = warning.PartnershipFacts(
        phase=5, risks=(warning.RiskFact(title="r", score=score, mitigated=False, review=None),)
    )
    return warning.risks_unmitigated(facts, dt.date(2026, 11, 20), thresholds)


def test_a_score_of_ten_is_high_in_the_register_and_the_warning(settings):
    thresholds = warning_thresholds()
    assert high_risk_score() == thresholds.high_risk_score == 10
    assert (level_of(9), level_of(10)) == ("medium", "high")
    assert _unmitigated(9, thresholds).value == 0
    assert _unmitigated(10, thresholds).value == 1


def test_a_deployment_moves_it_for_both(settings):
    settings.SIMITRA_RISK_HIGH_SCORE = 12
    thresholds = warning_thresholds()
    assert thresholds.high_risk_score == high_risk_score() == 12
    assert level_of(10, high_risk_score()) == "medium"
    assert heat_map([], high=high_risk_score())[2][3].level == "high"  # likelihood 3 × impact 4
    assert _unmitigated(10, thresholds).value == 0
    assert _unmitigated(12, thresholds).value == 1


def test_the_older_setting_name_still_counts(settings):
    settings.SIMITRA_WARNING_HIGH_RISK_SCORE = 15
    assert high_risk_score() == warning_thresholds().high_risk_score == 15
