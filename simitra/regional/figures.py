"""The region view's figures as pure functions over plain rows (the ORM gathers them in
`selectors.py`). Each formula is in the docstring and in docs/*/region.md.

Amounts are in the partnership's currency, with pledges converted by their exchange rate as
everywhere else in Simitra; a partnership supporting several priorities counts in full under
each, so the per-priority totals are not summed across priorities.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class AlignmentRow:
    partnership_id: int
    partnership_code: str
    partnership_title: str
    item_code: str
    district_code: str | None
    district_name: str
    year: int | None
    amount: Decimal


@dataclass(frozen=True)
class ContributionRow:
    partnership_id: int
    sector: str
    pledged: Decimal
    delivered: Decimal


@dataclass(frozen=True)
class PartnerRow:
    partnership_id: int
    organisation_id: int
    name: str
    sector: str


@dataclass(frozen=True)
class PriorityRow:
    code: str
    name: str
    level: int


@dataclass
class PrioritySupport:
    code: str
    name: str
    level: int
    partnerships: list[tuple[int, str, str]] = field(default_factory=list)  # (id, code, title)
    partners: list[PartnerRow] = field(default_factory=list)
    pledged_by_sector: dict[str, Decimal] = field(default_factory=dict)
    delivered_by_sector: dict[str, Decimal] = field(default_factory=dict)
    aligned_amount: Decimal = ZERO

    @property
    def pledged(self) -> Decimal:
        return sum(self.pledged_by_sector.values(), ZERO)

    @property
    def delivered(self) -> Decimal:
        return sum(self.delivered_by_sector.values(), ZERO)

    @property
    def sector_rows(self) -> list[tuple[str, Decimal, Decimal]]:
        """(sector, pledged, delivered) for every sector with either."""
        sectors = sorted(set(self.pledged_by_sector) | set(self.delivered_by_sector))
        return [
            (s, self.pledged_by_sector.get(s, ZERO), self.delivered_by_sector.get(s, ZERO))
            for s in sectors
        ]

    @property
    def is_gap(self) -> bool:
        return not self.partnerships


@dataclass(frozen=True)
class OverlapEntry:
    partnership_id: int
    partnership_code: str
    partnership_title: str
    amount: Decimal


@dataclass(frozen=True)
class Overlap:
    item_code: str
    district_code: str
    district_name: str
    year: int
    entries: tuple[OverlapEntry, ...]

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.entries), ZERO)


def within(code: str, priority_code: str) -> bool:
    """The item `code` is the priority or lies below it in the nomenclature."""
    return code == priority_code or code.startswith(f"{priority_code}.")


def support_by_priority(
    priorities: list[PriorityRow],
    alignments: list[AlignmentRow],
    contributions: list[ContributionRow],
    partners: list[PartnerRow],
) -> list[PrioritySupport]:
    """Per priority P:

    - partnerships(P) = the distinct partnerships with an alignment to P or an item below it;
    - partners(P) = the confirmed partners of those partnerships;
    - pledged(P, s) = Σ over partnerships(P) of their active pledges by partners of sector s
      (estimated value × exchange rate); delivered(P, s) likewise from the deliveries;
    - aligned amount(P) = Σ amount of those alignments.
    """
    by_partnership_contrib: dict[int, list[ContributionRow]] = defaultdict(list)
    for row in contributions:
        by_partnership_contrib[row.partnership_id].append(row)
    by_partnership_partners: dict[int, list[PartnerRow]] = defaultdict(list)
    for row in partners:
        by_partnership_partners[row.partnership_id].append(row)
    result = []
    for priority in priorities:
        support = PrioritySupport(priority.code, priority.name, priority.level)
        seen: set[int] = set()
        for row in alignments:
            if not within(row.item_code, priority.code):
                continue
            support.aligned_amount += row.amount
            if row.partnership_id in seen:
                continue
            seen.add(row.partnership_id)
            support.partnerships.append(
                (row.partnership_id, row.partnership_code, row.partnership_title)
            )
        pledged: dict[str, Decimal] = defaultdict(lambda: ZERO)
        delivered: dict[str, Decimal] = defaultdict(lambda: ZERO)
        organisations: dict[int, PartnerRow] = {}
        for partnership_id in seen:
            for row in by_partnership_contrib[partnership_id]:
                pledged[row.sector] += row.pledged
                delivered[row.sector] += row.delivered
            for partner in by_partnership_partners[partnership_id]:
                organisations.setdefault(partner.organisation_id, partner)
        support.pledged_by_sector = {k: v for k, v in sorted(pledged.items()) if v}
        support.delivered_by_sector = {k: v for k, v in sorted(delivered.items()) if v}
        support.partners = sorted(organisations.values(), key=lambda p: (p.sector, p.name))
        support.partnerships.sort(key=lambda p: p[1])
        result.append(support)
    return result


def gaps(support: list[PrioritySupport]) -> list[PrioritySupport]:
    """The priorities no partnership supports: partnerships(P) is empty."""
    return [s for s in support if s.is_gap]


def overlaps(alignments: list[AlignmentRow]) -> list[Overlap]:
    """Two or more distinct partnerships aligned to the same item in the same district in the
    same year. Alignments without a district or a year are not compared; the same item in two
    districts, or in two years, is no overlap. A partnership with several alignments in one
    group shows once, with their amounts summed."""
    groups: dict[tuple[str, str, int], dict[int, list]] = defaultdict(dict)
    names: dict[str, str] = {}
    for row in alignments:
        if not row.district_code or row.year is None:
            continue
        key = (row.item_code, row.district_code, row.year)
        names[row.district_code] = row.district_name
        entry = groups[key].setdefault(
            row.partnership_id, [row.partnership_code, row.partnership_title, ZERO]
        )
        entry[2] += row.amount
    found = []
    for (item_code, district, year), entries in sorted(groups.items()):
        if len(entries) < 2:
            continue
        found.append(
            Overlap(
                item_code=item_code,
                district_code=district,
                district_name=names[district],
                year=year,
                entries=tuple(
                    OverlapEntry(pk, code, title, amount)
                    for pk, (code, title, amount) in sorted(entries.items(), key=lambda e: e[1][0])
                ),
            )
        )
    return found


@dataclass(frozen=True)
class TargetRow:
    item_code: str
    code: str
    name: str
    unit: str
    year: int
    target: Decimal


@dataclass(frozen=True)
class IndicatorContribution:
    item_code: str
    code: str
    name: str
    unit: str
    year: int
    target: Decimal
    achieved: Decimal
    partnerships: int

    @property
    def share(self) -> float | None:
        return float(self.achieved / self.target) if self.target else None


def combine(values: list[tuple[str, Decimal]]) -> tuple[Decimal, int]:
    """The partnerships' levels of one indicator in one year, combined: counts add up (each
    partnership reaches its own beneficiaries); percentages are averaged (a share of the same
    population cannot be added). Returns (achieved, number of partnerships)."""
    numbers = [value for measure, value in values]
    if values and all(measure == "percentage" for measure, _value in values):
        return (sum(numbers, ZERO) / len(numbers)).quantize(Decimal("0.01")), len(numbers)
    return sum(numbers, ZERO), len(numbers)


def indicator_contributions(
    targets: list[TargetRow], achieved: dict[tuple[str, int], tuple[Decimal, int]]
) -> list[IndicatorContribution]:
    """Per plan indicator I and year y with a target: achieved(I, y) combines (see `combine`)
    the latest approved value, in a reporting period ending in y, of each partnership indicator
    whose code equals I's code; share = achieved ÷ target (shown as a percentage). `achieved`
    maps (code, year) → (achieved, partnerships)."""
    rows = []
    for target in targets:
        total, count = achieved.get((target.code, target.year), (ZERO, 0))
        rows.append(
            IndicatorContribution(
                target.item_code,
                target.code,
                target.name,
                target.unit,
                target.year,
                target.target,
                total,
                count,
            )
        )
    return rows
