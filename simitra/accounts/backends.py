from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class SimitraModelBackend(ModelBackend):
    """Username/password log-in that refuses demo accounts on production servers."""

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_LOGIN_ALLOWED:
            return False
        return super().user_can_authenticate(user)
