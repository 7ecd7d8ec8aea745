from .core import (
    ObserverGrant,
    Partner,
    Partnership,
    PartnerStatus,
    Phase,
    PhaseTransition,
)
from .people import PersonRole, RoleLevel

__all__ = [
    "ObserverGrant",
    "Partner",
    "PartnerStatus",
    "Partnership",
    "PersonRole",
    "Phase",
    "PhaseTransition",
    "RoleLevel",
]
