"""The portfolio dashboard: many partnerships at a glance, ranked by early warning.

It covers the partnerships the user takes part in or observes (every one, for a platform
admin) — never a partnership merely published — and reads the warning as last recomputed, so
its query count does not depend on the number of partnerships.
"""

import csv
from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Substr
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from simitra.early_warning import warning
from simitra.early_warning.models import Alert, Level, PartnershipWarning
from simitra.lib.csv_cells import cell
from simitra.lib.pagination import paginate
from simitra.organisations.models import Sector
from simitra.pagecache.pages import reusable_page
from simitra.partnerships.models import Partnership, Phase
from simitra.reference.models import Region
from simitra.resources.models import Pledge

from . import mapdata
from .forms import PortfolioFilterForm

CLOSED = "closed"
ACTIVE = Partnership.Status.ACTIVE


def _filtered(user, form: PortfolioFilterForm, *, areas: bool = True):
    """The portfolio's partnerships under the form's filters; `areas=False` leaves out the
    province and regency (the map shows every area, the chosen one marked)."""
    partnerships = Partnership.objects.readable_by(user)
    if not form.is_valid():
        return partnerships
    data = form.cleaned_data
    if areas and data["province"]:
        partnerships = partnerships.in_region(data["province"].code)
    if areas and data["regency"]:
        partnerships = partnerships.in_region(data["regency"].code)
    if data["sdg"]:
        partnerships = partnerships.with_sdg_goal(data["sdg"])
    if data["sector"]:
        partnerships = partnerships.with_confirmed_sector(data["sector"])
    if data["phase"]:
        partnerships = partnerships.filter(phase=data["phase"])
    level = data["level"]
    if level == CLOSED:
        partnerships = partnerships.exclude(status=ACTIVE)
    elif level == warning.UNKNOWN:
        partnerships = partnerships.filter(status=ACTIVE).filter(
            Q(warning_state__isnull=True) | Q(warning_state__level=level)
        )
    elif level:
        partnerships = partnerships.filter(status=ACTIVE, warning_state__level=level)
    return partnerships


def _ranked(partnerships):
    """Most worrying first: red, amber, not assessed, green; then ended partnerships."""
    return partnerships.annotate(
        level_rank=Case(
            When(~Q(status=ACTIVE), then=Value(-1)),
            default=Coalesce(F("warning_state__rank"), Value(warning.LEVEL_RANK[warning.UNKNOWN])),
            output_field=IntegerField(),
        ),
        reds=Coalesce(F("warning_state__red_count"), Value(0)),
        ambers=Coalesce(F("warning_state__amber_count"), Value(0)),
    ).order_by("-level_rank", "-reds", "-ambers", "title", "pk")


def _level_counts(partnerships) -> list[dict]:
    counts = dict(
        partnerships.annotate(level_key=mapdata.level_expression())
        .values("level_key")
        .annotate(n=Count("pk"))
        .values_list("level_key", "n")
    )
    total = sum(counts.values())
    labels = [*Level.choices, (CLOSED, _("Ended"))]
    return [
        {"key": key, "label": label, "count": counts.get(key, 0), "total": total}
        for key, label in labels
    ]


def _phase_counts(partnerships) -> list[dict]:
    counts = dict(partnerships.values("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    return [{"phase": phase, "count": counts.get(phase.value, 0)} for phase in Phase]


def _provinces(ids) -> list[dict]:
    rows = list(
        Partnership.regions.through.objects.filter(partnership__in=ids)
        .annotate(province=Substr("region_id", 1, 2))
        .values("province")
        .annotate(n=Count("partnership_id", distinct=True))
        .order_by("-n", "province")
    )
    names = dict(
        Region.objects.filter(code__in=[r["province"] for r in rows]).values_list("code", "name")
    )
    return [
        {"code": r["province"], "name": names.get(r["province"], r["province"]), "count": r["n"]}
        for r in rows
    ]


def _goals(ids) -> list[dict]:
    rows = (
        Partnership.sdg_targets.through.objects.filter(partnership__in=ids)
        .values("sdgtarget__goal", "sdgtarget__goal__name_id", "sdgtarget__goal__name_en")
        .annotate(n=Count("partnership_id", distinct=True))
        .order_by("sdgtarget__goal")
    )
    english = (get_language() or "id").startswith("en")
    return [
        {
            "number": r["sdgtarget__goal"],
            "name": r["sdgtarget__goal__name_en"] if english else r["sdgtarget__goal__name_id"],
            "count": r["n"],
        }
        for r in rows
    ]


def _sectors(ids) -> list[dict]:
    """Σ pledged value (in the partnership's currency) by the contributing organisation's
    sector; one row per sector and currency."""
    rows = (
        Pledge.objects.active()
        .filter(partnership__in=ids)
        .values("partner__organisation__sector", "partnership__currency")
        .annotate(total=Sum(F("estimated_value") * F("exchange_rate")), n=Count("pk"))
        .order_by("partnership__currency", "-total")
    )
    labels = dict(Sector.choices)
    grand: dict[str, object] = defaultdict(int)
    for r in rows:
        grand[r["partnership__currency"]] += r["total"] or 0
    return [
        {
            "sector": r["partner__organisation__sector"],
            "label": labels.get(r["partner__organisation__sector"], "—"),
            "currency": r["partnership__currency"],
            "total": r["total"],
            "pledges": r["n"],
            "share": float(r["total"] / grand[r["partnership__currency"]] * 100)
            if grand[r["partnership__currency"]]
            else 0,
        }
        for r in rows
    ]


def _health(ids) -> dict:
    both = Q(health_mean__isnull=False, health_previous__isnull=False)
    return PartnershipWarning.objects.filter(
        partnership__in=ids, partnership__status=ACTIVE
    ).aggregate(
        measured=Count("pk", filter=Q(health_mean__isnull=False)),
        single=Count("pk", filter=Q(health_mean__isnull=False, health_previous__isnull=True)),
        improving=Count("pk", filter=both & Q(health_mean__gt=F("health_previous"))),
        steady=Count("pk", filter=both & Q(health_mean=F("health_previous"))),
        falling=Count("pk", filter=both & Q(health_mean__lt=F("health_previous"))),
        mean_now=Avg("health_mean", filter=both),
        mean_before=Avg("health_previous", filter=both),
        mean_latest=Avg("health_mean"),
    )


@login_required
@reusable_page
def portfolio(request):
    form = PortfolioFilterForm(request.GET or None)
    partnerships = _filtered(request.user, form)
    ids = partnerships.values("pk")
    page = paginate(
        request, _ranked(partnerships).select_related("warning_state").prefetch_related("regions")
    )
    levels = _level_counts(partnerships)
    regency = form.cleaned_data["regency"] if form.is_bound and form.is_valid() else None
    return render(
        request,
        "portfolio/portfolio.html",
        {
            "form": form,
            "page": page,
            "partnerships": page.object_list,
            "levels": levels,
            "total": levels[0]["total"] if levels else 0,
            "phases": _phase_counts(partnerships),
            "provinces": _provinces(ids),
            "goals": _goals(ids),
            "sectors": _sectors(ids),
            "health": _health(ids),
            "open_alerts": Alert.objects.open().filter(partnership__in=ids).count(),
            "query": request.GET.urlencode(),
            "regency": regency,
        },
    )


@login_required
def portfolio_map_data(request):
    """The map's figures per province and regency (JSON), for the portfolio's partnerships under
    the page's filters other than the area: see `mapdata.area_figures`."""
    form = PortfolioFilterForm(request.GET or None)
    return JsonResponse(mapdata.area_figures(_filtered(request.user, form, areas=False)))


def _names_by_partnership(rows) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    for partnership_id, name in rows:
        if name not in names[partnership_id]:
            names[partnership_id].append(name)
    return names


@login_required
def portfolio_export(request):
    """The filtered portfolio as CSV, ranked as on the page (every row, not one page)."""
    form = PortfolioFilterForm(request.GET or None)
    partnerships = _filtered(request.user, form)
    ids = partnerships.values("pk")
    provinces = dict(Region.objects.filter(level=1).values_list("code", "name"))
    in_provinces = _names_by_partnership(
        (pk, provinces.get(code, code))
        for pk, code in Partnership.regions.through.objects.filter(partnership__in=ids)
        .annotate(province=Substr("region_id", 1, 2))
        .order_by("partnership_id", "province")
        .values_list("partnership_id", "province")
    )
    goals = _names_by_partnership(
        (pk, str(goal))
        for pk, goal in Partnership.sdg_targets.through.objects.filter(partnership__in=ids)
        .order_by("partnership_id", "sdgtarget__goal")
        .values_list("partnership_id", "sdgtarget__goal")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="portofolio-kemitraan.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Code"),
            _("Partnership"),
            _("Phase"),
            _("Status"),
            _("Warning"),
            _("Red signals"),
            _("Amber signals"),
            _("Reasons"),
            _("Provinces"),
            _("SDGs"),
            _("Health (latest round)"),
            _("Warning computed"),
        ]
    )
    levels = dict(Level.choices)
    for partnership in _ranked(partnerships).select_related("warning_state").iterator(2000):
        state = getattr(partnership, "warning_state", None)
        if partnership.is_closed:
            level, reasons = _("Ended"), ""
        elif state is None:
            level, reasons = levels[warning.UNKNOWN], _("Not computed yet.")
        else:
            level, reasons = levels[state.level], " ".join(state.reasons())
        writer.writerow(
            [
                cell(partnership.code),
                cell(partnership.title),
                partnership.phase,
                partnership.get_status_display(),
                level,
                state.red_count if state else "",
                state.amber_count if state else "",
                cell(reasons),
                cell(", ".join(in_provinces.get(partnership.pk, []))),
                ", ".join(goals.get(partnership.pk, [])),
                "" if not state or state.health_mean is None else state.health_mean,
                timezone.localtime(state.computed_at).strftime("%Y-%m-%d %H:%M") if state else "",
            ]
        )
    return response
