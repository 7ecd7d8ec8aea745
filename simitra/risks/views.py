from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.lib.views import edit_conflict
from simitra.partnerships.access import get_partnership, get_record

from . import services
from .allocation import PartnerInput, RiskInput, assess_allocation, heat_map
from .conf import high_risk_score
from .contributions import contribution_shares
from .forms import CategoryForm, LossForm, RiskForm, SharesForm, confirmed_partners
from .models import Risk, RiskCategory

VIEW, MANAGE = "risks.view_risks", "risks.manage_risks"


def _fragment_or_page(request, template, context):
    return render(request, f"{template}#panel" if request.htmx else template, context)


def _allocation(partnership):
    """The allocation measure's input gathered in three queries, and its report."""
    partners = list(confirmed_partners(partnership))
    shares, is_fallback = contribution_shares(partnership, partners)
    risks = Risk.objects.filter(partnership=partnership).active().prefetch_related("shares")
    report = assess_allocation(
        [
            RiskInput(
                id=r.pk,
                title=r.title,
                score=r.score,
                shares={s.partner_id: s.percent for s in r.shares.all()},
            )
            for r in risks
        ],
        [
            PartnerInput(id=p.pk, name=p.organisation.name, contribution_share=shares[p.pk])
            for p in partners
        ],
    )
    return report, is_fallback


@login_required
def register(request, code):
    partnership = get_partnership(request.user, code, VIEW)
    risks = (
        Risk.objects.filter(partnership=partnership)
        .with_score()
        .select_related("category", "owner__organisation")
        .prefetch_related("shares__partner__organisation")
        .order_by("-score_value", "title")
    )
    status = request.GET.get("status", "")
    if status in Risk.Status.values:
        risks = risks.filter(status=status)
    page = paginate(request, risks)
    active = Risk.objects.filter(partnership=partnership).active()
    report, is_fallback = _allocation(partnership)
    today = timezone.localdate()
    return _fragment_or_page(
        request,
        "risks/register.html",
        {
            "partnership": partnership,
            "page": page,
            "risks": page.object_list,
            "status": status,
            "statuses": Risk.Status.choices,
            "heat_map": heat_map(
                list(active.values_list("likelihood", "impact")), high=high_risk_score()
            ),
            "report": report,
            "fallback_shares": is_fallback,
            "today": today,
            "can_manage": request.user.has_perm(MANAGE, partnership),
        },
    )


@login_required
def allocation(request, code):
    partnership = get_partnership(request.user, code, VIEW)
    report, is_fallback = _allocation(partnership)
    return render(
        request,
        "risks/allocation.html",
        {"partnership": partnership, "report": report, "fallback_shares": is_fallback},
    )


def _risk(partnership, pk):
    return get_record(
        partnership, Risk.objects.select_related("category", "owner__organisation"), pk=pk
    )


@login_required
def risk_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, MANAGE)
    risk = _risk(partnership, pk) if pk else None
    form = RiskForm(request.POST or None, instance=risk, partnership=partnership)
    context = {"partnership": partnership, "form": form, "title": _("Risk")}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "risks/form.html", context):
                return conflict
            risk = services.save_risk(risk=form.save(commit=False), partnership=partnership)
        messages.success(request, _("Risk saved. Share it across the partners."))
        if pk:
            return redirect("risks:risk", code=partnership.code, pk=risk.pk)
        return redirect("risks:shares", code=partnership.code, pk=risk.pk)
    return render(request, "risks/form.html", context)


@login_required
def risk_detail(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    risk = _risk(partnership, pk)
    losses = risk.losses.prefetch_related("shares__partner__organisation")
    return render(
        request,
        "risks/risk.html",
        {
            "partnership": partnership,
            "risk": risk,
            "shares": risk.shares.select_related("partner__organisation"),
            "losses": losses,
            "can_manage": request.user.has_perm(MANAGE, partnership),
        },
    )


@login_required
def risk_shares(request, code, pk):
    partnership = get_partnership(request.user, code, MANAGE)
    risk = _risk(partnership, pk)
    partners = confirmed_partners(partnership)
    form = SharesForm(
        request.POST or None,
        partners=partners,
        initial_shares={s.partner_id: s.percent for s in risk.shares.all()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_risk_shares(risk=risk, shares=form.shares())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Shares saved: all of the risk is carried."))
            return redirect("risks:risk", code=partnership.code, pk=risk.pk)
    return render(
        request,
        "risks/shares.html",
        {"partnership": partnership, "risk": risk, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def loss_add(request, code, pk):
    partnership = get_partnership(request.user, code, MANAGE)
    risk = _risk(partnership, pk)
    partners = confirmed_partners(partnership)
    form = LossForm(request.POST or None)
    shares_form = SharesForm(
        request.POST or None,
        partners=partners,
        initial_shares={s.partner_id: s.percent for s in risk.shares.all()},
        with_notes=True,
        prefix="loss",
    )
    if request.method == "POST" and form.is_valid() and shares_form.is_valid():
        loss = form.save(commit=False)
        loss.risk = risk
        try:
            services.record_loss(loss=loss, shares=shares_form.shares(), notes=shares_form.notes())
        except ValidationError as error:
            shares_form.add_error(None, error)
        else:
            messages.success(request, _("Loss recorded with how the partners shared it."))
            return redirect("risks:risk", code=partnership.code, pk=risk.pk)
    return render(
        request,
        "risks/loss_form.html",
        {"partnership": partnership, "risk": risk, "form": form, "shares_form": shares_form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def categories(request, code):
    partnership = get_partnership(request.user, code, VIEW)
    RiskCategory.ensure_builtins()
    form = CategoryForm(request.POST or None, partnership=partnership)
    if request.method == "POST":
        require_perm(request.user, MANAGE, partnership)
        if form.is_valid():
            category = form.save(commit=False)
            category.partnership = partnership
            category.save()
            messages.success(request, _("Category added."))
            return redirect("risks:categories", code=partnership.code)
    return render(
        request,
        "risks/categories.html",
        {
            "partnership": partnership,
            "form": form,
            "categories": RiskCategory.objects.filter(
                Q(partnership__isnull=True) | Q(partnership=partnership)
            ),
            "can_manage": request.user.has_perm(MANAGE, partnership),
        },
    )
