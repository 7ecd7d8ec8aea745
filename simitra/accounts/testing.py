"""Test helpers of the accounts app (used by the tests of every app)."""

import datetime

from django.utils import timezone

from .models import ApiToken


def issue_token(user, *, scope: str = ApiToken.Scope.READ_WRITE, days: int = 30, name="test"):
    """A personal API token for `user`; returns its key."""
    _token, key = ApiToken.objects.issue(
        user=user,
        name=name,
        scope=scope,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return key
