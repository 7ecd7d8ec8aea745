from .core import (
    ObserverGrant,
    Partner,
    Partnership,
    PartnerStatus,
    Phase,
    PhaseTransition,
)

__all__ = [
    "ObserverGrant",
    "Partner",
    "PartnerStatus",
    "Partnership",
    "Phase",
    "PhaseTransition",
]
