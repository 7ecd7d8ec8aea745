"""The rows the region view's figures are computed from, gathered with a fixed number of
queries whatever the number of partnerships, and only from partnerships the user may read."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, F, Q, Sum

from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.portfolio.mapdata import partnerships_by_area
from simitra.resources.models import Delivery, Pledge
from simitra.results.models import IndicatorValue

from . import figures
from .models import Alignment, Plan, PlanItem, PlanTarget

ZERO = Decimal("0")
MONEY = DecimalField(max_digits=24, decimal_places=4)


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    sector: str = ""
    sdg: int | None = None
    # A province or regency inside the plan's region, chosen on the map ("" = the whole region).
    area: str = ""


@dataclass
class RegionFigures:
    plan: Plan
    filters: Filters
    support: list[figures.PrioritySupport] = field(default_factory=list)
    gaps: list[figures.PrioritySupport] = field(default_factory=list)
    overlaps: list[figures.Overlap] = field(default_factory=list)
    indicators: list[figures.IndicatorContribution] = field(default_factory=list)
    partnerships_in_region: int = 0
    aligned_partnerships: int = 0


def partnerships_for(user, region_code: str, filters: Filters):
    """The partnerships of the region (or below it) this user may read, filtered."""
    partnerships = Partnership.objects.readable_by(user).in_region(region_code)
    if filters.area:
        partnerships = partnerships.in_region(filters.area)
    if filters.sdg:
        partnerships = partnerships.with_sdg_goal(filters.sdg)
    if filters.sector:
        partnerships = partnerships.with_confirmed_sector(filters.sector)
    return partnerships


def alignments_for(user, plan: Plan, filters: Filters | None = None):
    filters = filters or Filters()
    alignments = Alignment.objects.filter(
        item__plan=plan, partnership__in=partnerships_for(user, plan.region_id, filters)
    )
    if filters.year:
        alignments = alignments.filter(Q(year=filters.year) | Q(year__isnull=True))
    return alignments


def region_figures(user, plan: Plan, filters: Filters | None = None) -> RegionFigures:
    filters = filters or Filters()
    partnerships = partnerships_for(user, plan.region_id, filters)
    alignment_rows = [
        figures.AlignmentRow(
            partnership_id=a["partnership_id"],
            partnership_code=a["partnership__code"],
            partnership_title=a["partnership__title"],
            item_code=a["item__code"],
            district_code=a["district_id"],
            district_name=a["district__name"] or "",
            year=a["year"],
            amount=a["amount"],
        )
        for a in alignments_for(user, plan, filters)
        .order_by("item__code", "pk")
        .values(
            "partnership_id",
            "partnership__code",
            "partnership__title",
            "item__code",
            "district_id",
            "district__name",
            "year",
            "amount",
        )
    ]
    aligned_ids = sorted({row.partnership_id for row in alignment_rows})
    sector_filter = Q(partner__organisation__sector=filters.sector) if filters.sector else Q()
    pledge_year = Q(due_date__year=filters.year) if filters.year else Q()
    pledged = (
        Pledge.objects.active()
        .filter(sector_filter, pledge_year, partnership_id__in=aligned_ids)
        .values("partnership_id", "partner__organisation__sector")
        .annotate(total=Sum(F("estimated_value") * F("exchange_rate"), output_field=MONEY))
    )
    delivery_year = Q(delivered_on__year=filters.year) if filters.year else Q()
    delivery_sector = (
        Q(pledge__partner__organisation__sector=filters.sector) if filters.sector else Q()
    )
    delivered = Delivery.objects.filter(delivery_sector, delivery_year).filter(
        pledge__in=Pledge.objects.active().filter(partnership_id__in=aligned_ids)
    )
    delivered = delivered.values(
        "pledge__partnership_id", "pledge__partner__organisation__sector"
    ).annotate(total=Sum(F("amount") * F("pledge__exchange_rate"), output_field=MONEY))
    totals: dict[tuple[int, str], list[Decimal]] = {}
    for row in pledged:
        key = (row["partnership_id"], row["partner__organisation__sector"])
        totals.setdefault(key, [ZERO, ZERO])[0] += row["total"] or ZERO
    for row in delivered:
        key = (row["pledge__partnership_id"], row["pledge__partner__organisation__sector"])
        totals.setdefault(key, [ZERO, ZERO])[1] += row["total"] or ZERO
    contributions = [
        figures.ContributionRow(pk, sector, values[0], values[1])
        for (pk, sector), values in sorted(totals.items())
    ]
    partner_rows = [
        figures.PartnerRow(
            p["partnership_id"],
            p["organisation_id"],
            p["organisation__name"],
            p["organisation__sector"],
        )
        for p in Partner.objects.filter(
            status=PartnerStatus.CONFIRMED, partnership_id__in=aligned_ids
        ).values("partnership_id", "organisation_id", "organisation__name", "organisation__sector")
    ]
    priorities = [
        figures.PriorityRow(item.code, item.name, item.level)
        for item in PlanItem.objects.filter(plan=plan, is_priority=True).order_by("code")
    ]
    support = figures.support_by_priority(priorities, alignment_rows, contributions, partner_rows)
    target_rows = PlanTarget.objects.filter(indicator__item__plan=plan).select_related(
        "indicator__item"
    )
    if filters.year:
        target_rows = target_rows.filter(year=filters.year)
    targets = [
        figures.TargetRow(
            t.indicator.item.code,
            t.indicator.code,
            t.indicator.name,
            t.indicator.unit,
            t.year,
            t.value,
        )
        for t in target_rows.order_by("indicator__item__code", "indicator__code", "year")
    ]
    achieved = _achieved(partnerships, plan, sorted({t.code for t in targets}))
    return RegionFigures(
        plan=plan,
        filters=filters,
        support=support,
        gaps=figures.gaps(support),
        overlaps=figures.overlaps(alignment_rows),
        indicators=figures.indicator_contributions(targets, achieved),
        partnerships_in_region=partnerships.count(),
        aligned_partnerships=len(aligned_ids),
    )


def figures_by_regency(user, region_code: str = "", filters: Filters | None = None) -> dict:
    """Per regency code (`53.02`): the partnerships this user may read there, how many are
    aligned to a regional plan, and their pledged and delivered values — for the map.
    A partnership in two regencies counts in each."""
    filters = filters or Filters()
    partnerships = (
        partnerships_for(user, region_code, filters)
        if region_code
        else Partnership.objects.readable_by(user)
    )
    # The map's own areas (simitra/portfolio/mapdata.py): the same regencies as its figures.
    _provinces, by_regency, _placed = partnerships_by_area(partnerships)
    ids = sorted(set().union(*by_regency.values())) if by_regency else []
    aligned = set(
        Alignment.objects.filter(partnership_id__in=ids).values_list("partnership_id", flat=True)
    )
    pledged = dict(
        Pledge.objects.active()
        .filter(partnership_id__in=ids)
        .values("partnership_id")
        .annotate(total=Sum(F("estimated_value") * F("exchange_rate"), output_field=MONEY))
        .values_list("partnership_id", "total")
    )
    delivered = dict(
        Delivery.objects.filter(pledge__in=Pledge.objects.active().filter(partnership_id__in=ids))
        .values("pledge__partnership_id")
        .annotate(total=Sum(F("amount") * F("pledge__exchange_rate"), output_field=MONEY))
        .values_list("pledge__partnership_id", "total")
    )
    return {
        regency: {
            "partnerships": len(members),
            "aligned_partnerships": len(members & aligned),
            "pledged": sum((pledged.get(pk) or ZERO for pk in members), ZERO),
            "delivered": sum((delivered.get(pk) or ZERO for pk in members), ZERO),
        }
        for regency, members in sorted(by_regency.items())
    }


def _achieved(partnerships, plan: Plan, codes: list[str]) -> dict:
    """(code, year) → (achieved, partnerships): each matching partnership indicator's latest
    approved total value in periods ending that year; summed over partnerships for counts,
    averaged for percentages (see figures.indicator_contributions)."""
    if not codes:
        return {}
    rows = (
        IndicatorValue.objects.approved()
        .filter(
            category__isnull=True,
            value__isnull=False,
            period__indicator__code__in=codes,
            period__indicator__partnership__in=partnerships,
            period__end__year__gte=plan.start_year,
            period__end__year__lte=plan.end_year,
        )
        .order_by("period__end", "pk")
        .values_list(
            "period__indicator_id",
            "period__indicator__code",
            "period__indicator__measure",
            "period__end",
            "value",
        )
    )
    latest: dict[tuple[int, int], tuple[str, str, Decimal]] = {}
    for indicator_id, code, measure, end, value in rows:
        latest[(indicator_id, end.year)] = (code, measure, value)
    grouped: dict[tuple[str, int], list[tuple[str, Decimal]]] = {}
    for (_indicator, year), (code, measure, value) in latest.items():
        grouped.setdefault((code, year), []).append((measure, value))
    return {key: figures.combine(values) for key, values in grouped.items()}
