from django.utils.functional import SimpleLazyObject

from .panels import nav_for, nav_items


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "nav_items": nav_items(bool(user and user.is_authenticated)),
        # The bar's entries with their menus, worked out when a page shows the bar.
        "nav_entries": SimpleLazyObject(lambda: nav_for(user)),
    }
