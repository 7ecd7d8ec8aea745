"""Shared-risk allocation: who carries how much of the partnership's risk, against what they
contribute. A pure measure over plain data; the ORM only gathers its input."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from simitra.lib.numbers import format_number, round_half_up

HUNDRED = Decimal(100)
# A partner is flagged when its share of the risk is at least this many times its share of the
# contributions and at least MIN_GAP above it (small numbers alone are not a warning).
DISPROPORTION_RATIO = Decimal(2)
MIN_GAP = Decimal("0.10")


@dataclass(frozen=True)
class RiskInput:
    id: int
    title: str
    score: int  # likelihood × impact, 1–25
    shares: dict[int, Decimal]  # partner id → percent


@dataclass(frozen=True)
class PartnerInput:
    id: int
    name: str
    contribution_share: Decimal  # fraction of all contributions, 0–1


@dataclass
class PartnerAllocation:
    id: int
    name: str
    carried: Decimal  # score points carried: Σ score × share ÷ 100
    risk_share: Decimal  # fraction of all carried score points
    contribution_share: Decimal
    flagged: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> Decimal | None:
        if not self.contribution_share:
            return None
        return self.risk_share / self.contribution_share


@dataclass
class AllocationReport:
    partners: list[PartnerAllocation]
    unallocated: list[RiskInput]
    reasons: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> list[PartnerAllocation]:
        return [p for p in self.partners if p.flagged]

    @property
    def healthy(self) -> bool:
        return not self.unallocated and not self.flagged


def shares_total(shares) -> Decimal:
    return sum((Decimal(value) for value in shares), Decimal(0))


def assess_allocation(risks: list[RiskInput], partners: list[PartnerInput]) -> AllocationReport:
    """Each partner's part of the partnership's risk against its part of the contributions.

    carried(p) = Σ over allocated risks r of score(r) × share(r, p) ÷ 100
    risk share(p) = carried(p) ÷ Σ carried
    A risk is unallocated when its shares do not add up to exactly 100 %; it is left out of the
    sums and flagged. A partner is flagged when risk share ≥ 2 × contribution share and
    risk share − contribution share ≥ 0.10 (a partner contributing nothing but carrying
    risk falls under this too).
    """
    unallocated = [r for r in risks if shares_total(r.shares.values()) != HUNDRED]
    allocated = [r for r in risks if r not in unallocated]
    carried = {p.id: Decimal(0) for p in partners}
    for risk in allocated:
        for partner_id, percent in risk.shares.items():
            if partner_id in carried:
                carried[partner_id] += Decimal(risk.score) * Decimal(percent) / HUNDRED
    total = sum(carried.values(), Decimal(0))
    result = []
    for partner in partners:
        risk_share = carried[partner.id] / total if total else Decimal(0)
        allocation = PartnerAllocation(
            id=partner.id,
            name=partner.name,
            carried=carried[partner.id],
            risk_share=risk_share,
            contribution_share=partner.contribution_share,
        )
        gap = risk_share - partner.contribution_share
        if gap >= MIN_GAP and risk_share >= DISPROPORTION_RATIO * partner.contribution_share:
            allocation.flagged = True
            allocation.reasons.append(
                _(
                    "Carries %(risk)s%% of the risk but %(contribution)s%% of the "
                    "contributions: far out of proportion to its say."
                )
                % {"risk": _pct(risk_share), "contribution": _pct(partner.contribution_share)}
            )
        result.append(allocation)
    report = AllocationReport(partners=result, unallocated=unallocated)
    for risk in unallocated:
        report.reasons.append(
            _("“%(risk)s” is shared %(total)s%%, not 100%%: nobody carries the rest.")
            % {"risk": risk.title, "total": _number(shares_total(risk.shares.values()))}
        )
    for allocation in report.flagged:
        report.reasons.append(f"{allocation.name}: {allocation.reasons[0]}")
    return report


def _pct(fraction: Decimal) -> str:
    return _number(fraction * HUNDRED)


def _number(value: Decimal) -> str:
    """One decimal at most, in the reader's language: 33,3 / 33.3, 50."""
    return format_number(round_half_up(value, 1))


def equal_contribution_shares(partner_ids: list[int]) -> dict[int, Decimal]:
    """The fallback when contribution values are not known: every partner an equal share."""
    if not partner_ids:
        return {}
    share = Decimal(1) / Decimal(len(partner_ids))
    return dict.fromkeys(partner_ids, share)


# The score from which a risk is high: the one definition (a deployment may move it, see
# `risks.conf.high_risk_score`); the early warning watches the same risks.
HIGH_RISK_SCORE = 10
EXTREME_RISK_SCORE = 20


def is_high(score: int, high: int = HIGH_RISK_SCORE) -> bool:
    """High or extreme: the risks the early warning watches."""
    return score >= high


def level_of(score: int, high: int = HIGH_RISK_SCORE) -> str:
    """Risk level of a score (likelihood × impact): low 1–4, medium 5–9, high from `high`
    (10–16 by default), extreme 20–25."""
    if score >= EXTREME_RISK_SCORE:
        return "extreme"
    if is_high(score, high):
        return "high"
    if score >= 5:
        return "medium"
    return "low"


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int
    high: int = HIGH_RISK_SCORE

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        return level_of(self.score, self.high)


def heat_map(pairs: list[tuple[int, int]], high: int = HIGH_RISK_SCORE) -> list[list[HeatCell]]:
    """A 5 × 5 grid of risk counts: rows by likelihood from 5 (top) to 1, columns by impact
    from 1 to 5; a cell is high from the score `high`."""
    counts: dict[tuple[int, int], int] = {}
    for likelihood, impact in pairs:
        counts[(likelihood, impact)] = counts.get((likelihood, impact), 0) + 1
    return [
        [
            HeatCell(likelihood, impact, counts.get((likelihood, impact), 0), high)
            for impact in range(1, 6)
        ]
        for likelihood in range(5, 0, -1)
    ]
