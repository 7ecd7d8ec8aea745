from .panels import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    return {"nav_items": nav_items(bool(user and user.is_authenticated))}
