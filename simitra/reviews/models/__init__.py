from .evaluations import ActionStatus, Evaluation, RevisionAction
from .health import (
    MAX_SCORE,
    MIN_SCORE,
    HealthAnswer,
    HealthCheckRound,
    HealthQuestion,
    HealthResponse,
)
from .warnings import Alert, PartnershipWarning

__all__ = [
    "MAX_SCORE",
    "MIN_SCORE",
    "ActionStatus",
    "Alert",
    "Evaluation",
    "HealthAnswer",
    "HealthCheckRound",
    "HealthQuestion",
    "HealthResponse",
    "PartnershipWarning",
    "RevisionAction",
]
