"""`reusable_page`: a signed-in page rendered once and served again until the data changes.

A kept page is named by everything it is built from that is not in the database — the view,
the address with its query, the htmx headers, the user, the language, the time zone, today's
date and the release — and by the data generation read before it was built
(`generation.current`): any write since then, by any process, names a new page. The user's
CSRF token is not kept: the page is rendered with a placeholder (`csrf_placeholder`, a context
processor) that every answer replaces with the token of the request it answers.

Not kept: anything but a 200 from GET or HEAD, a page with messages to show, a page whose view
set a header, a cookie or the session, or put a real CSRF token in it.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from . import generation

CACHE = "pages"
HTMX_HEADERS = ("HX-Request", "HX-Boosted", "HX-Target", "HX-Trigger", "HX-History-Restore-Request")


@functools.cache
def placeholder() -> str:
    """What stands for the CSRF token in a kept page: made from the secret key, so no text a
    user types can be taken for it."""
    return "kept-" + salted_hmac("simitra.pagecache", "csrf placeholder").hexdigest()[:40]


def csrf_placeholder(request):
    """Context processor: the placeholder instead of the CSRF token in a page being kept."""
    return {"csrf_token": placeholder()} if getattr(request, "_keeping_page", False) else {}


def reusable_page(view):
    @functools.wraps(view)
    def kept_view(request, *args, **kwargs):
        seconds = settings.SIMITRA_PAGE_SECONDS
        numbers = generation.current(connection) if _may_keep(request, seconds) else None
        if numbers is None:
            return view(request, *args, **kwargs)
        key = page_key(request, view, numbers)
        kept = caches[CACHE].get(key)
        if kept is not None:
            content_type, content = kept
            return HttpResponse(_with_token(request, content), content_type=content_type)
        token_given = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        session_changed = _session_modified(request)
        request._keeping_page = True
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        finally:
            request._keeping_page = False
        if response.streaming:
            return response
        if (
            response.status_code == 200
            and not response.cookies
            and {name.lower() for name in response.headers} <= {"content-type"}
            and _session_modified(request) == session_changed
            and request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) == token_given
        ):
            caches[CACHE].set(key, (response["Content-Type"], response.content), seconds)
        response.content = _with_token(request, response.content)
        return response

    return kept_view


def page_key(request, view, numbers) -> str:
    parts = (
        settings.SIMITRA_RELEASE,
        view.__module__,
        view.__qualname__,
        request.method,
        request.get_full_path(),
        *(request.headers.get(name, "") for name in HTMX_HEADERS),
        request.user.pk,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        *numbers,
    )
    return "page:" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _may_keep(request, seconds) -> bool:
    if seconds <= 0 or request.method not in ("GET", "HEAD"):
        return False
    messages = getattr(request, "_messages", None)
    return messages is None or len(messages) == 0


def _session_modified(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.modified)


def _with_token(request, content: bytes) -> bytes:
    kept = placeholder().encode()
    if kept not in content:
        return content
    return content.replace(kept, get_token(request).encode())
