"""What the scoping views share: panels that are a page too, and the add/edit/delete of the
simple records of one partnership."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from simitra.lib.views import edit_conflict


def render_panel(request, template: str, context: dict):
    """The partnership page loads a panel with htmx (the fragment); a browser opening the
    panel's link gets the whole page."""
    if request.htmx and not request.htmx.boosted:
        return render(request, f"{template}#panel", context)
    return render(request, template, context)


def edit_record(
    request,
    *,
    partnership,
    form_class,
    template: str,
    back: str,
    instance=None,
    title: str,
    saved: str,
    before_save=None,
    **form_kwargs,
):
    """GET: the form; POST: validate, save, go back to the list. Invalid input keeps what was
    typed and saves nothing; a versioned form saved after someone else saved the record is
    refused with both versions (`lib.views.edit_conflict`)."""
    form = form_class(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        partnership=partnership,
        **form_kwargs,
    )
    context = {
        "partnership": partnership,
        "form": form,
        "title": title,
        "back": back,
        "record": instance,
    }
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, template, context):
                return conflict
            record = form.save(commit=False)
            if before_save:
                before_save(record)
            record.save()
            form.save_m2m()
        messages.success(request, saved)
        return redirect(back)
    return render(request, template, context)


def delete_record(request, *, record, back: str, deleted: str | None = None):
    record.delete()
    messages.success(request, deleted or _("Deleted."))
    return redirect(back)
