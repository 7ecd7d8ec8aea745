from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.partnerships.access import attach_partnership, get_partnership, get_record

from . import services
from .forms import SubscriptionForm
from .models import Delivery, Subscription

VIEW = "webhooks.view_subscriptions"
ADD = "webhooks.add_subscription"
CHANGE = "webhooks.change_subscription"


def _subscription(request, partnership, pk) -> Subscription:
    """A subscription of this partnership the user may see (404 otherwise) and change."""
    subscription = get_record(
        partnership,
        Subscription.objects.of_partnership_for(partnership, request.user).select_related("owner"),
        pk=pk,
    )
    require_perm(request.user, CHANGE, subscription)
    return subscription


@login_required
def subscription_list(request, code):
    partnership = get_partnership(request.user, code)
    can_view = request.user.has_perm(VIEW, partnership)
    if request.GET.get("overview") == "1":
        # The partnership page's card: shown only to those who may subscribe.
        if not can_view:
            return HttpResponse("")
        count = Subscription.objects.of_partnership_for(partnership, request.user).count()
        return render(
            request, "webhooks/list.html#overview", {"partnership": partnership, "count": count}
        )
    require_perm(request.user, VIEW, partnership)
    subscriptions = (
        Subscription.objects.of_partnership_for(partnership, request.user)
        .select_related("owner")
        .annotate(
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            delivered=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.DELIVERED)),
        )
        .order_by("-created_at", "-pk")
    )
    page = paginate(request, subscriptions)
    for subscription in page.object_list:
        attach_partnership(subscription, partnership)
    return render(
        request,
        "webhooks/list.html",
        {"partnership": partnership, "page": page, "subscriptions": page.object_list},
    )


@login_required
def subscription_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, ADD)
    subscription = _subscription(request, partnership, pk) if pk else None
    form = SubscriptionForm(request.POST or None, instance=subscription)
    if request.method == "POST" and form.is_valid():
        if pk:
            form.save()
            messages.success(request, _("Subscription saved."))
            return redirect(subscription.get_absolute_url())
        subscription = services.create_subscription(
            subscription=form.save(commit=False), partnership=partnership, owner=request.user
        )
        # The secret is shown this once, on the page this request renders (never stored in
        # the session or a message, never shown again).
        return render(
            request,
            "webhooks/created.html",
            {"partnership": partnership, "subscription": subscription},
        )
    return render(
        request,
        "webhooks/form.html",
        {"partnership": partnership, "form": form, "subscription": subscription},
    )


@login_required
def subscription_detail(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    subscription = _subscription(request, partnership, pk)
    page = paginate(request, subscription.deliveries.select_related("resent_from"))
    return render(
        request,
        "webhooks/detail.html",
        {
            "partnership": partnership,
            "subscription": subscription,
            "page": page,
            "deliveries": page.object_list,
        },
    )


@login_required
@require_POST
def pause(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    subscription = _subscription(request, partnership, pk)
    services.pause_subscription(subscription=subscription)
    messages.success(request, _("Subscription paused: nothing is sent until it is resumed."))
    return redirect(subscription.get_absolute_url())


@login_required
@require_POST
def resume(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    subscription = _subscription(request, partnership, pk)
    services.resume_subscription(subscription=subscription)
    messages.success(request, _("Subscription resumed: new events are sent again."))
    return redirect(subscription.get_absolute_url())


@login_required
@require_POST
def delete(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    subscription = _subscription(request, partnership, pk)
    subscription.delete()
    messages.success(request, _("Subscription deleted."))
    return redirect("webhooks:list", code=partnership.code)


@login_required
@require_POST
def resend(request, code, pk, delivery):
    partnership = get_partnership(request.user, code, VIEW)
    subscription = _subscription(request, partnership, pk)
    past = get_object_or_404(subscription.deliveries, pk=delivery)
    try:
        services.resend(delivery=past)
    except services.ResendRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Sent again: the new delivery is at the top of the log."))
    return redirect(subscription.get_absolute_url())
