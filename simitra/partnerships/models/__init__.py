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
    "Phase",
    "PhaseTransition",
]
