from django.shortcuts import get_object_or_404

from simitra.lib.access import require_perm

from .models import Partnership


def get_partnership(user, code: str, perm: str | None = None, queryset=None) -> Partnership:
    """The partnership with this code if the user may see it (404 otherwise, so a private
    partnership's existence never leaks), then 403 unless the user holds `perm` on it."""
    queryset = Partnership.objects.all() if queryset is None else queryset
    partnership = get_object_or_404(queryset.visible_to(user), code=code)
    if perm:
        require_perm(user, perm, partnership)
    return partnership
