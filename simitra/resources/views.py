from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.lib.uploads import file_response
from simitra.lib.views import edit_conflict
from simitra.partnerships.access import attach_partnership, get_partnership, get_record

from . import services
from .forms import CancelForm, DeliveryForm, PledgeFilterForm, PledgeForm
from .models import CATEGORY_SHORT, Category, Delivery, Pledge, delivered_totals
from .participation import participation_sources
from .selectors import balance_chart, partner_label, partnership_balance


def _balance_context(partnership) -> dict:
    balance = partnership_balance(partnership)
    partners = {p.pk: p for p in partnership.confirmed_partners()}
    labels = {pk: partner_label(partner) for pk, partner in partners.items()}
    titles = {
        "pledged": _("Pledged (%(currency)s million)") % {"currency": partnership.currency},
        "delivered": _("Delivered (%(currency)s million)") % {"currency": partnership.currency},
    }
    sources = participation_sources()
    rows = [
        {
            "partner": row,
            "label": labels.get(row.partner_id, row.name),
            "counts": [row.participation.get(source.key, 0) for source in sources],
            "categories": [
                (CATEGORY_SHORT[Category(value)], value in row.categories)
                for value in Category.values
            ],
            "value_share": row.shares.get("pledged"),
        }
        for row in balance.partners
    ]
    return {
        "balance": balance,
        "rows": rows,
        "chart": balance_chart(balance, labels, titles),
        "sources": sources,
        "index_percent": round(balance.index * 100),
    }


def _pledging_partners(user, partnership):
    """The partners this user may record contributions for."""
    partners = partnership.confirmed_partners()
    if user.has_perm("partnerships.change_partnership", partnership):
        return partners
    return partners.filter(organisation_id__in=user.organisation_ids())


def _get_pledge(partnership, pledge_id) -> Pledge:
    return get_record(
        partnership,
        Pledge.objects.select_related("partner__organisation", "paid_to__organisation"),
        pk=pledge_id,
    )


@login_required
def contributions(request, code):
    """The balance (chart and table) and every pledge; the phase tab loads the panel part."""
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    context = {"partnership": partnership, **_balance_context(partnership)}
    if request.htmx:
        return render(request, "resources/contributions.html#balance-panel", context)
    form = PledgeFilterForm(request.GET or None, partnership=partnership)
    pledges = (
        Pledge.objects.filter(partnership=partnership)
        .with_delivered()
        .select_related("partner__organisation")
        .order_by("partner__organisation__name", "category", "pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["partner"]:
            pledges = pledges.filter(partner=data["partner"])
        if data["category"]:
            pledges = pledges.filter(category=data["category"])
        if data["status"]:
            pledges = pledges.filter(status=data["status"])
    page = paginate(request, pledges)
    for pledge in page.object_list:
        attach_partnership(pledge, partnership)
    context.update({"form": form, "page": page, "pledges": page.object_list})
    return render(request, "resources/contributions.html", context)


@login_required
def pledge_create(request, code):
    partnership = get_partnership(request.user, code, "resources.add_pledge")
    partners = _pledging_partners(request.user, partnership)
    form = PledgeForm(request.POST or None, partnership=partnership, partners=partners)
    if request.method == "POST" and form.is_valid():
        pledge = form.save(commit=False)
        pledge.partnership = partnership
        services.save_pledge(pledge=pledge, saved_by=request.user)
        messages.success(request, _("Contribution recorded."))
        return redirect(pledge)
    return render(request, "resources/pledge_form.html", {"partnership": partnership, "form": form})


@login_required
def pledge_detail(request, code, pledge_id):
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    pledge = _get_pledge(partnership, pledge_id)
    deliveries = paginate(request, pledge.deliveries.select_related("recorded_by"))
    for delivery in deliveries.object_list:
        delivery.pledge = pledge
    amount, quantity, _count = delivered_totals(pledge)
    return render(
        request,
        "resources/pledge_detail.html",
        {
            "partnership": partnership,
            "pledge": pledge,
            "page": deliveries,
            "deliveries": deliveries.object_list,
            "delivered_amount": amount,
            "delivered_quantity": quantity,
            "cancel_form": CancelForm(),
        },
    )


@login_required
def pledge_edit(request, code, pledge_id):
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    pledge = _get_pledge(partnership, pledge_id)
    require_perm(request.user, "resources.change_pledge", pledge)
    partners = _pledging_partners(request.user, partnership)
    form = PledgeForm(
        request.POST or None, instance=pledge, partnership=partnership, partners=partners
    )
    context = {"partnership": partnership, "form": form, "pledge": pledge}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "resources/pledge_form.html", context):
                return conflict
            services.save_pledge(pledge=form.save(commit=False), saved_by=request.user)
        messages.success(request, _("Contribution saved."))
        return redirect(pledge)
    return render(request, "resources/pledge_form.html", context)


@login_required
@require_POST
def pledge_cancel(request, code, pledge_id):
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    pledge = _get_pledge(partnership, pledge_id)
    require_perm(request.user, "resources.change_pledge", pledge)
    form = CancelForm(request.POST)
    if form.is_valid():
        services.cancel_pledge(pledge=pledge, reason=form.cleaned_data["reason"])
        messages.success(request, _("Contribution cancelled; the reason has been kept."))
    else:
        messages.error(request, _("Say why the contribution is cancelled."))
    return redirect(pledge)


@login_required
@require_POST
def pledge_reopen(request, code, pledge_id):
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    pledge = _get_pledge(partnership, pledge_id)
    require_perm(request.user, "resources.change_pledge", pledge)
    services.reopen_pledge(pledge=pledge)
    messages.success(request, _("Contribution reopened."))
    return redirect(pledge)


@login_required
@require_POST
def pledge_delete(request, code, pledge_id):
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    pledge = _get_pledge(partnership, pledge_id)
    require_perm(request.user, "resources.change_pledge", pledge)
    try:
        services.delete_pledge(pledge=pledge)
    except services.PledgeError as error:
        messages.error(request, str(error))
        return redirect(pledge)
    messages.success(request, _("Contribution deleted."))
    return redirect("resources:contributions", code=partnership.code)


@login_required
def delivery_create(request, code, pledge_id):
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    pledge = _get_pledge(partnership, pledge_id)
    require_perm(request.user, "resources.add_delivery", pledge)
    form = DeliveryForm(request.POST or None, request.FILES or None, pledge=pledge)
    status = 200
    if request.method == "POST" and form.is_valid():
        delivery = form.save(commit=False)
        delivery.pledge = pledge
        try:
            services.record_delivery(delivery=delivery, recorded_by=request.user)
        except services.PledgeError as error:
            form.add_error(None, str(error))
            status = 409
        else:
            messages.success(request, _("Delivery recorded."))
            return redirect(pledge)
    return render(
        request,
        "resources/delivery_form.html",
        {"partnership": partnership, "pledge": pledge, "form": form},
        status=status,
    )


def _get_delivery(partnership, delivery_id) -> Delivery:
    delivery = get_record(
        partnership,
        Delivery.objects.select_related("pledge__partner"),
        path="pledge__partnership",
        pk=delivery_id,
    )
    return delivery


@login_required
@require_POST
def delivery_delete(request, code, delivery_id):
    partnership = get_partnership(request.user, code, "resources.view_pledges")
    delivery = _get_delivery(partnership, delivery_id)
    require_perm(request.user, "resources.change_delivery", delivery)
    pledge = delivery.pledge
    services.delete_delivery(delivery=delivery)
    messages.success(request, _("Delivery deleted."))
    return redirect(pledge)


@login_required
def delivery_evidence(request, code, delivery_id):
    partnership = get_partnership(request.user, code, "resources.view_evidence")
    delivery = _get_delivery(partnership, delivery_id)
    return file_response(delivery.evidence_file, delivery.evidence_name or "evidence")
