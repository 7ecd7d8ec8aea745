"""The early-warning panel of a partnership, and the alerts (per partnership and for the user)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.pagination import paginate
from simitra.partnerships.access import get_partnership, get_record
from simitra.partnerships.models import prime_roles

from . import warning
from .alerting import acknowledge_alert
from .forms import AlertFilterForm
from .models import Alert, PartnershipWarning

# Where each signal is put right (a URL name taking the partnership code).
SIGNAL_PAGES = {
    warning.ACTIVITIES_OVERDUE: "planning:plan",
    warning.INDICATORS_BEHIND: "results:page",
    warning.PLEDGES_PAST_DUE: "resources:contributions",
    warning.HEALTH_LOW: "health:panel",
    warning.HEALTH_FALLING: "health:panel",
    warning.HEALTH_DIVERGENT: "health:panel",
    warning.RISKS_UNMITIGATED: "risks:register",
    warning.RISKS_UNREVIEWED: "risks:register",
    warning.GOVERNANCE_QUIET: "governance:meetings",
    warning.DECISIONS_OVERDUE: "governance:decisions",
    warning.PARTNERS_SILENT: "partnerships:detail",
}


def signal_pages(code: str) -> dict[str, str]:
    pages = {}
    for signal, name in SIGNAL_PAGES.items():
        try:
            pages[signal] = reverse(name, args=[code])
        except NoReverseMatch:  # the app that keeps this data is not installed
            continue
    return pages


def _signal_rows(state: PartnershipWarning | None, pages: dict) -> list[dict]:
    if state is None:
        return []
    return [
        {"signal": signal, "page": pages.get(signal.code)}
        for signal in state.signal_list()
        if signal.state != warning.ABSENT
    ]


@login_required
def warning_panel(request, code):
    """The partnership's early warning as last recomputed (after the writes that change what
    its signals read, and every night; see `tasks`): a panel of the Overview (`?overview=1`),
    Managing and Reviewing tabs (htmx), or a page with its alerts. A view writes nothing."""
    partnership = get_partnership(request.user, code)
    overview = request.GET.get("overview") == "1"
    can_view = request.user.has_perm("early_warning.view_warning", partnership)
    if overview and (not can_view or partnership.is_closed):
        return HttpResponse("")
    context = {"partnership": partnership, "can_view": can_view, "overview": overview}
    if can_view:
        state = PartnershipWarning.objects.filter(partnership=partnership).first()
        pages = signal_pages(partnership.code)
        rows = _signal_rows(state, pages)
        context.update(
            state=state,
            level=state.level if state else warning.UNKNOWN,
            reasons=state.reasons() if state else [],
            raised=state.raised() if state else [],
            rows=sorted(rows, key=lambda row: _STATE_ORDER[row["signal"].state]),
            absent=[s for s in state.signal_list() if s.state == warning.ABSENT] if state else [],
            open_alerts=partnership.alerts.open().count(),
        )
        if not request.htmx:
            alerts = partnership.alerts.select_related("partnership", "acknowledged_by")
            page = paginate(request, alerts, per_page=20)
            can_acknowledge = request.user.has_perm("early_warning.acknowledge_alert", partnership)
            context.update(
                page=page,
                alerts=page.object_list,
                acknowledgeable={partnership.pk} if can_acknowledge else set(),
                return_to="warning",
            )
    if overview:
        return render(request, "early_warning/warning.html#overview", context)
    template = "early_warning/warning.html#panel" if request.htmx else "early_warning/warning.html"
    # A full page the user may not read says so with 403 (the panel inside a page they may
    # read, fetched by htmx, says it in the panel).
    return render(request, template, context, status=200 if can_view or request.htmx else 403)


_STATE_ORDER = {warning.RED: 0, warning.AMBER: 1, warning.OK: 2, warning.ABSENT: 3}


@login_required
def alert_list(request):
    """Alerts of the partnerships the user takes part in or observes (all, for a platform
    admin); coordinators acknowledge theirs, everyone else reads."""
    form = AlertFilterForm(request.GET or None)
    alerts = Alert.objects.readable_by(request.user).select_related(
        "partnership", "acknowledged_by"
    )
    state = form.cleaned_data.get("state") if form.is_valid() else ""
    if state != "all":
        alerts = alerts.open()
    if state == "unacknowledged":
        alerts = alerts.filter(acknowledged_at__isnull=True)
    page = paginate(request, alerts)
    alerts = page.object_list
    prime_roles(request.user, [alert.partnership for alert in alerts])
    acknowledgeable = {
        alert.partnership_id
        for alert in alerts
        if request.user.has_perm("early_warning.acknowledge_alert", alert.partnership)
    }
    return render(
        request,
        "early_warning/alerts.html",
        {
            "form": form,
            "page": page,
            "alerts": alerts,
            "acknowledgeable": acknowledgeable,
            "return_to": "alerts",
        },
    )


@login_required
@require_POST
def alert_acknowledge(request, code, pk):
    partnership = get_partnership(request.user, code, "early_warning.acknowledge_alert")
    alert = get_record(partnership, Alert.objects, pk=pk)
    acknowledge_alert(alert=alert, acknowledged_by=request.user)
    messages.success(request, _("Alert acknowledged."))
    if request.POST.get("return_to") == "alerts":
        return redirect("early_warning:alerts")
    return redirect("early_warning:warning", code=partnership.code)
