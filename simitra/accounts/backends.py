from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .sso import required_provider


class SimitraModelBackend(ModelBackend):
    """Username/password log-in that refuses demo accounts on production servers, and members
    whose organisation requires single sign-on (`accounts.sso`)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and required_provider(user, request) is not None:
            return None
        return user

    def user_can_authenticate(self, user) -> bool:
        # Also asked when a session loads its user: refuse only what no session may have.
        if getattr(user, "is_demo", False) and not settings.DEMO_LOGIN_ALLOWED:
            return False
        return super().user_can_authenticate(user)
