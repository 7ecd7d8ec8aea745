"""Objective assessment of candidates: conflict-of-interest detection and the aggregated result.

Conflict. An assessment is *conflicted* when any of these holds:

    declared      the assessor declared a conflict of interest before scoring;
    registered    the relationship register ties the assessor to the candidate organisation,
                  and the tie is current or ended less than COOLING_OFF_DAYS ago;
    member        the assessor is a member (works for) the candidate organisation.

Result. Over the *submitted, non-conflicted* assessments, for each criterion c:

    median_c = median of the scores given for c
    spread_c = max − min of those scores (0 when one assessor)
    n_c      = number of scores for c

    overall  = mean of the four medians (only when every criterion has a median)

Conflicted assessments are returned apart, never mixed into the numbers. A spread of
DISAGREEMENT_SPREAD or more is named as a disagreement among assessors. Pure: no ORM inside.
"""

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

CRITERIA = ("capacity", "quality", "integrity", "commitment")
COOLING_OFF_DAYS = 730
DISAGREEMENT_SPREAD = 2

CRITERION_LABELS = {
    "capacity": _("Capacity"),
    "quality": _("Quality"),
    "integrity": _("Integrity"),
    "commitment": _("Commitment"),
}

GUIDANCE = {
    "capacity": [
        _("Track record: what has it delivered before, at what scale and where?"),
        _("Financial stability: can it carry its share for the whole term?"),
        _("Staff stability: are the people who would do the work likely to stay?"),
    ],
    "quality": [
        _("Standing in its own sector: how do its peers regard its work?"),
        _("Standing with the other sectors: government, business, civil society, donors?"),
        _("Management: are its plans, reports and results of good quality?"),
    ],
    "integrity": [
        _("Governance: audited accounts, a working board, complaint handling?"),
        _("Transparency: does it disclose its funding, interests and results?"),
        _("Any record of fraud, abuse or broken agreements?"),
    ],
    "commitment": [
        _("Staying power: will it stay through difficulties and to the end?"),
        _("Will it contribute its own resources and share the risks?"),
        _("Does its leadership back the partnership, not only one enthusiast?"),
    ],
}

TIE_LABELS = {
    "employment": _("employment"),
    "family": _("family"),
    "board": _("board seat"),
    "financial": _("financial"),
    "other": _("other tie"),
}


@dataclass(frozen=True)
class Tie:
    """One entry of the relationship register about the assessor."""

    organisation_id: int
    kind: str
    ended_on: dt.date | None = None
    description: str = ""


@dataclass(frozen=True)
class Conflict:
    conflicted: bool
    declared: bool
    detected: bool
    reasons: list[str] = field(default_factory=list)


def detect_conflict(
    *,
    candidate_organisation_id: int,
    declared: bool,
    declared_note: str = "",
    ties: Iterable[Tie] = (),
    member_of: Iterable[int] = (),
    today: dt.date,
) -> Conflict:
    """Whether this assessor is conflicted about this candidate, and why."""
    reasons = []
    if declared:
        reasons.append(
            str(_("Declared by the assessor: %(note)s")) % {"note": declared_note.strip() or "—"}
        )
    detected = False
    cutoff = today - dt.timedelta(days=COOLING_OFF_DAYS)
    for tie in ties:
        if tie.organisation_id != candidate_organisation_id:
            continue
        if tie.ended_on is not None and tie.ended_on < cutoff:
            continue
        detected = True
        label = TIE_LABELS.get(tie.kind, TIE_LABELS["other"])
        if tie.ended_on is not None and tie.ended_on < today:
            reasons.append(
                str(
                    _(
                        "Relationship register: %(kind)s tie, ended %(date)s (within the cooling-off period)."
                    )
                )
                % {"kind": label, "date": tie.ended_on.isoformat()}
            )
        else:
            reasons.append(
                str(_("Relationship register: %(kind)s tie to the candidate.")) % {"kind": label}
            )
    if candidate_organisation_id in set(member_of):
        detected = True
        reasons.append(str(_("The assessor is a member of the candidate organisation.")))
    return Conflict(
        conflicted=declared or detected, declared=declared, detected=detected, reasons=reasons
    )


@dataclass(frozen=True)
class AssessmentInput:
    assessor: str
    scores: dict[str, int]
    conflicted: bool = False
    conflict_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    criterion: str
    median: float | None
    spread: int | None
    n: int
    scores: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        return str(CRITERION_LABELS[self.criterion])

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT_SPREAD


@dataclass(frozen=True)
class CandidateResult:
    criteria: list[CriterionResult]
    counted: int
    conflicted: list[AssessmentInput]
    overall: float | None
    reasons: list[str] = field(default_factory=list)

    @property
    def assessments(self) -> int:
        return self.counted + len(self.conflicted)


def aggregate(assessments: Iterable[AssessmentInput]) -> CandidateResult:
    """Median and spread per criterion of the non-conflicted assessments (see module doc)."""
    counted, conflicted = [], []
    for item in assessments:
        unknown = set(item.scores) - set(CRITERIA)
        if unknown:
            raise ValueError(f"Unknown criteria: {sorted(unknown)}")
        if any(not 1 <= score <= 5 for score in item.scores.values()):
            raise ValueError("Scores run from 1 to 5.")
        (conflicted if item.conflicted else counted).append(item)

    criteria = []
    for criterion in CRITERIA:
        scores = tuple(item.scores[criterion] for item in counted if criterion in item.scores)
        if scores:
            criteria.append(
                CriterionResult(
                    criterion=criterion,
                    median=float(statistics.median(scores)),
                    spread=max(scores) - min(scores),
                    n=len(scores),
                    scores=scores,
                )
            )
        else:
            criteria.append(CriterionResult(criterion=criterion, median=None, spread=None, n=0))

    medians = [c.median for c in criteria]
    overall = sum(medians) / len(medians) if all(m is not None for m in medians) else None

    reasons = [
        ngettext(
            "%(n)d assessment without a conflict is counted.",
            "%(n)d assessments without a conflict are counted.",
            len(counted),
        )
        % {"n": len(counted)}
    ]
    if conflicted:
        reasons.append(
            ngettext(
                "%(n)d conflicted assessment is shown apart and not counted.",
                "%(n)d conflicted assessments are shown apart and not counted.",
                len(conflicted),
            )
            % {"n": len(conflicted)}
        )
    for result in criteria:
        if result.disagreement:
            reasons.append(
                str(_("Assessors disagree on %(criterion)s (scores %(low)d to %(high)d)."))
                % {
                    "criterion": result.label.lower(),
                    "low": min(result.scores),
                    "high": max(result.scores),
                }
            )
    return CandidateResult(
        criteria=criteria,
        counted=len(counted),
        conflicted=conflicted,
        overall=overall,
        reasons=reasons,
    )
