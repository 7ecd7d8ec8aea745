from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib import charts
from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.lib.uploads import file_response
from simitra.lib.views import edit_conflict, refused
from simitra.partnerships.access import attach_partnership, get_partnership, get_record

from . import services
from .forms import (
    BeneficiaryGroupForm,
    DimensionForm,
    IndicatorForm,
    PeriodsForm,
    ResultForm,
    ReturnForm,
    TargetsForm,
    ValueForm,
)
from .models import (
    BeneficiaryCount,
    BeneficiaryGroup,
    Dimension,
    DimensionCategory,
    Indicator,
    IndicatorValue,
    Period,
    Result,
)
from .rules import CHOOSE_ORGANISATION, NOT_YOUR_ORGANISATION, OWN_SUBMISSION_REFUSED
from .selectors import attach_progress, indicators_with_progress_data


def fragment_or_page(request, template: str, context: dict):
    """The htmx panel loads the named partial; a browser gets the whole page."""
    return render(request, f"{template}#panel" if request.htmx else template, context)


def _indicator(partnership, pk):
    return get_record(
        partnership,
        Indicator.objects.select_related("result", "responsible_partner__organisation"),
        pk=pk,
    )


def _value(partnership, pk):
    return get_record(
        partnership,
        IndicatorValue.objects.select_related(
            "period__indicator__responsible_partner__organisation", "category__dimension"
        ),
        path="period__indicator__partnership",
        pk=pk,
    )


def _after_framework_change(request, partnership):
    if services.framework_changed(partnership=partnership):
        messages.warning(
            request,
            _(
                "The indicator set changed after it was proposed: the coordinator proposes it "
                "again and every partner approves it again."
            ),
        )


@login_required
def results_page(request, code):
    partnership = get_partnership(request.user, code, "results.view_results")
    page = paginate(
        request,
        indicators_with_progress_data(partnership).order_by(
            "result__order", "result_id", "order", "pk"
        ),
        per_page=50,
    )
    indicators = attach_progress(page.object_list)
    counts = IndicatorValue.objects.filter(period__indicator__partnership=partnership).aggregate(
        submitted=Count("pk", filter=Q(status=IndicatorValue.Status.SUBMITTED)),
        approved=Count("pk", filter=Q(status=IndicatorValue.Status.APPROVED)),
    )
    return fragment_or_page(
        request,
        "results/results.html",
        {
            "partnership": partnership,
            "page": page,
            "indicators": indicators,
            "result_count": Result.objects.filter(partnership=partnership).count(),
            "counts": counts,
            "agreement": services.agreement_status(partnership),
            "can_manage": request.user.has_perm("results.manage_results", partnership),
        },
    )


@login_required
def result_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, "results.manage_results")
    result = get_record(partnership, Result.objects, pk=pk) if pk else None
    form = ResultForm(request.POST or None, instance=result)
    context = {"partnership": partnership, "form": form, "title": _("Result")}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "results/form.html", context):
                return conflict
            result = form.save(commit=False)
            result.partnership = partnership
            result.save()
            _after_framework_change(request, partnership)
        messages.success(request, _("Result saved."))
        return redirect("results:page", code=partnership.code)
    return render(request, "results/form.html", context)


@login_required
def indicator_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, "results.manage_results")
    indicator = _indicator(partnership, pk) if pk else None
    if not Result.objects.filter(partnership=partnership).exists():
        messages.info(request, _("Add a result first: every indicator measures a result."))
        return redirect("results:result_add", code=partnership.code)
    form = IndicatorForm(request.POST or None, instance=indicator, partnership=partnership)
    context = {"partnership": partnership, "form": form, "title": _("Indicator")}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "results/form.html", context):
                return conflict
            indicator = form.save(commit=False)
            indicator.partnership = partnership
            indicator.save()
            form.save_m2m()
            _after_framework_change(request, partnership)
        messages.success(request, _("Indicator saved."))
        return redirect("results:indicator", code=partnership.code, pk=indicator.pk)
    return render(request, "results/form.html", context)


def _chart(indicator, periods) -> dict:
    labels, targets, actuals = [], [], []
    for period in periods:
        labels.append(period.end.strftime("%m/%Y"))
        targets.append(float(period.target) if period.target is not None else None)
        actuals.append(float(period.approved_totals[0].value) if period.approved_totals else None)
    return charts.line_chart(
        labels,
        [
            charts.line(_("Target"), targets, charts.TARGET, dashed=True, fill=False),
            charts.line(_("Approved actual"), actuals, charts.BRAND),
        ],
    )


@login_required
def indicator_detail(request, code, pk):
    partnership = get_partnership(request.user, code, "results.view_results")
    indicator = attach_progress(
        [get_object_or_404(indicators_with_progress_data(partnership), pk=pk)]
    )[0]
    attach_partnership(indicator, partnership)
    periods = list(indicator.periods.all())
    values = IndicatorValue.objects.filter(period__indicator=indicator).select_related(
        "category__dimension", "submitted_by", "reviewed_by"
    )
    user = request.user
    can_review = user.has_perm("results.review_value", partnership)
    period_by_id = {period.pk: period for period in periods}
    by_period: dict[int, list] = {}
    for value in values:
        value.period = period_by_id[value.period_id]  # its indicator is this partnership's
        value.can_approve = can_review and user.has_perm("results.approve_value", value)
        by_period.setdefault(value.period_id, []).append(value)
    for period in periods:
        period.all_values = by_period.get(period.pk, [])
    return render(
        request,
        "results/indicator.html",
        {
            "partnership": partnership,
            "indicator": indicator,
            "periods": periods,
            "chart": _chart(indicator, periods),
            "can_manage": user.has_perm("results.manage_results", partnership),
            "can_enter": user.has_perm("results.enter_value", indicator),
            "can_submit": user.has_perm("results.submit_value", indicator),
            "can_review": can_review,
        },
    )


@login_required
def periods(request, code, pk):
    partnership = get_partnership(request.user, code, "results.manage_results")
    indicator = _indicator(partnership, pk)
    existing = list(indicator.periods.order_by("start"))
    add_form = PeriodsForm(request.POST if "add" in request.POST else None)
    targets_form = TargetsForm(
        request.POST if "targets" in request.POST else None,
        indicator=indicator,
        periods=existing,
    )
    if request.method == "POST" and "add" in request.POST and add_form.is_valid():
        try:
            services.add_periods(
                indicator=indicator,
                first_start=add_form.cleaned_data["first_start"],
                count=add_form.cleaned_data["count"],
            )
        except services.FlowError as error:
            add_form.add_error(None, str(error))
        else:
            messages.success(request, _("Periods added; now set their targets."))
            return redirect("results:periods", code=partnership.code, pk=indicator.pk)
    if request.method == "POST" and "targets" in request.POST and targets_form.is_valid():
        with transaction.atomic():
            for period, target in targets_form.targets():
                if indicator.is_qualitative:
                    period.target_text = target or ""
                else:
                    period.target = target
                period.save(update_fields=["target", "target_text"])
            _after_framework_change(request, partnership)
        messages.success(request, _("Targets saved."))
        return redirect("results:indicator", code=partnership.code, pk=indicator.pk)
    return render(
        request,
        "results/periods.html",
        {
            "partnership": partnership,
            "indicator": indicator,
            "add_form": add_form,
            "targets_form": targets_form,
            "periods": existing,
        },
    )


def _period_step(request, code, pk, step, done: str):
    partnership = get_partnership(request.user, code, "results.manage_results")
    period = get_object_or_404(Period, indicator__partnership=partnership, pk=pk)
    back = reverse("results:indicator", args=[partnership.code, period.indicator_id])
    try:
        step(period)
    except services.FlowError as error:
        return refused(request, str(error), back)
    messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def period_close(request, code, pk):
    return _period_step(
        request,
        code,
        pk,
        lambda period: services.close_period(period=period, closed_by=request.user),
        _("Period closed: its values can no longer be entered or changed."),
    )


@login_required
@require_POST
def period_reopen(request, code, pk):
    return _period_step(
        request,
        code,
        pk,
        lambda period: services.reopen_period(period=period),
        _("Period reopened: its values can be entered and changed again."),
    )


@login_required
def value_form(request, code, pk=None, indicator_pk=None):
    partnership = get_partnership(request.user, code, "results.view_results")
    value = _value(partnership, pk) if pk else None
    indicator = value.period.indicator if value else _indicator(partnership, indicator_pk)
    require_perm(request.user, "results.enter_value", value or indicator)
    if value and not value.is_editable:
        messages.error(request, _("A submitted or approved value cannot be changed."))
        return redirect("results:indicator", code=partnership.code, pk=indicator.pk)
    if value and value.period.is_closed:
        messages.error(request, str(Period.CLOSED_MESSAGE))
        return redirect("results:indicator", code=partnership.code, pk=indicator.pk)
    form = ValueForm(
        request.POST or None,
        request.FILES or None,
        instance=value,
        indicator=indicator,
        initial={"period": request.GET.get("period")},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.save_value(
                value=form.save(commit=False), indicator=indicator, entered_by=request.user
            )
        except services.FlowError as error:
            form.add_error(None, str(error))
            status = 409
        else:
            messages.success(request, _("Value saved as a draft. Submit it when it is final."))
            return redirect("results:indicator", code=partnership.code, pk=indicator.pk)
    return render(
        request,
        "results/value_form.html",
        {"partnership": partnership, "indicator": indicator, "form": form, "value": value},
        status=status,
    )


def _indicator_url(partnership, value) -> str:
    return reverse("results:indicator", args=[partnership.code, value.period.indicator_id])


@login_required
@require_POST
def value_submit(request, code, pk):
    partnership = get_partnership(request.user, code, "results.view_results")
    value = _value(partnership, pk)
    require_perm(request.user, "results.submit_value", value)
    try:
        services.submit_value(value=value, submitted_by=request.user)
    except services.FlowError as error:
        return refused(request, str(error), _indicator_url(partnership, value))
    messages.success(request, _("Value submitted to the coordinator for approval."))
    return redirect("results:indicator", code=partnership.code, pk=value.period.indicator_id)


@login_required
@require_POST
def value_approve(request, code, pk):
    partnership = get_partnership(request.user, code, "results.review_value")
    value = _value(partnership, pk)
    if not request.user.has_perm("results.approve_value", value):
        return refused(
            request, str(OWN_SUBMISSION_REFUSED), _indicator_url(partnership, value), status=403
        )
    try:
        services.approve_value(value=value, reviewed_by=request.user)
    except services.FlowError as error:
        return refused(request, str(error), _indicator_url(partnership, value))
    messages.success(request, _("Value approved; it now counts in progress."))
    return redirect("results:indicator", code=partnership.code, pk=value.period.indicator_id)


@login_required
def value_return(request, code, pk):
    partnership = get_partnership(request.user, code, "results.review_value")
    value = _value(partnership, pk)
    form = ReturnForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.return_value(
                value=value, reviewed_by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.FlowError as error:
            # Not submitted (any more): returned or approved meanwhile, by another request.
            form.add_error(None, str(error))
            status = 409
        else:
            messages.success(request, _("Value returned to its partner with your reason."))
            return redirect(
                "results:indicator", code=partnership.code, pk=value.period.indicator_id
            )
    return render(
        request,
        "results/value_return.html",
        {"partnership": partnership, "value": value, "form": form},
        status=status,
    )


@login_required
def value_evidence(request, code, pk):
    partnership = get_partnership(request.user, code, "results.view_results")
    value = _value(partnership, pk)
    return file_response(
        value.evidence,
        value.evidence.name.rsplit("/", 1)[-1],
        value.evidence_content_type or "application/octet-stream",
    )


def _approvable(user, partnership, proposal) -> list:
    """The confirmed partners this user may approve the live version for and that have not
    yet: one button each, naming the organisation."""
    if proposal is None:
        return []
    partners = list(
        partnership.confirmed_partners()
        .filter(organisation_id__in=user.organisation_ids())
        .exclude(pk__in=proposal.approvals.values("partner_id"))
    )
    for partner in partners:
        partner.partnership = partnership
    return [p for p in partners if user.has_perm("results.approve_framework_for", p)]


@login_required
def agreement(request, code):
    partnership = get_partnership(request.user, code, "results.view_results")
    if request.method == "POST":
        require_perm(request.user, "results.manage_results", partnership)
        try:
            proposal = services.propose_framework(partnership=partnership, proposed_by=request.user)
        except services.FlowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Version %(version)d proposed; every confirmed partner now approves it.")
                % {"version": proposal.version},
            )
        return redirect("results:agreement", code=partnership.code)
    status = services.agreement_status(partnership)
    history = partnership.framework_proposals.select_related("proposed_by").prefetch_related(
        "approvals__partner__organisation", "approvals__approved_by"
    )
    page = paginate(request, history, per_page=10)
    return render(
        request,
        "results/agreement.html",
        {
            "partnership": partnership,
            "status": status,
            "page": page,
            "proposals": page.object_list,
            "can_manage": request.user.has_perm("results.manage_results", partnership),
            "can_approve": request.user.has_perm("results.approve_framework", partnership),
            "approvable": _approvable(request.user, partnership, status["proposal"]),
        },
    )


@login_required
@require_POST
def agreement_approve(request, code):
    """Approve the live version for one organisation, named in the request: a user of two
    partner organisations approves for each separately."""
    partnership = get_partnership(request.user, code, "results.approve_framework")
    proposal = services.live_proposal(partnership)
    if proposal is None:
        messages.error(request, _("No indicator set has been proposed yet."))
        return redirect("results:agreement", code=partnership.code)
    back = reverse("results:agreement", args=[partnership.code])
    partner_id = request.POST.get("partner", "")
    partner = (
        partnership.confirmed_partners().filter(pk=int(partner_id)).first()
        if partner_id.isdigit() and len(partner_id) < 10
        else None
    )
    if partner is None:
        return refused(request, str(CHOOSE_ORGANISATION), back, status=400)
    partner.partnership = partnership
    if not request.user.has_perm("results.approve_framework_for", partner):
        return refused(request, str(NOT_YOUR_ORGANISATION), back, status=403)
    try:
        services.approve_framework(proposal=proposal, partner=partner, approved_by=request.user)
    except services.FlowError as error:
        return refused(request, str(error), back)
    messages.success(
        request,
        _("The approval of the indicator set for %(organisation)s has been recorded.")
        % {"organisation": partner.organisation.name},
    )
    return redirect("results:agreement", code=partnership.code)


@login_required
def dimensions(request, code):
    partnership = get_partnership(request.user, code, "results.view_results")
    form = DimensionForm(request.POST or None, partnership=partnership)
    if request.method == "POST":
        require_perm(request.user, "results.manage_results", partnership)
        if form.is_valid():
            with transaction.atomic():
                dimension = Dimension.objects.create(
                    partnership=partnership, name=form.cleaned_data["name"]
                )
                DimensionCategory.objects.bulk_create(
                    DimensionCategory(dimension=dimension, name=name, order=n)
                    for n, name in enumerate(form.cleaned_data["categories"])
                )
            messages.success(request, _("Disaggregation added."))
            return redirect("results:dimensions", code=partnership.code)
    return render(
        request,
        "results/dimensions.html",
        {
            "partnership": partnership,
            "form": form,
            "dimensions": Dimension.objects.filter(partnership=partnership).prefetch_related(
                "categories"
            ),
            "can_manage": request.user.has_perm("results.manage_results", partnership),
        },
    )


@login_required
def beneficiaries(request, code):
    partnership = get_partnership(request.user, code, "results.view_results")
    groups = BeneficiaryGroup.objects.filter(partnership=partnership).prefetch_related(
        "counts__category__dimension"
    )
    page = paginate(request, groups)
    return fragment_or_page(
        request,
        "results/beneficiaries.html",
        {
            "partnership": partnership,
            "page": page,
            "groups": page.object_list,
            "totals": groups.aggregate(planned=Sum("planned"), reached=Sum("reached")),
            "can_manage": request.user.has_perm("results.manage_results", partnership),
        },
    )


@login_required
def beneficiary_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, "results.manage_results")
    group = get_record(partnership, BeneficiaryGroup.objects, pk=pk) if pk else None
    categories = DimensionCategory.objects.filter(
        dimension__partnership=partnership
    ).select_related("dimension")
    form = BeneficiaryGroupForm(request.POST or None, instance=group, categories=categories)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            group = form.save(commit=False)
            group.partnership = partnership
            group.save()
            for category, planned, reached in form.category_counts():
                if planned is None and reached is None:
                    BeneficiaryCount.objects.filter(group=group, category=category).delete()
                    continue
                BeneficiaryCount.objects.update_or_create(
                    group=group,
                    category=category,
                    defaults={"planned": planned or 0, "reached": reached or 0},
                )
        messages.success(request, _("Beneficiary group saved."))
        return redirect(reverse("results:beneficiaries", args=[partnership.code]))
    return render(
        request,
        "results/form.html",
        {"partnership": partnership, "form": form, "title": _("Beneficiary group")},
    )
