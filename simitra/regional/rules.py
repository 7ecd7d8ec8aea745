"""Who may see a region's plan and figures, import a plan, and align a partnership."""

import rules

from simitra.accounts.rules import (
    can_manage_partnership,
    can_view_partnership,
    is_open,
    is_platform_admin,
)
from simitra.partnerships.models import Partnership
from simitra.partnerships.models.core import observer_grants_of


def _region_code(region) -> str:
    return getattr(region, "code", region) or ""


def _related(a: str, b: str) -> bool:
    """One region lies within the other (or they are the same)."""
    return a == b or a.startswith(f"{b}.") or b.startswith(f"{a}.")


@rules.predicate
def observes_region(user, region) -> bool:
    """An observer of the whole portfolio, or of a region within this one or around it (an
    observer of a regency opens its province's plan and sees only its regency's partnerships)."""
    if not user.is_authenticated:
        return False
    code = _region_code(region)
    for grant in observer_grants_of(user):
        if grant.partnership_id:
            continue
        if not grant.region_id or _related(grant.region_id, code):
            return True
    return False


@rules.predicate
def observes_all_of_region(user, region) -> bool:
    """An observer granted this region or one around it (the planners of the region)."""
    if not user.is_authenticated:
        return False
    code = _region_code(region)
    return any(
        not grant.partnership_id
        and (
            not grant.region_id or code == grant.region_id or code.startswith(f"{grant.region_id}.")
        )
        for grant in observer_grants_of(user)
    )


@rules.predicate
def coordinates_any(user) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_coordinates_any"):
        user._coordinates_any = Partnership.coordinators.through.objects.filter(
            user_id=user.pk
        ).exists()
    return user._coordinates_any


@rules.predicate
def observes_some_region(user) -> bool:
    """An observer of a region or of the whole portfolio (not of one partnership only)."""
    return user.is_authenticated and any(
        not grant.partnership_id for grant in observer_grants_of(user)
    )


# The region's view: its planners (observers) and the coordinators; each sees the figures of the
# partnerships they may read only.
can_view_region = is_platform_admin | observes_region | coordinates_any
can_import_plan = is_platform_admin | observes_all_of_region

rules.add_perm("regional.view_region", can_view_region)
# The list of regional plans (and its entry in the main navigation): who may open some region.
rules.add_perm("regional.view_plans", is_platform_admin | observes_some_region | coordinates_any)
rules.add_perm("regional.import_plan", can_import_plan)
rules.add_perm("regional.view_alignment", can_view_partnership)
rules.add_perm("regional.change_alignment", can_manage_partnership & is_open)


@rules.predicate
def reports_for_company(user, organisation) -> bool:
    """The user works for this company (a private-sector organisation)."""
    from simitra.organisations.models import Sector

    return (
        organisation is not None
        and user.is_authenticated
        and organisation.sector == Sector.PRIVATE
        and organisation.pk in user.organisation_ids()
    )


@rules.predicate
def works_for_a_company(user) -> bool:
    """The user works for some private-sector organisation (read once per request)."""
    from simitra.organisations.models import Organisation, Sector

    if not user.is_authenticated:
        return False
    if not hasattr(user, "_works_for_a_company"):
        user._works_for_a_company = Organisation.objects.filter(
            pk__in=user.organisation_ids(), sector=Sector.PRIVATE
        ).exists()
    return user._works_for_a_company


# A company's CSR commitments and realisations: its own people write them; the planners of the
# region read them (with the realisations of published partnerships public per region).
rules.add_perm("regional.change_csr", is_platform_admin | reports_for_company)
rules.add_perm("regional.view_region_csr", is_platform_admin | observes_region)
# The CSR page of one's companies (and its entry in the main navigation).
rules.add_perm("regional.report_csr", is_platform_admin | works_for_a_company)
