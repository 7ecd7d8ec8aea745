"""Rate limits for anonymous and signed-in clients, read from settings at request time
(REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], set from SIMITRA_API_ANON_RATE / _USER_RATE)."""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _RuntimeRate:
    def get_rate(self):
        # DRF binds the rates at import time; reading them here lets settings change them.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_RuntimeRate, throttling.AnonRateThrottle):
    """Clients without valid credentials, counted per address (failed log-ins included)."""


class UserThrottle(_RuntimeRate, throttling.UserRateThrottle):
    """Signed-in clients, counted per user whatever address they come from."""
