from django.conf import settings


def site(request):
    return {"SIMITRA_DEMO_LOGIN": settings.DEMO_LOGIN_ALLOWED, "DEBUG_MODE": settings.DEBUG}
