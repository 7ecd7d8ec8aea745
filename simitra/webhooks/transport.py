"""The POST of one delivery, with the standard library's http.client (no HTTP library is a
dependency of the site, and http.client lets the connection go through `targets.connect`, which
checks the resolved address it connects to). Redirects are not followed: a receiver that moved
answers 3xx, which counts as a failed try."""

import http.client
import ssl
from urllib.parse import urlsplit

from .targets import connect

# What a failed exchange raises besides OSError (timeouts and refusals are OSErrors).
client_errors = (http.client.HTTPException,)


class _CheckedHTTPConnection(http.client.HTTPConnection):
    _create_connection = staticmethod(connect)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    _create_connection = staticmethod(connect)


def post(url: str, body: bytes, headers: dict, *, timeout: float) -> int:
    """POST `body` to `url`; the response's status code (its body is read and dropped)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    if parts.scheme == "https":
        connection = _CheckedHTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = _CheckedHTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return response.status
    finally:
        connection.close()
