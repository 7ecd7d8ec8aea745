"""Per-deployment knobs of the health check.

Each has a default in the measure's module (`health.LOW_MEAN`, …) and may be overridden by a
Django setting of the same name or, failing that, an environment variable:

    SIMITRA_HEALTH_LOW_MEAN                 3.0  a mean below this is "low"
    SIMITRA_HEALTH_FALL                     0.5  a drop of at least this since the last round is "falling"
    SIMITRA_HEALTH_DIVERGENCE               1.5  partner means this far apart are "divergent"
    SIMITRA_HEALTH_MIN_ANONYMOUS_PARTNERS   3    fewer answering partners hide an anonymous round

The early warning's thresholds: `simitra/early_warning/conf.py`.
"""

from simitra.lib.knobs import number_setting

from . import health


def health_thresholds() -> health.Thresholds:
    return health.Thresholds(
        low_mean=number_setting("SIMITRA_HEALTH_LOW_MEAN", health.LOW_MEAN, float),
        fall=number_setting("SIMITRA_HEALTH_FALL", health.FALL, float),
        divergence=number_setting("SIMITRA_HEALTH_DIVERGENCE", health.DIVERGENCE, float),
        min_anonymous_partners=number_setting(
            "SIMITRA_HEALTH_MIN_ANONYMOUS_PARTNERS", health.MIN_ANONYMOUS_PARTNERS, int
        ),
    )
