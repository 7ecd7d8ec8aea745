from allauth.mfa.models import Authenticator
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's and the cookie's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Indonesian unless the visitor chose otherwise: the language switcher's cookie (and, for
    a signed-in user, the profile, see `UserLanguageMiddleware`) decides, never the browser's
    Accept-Language header, so an anonymous visitor whose browser asks for English still sees
    Simitra in Bahasa Indonesia until they switch."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class AdminTwoFactorMiddleware:
    """A platform admin (staff or superuser) without an authenticator app is sent to set one
    up before anything else (SIMITRA_MFA_REQUIRED_FOR_ADMINS). Demo accounts on a server that
    allows them are spared: they log in with the demo password alone."""

    # What the set-up itself needs: its pages, the re-authentication it may ask, log-out,
    # the language switch and static files.
    ALLOWED_URL_NAMES = frozenset(
        {
            "mfa_activate_totp",
            "mfa_reauthenticate",
            "account_reauthenticate",
            "account_logout",
            "logout",
            "set_language",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS
            and user is not None
            and user.is_authenticated
            and (user.is_staff or user.is_superuser)
            and not (user.is_demo and settings.DEMO_LOGIN_ALLOWED)
            and not self._allowed(request)
            and not _has_totp(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _allowed(self, request) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in self.ALLOWED_URL_NAMES


def _has_totp(user) -> bool:
    return user.authenticator_set.filter(type=Authenticator.Type.TOTP).exists()
