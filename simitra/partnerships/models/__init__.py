from .core import (
    ObserverGrant,
    Partner,
    Partnership,
    PartnershipRecordQuerySet,
    PartnerStatus,
    Phase,
    PhaseTransition,
    prime_roles,
    roles_by_partnership,
)
from .people import PersonRole, RoleLevel

__all__ = [
    "ObserverGrant",
    "Partner",
    "PartnerStatus",
    "Partnership",
    "PartnershipRecordQuerySet",
    "PersonRole",
    "Phase",
    "PhaseTransition",
    "RoleLevel",
    "prime_roles",
    "roles_by_partnership",
]
