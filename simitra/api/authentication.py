from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`; like the log-in page, it refuses demo accounts on a
    production server."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if getattr(user, "is_demo", False) and not settings.DEMO_LOGIN_ALLOWED:
            raise exceptions.AuthenticationFailed(_("Demo accounts cannot use the API here."))
        return user, token
