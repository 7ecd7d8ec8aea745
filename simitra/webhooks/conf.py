"""The webhooks' per-deployment knobs (a Django setting of the name, else the environment):

SIMITRA_WEBHOOK_MAX_ATTEMPTS        6   tries of one delivery before it counts as failed
SIMITRA_WEBHOOK_RETRY_SECONDS      60   the first wait; each next one doubles (1, 2, 4 … min)
SIMITRA_WEBHOOK_PAUSE_AFTER        10   consecutive failed deliveries that pause a subscription
SIMITRA_WEBHOOK_TIMEOUT_SECONDS    10   connect and read timeout of one try
SIMITRA_WEBHOOK_ALLOW_PRIVATE      DEBUG   send to loopback, private, link-local, reserved
                                            addresses too (for testing; off in production)
SIMITRA_WEBHOOK_ALLOWED_HOSTS      ""   when set (comma-separated), only these host names
                                        and their subdomains are accepted as targets
"""

import os

from django.conf import settings

from simitra.lib.knobs import number_setting


def max_attempts() -> int:
    return max(1, number_setting("SIMITRA_WEBHOOK_MAX_ATTEMPTS", 6, int))


def retry_seconds() -> int:
    return max(1, number_setting("SIMITRA_WEBHOOK_RETRY_SECONDS", 60, int))


def pause_after() -> int:
    return max(1, number_setting("SIMITRA_WEBHOOK_PAUSE_AFTER", 10, int))


def timeout_seconds() -> float:
    return number_setting("SIMITRA_WEBHOOK_TIMEOUT_SECONDS", 10.0, float)


def allow_private_targets() -> bool:
    value = getattr(settings, "SIMITRA_WEBHOOK_ALLOW_PRIVATE", None)
    if value is None:
        env = os.environ.get("SIMITRA_WEBHOOK_ALLOW_PRIVATE", "")
        if not env:
            return bool(settings.DEBUG)
        return env.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def allowed_hosts() -> list[str]:
    value = getattr(settings, "SIMITRA_WEBHOOK_ALLOWED_HOSTS", None)
    if value is None:
        value = os.environ.get("SIMITRA_WEBHOOK_ALLOWED_HOSTS", "")
    if isinstance(value, str):
        value = value.split(",")
    return [host.strip().lower().rstrip(".") for host in value if host.strip()]
