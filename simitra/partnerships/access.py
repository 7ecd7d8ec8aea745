from django.shortcuts import get_object_or_404

from simitra.lib.access import require_perm

from .models import Partnership, prime_roles


def get_partnership(user, code: str, perm: str | None = None, queryset=None) -> Partnership:
    """The partnership with this code if the user may see it (404 otherwise, so a private
    partnership's existence never leaks), then 403 unless the user holds `perm` on it."""
    queryset = Partnership.objects.all() if queryset is None else queryset
    # The user's roles come with the row (one query for the access and the rules).
    partnership = get_object_or_404(queryset.visible_to(user).with_roles_of(user), code=code)
    partnership.prime_annotated_roles(user)
    if perm:
        require_perm(user, perm, partnership)
    return partnership


def attach_partnership(record, partnership: Partnership, path: str = "partnership"):
    """Set `partnership` on `record` along `path` ("partnership", "pledge__partnership", …),
    so the rules asked about the record share this instance's role cache."""
    *steps, last = path.split("__")
    target = record
    for step in steps:
        target = getattr(target, step)
    setattr(target, last, partnership)
    return record


def get_record(partnership: Partnership, queryset, *, path: str = "partnership", **lookup):
    """The record matching `lookup` within this partnership (404 otherwise), with the
    partnership instance set on it along `path` (e.g. "period__indicator__partnership").

    `queryset` is a model, a manager or a QuerySet; select the relations along `path` that lie
    between the record and its partnership, or walking the path queries them."""
    record = get_object_or_404(queryset, **{path: partnership}, **lookup)
    return attach_partnership(record, partnership, path)


def _cached_along(record, path: str):
    """What `path` leads to from `record` if every step is already loaded, else None."""
    target = record
    for step in path.split("__"):
        field = type(target)._meta.get_field(step)
        if not field.is_cached(target):
            return None
        target = getattr(target, step)
        if target is None:
            return None
    return target


def share_partnerships(user, records, path: str = "partnership") -> None:
    """Give the records of a list one partnership instance per partnership (along `path`,
    where it was selected with them) and fill its role cache for `user` in bulk, so the rules
    asked row by row query nothing more."""
    shared: dict[int, Partnership] = {}
    for record in records:
        partnership = _cached_along(record, path)
        if partnership is not None:
            attach_partnership(record, shared.setdefault(partnership.pk, partnership), path)
    prime_roles(user, shared.values())
