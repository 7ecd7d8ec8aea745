"""Per-deployment knobs of the reviews app.

Each has a default in the measure's module (`health.LOW_MEAN`, …) and may be overridden by a
Django setting of the same name or, failing that, an environment variable:

    SIMITRA_HEALTH_LOW_MEAN                 3.0  a mean below this is "low"
    SIMITRA_HEALTH_FALL                     0.5  a drop of at least this since the last round is "falling"
    SIMITRA_HEALTH_DIVERGENCE               1.5  partner means this far apart are "divergent"
    SIMITRA_HEALTH_MIN_ANONYMOUS_PARTNERS   3    fewer answering partners hide an anonymous round
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import health


def _setting(name: str, default, kind):
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or None
    if value is None:
        return default
    try:
        return kind(value)
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from error


def health_thresholds() -> health.Thresholds:
    return health.Thresholds(
        low_mean=_setting("SIMITRA_HEALTH_LOW_MEAN", health.LOW_MEAN, float),
        fall=_setting("SIMITRA_HEALTH_FALL", health.FALL, float),
        divergence=_setting("SIMITRA_HEALTH_DIVERGENCE", health.DIVERGENCE, float),
        min_anonymous_partners=_setting(
            "SIMITRA_HEALTH_MIN_ANONYMOUS_PARTNERS", health.MIN_ANONYMOUS_PARTNERS, int
        ),
    )
