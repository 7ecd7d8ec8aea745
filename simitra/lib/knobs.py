"""Per-deployment numeric knobs: a Django setting of the name, failing that an environment
variable of the same name, failing that the default (the health check's and the early warning's
thresholds are read this way)."""

import os
from decimal import InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def number_setting(name: str, default, kind):
    """The setting `name` converted with `kind` (int, float, Decimal …), else `default`; a value
    that is not a number stops start-up with the setting's name in the message."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or None
    if value is None:
        return default
    try:
        return kind(value)
    except (TypeError, ValueError, InvalidOperation) as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from error
