from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate

from . import services
from .forms import PreferencesForm
from .models import Notification

CHANGE = "notifications.change_notification"


def _own(request, pk) -> Notification:
    """One of the user's notifications they may still see (404 otherwise)."""
    notification = get_object_or_404(Notification.objects.shown_to(request.user), pk=pk)
    require_perm(request.user, CHANGE, notification)
    return notification


def _back(request):
    """Back to the list, on the page (and filter) the user was on."""
    query = {}
    if request.POST.get("page", "").isdigit():
        query["page"] = request.POST["page"]
    if request.POST.get("unread") == "1":
        query["unread"] = "1"
    url = reverse("notifications:list")
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    notifications = Notification.objects.shown_to(request.user).select_related(
        "partnership", "organisation"
    )
    if unread_only:
        notifications = notifications.unread()
    page = paginate(request, notifications.order_by("-created_at", "-pk"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only},
    )


@require_POST
@login_required
def mark_read(request, pk):
    services.mark_read(notification=_own(request, pk))
    return _back(request)


@require_POST
@login_required
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@require_POST
@login_required
def open_notification(request, pk):
    """Follow a notification's link; it counts as read."""
    notification = _own(request, pk)
    services.mark_read(notification=notification)
    fallback = (
        notification.partnership.get_absolute_url()
        if notification.partnership_id
        else reverse("notifications:list")
    )
    target = notification.url or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, current=services.preferences(request.user))
    if request.method == "POST" and form.is_valid():
        services.save_preferences(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
