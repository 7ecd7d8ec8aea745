from .problem import (
    Answer,
    Evidence,
    Need,
    ProblemNode,
    ProblemStatement,
    Recommendation,
    SolutionOption,
    SuitabilityCheck,
)
from .selection import Assessment, Candidacy, Criterion, Relationship, Score, Stakeholder

__all__ = [
    "Answer",
    "Assessment",
    "Candidacy",
    "Criterion",
    "Evidence",
    "Need",
    "ProblemNode",
    "ProblemStatement",
    "Recommendation",
    "Relationship",
    "Score",
    "SolutionOption",
    "Stakeholder",
    "SuitabilityCheck",
]
