"""Companies' CSR (TJSL) figures: what each committed and realised, and what is overdue."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from simitra.partnerships.models import Partnership

from .models import CsrCommitment, CsrRealisation

ZERO = Decimal("0")


@dataclass(frozen=True)
class CommitmentRow:
    commitment: CsrCommitment
    realised: Decimal
    reports: int
    overdue: bool


def commitment_rows(commitments, today: dt.date) -> list[CommitmentRow]:
    """Each commitment with Σ realised and its reports; overdue = the report due date has
    passed and nothing is reported."""
    annotated = commitments.annotate(
        realised=Sum("realisations__amount"), reports=Count("realisations")
    ).select_related("organisation", "region", "partnership", "item")
    return [
        CommitmentRow(
            c,
            c.realised or ZERO,
            c.reports,
            bool(c.report_due and c.report_due < today and not c.reports),
        )
        for c in annotated
    ]


def public_realisations(region_code: str) -> list[dict]:
    """Realised CSR in the region (or below it) by company and programme, for commitments made
    through a published partnership: Σ amount, Σ beneficiaries, number of reports."""
    published = Partnership.objects.filter(visibility=Partnership.Visibility.PUBLIC)
    return list(
        CsrRealisation.objects.filter(
            Q(commitment__region_id=region_code)
            | Q(commitment__region__code__startswith=f"{region_code}."),
            commitment__partnership__in=published,
        )
        .values(
            "commitment__organisation__name",
            "programme",
            "commitment__year",
            "commitment__partnership__code",
        )
        .annotate(amount=Sum("amount"), beneficiaries=Sum("beneficiaries"), reports=Count("pk"))
        .order_by("commitment__organisation__name", "commitment__year", "programme")
    )


def commitments_for_planner(user, region_code: str):
    """The commitments in the region (or below it) that lie in a region this observer was
    granted (every one for a whole-portfolio observer or a platform admin)."""
    from simitra.partnerships.models.core import observer_grants_of

    within = Q(region_id=region_code) | Q(region__code__startswith=f"{region_code}.")
    commitments = CsrCommitment.objects.filter(within)
    if user.is_superuser and user.is_active:
        return commitments
    grants = [g for g in observer_grants_of(user) if not g.partnership_id]
    if any(not g.region_id for g in grants):
        return commitments
    granted = Q(pk__in=[])
    for grant in grants:
        granted |= Q(region_id=grant.region_id) | Q(region__code__startswith=f"{grant.region_id}.")
    return commitments.filter(granted)


def commitments_visible_to(user):
    """What the pages show a user: their own companies' commitments (the CSR page) and those
    lying in a region they were granted as an observer (the region view's CSR table; every one
    for a whole-portfolio observer or a platform admin)."""
    from simitra.organisations.models import Sector
    from simitra.partnerships.models.core import observer_grants_of

    commitments = CsrCommitment.objects.all()
    if not user.is_authenticated:
        return commitments.none()
    if user.is_superuser and user.is_active:
        return commitments
    grants = [g for g in observer_grants_of(user) if not g.partnership_id]
    if any(not g.region_id for g in grants):
        return commitments
    seen = Q(
        organisation__sector=Sector.PRIVATE,
        organisation_id__in=list(user.organisation_ids()),
    )
    for grant in grants:
        seen |= Q(region_id=grant.region_id) | Q(region__code__startswith=f"{grant.region_id}.")
    return commitments.filter(seen)


def realisations_visible_to(user):
    return CsrRealisation.objects.filter(commitment__in=commitments_visible_to(user).values("pk"))
