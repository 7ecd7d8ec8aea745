"""Per-deployment knobs of the early warning (`warning.py`; amber and red thresholds of each
signal). Each has a default in `warning.Thresholds` and may be overridden by a Django setting of
the same name or, failing that, an environment variable:

    SIMITRA_WARNING_GRACE_DAYS                 7    a date counts as overdue once this many days past
    SIMITRA_WARNING_ACTIVITIES_AMBER / _RED    1 / 3   overdue activities
    SIMITRA_WARNING_INDICATORS_AMBER / _RED    1 / 3   indicators behind their expected path
    SIMITRA_WARNING_PLEDGES_AMBER / _RED       1 / 3   contributions past due
    SIMITRA_WARNING_HEALTH_LOW_AMBER / _RED    3.0 / 2.5   overall health BELOW this
    SIMITRA_WARNING_HEALTH_FALL_AMBER / _RED   0.5 / 1.0   drop since the previous round
    SIMITRA_WARNING_HEALTH_DIVERGENCE_AMBER / _RED   1.5 / 2.5   range of partner means
    (which risks are high is the risks app's: SIMITRA_RISK_HIGH_SCORE, see risks/conf.py)
    SIMITRA_WARNING_RISKS_UNMITIGATED_AMBER / _RED   1 / 2   high risks without mitigation
    SIMITRA_WARNING_RISKS_UNREVIEWED_AMBER / _RED    1 / 3   high risks past review (or none set)
    SIMITRA_WARNING_QUIET_DAYS_AMBER / _RED    120 / 180   days since the last meeting held
    SIMITRA_WARNING_DECISIONS_AMBER / _RED     1 / 3   decisions overdue
    SIMITRA_WARNING_SILENT_DAYS                120  days without any record that make a partner silent
    SIMITRA_WARNING_SILENT_AMBER / _RED        1 / 3   silent partners

The evaluations count an activity as late with the same grace days. The health check's
thresholds: `simitra/health/conf.py`.
"""

import dataclasses
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from simitra.lib.knobs import number_setting
from simitra.risks.conf import high_risk_score

from . import warning


def _decimal(value) -> Decimal:
    return Decimal(str(value))


def warning_thresholds() -> warning.Thresholds:
    """The early-warning thresholds: each field of `warning.Thresholds` from the setting or
    environment variable SIMITRA_WARNING_<FIELD NAME IN CAPITALS>, else its default."""
    values = {}
    for item in dataclasses.fields(warning.Thresholds):
        if item.name == "high_risk_score":
            values[item.name] = high_risk_score()
            continue
        kind = _decimal if isinstance(item.default, Decimal) else int
        values[item.name] = number_setting(
            f"SIMITRA_WARNING_{item.name.upper()}", item.default, kind
        )
    thresholds = warning.Thresholds(**values)
    for code in warning.SIGNALS:
        amber, red = thresholds.pair(code)
        wrong = red > amber if code in warning.FALLING_BELOW else red < amber
        if wrong or (amber <= 0 and code not in warning.FALLING_BELOW):
            raise ImproperlyConfigured(
                f"Early-warning thresholds of {code}: amber {amber} and red {red} are not in order."
            )
    if thresholds.grace_days < 0 or thresholds.silent_days < 1:
        raise ImproperlyConfigured(
            "SIMITRA_WARNING_GRACE_DAYS must be 0 or more, SIMITRA_WARNING_SILENT_DAYS 1 or more."
        )
    return thresholds
