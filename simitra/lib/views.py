"""Answers shared by every app's pages."""

from django.shortcuts import render


def refused(request, message: str, back_url: str, *, status: int = 409):
    """A step that could not be taken, answered honestly: the status says so (409 when the
    record's state does not allow it, for instance because another request changed it first),
    and the page says why and leads back to where the user came from."""
    return render(
        request, "refused.html", {"message": message, "back_url": back_url}, status=status
    )


def edit_conflict(request, form, template: str, context: dict):
    """The version check of every edit page: reads the form's record under its row lock (so
    call it inside the `transaction.atomic()` that then saves) and, when someone saved it
    after the user opened the form (`SeenVersionMixin`), answers 409 with the page, both
    versions of each field that differs (`includes/edit_conflict.html`) and the form, which
    now carries the stored version; nothing is written. Otherwise it answers None and the view
    saves, the row still locked, so that two saves from one version cannot both pass.

        with transaction.atomic():
            if conflict := edit_conflict(request, form, "app/form.html", context):
                return conflict
            ...save...
    """
    record = form.instance
    if record.pk is None or not hasattr(form, "changed_since_seen"):
        return None  # a new record (nobody else can have saved it), or a form without version
    stored = type(record)._base_manager.select_for_update().get(pk=record.pk)
    if not form.changed_since_seen(stored):
        return None
    differences = form.differences(stored)
    form.take_stored_version(stored)
    context = {**context, "form": form, "conflict": {"differences": differences}}
    return render(request, template, context, status=409)
