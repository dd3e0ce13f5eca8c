"""The models of case work, one module per area; import them from here."""

from .case import (
    Case,
    CaseStatus,
    ClosureReason,
    Consent,
    Observation,
    Program,
    TeamMember,
)
from .emergency import EmergencyAccess, EmergencyAccessQuerySet
from .plan import (
    Goal,
    GoalStatus,
    Plan,
    PlanDomain,
    PlanStatus,
)
from .referral import Referral, ReferralStatus, Transfer, TransferStatus
from .work import (
    Approval,
    ApprovalKind,
    ApprovalQuerySet,
    ApprovalStatus,
    Service,
    ServiceKind,
    Task,
    TaskKind,
)

__all__ = [
    "Approval",
    "ApprovalKind",
    "ApprovalQuerySet",
    "ApprovalStatus",
    "Case",
    "CaseStatus",
    "ClosureReason",
    "Consent",
    "EmergencyAccess",
    "EmergencyAccessQuerySet",
    "Goal",
    "GoalStatus",
    "Observation",
    "Plan",
    "PlanDomain",
    "PlanStatus",
    "Program",
    "Referral",
    "ReferralStatus",
    "Service",
    "ServiceKind",
    "Task",
    "TaskKind",
    "TeamMember",
    "Transfer",
    "TransferStatus",
]
