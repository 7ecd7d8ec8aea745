"""Answers shared by every app's pages."""

from django.shortcuts import render


def refused(request, message: str, back_url: str, *, status: int = 409):
    """A step that could not be taken, answered honestly: the status says so (409 when the
    record's state does not allow it, for instance because another request changed it first),
    and the page says why and leads back to where the user came from."""
    return render(
        request, "refused.html", {"message": message, "back_url": back_url}, status=status
    )
