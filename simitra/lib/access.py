"""The one way views check access: ask the rules layer, refuse with 403."""

from django.core.exceptions import PermissionDenied


def require_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied
