"""The regional plan pages: the plans, their import, the region view and a partnership's
alignment with the plan."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.access import require_perm
from simitra.partnerships.access import get_partnership
from simitra.portfolio.mapdata import area_figures
from simitra.reference.models import Region

from . import csr as csr_figures
from . import selectors, services
from .export import region_workbook
from .forms import (
    AlignmentForm,
    CsrCommitmentForm,
    CsrRealisationForm,
    PlanImportForm,
    RegionFilterForm,
)
from .importing import import_plan
from .models import Alignment, CsrCommitment, Plan
from .rules import _related
from .template import template_workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _viewable_plan(user, pk: int) -> Plan:
    """The plan if the user may open its region's view; 404 otherwise, so a region's plan
    tells nothing to those who may not see it."""
    plan = get_object_or_404(Plan.objects.select_related("region"), pk=pk)
    if not user.has_perm("regional.view_region", plan.region):
        raise Http404
    return plan


@login_required
def plans(request):
    visible = [
        plan
        for plan in Plan.objects.select_related("region")
        if request.user.has_perm("regional.view_region", plan.region)
    ]
    may_import = _observes_some_region(request.user)
    return render(
        request,
        "regional/plans.html",
        {
            "plans": visible,
            "may_import": may_import,
            "has_company": _companies(request.user).exists(),
        },
    )


def _observes_some_region(user) -> bool:
    from simitra.partnerships.models.core import observer_grants_of

    return user.is_superuser or any(not grant.partnership_id for grant in observer_grants_of(user))


@login_required
def plan_template(request):
    year = int(request.GET.get("tahun") or 2025)
    years = list(range(year, year + 5)) if request.GET.get("jenis") != "rkpd" else [year]
    response = HttpResponse(template_workbook(years), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="templat-rencana-daerah.xlsx"'
    return response


@login_required
def plan_import(request):
    if not _observes_some_region(request.user):
        raise Http404
    form = PlanImportForm(request.POST or None, request.FILES or None, user=request.user)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = import_plan(
            file=data["file"],
            region=data["region"],
            kind=data["kind"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            title=data["title"],
            source=data["source"],
            imported_by=request.user,
        )
        if result.ok:
            messages.success(
                request,
                _("Plan imported: %(items)d items, %(indicators)d indicators, %(targets)d targets.")
                % {
                    "items": result.items,
                    "indicators": result.indicators,
                    "targets": result.targets,
                },
            )
            return redirect("regional:region", pk=result.plan.pk)
        errors = result.errors
    status = 400 if request.method == "POST" else 200
    return render(request, "regional/import.html", {"form": form, "errors": errors}, status=status)


def _filters(form: RegionFilterForm) -> selectors.Filters:
    if not form.is_valid():
        return selectors.Filters()
    data = form.cleaned_data
    return selectors.Filters(
        year=data["year"],
        sector=data["sector"] or "",
        sdg=data["sdg"].number if data["sdg"] else None,
        area=data["regency"] or data["province"] or "",
    )


@login_required
def region_view(request, pk):
    plan = _viewable_plan(request.user, pk)
    form = RegionFilterForm(request.GET or None, plan=plan)
    filters = _filters(form)
    result = selectors.region_figures(request.user, plan, filters)
    area = Region.objects.filter(code=filters.area).first() if filters.area else None
    csr_rows = None
    if request.user.has_perm("regional.view_region_csr", plan.region):
        commitments = csr_figures.commitments_for_planner(request.user, plan.region_id)
        if result.filters.year:
            commitments = commitments.filter(year=result.filters.year)
        csr_rows = csr_figures.commitment_rows(commitments, timezone.localdate())
    return render(
        request,
        "regional/region.html",
        {
            "plan": plan,
            "form": form,
            "figures": result,
            "csr_rows": csr_rows,
            "area": area,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def region_map_data(request, pk):
    """The map of the region view: figures per province and regency of the partnerships the
    view counts (the page's filters but the area, which the map chooses)."""
    plan = _viewable_plan(request.user, pk)
    form = RegionFilterForm(request.GET or None, plan=plan)
    filters = replace(_filters(form), area="")
    partnerships = selectors.partnerships_for(request.user, plan.region_id, filters)
    return JsonResponse(area_figures(partnerships, private=True))


@login_required
def region_export(request, pk):
    plan = _viewable_plan(request.user, pk)
    form = RegionFilterForm(request.GET or None, plan=plan)
    result = selectors.region_figures(request.user, plan, _filters(form))
    response = HttpResponse(region_workbook(result), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="rencana-daerah-{plan.pk}.xlsx"'
    return response


def plans_for_partnership(partnership):
    """The plans of the regions the partnership works in (or around them)."""
    codes = [region.code for region in partnership.regions.all()]
    return [
        plan
        for plan in Plan.objects.select_related("region")
        if any(_related(plan.region_id, code) for code in codes)
    ]


def alignment(request, code):
    """The partnership's alignment with the regional plan: a card of the overview
    (`?overview=1`), the Building tab's panel (htmx) or a page with the form."""
    partnership = get_partnership(request.user, code, "regional.view_alignment")
    can_change = request.user.has_perm("regional.change_alignment", partnership)
    plans = plans_for_partnership(partnership)
    form = None
    if request.method == "POST":
        require_perm(request.user, "regional.change_alignment", partnership)
        form = AlignmentForm(request.POST, partnership=partnership, plans=plans)
        if form.is_valid():
            data = form.cleaned_data
            services.align_partnership(
                partnership=partnership,
                item=data["item"],
                created_by=request.user,
                activity=data["activity"],
                indicator=data["indicator"],
                district=data["district"],
                year=data["year"],
                amount=data["amount"],
            )
            messages.success(request, _("Alignment added."))
            return redirect("regional:alignment", code=partnership.code)
    elif can_change and not request.GET.get("overview") and not request.htmx:
        form = AlignmentForm(partnership=partnership, plans=plans)
    alignments = (
        Alignment.objects.filter(partnership=partnership)
        .select_related("item__plan__region", "district", "activity", "indicator")
        .order_by("item__code", "year", "pk")
    )
    context = {
        "partnership": partnership,
        "alignments": alignments,
        "can_change": can_change,
        "plans": plans,
        "form": form,
    }
    if request.GET.get("overview") == "1":
        if not alignments and not plans:
            return HttpResponse("")
        return render(request, "regional/alignment.html#card", context)
    if request.htmx:
        return render(request, "regional/alignment.html#card", context)
    return render(
        request, "regional/alignment.html", context, status=400 if form and form.errors else 200
    )


@login_required
@require_POST
def alignment_delete(request, code, pk):
    partnership = get_partnership(request.user, code, "regional.change_alignment")
    record = get_object_or_404(Alignment, partnership=partnership, pk=pk)
    services.remove_alignment(alignment=record)
    messages.success(request, _("Alignment removed."))
    return redirect("regional:alignment", code=partnership.code)


def _companies(user):
    from simitra.organisations.models import Organisation, Sector

    companies = Organisation.objects.filter(sector=Sector.PRIVATE).order_by("name")
    if user.is_superuser and user.is_active:
        return companies
    return companies.filter(pk__in=user.organisation_ids())


@login_required
def csr(request):
    """A company's CSR commitments and their realisation, with the reports that are due."""
    companies = _companies(request.user)
    if not companies.exists():
        raise Http404
    form = CsrCommitmentForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        companies=companies,
    )
    if request.method == "POST" and form.is_valid():
        require_perm(request.user, "regional.change_csr", form.cleaned_data["organisation"])
        services.add_csr_commitment(form=form, created_by=request.user)
        messages.success(request, _("CSR commitment added."))
        return redirect("regional:csr")
    rows = csr_figures.commitment_rows(
        CsrCommitment.objects.filter(organisation__in=companies), timezone.localdate()
    )
    return render(
        request,
        "regional/csr.html",
        {"form": form, "rows": rows, "overdue": [r for r in rows if r.overdue]},
        status=400 if form.errors else 200,
    )


@login_required
def csr_realisation(request, pk):
    commitment = get_object_or_404(
        CsrCommitment.objects.select_related("organisation", "region"),
        pk=pk,
        organisation__in=_companies(request.user),
    )
    require_perm(request.user, "regional.change_csr", commitment.organisation)
    form = CsrRealisationForm(request.POST or None, commitment=commitment)
    if request.method == "POST" and form.is_valid():
        services.report_csr_realisation(form=form, commitment=commitment, reported_by=request.user)
        messages.success(request, _("Realisation reported."))
        return redirect("regional:csr")
    return render(
        request,
        "regional/csr_realisation.html",
        {"form": form, "commitment": commitment},
        status=400 if form.errors else 200,
    )


def csr_public(request, code):
    """The realised CSR of a region by company and programme, for published partnerships."""
    region = get_object_or_404(Region, code=code, level__lte=2)
    rows = csr_figures.public_realisations(region.code)
    return render(request, "regional/csr_public.html", {"region": region, "rows": rows})
