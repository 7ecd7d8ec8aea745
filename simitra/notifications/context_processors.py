from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread(request):
    """The bell's count, counted only when a page shows it (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "notifications_unread": SimpleLazyObject(
            lambda: Notification.objects.shown_to(user).unread().count()
        )
    }
