from .core import (
    ObserverGrant,
    Partner,
    Partnership,
    PartnerStatus,
    Phase,
    PhaseTransition,
)
from .governance import (
    Attendance,
    BodyMember,
    Decision,
    GovernanceBody,
    Meeting,
    MeetingDocument,
)
from .people import PersonRole, RoleLevel

__all__ = [
    "Attendance",
    "BodyMember",
    "Decision",
    "GovernanceBody",
    "Meeting",
    "MeetingDocument",
    "ObserverGrant",
    "Partner",
    "PartnerStatus",
    "Partnership",
    "PersonRole",
    "Phase",
    "PhaseTransition",
    "RoleLevel",
]
