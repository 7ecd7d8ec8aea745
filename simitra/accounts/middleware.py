from django.conf import settings
from django.middleware.locale import LocaleMiddleware
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
