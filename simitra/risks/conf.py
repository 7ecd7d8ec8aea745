"""The risks app's per-deployment knob: the score (likelihood × impact) from which a risk is
high. The risk register's levels and the early warning's high-risk signals both read it here.

    SIMITRA_RISK_HIGH_SCORE    10   (the older name SIMITRA_WARNING_HIGH_RISK_SCORE still counts)
"""

from simitra.lib.knobs import number_setting

from .allocation import HIGH_RISK_SCORE


def high_risk_score() -> int:
    older = number_setting("SIMITRA_WARNING_HIGH_RISK_SCORE", HIGH_RISK_SCORE, int)
    return number_setting("SIMITRA_RISK_HIGH_SCORE", older, int)
