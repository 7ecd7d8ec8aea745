"""Which URLs a webhook may be sent to.

A target is an http(s) URL without a user name or password in it. Unless the deployment allows
it (`SIMITRA_WEBHOOK_ALLOW_PRIVATE`, on by default only with DEBUG), it must not reach the
machine itself or its networks: loopback, private, link-local, shared, multicast and reserved
addresses are refused — when the URL is saved (an address written in it, or what its name
resolves to) and again at every send, after the name is resolved, on the very address the
connection then uses (so a name that resolves differently later is caught too). A deployment
may also name the only hosts it sends to (`SIMITRA_WEBHOOK_ALLOWED_HOSTS`)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from . import conf

# Why a target is refused: stored with a failed delivery by key, said in the reader's language.
REASONS = {
    "invalid": _("This is not a valid URL."),
    "scheme": _("Only http:// and https:// addresses can receive webhooks."),
    "credentials": _(
        "Leave the user name and password out of the URL; the signature proves the sender."
    ),
    "no_host": _("The URL has no host."),
    "host_not_allowed": _("This site sends webhooks only to: %(hosts)s."),
    "private": _(
        "This address is inside a private or local network; this site does not send webhooks there."
    ),
}


def reason_message(reason: str) -> str:
    message = str(REASONS.get(reason, REASONS["invalid"]))
    if reason == "host_not_allowed":
        message = message % {"hosts": ", ".join(conf.allowed_hosts())}
    return message


class TargetRefused(ValueError):
    """The URL or the address it leads to is not allowed; `reason` is a key of REASONS, and
    str() says it in the active language."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)

    def __str__(self) -> str:
        return reason_message(self.reason)


def address_refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_url(url: str) -> None:
    """Refuse (TargetRefused) a URL that is not a plain http(s) address of an allowed host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise TargetRefused("invalid") from error
    if parts.scheme not in ("http", "https"):
        raise TargetRefused("scheme")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise TargetRefused("credentials")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise TargetRefused("no_host")
    allowed = conf.allowed_hosts()
    if allowed and not any(host == name or host.endswith(f".{name}") for name in allowed):
        raise TargetRefused("host_not_allowed")
    if port is not None and not 0 < port < 65536:
        raise TargetRefused("invalid")
    if conf.allow_private_targets():
        return
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None and address_refused(str(literal)):
        raise TargetRefused("private")
    if literal is None and (host == "localhost" or host.endswith(".localhost")):
        raise TargetRefused("private")


def check_resolved(url: str) -> None:
    """`check_url`, and the addresses the host resolves to now (used when a URL is saved)."""
    check_url(url)
    if conf.allow_private_targets():
        return
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except OSError:
        return  # not resolvable now; every send checks again
    if any(address_refused(info[4][0]) for info in infos):
        raise TargetRefused("private")


def connect(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """`socket.create_connection`, but on an address checked after resolving the name (and
    every address the name resolves to must be allowed)."""
    host, port = address
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not conf.allow_private_targets() and any(address_refused(i[4][0]) for i in infos):
        raise TargetRefused("private")
    error = None
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as failure:
            error = failure
            sock.close()
    raise error or OSError(f"cannot connect to {host}")
